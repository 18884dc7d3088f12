"""Typed errors raised by every layer: the domain, parsing and auth raise an ``ApiError`` subclass;
``from_http_exception`` turns Flask's own (no such route, wrong method, body too large) into the same
classes. The surface that owns the request path renders them (``pipeline.Surface``), so nothing on a
vendor path ever answers with Flask's HTML pages."""

from __future__ import annotations

from collections.abc import Iterator

from flask import request
from werkzeug.exceptions import HTTPException

STATUS = {
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "invalid": 422,
    "headers_too_large": 431,
    "rate_limited": 429,
    "internal": 500,
    "unavailable": 503,
}


class ApiError(Exception):
    """An error the mock answers on purpose. ``errors`` maps field names to their problems."""

    kind = "bad_request"
    default_message = "Bad request"

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        self.errors = bounded_errors(errors or {})
        self.message = message or first_problem(self.errors) or self.default_message
        self.headers = dict(headers or {})
        self.status = status
        super().__init__(self.message)


class BadRequest(ApiError):
    kind, default_message = "bad_request", "Bad request"


class Unauthorized(ApiError):
    kind, default_message = "unauthorized", "Unauthorized"


class Forbidden(ApiError):
    kind, default_message = "forbidden", "Forbidden"


class NotFound(ApiError):
    kind, default_message = "not_found", "Not found"


class MethodNotAllowed(ApiError):
    kind, default_message = "method_not_allowed", "Method not allowed"


class Conflict(ApiError):
    kind, default_message = "conflict", "Conflict"


class PayloadTooLarge(ApiError):
    kind, default_message = "payload_too_large", "Request body is larger than the 1 MiB limit"


class UnsupportedMediaType(ApiError):
    kind, default_message = "unsupported_media_type", "Unsupported content type"


class HeadersTooLarge(ApiError):
    kind, default_message = "headers_too_large", "Request headers are larger than the 64 KiB limit"


class ValidationFailed(ApiError):
    """One or more fields are wrong; ``errors`` holds every problem, keyed by field name."""

    kind, default_message = "invalid", "Validation failed"


class RateLimited(ApiError):
    kind, default_message = "rate_limited", "Too many requests"


class Internal(ApiError):
    kind, default_message = "internal", "Internal server error"


class Unavailable(ApiError):
    kind, default_message = "unavailable", "Service unavailable"


MAX_LISTED_PROBLEMS = 20  # problems an error lists per field; the rest are counted, not listed


def bounded(problems: list[str], limit: int = MAX_LISTED_PROBLEMS) -> list[str]:
    """At most ``limit`` problems, then one saying how many more there are (``... and 99,980 more``),
    so that an answer's size does not grow with a request's."""
    if len(problems) <= limit:
        return list(problems)
    return [*problems[:limit], f"... and {len(problems) - limit:,} more"]


MORE_FIELDS = "_more"  # the key under which an error counts the fields it does not list


def bounded_errors(errors: dict[str, list[str]], limit: int = MAX_LISTED_PROBLEMS) -> dict[str, list[str]]:
    """At most ``limit`` fields, each with at most ``limit`` problems (``bounded``); the fields left out
    are counted under ``MORE_FIELDS``: an error answer stays small whatever the request holds."""
    if len(errors) <= limit and all(len(p) <= limit for p in errors.values() if isinstance(p, list)):
        return errors
    shown = {k: bounded(v, limit) if isinstance(v, list) else v for k, v in list(errors.items())[:limit]}
    if len(errors) > limit:
        shown[MORE_FIELDS] = [f"... and {len(errors) - limit:,} more fields with problems"]
    return shown


def first_problem(errors: dict[str, list[str]] | None) -> str | None:
    """'<field>: <problem>' for the first problem, the way vendors' single-message errors read."""
    for field, problems in (errors or {}).items():
        if problems:
            return f"{field}: {problems[0]}"
    return None


def problem_paths(messages, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, problem) for every problem in marshmallow's nested error messages; paths read
    ``Question[0].ResponseType`` (``""`` for a problem of the whole object)."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                sub = path
            elif isinstance(key, int):
                sub = f"{path}[{key}]"
            else:
                sub = f"{path}.{key}" if path else str(key)
            yield from problem_paths(value, sub)
    elif isinstance(messages, list):
        for item in messages:
            yield from problem_paths(item, path)
    else:
        yield path, str(messages)


BY_STATUS: dict[int, type[ApiError]] = {  # the one table of statuses to error classes
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: ValidationFailed,
    431: HeadersTooLarge,
    429: RateLimited,
    500: Internal,
    502: Unavailable,
    503: Unavailable,
    504: Unavailable,
}


def from_http_exception(exc: HTTPException) -> ApiError:
    """Flask/werkzeug's own error as one of ours, with a message that says what was wrong."""
    carried = getattr(exc, "api_error", None)
    if isinstance(carried, ApiError):  # raised where only an HTTPException can go (a URL converter)
        return carried
    code = exc.code or 500
    cls = BY_STATUS.get(code, Internal) if code != 422 else BadRequest
    headers = {}
    if code == 404:
        message = f"No such route: {request.method} {request.path}"
    elif code == 405:
        allowed = sorted(set(getattr(exc, "valid_methods", None) or []) - {"HEAD", "OPTIONS"})
        message = f"Method {request.method} is not allowed on {request.path}"
        if allowed:
            message += f"; allowed: {', '.join(allowed)}"
            headers["Allow"] = ", ".join(allowed)
    elif code == 413:
        message = PayloadTooLarge.default_message
    else:
        message = exc.description or cls.default_message
    err = cls(message, headers=headers)
    if cls is Internal:
        err.status = code
    return err
