"""Reading an Acefone request: the JSON body (docs/vendors/acefone.md "Base, format, auth") and the
strict/lenient switch."""

from __future__ import annotations

import json
import re

import orjson
from flask import current_app, request

from ..errors import BadRequest, UnsupportedMediaType
from ..limits import read_body, refuse_non_finite
from ..pipeline import record_body


def strict_mode() -> bool:
    return bool(current_app.config.get("STRICT"))


def json_type(value) -> str:
    """A value's JSON type as messages name it ("integer", "array", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


LONG_NUMBER = re.compile(rb"\d{19}")  # orjson reads an integer past 64 bits as a float; json keeps it


def _parse(data: bytes) -> tuple[object, bool]:
    """The parsed body, and whether its numbers are known to be finite: orjson's parse, which refuses
    what json refuses and 1e999 too; json's (the messages, and what orjson reads otherwise) for a body
    orjson refuses or one with a number of 19 digits or more."""
    if not LONG_NUMBER.search(data):
        try:
            return orjson.loads(data), True
        except orjson.JSONDecodeError:
            pass
    return json.loads(data, parse_constant=_reject_constant), False


def json_body() -> dict:
    """The body as a JSON object: 413 over 1 MiB, 415 when a body is not JSON, 400 when it is empty,
    malformed or not an object, 422 when it holds a number past any double (``1e999``). A body without
    any Content-Type is read as JSON."""
    req = request._get_current_object()
    data = read_body(req.environ)  # the pipeline's limits step has refused one past MAX_CONTENT_LENGTH
    mimetype = req.environ.get("CONTENT_TYPE")
    if mimetype != "application/json":  # anything else is parsed for its media type
        mimetype = req.mimetype
    if data and mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType(
            f"Unsupported content type {mimetype}: send a JSON body with 'Content-Type: application/json'."
        )
    if not data.strip():
        raise BadRequest("Request body is empty: send a JSON object.")
    try:
        parsed, finite = _parse(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"Malformed JSON in request body: {exc}") from exc
    except RecursionError:  # json.loads recurses once per nesting level
        raise BadRequest("Malformed JSON in request body: nested too deeply.") from None
    record_body(parsed)
    if not isinstance(parsed, dict):
        raise BadRequest(f"Request body must be a JSON object, not {json_type(parsed)}.")
    if not finite:
        refuse_non_finite(parsed)  # 1e999 parses as infinity: a 422 naming the field, nothing stored
    return parsed
