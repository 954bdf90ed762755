"""gunicorn settings, read automatically by `gunicorn archive.wsgi`. Each can be
overridden from the environment (GUNICORN_WORKERS, GUNICORN_TIMEOUT,
GUNICORN_MAX_REQUESTS, PORT)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# The usual rule of thumb for sync workers: 2 × cores + 1.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage.
# A worker is replaced after this many requests (a guard against slow leaks). Not
# too often: a new worker starts with an empty local page cache, and at several
# hundred requests per second 2 000 meant a restart every few seconds, with
# requests queueing behind the first renders (timeouts under load).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": %(B)s, '
    '"duration_ms": %(M)s, "referer": "%(f)s", "agent": "%(a)s"}'
)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
