"""Schemathesis against /api/openapi.json, in process, on the seeded archive: every
operation, generated requests (valid and invalid), no 500s and no response that
differs from the document."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from archive.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def archive(db, settings):
    settings.API_RATE_LIMIT = 0  # generated requests come fast; 429 is tested elsewhere
    cache.clear()
    # As Django's test client does: the real WSGI handler would close the test's
    # connection (inside its transaction) after every request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    from tests.test_api_letters import Archive

    yield Archive()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_openapi_document(case, archive):
    case.call_and_validate()
