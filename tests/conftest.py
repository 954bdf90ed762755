import pytest


@pytest.fixture
def editor(db, django_user_model):
    """A staff user in the editors group, as the README tells a newcomer to create."""
    from django.contrib.auth.models import Group

    from letters.permissions import EDITORS_GROUP

    user = django_user_model.objects.create_user(
        username="redacteur", password="geheim-wachtwoord-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def seeded(db):
    """The five seed letters, imported through the real import path."""
    from tests.factories import import_seed_letters

    return import_seed_letters()
