"""Settings for benchmarks and load runs: production settings (``DEBUG=0`` and the
rest from the environment, as in README "Configuration") with the developer tools
installed (``manage.py benchmark``, ``generate_corpus``) and plain static files, so
no ``collectstatic`` is needed first. Used as
``DJANGO_SETTINGS_MODULE=archive.settings_bench`` by bench/*.sh, bench/*.py and
the commands in docs/performance.md."""

from archive.settings import *  # noqa: F403
from archive.settings import INSTALLED_APPS, STORAGES

if "devtools" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
