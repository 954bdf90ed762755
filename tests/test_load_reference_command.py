import pytest
from django.core.management import call_command

from letters.models import Mission, MissionAlias

pytestmark = pytest.mark.django_db


def test_load_reference_restores_missions_and_drops_stale_aliases(capsys):
    minusma = Mission.objects.get(slug="minusma")
    MissionAlias.objects.create(mission=minusma, alias="verouderde alias")
    Mission.objects.filter(slug="minusma").update(region="verkeerd")
    call_command("load_reference")
    minusma.refresh_from_db()
    assert minusma.region == "Sahel"
    assert not MissionAlias.objects.filter(alias="verouderde alias").exists()
    assert "Referentiegegevens bijgewerkt" in capsys.readouterr().out
    before = MissionAlias.objects.count()
    call_command("load_reference")
    assert MissionAlias.objects.count() == before
