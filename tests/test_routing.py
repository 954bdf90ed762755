"""DATABASE_REPLICA_URL: reads go to the replica, writes (and write requests) to the primary."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
from django.test import Client
from letters.models import Dossier
Dossier.objects.create(number="99999", title="written")
print("read:", sorted(Dossier.objects.filter(number__in=["99999", "88888"]).values_list("title", flat=True)))
print("primary:", list(Dossier.objects.using("default").filter(number="99999").values_list("title", flat=True)))
"""


def _manage(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, check=True,
    )


def test_reads_go_to_the_replica_and_writes_to_the_primary(tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URL"}}
    base["DEBUG"] = "1"
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    for path, title in ((primary, None), (replica, "only on the replica")):
        env = {**base, "DATABASE_URL": f"sqlite:///{path}"}
        _manage(env, "migrate", "-v0")
        if title:
            _manage(env, "shell", "-c", f"from letters.models import Dossier; Dossier.objects.create(number='88888', title='{title}')")
    env = {**base, "DATABASE_URL": f"sqlite:///{primary}", "DATABASE_REPLICA_URL": f"sqlite:///{replica}"}
    out = _manage(env, "shell", "-c", SCRIPT).stdout
    # The read saw the replica's row, not the row just written to the primary.
    assert "read: ['only on the replica']" in out
    assert "primary: ['written']" in out


def test_router_pins_write_requests_to_the_primary():
    from django.test import RequestFactory

    from archive.routers import PinWritesToPrimaryMiddleware, PrimaryReplicaRouter

    router, seen = PrimaryReplicaRouter(), {}

    def view(request):
        seen[request.method + request.path] = router.db_for_read(None)
        return None

    middleware = PinWritesToPrimaryMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/brieven/"))
    middleware(factory.post("/brieven/"))
    middleware(factory.get("/beheer/letters/letter/"))
    assert seen == {"GET/brieven/": "replica", "POST/brieven/": "default", "GET/beheer/letters/letter/": "default"}
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "letters") is False
