"""Schemathesis against /api/openapi.json, in process through the WSGI application,
on the seeded archive: for every operation, generated requests (valid and invalid)
and the document's examples. It must find no failure: no 500, no status code,
header or body that the document does not describe, no invalid input accepted and
no valid input refused."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from archive.wsgi import application
from letters.models import Letter, Mission
from tests.factories import make_letter, make_recommendation
from tests.page_helpers import cite

pytestmark = pytest.mark.slow  # generated requests against every operation

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def archive(seeded, settings):
    settings.API_RATE_LIMIT = 0  # generated requests come fast; the 429 has its own tests
    cache.clear()
    # What Django's test client does too: the real handler would close the test's
    # database connection (inside its transaction) after every request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    # A letter citing a seed letter, and a recommendation with a response and missions,
    # so that resolved citations and every field appear in the responses.
    citing = make_letter(number=99, title="Verwijzende brief", body="Zie Kamerstuk 33 694, nr. 9.")
    cite(citing, "Kamerstuk 33 694, nr. 9", "33694", 9)
    recommendation = make_recommendation(
        Letter.objects.get(dossier__number="33694", number=9), "9", response="partly"
    )
    recommendation.missions.add(Mission.objects.get(slug="minusma"))
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_matches_its_openapi_document(case, archive):
    case.call_and_validate()
