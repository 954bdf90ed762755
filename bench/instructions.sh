#!/usr/bin/env bash
# Instructions per request of the app's Python (not the database server), counted by
# callgrind: unlike milliseconds, the same from run to run on a noisy virtual machine,
# so a change to the Python side of a page can be compared on one run each.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_100k bench/instructions.sh URL [N]
#
# Runs the page WARMUP+N and WARMUP+0 times and divides the difference by N (default 5).
# About a minute per page at 100 000 letters (valgrind runs Python ~50× slower).
set -euo pipefail
cd "$(dirname "$0")/.."
URL="${1:?usage: bench/instructions.sh URL [N]}"
N="${2:-5}"
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
export DJANGO_SETTINGS_MODULE=archive.settings_bench DEBUG=0 PAGE_CACHE_ENABLED=0 ALLOWED_HOSTS=testserver
export SECRET_KEY="${SECRET_KEY:-benchmark-only-not-secret}"
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }

count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python bench/instructions.py "$URL" "$1" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
with=$(count "$N")
without=$(count 0)
echo "$URL: $(( (with - without) / N / 1000000 )) million instructions per request"
