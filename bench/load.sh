#!/usr/bin/env bash
# Load run: gunicorn (2 workers) on PostgreSQL, wrk from a second process over loopback.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_100k bench/load.sh [seconds] [mix]
#
# mix: "letters" (letter pages only, the 150 req/s target) or "mixed" (search, facets,
# letter, cited-Kamerstuk, mission and budget pages). Only 127.0.0.1 is ever targeted.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-60}"
MIX="${2:-mixed}"
PORT="${BENCH_PORT:-8077}"
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
export DJANGO_SETTINGS_MODULE=archive.settings_bench DEBUG=0 SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="${SECRET_KEY:-benchmark-only-not-secret}"

mkdir -p var/bench
URLS_FILE="$(mktemp)"
trap 'rm -f "$URLS_FILE"' EXIT
# The URLs come from the data: the same choice as `manage.py benchmark`.
.venv/bin/python manage.py shell --no-imports -c "
from devtools.management.commands.benchmark import choose_pages
from letters.models import Letter
pages = choose_pages()
if '$MIX' == 'letters':
    for letter in Letter.objects.select_related('dossier').order_by('?')[:200]:
        print(letter.get_absolute_url())
else:
    for page, label, urls in pages:
        for url in urls:
            print(url)
" > "$URLS_FILE"
echo "URLs ($MIX): $(wc -l < "$URLS_FILE")"

.venv/bin/gunicorn archive.wsgi:application --workers 2 --bind "127.0.0.1:$PORT" \
  --access-logfile /dev/null --error-logfile var/bench/gunicorn.log --daemon --pid var/bench/gunicorn.pid
trap 'kill "$(cat var/bench/gunicorn.pid)" 2>/dev/null || true; rm -f "$URLS_FILE"' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done

# Warm-up, then the measured run.
BENCH_URLS_FILE="$URLS_FILE" wrk -t2 -c8 -d5s -s bench/mixed.lua "http://127.0.0.1:$PORT" > /dev/null
BENCH_URLS_FILE="$URLS_FILE" wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/mixed.lua "http://127.0.0.1:$PORT"
