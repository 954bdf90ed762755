"""Settings refuse to start in production mode without what production needs."""

import subprocess
import sys
from pathlib import Path

from tests.environments import production_env

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=production_env(**env), capture_output=True, text=True
    )


def run_check(**env):
    return manage("check", **env)


def test_production_without_secret_key_refuses_to_start():
    result = run_check(DEBUG="0", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is empty" in result.stderr


def test_production_with_both_starts():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


def test_development_mode_has_a_default_key():
    assert run_check(DEBUG="1").returncode == 0


def test_the_developer_tools_are_installed_in_development_only():
    production = run_check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert production.returncode == 0, production.stderr
    assert "generate_corpus" not in manage("help", DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="e.org").stdout
    assert "generate_corpus" in manage("help", DEBUG="1").stdout


def test_importing_the_settings_creates_nothing_and_the_database_makes_its_folder(tmp_path):
    folder = tmp_path / "nog-niet"
    url = f"sqlite:///{folder}/archief.sqlite3"
    assert manage("check", DEBUG="1", DATABASE_URL=url).returncode == 0
    assert not folder.exists()
    result = manage("migrate", "-v0", DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert (folder / "archief.sqlite3").exists()
