"""Acefone's wire shapes: the success envelopes and the error envelope ``{"success": false, "message"}``
that every error under /v1/ takes."""

from __future__ import annotations

from flask import Response, current_app, jsonify

from ..errors import ApiError, NotFound
from .errors import MissingObject


def envelope(message: str, **extra) -> Response:
    return jsonify({"success": True, "message": message, **extra})


def data(payload, **extra) -> Response:
    return jsonify({"success": True, "data": payload, **extra})


def render_error(err: ApiError, status: int) -> Response:
    # docs/vendors/acefone.md: the live API answers an unknown route with 403 from its gateway; the mock
    # answers 404
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
