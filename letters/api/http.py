"""What every open-data endpoint shares: allowed methods, the rate limit, CORS and
JSON errors. Views raise ``ApiError`` and return data; ``endpoint`` does the rest."""

from __future__ import annotations

import functools

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from letters.api import ratelimit
from letters.api.errors import JSON_DUMPS, ApiError, error_response

READ_METHODS = ("GET", "HEAD")


def json_response(data, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params=JSON_DUMPS)


def _cors(response: HttpResponse, request) -> HttpResponse:
    """Anyone may read the open data from a web page on another site; nothing else
    (no credentials: the API has no login)."""
    if request.method in (*READ_METHODS, "OPTIONS"):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After, Content-Disposition"
    return response


def too_many_requests(request, wait: int, *, html: bool = False) -> HttpResponse:
    message = f"Te veel verzoeken vanaf dit adres. Probeer het over {wait} seconden opnieuw."
    if html:
        response = render(request, "api/too_many_requests.html", {"message": message}, status=429)
    else:
        response = error_response(429, message)
    response["Retry-After"] = str(wait)
    return response


def endpoint(methods: tuple[str, ...] = READ_METHODS, *, json_errors: bool = True):
    """Wrap a view of the open-data part of the site.

    ``json_errors=False`` is for HTML pages that share the rate limit (the citation
    lookup page); they render their own errors.
    """
    allowed = tuple(dict.fromkeys((*methods, "OPTIONS")))

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = ", ".join(allowed)
                response["Access-Control-Allow-Methods"] = ", ".join(
                    m for m in allowed if m in (*READ_METHODS, "OPTIONS")
                )
                response["Access-Control-Max-Age"] = "86400"
                return _cors(response, request)
            if request.method not in allowed:
                response = error_response(405, f"Methode {request.method} is hier niet toegestaan.")
                response["Allow"] = ", ".join(allowed)
                return _cors(response, request)
            wait = ratelimit.seconds_to_wait(request)
            if wait is not None:
                return _cors(too_many_requests(request, wait, html=not json_errors), request)
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                if not json_errors:
                    raise
                response = error_response(error.status, error.message, parameter=error.parameter)
            return _cors(response, request)

        # The JSON API uses no cookies or sessions, so there is nothing to forge;
        # HTML forms keep Django's CSRF protection.
        return csrf_exempt(wrapped) if json_errors else wrapped

    return decorate
