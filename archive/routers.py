"""Read replicas: with DATABASE_REPLICA_URL set, reads go to the replica and writes to
the primary. Requests that write (POST and friends) and everything in the admin stay
on the primary for all their queries, so an editor never reads a replica that lags
behind what they just saved."""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"

_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned_to_primary.get() else REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Primary and replica hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PinWritesToPrimaryMiddleware:
    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = request.method not in self.SAFE_METHODS or request.path.startswith(settings.ADMIN_URL_PREFIX)
        token = _pinned_to_primary.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _pinned_to_primary.reset(token)
