#!/usr/bin/env python3
"""Two commands for a fresh machine that has only Python 3.11+:

    python3 tasks.py run    # virtualenv, install, migrate, import the seed letters, serve
    python3 tasks.py test   # the whole test suite: SQLite, and PostgreSQL when DATABASE_URL names one
    python3 tasks.py test -m "not slow"   # without the load and fuzz tests (a few minutes less)

Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def sh(*args, env=None, check=True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=check).returncode


def ensure_venv(extras: str = "test") -> None:
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    wanted = f"{(ROOT / 'pyproject.toml').stat().st_mtime}:{extras}"
    if not STAMP.exists() or STAMP.read_text() != wanted:
        sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        # The project itself is not a package: this installs its dependencies only.
        sh(PYTHON, "-m", "pip", "install", "--quiet", f".[{extras}]" if extras else ".")
        STAMP.write_text(wanted)


def dev_env() -> dict:
    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    return env


def run() -> None:
    ensure_venv(extras="")
    env = dev_env()
    manage = [PYTHON, "manage.py"]
    sh(*manage, "migrate", "--noinput", env=env)
    sh(*manage, "load_reference", env=env)
    sh(*manage, "import_letters", "fixtures/seeds", env=env)
    sh(*manage, "ensure_dev_editor", env=env)
    port = os.environ.get("PORT", "8000")
    print(f"\nHet archief draait op http://127.0.0.1:{port}/  (beheer: http://127.0.0.1:{port}/beheer/)\n")
    sh(*manage, "runserver", f"127.0.0.1:{port}", env=env)


def browser_available() -> bool:
    return bool(shutil.which("chromium") or Path("/usr/bin/chromium").exists())


def test(pytest_args: list[str]) -> None:
    ensure_venv()
    # The tests configure themselves (archive/settings_test.py, chosen in pyproject.toml).
    env = dict(os.environ)
    if not browser_available():
        print(
            "LET OP: Chromium ontbreekt; de browsertests worden overgeslagen. "
            "Installeer het met: apt-get install chromium chromium-driver",
            flush=True,
        )
    pytest = [PYTHON, "-m", "pytest", *pytest_args]
    database_url = os.environ.get("DATABASE_URL", "")
    failures = 0
    sqlite_env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
    print("\n=== Tests op SQLite ===", flush=True)
    failures += sh(*pytest, env=sqlite_env, check=False) != 0
    if database_url.startswith(("postgres://", "postgresql://")):
        print("\n=== Tests op PostgreSQL ===", flush=True)
        failures += sh(*pytest, env=env, check=False) != 0
    else:
        print("(DATABASE_URL noemt geen PostgreSQL-database: alleen SQLite getest.)")
    sys.exit(1 if failures else 0)


def main() -> None:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "run":
        run()
    elif command == "test":
        test(rest)
    else:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)


if __name__ == "__main__":
    main()
