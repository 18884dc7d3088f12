"""Typed errors raised by every layer, and the one pipeline that renders them in the caller's vendor shape.

Domain and parsing code raise an ``ApiError`` subclass; Flask's own HTTP errors (no such route, wrong
method, body too large) are turned into the same classes; the surface that owns the request path
(see ``vendors.py``) renders it. Nothing on a vendor path ever answers with Flask's HTML pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from flask import Flask, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

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
        self.errors = errors or {}
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


class ValidationFailed(ApiError):
    """One or more fields are wrong; ``errors`` holds every problem, keyed by field name."""

    kind, default_message = "invalid", "Validation failed"


class RateLimited(ApiError):
    kind, default_message = "rate_limited", "Too many requests"


class Internal(ApiError):
    kind, default_message = "internal", "Internal server error"


class Unavailable(ApiError):
    kind, default_message = "unavailable", "Service unavailable"


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


_FROM_HTTP = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    429: RateLimited,
}


def from_http_exception(exc: HTTPException) -> ApiError:
    """Flask/werkzeug's own error as one of ours, with a message that says what was wrong."""
    code = exc.code or 500
    cls = _FROM_HTTP.get(code, Internal)
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


def render(err: ApiError):
    from .vendors import request_surface

    surface = request_surface()
    response = surface.render_error(err, surface.status_for(err))
    for name, value in err.headers.items():
        response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, render)
    app.register_error_handler(HTTPException, lambda exc: render(from_http_exception(exc)))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return render(Internal())
