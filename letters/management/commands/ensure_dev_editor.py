"""Create the local development login the README promises (DEBUG only)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from letters.permissions import EDITORS_GROUP

USERNAME = "redacteur"
PASSWORD = "redacteur-lokaal"


class Command(BaseCommand):
    help = "Maakt lokaal (alleen met DEBUG aan) de gebruiker 'redacteur' aan als die nog niet bestaat."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Alleen voor lokale ontwikkeling (DEBUG=1). Maak in productie een account met "
                "'manage.py createsuperuser' en zet het in de groep Redacteuren."
            )
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        self.stdout.write(
            f"Inloggen op {reverse('admin:index')} als '{USERNAME}' met wachtwoord '{PASSWORD}' (alleen lokaal)."
        )
