"""HTML pages of the open-data part: the API overview and the citation lookup."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from letters.api.http import endpoint
from letters.api.lookup import MAX_TEXT_BYTES, lookup, text_size_error
from letters.api.openapi import openapi_document
from letters.request_limits import TOO_LARGE, TOO_MANY_FIELDS, Refusal, answers_refused_requests

TEXT_FIELD = "tekst"


def _example(path: str, operation: dict) -> str:
    """The path with the documented example of each path parameter ("" if one has none)."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            if "example" not in parameter:
                return ""
            path = path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
    return path


@endpoint(json_errors=False)
def api_index(request: HttpRequest) -> HttpResponse:
    """A readable overview of the endpoints, drawn from the OpenAPI document itself."""
    document = openapi_document()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": [
                parameter
                for parameter in operation.get("parameters", [])
                if parameter.get("in") == "query"
            ],
            "example": _example(path, operation) if method == "get" else "",
        }
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    return render(request, "api/index.html", {"operations": operations, "info": document["info"]})


def _pasted_text(request: HttpRequest) -> tuple[str, str, int]:
    """(text, error message, status) of a posted form."""
    text = request.POST.get(TEXT_FIELD, "")
    if message := text_size_error(text):
        return "", message, 413
    if not text.strip():
        return "", "Plak eerst een tekst in het vak.", 400
    return text, "", 200


def _lookup_page(request: HttpRequest, *, text="", error="", result=None, status=200) -> HttpResponse:
    context = {
        "text": text,
        "error": error,
        "result": result,
        "max_mb": MAX_TEXT_BYTES // (1024 * 1024),
    }
    return render(request, "letters/citation_lookup.html", context, status=status)


def _refused(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """A form too large for the server to read (letters/request_limits.py)."""
    if refusal.reason == TOO_LARGE:
        error = f"De tekst is te lang: plak hoogstens {MAX_TEXT_BYTES // (1024 * 1024)} MB."
    elif refusal.reason == TOO_MANY_FIELDS:
        error = f"{refusal.message} Stuur alleen de tekst."
    else:
        error = refusal.message
    return _lookup_page(request, error=error, status=refusal.status)


@answers_refused_requests(_refused)
@endpoint(("GET", "HEAD", "POST"), json_errors=False)
def citation_lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _lookup_page(request)
    text, error, status = _pasted_text(request)
    if not text:
        return _lookup_page(request, error=error, status=status)
    return _lookup_page(request, text=text, result=lookup(text))
