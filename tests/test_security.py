import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from letters.permissions import EDITORS_GROUP
from tests.environments import production_env

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_reports_nothing_in_production_mode():
    env = production_env(DEBUG="0", SECRET_KEY="k" * 30 + "Z9!x" * 10, ALLOWED_HOSTS="kamerbrieven.example")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_failed_logins_are_rate_limited_with_a_clear_message(client, django_user_model):
    user = django_user_model.objects.create_user(username="anna", password="juist-wachtwoord-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "anna", "password": "fout"})
    response = client.post(url, {"username": "anna", "password": "juist-wachtwoord-1"})
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
