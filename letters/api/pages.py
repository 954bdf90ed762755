"""HTML pages of the open-data part: the API overview and the citation lookup."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from letters.api.http import endpoint
from letters.api.lookup import MAX_TEXT_BYTES, lookup, text_size_error
from letters.api.openapi import openapi_document

TEXT_FIELD = "tekst"


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
            "example": path if "{" not in path and method == "get" else "",
        }
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    return render(request, "api/index.html", {"operations": operations, "info": document["info"]})


@endpoint(("GET", "HEAD", "POST"), json_errors=False)
def citation_lookup(request: HttpRequest) -> HttpResponse:
    context = {"text": "", "error": "", "result": None, "max_mb": MAX_TEXT_BYTES // (1024 * 1024)}
    status = 200
    if request.method == "POST":
        try:
            text = request.POST.get(TEXT_FIELD, "")
        except RequestDataTooBig:
            text = None
        if text is None:
            context["error"] = "De tekst is te lang: plak hoogstens 1 MB."
            status = 413
        elif message := text_size_error(text):
            context["error"] = message
            status = 413
        elif not text.strip():
            context["error"] = "Plak eerst een tekst in het vak."
            status = 400
        else:
            context["text"] = text
            context["result"] = lookup(text)
    return render(request, "letters/citation_lookup.html", context, status=status)
