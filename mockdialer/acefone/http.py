"""Reading a request body and writing the vendor's success envelope."""

from __future__ import annotations

import json

from flask import Response, current_app, jsonify, request

from .. import requestinfo
from ..errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from .fields import json_type


def strict_mode() -> bool:
    return bool(current_app.config.get("STRICT"))


def reject_oversized() -> None:
    """Before auth, as the vendor's gateway does: a declared body over the limit is 413 whoever sends it."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and request.content_length and request.content_length > limit:
        raise PayloadTooLarge()


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def json_body() -> dict:
    """The body as a JSON object: 413 over 1 MiB, 415 when a body is not JSON, 400 when it is empty,
    malformed or not an object. A body without any Content-Type is read as JSON."""
    data = request.get_data(cache=True)  # raises 413 past MAX_CONTENT_LENGTH
    mimetype = request.environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
    if data and mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType(
            f"Unsupported content type {mimetype}: send a JSON body with 'Content-Type: application/json'."
        )
    if not data.strip():
        raise BadRequest("Request body is empty: send a JSON object.")
    try:
        parsed = json.loads(data, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"Malformed JSON in request body: {exc}") from exc
    except RecursionError:  # json.loads recurses once per nesting level
        raise BadRequest("Malformed JSON in request body: nested too deeply.") from None
    requestinfo.set_body(parsed)
    if not isinstance(parsed, dict):
        raise BadRequest(f"Request body must be a JSON object, not {json_type(parsed)}.")
    return parsed


def envelope(message: str, **extra) -> Response:
    if extra:
        return jsonify({"success": True, "message": message, **extra})
    # a write answers one of a few fixed messages: each one's JSON is rendered once per app
    app = current_app._get_current_object()
    rendered = app.extensions.setdefault("acefone.envelopes", {})
    key = (message, app.json.compact, app.debug)
    body = rendered.get(key)
    if body is None:
        body = rendered[key] = jsonify({"success": True, "message": message}).get_data()
    return app.response_class(body, mimetype=app.json.mimetype)


def data(payload, **extra) -> Response:
    return jsonify({"success": True, "data": payload, **extra})
