"""Errors of the JSON API: one shape for every 4xx, ``{"status": 400, "message": "…"}``
(plus ``parameter`` when one query parameter is to blame)."""

from __future__ import annotations

from django.http import JsonResponse

JSON_DUMPS = {"ensure_ascii": False}


class ApiError(Exception):
    """Raised anywhere below an API view; the view wrapper turns it into JSON."""

    def __init__(self, status: int, message: str, *, parameter: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def bad_parameter(parameter: str, message: str) -> ApiError:
    return ApiError(400, message, parameter=parameter)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def error_response(status: int, message: str, *, parameter: str = "") -> JsonResponse:
    body: dict = {"status": status, "message": message}
    if parameter:
        body["parameter"] = parameter
    return JsonResponse(body, status=status, json_dumps_params=JSON_DUMPS)
