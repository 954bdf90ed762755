"""Requests one page WARMUP + N times in-process (Django's test Client), for
``bench/instructions.sh`` to count the instructions under callgrind."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

WARMUP = 3  # imports, templates and the database connection settle in these

url, requests = sys.argv[1], int(sys.argv[2])
client = Client()
for _ in range(WARMUP + requests):
    status = client.get(url, secure=True).status_code
    if status != 200:
        sys.exit(f"{url} answered {status}")
