"""Acefone's error envelope ``{"success": false, "message": ...}`` for every error under /v1/."""

from __future__ import annotations

from flask import Response, current_app, jsonify

from ..errors import NotFound, Unauthorized


class MissingObject(NotFound):
    """An id the account does not hold (campaign, DID, list, ...): always 404, never the route setting."""


class LoginFailed(Unauthorized):
    """A failed login; ``extra`` carries keys the vendor adds to the envelope (``login_failed_count``)."""

    def __init__(self, message: str, **extra) -> None:
        super().__init__(message)
        self.extra = extra


def render_error(err, status: int) -> Response:
    # FACTS.md: the live API answers an unknown route with 403 from its gateway; the mock answers 404
    # unless ACEFONE_UNKNOWN_ROUTE_STATUS says otherwise.
    if status == 404 and isinstance(err, NotFound) and not isinstance(err, MissingObject):
        status = int(current_app.config.get("ACEFONE_UNKNOWN_ROUTE_STATUS", 404))
    body: dict = {"success": False, "message": err.message}
    body.update(getattr(err, "extra", {}))
    if err.errors:
        body["errors"] = err.errors
    response = jsonify(body)
    response.status_code = status
    return response
