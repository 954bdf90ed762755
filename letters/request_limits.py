"""Requests over the limits (body size, number of fields) get a quick answer in Dutch
from the page they were sent to, logged at WARNING, in every mode.

Django refuses such requests when something first reads ``request.GET`` or
``request.POST``: for a form that is the CSRF check, before any view runs, so a
page's own "te groot" message could never be shown, and a query string of 1 001
parameters surfaced as an error with a traceback (on the development server as a
500 after seconds of rendering the debug page, which reads the parameters again).

This middleware reads both first. A view that can say it better declares how with
``answers_refused_requests(handler)``: ``handler(request, refusal)`` returns the
page with its message (it must not act on the request: there is no form data, and
the CSRF check has not run). Other pages get ``400.html`` with the message; the
API its JSON error. A body that is too big is read to its end (up to a bound) and
dropped before answering, so the browser, still sending, sees the answer instead
of a reset connection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

TOO_LARGE, TOO_MANY_FIELDS, UNREADABLE = "too-large", "too-many-fields", "unreadable"
# Reading an oversized body to its end costs little; beyond this we just answer.
DRAIN_MAX_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Refusal:
    reason: str  # TOO_LARGE, TOO_MANY_FIELDS or UNREADABLE
    status: int
    message: str  # Dutch, for the page that shows it


def answers_refused_requests(handler: Callable[[HttpRequest, Refusal], HttpResponse]):
    """Decorate a view (or call on one) whose page shows a refused request itself."""

    def decorate(view):
        view.answer_refused_request = handler
        return view

    return decorate


def request_max_bytes() -> int:
    """The largest body read at all: an uploaded letter file and the form around it."""
    return settings.LETTER_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._check(request)
        if refusal is None:
            return self.get_response(request)
        logger.warning(
            "Request refused (%s): %s %s",
            refusal.reason,
            request.method,
            request.path,
            extra={"status_code": refusal.status},
        )
        return self._answer(request, refusal)

    def _check(self, request: HttpRequest) -> Refusal | None:
        try:
            request.GET  # noqa: B018 — parsed now, where a refusal can be answered
        except TooManyFieldsSent:
            request.GET = QueryDict()  # nothing (a debug page, a logger) parses it again
            return Refusal(TOO_MANY_FIELDS, 400, "Te veel parameters in dit verzoek.")
        if request.method != "POST":
            return None
        if int(request.META.get("CONTENT_LENGTH") or 0) > request_max_bytes():
            return self._refuse_body(request, Refusal(TOO_LARGE, 413, _too_large()))
        try:
            request.POST  # noqa: B018
            request.FILES  # noqa: B018
        except (RequestDataTooBig, TooManyFilesSent):
            return self._refuse_body(request, Refusal(TOO_LARGE, 413, _too_large()))
        except TooManyFieldsSent:
            return self._refuse_body(
                request, Refusal(TOO_MANY_FIELDS, 400, "Het formulier bevat te veel velden.")
            )
        except (MultiPartParserError, BadRequest, UnicodeDecodeError):
            return self._refuse_body(
                request, Refusal(UNREADABLE, 400, "Het formulier kon niet worden gelezen.")
            )
        return None

    @staticmethod
    def _refuse_body(request: HttpRequest, refusal: Refusal) -> Refusal:
        request._mark_post_parse_error()
        _drain(request)
        return refusal

    @staticmethod
    def _answer(request: HttpRequest, refusal: Refusal) -> HttpResponse:
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            view = None
        handler = getattr(view, "answer_refused_request", None)
        if handler is not None:
            return handler(request, refusal)
        if request.path_info.startswith("/api/"):
            from letters.api.errors import error_response

            return error_response(refusal.status, refusal.message)
        return render(request, "400.html", {"refusal": refusal}, status=refusal.status)


def _too_large() -> str:
    return "Het verzoek is te groot."


def _drain(request: HttpRequest) -> None:
    """Read what is left of the body (bounded), so the client gets to read the answer."""
    stream = getattr(request, "_stream", None)
    if stream is None:
        return
    left = min(int(request.META.get("CONTENT_LENGTH") or 0), DRAIN_MAX_BYTES)
    try:
        while left > 0:
            chunk = stream.read(min(_CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
    except OSError:
        pass
