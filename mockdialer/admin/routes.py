"""The admin API under /__admin/: reset, seed, health, the request journal, fault rules, the clock.

Auth: none, unless ``ADMIN_TOKEN`` is set (``auth.py``): then ``Authorization: Bearer <token>``.
Envelope: success ``{"ok": true, ...}``; any error, Flask's own 404/405 included,
``{"ok": false, "error": {"status": N, "message": "...", "errors": {field: [problem]}}}``.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, request
from marshmallow import Schema
from marshmallow import ValidationError as SchemaError

from ..errors import ApiError, BadRequest, NotFound, ValidationFailed
from ..harness.faults import get_faults
from ..harness.journal import get_journal
from ..limits import refuse_non_finite
from ..pipeline import Surface
from . import actions as ops
from .schemas import ClockSchema, FaultSchema, JournalQuerySchema, ResetSchema, SeedSchema

bp = Blueprint("mockdialer_admin", __name__, url_prefix="/__admin")


def render_error(err: ApiError, status: int) -> Response:
    error = {"status": status, "message": err.message}
    if err.errors:
        error["errors"] = err.errors
    response = jsonify(ok=False, error=error)
    response.status_code = status
    return response


def _load(schema: Schema, data) -> dict:
    try:
        return schema.load(data)
    except SchemaError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        problems = {k: v if isinstance(v, list) else [str(v)] for k, v in messages.items()}
        raise ValidationFailed(errors=problems) from None


def _body(optional: bool = False) -> dict:
    if not request.get_data():
        if optional:
            return {}
        raise BadRequest("A JSON object body is required")
    try:
        data = json.loads(request.get_data(), parse_constant=_not_json)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The body is not JSON") from None
    except RecursionError:  # json.loads recurses once per nesting level
        raise BadRequest("The body is nested too deeply") from None
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object")
    refuse_non_finite(data)
    return data


def _not_json(name: str):
    raise ValueError(f"{name} is not JSON")


def _ok(_status: int = 200, **data) -> Response:
    response = jsonify(ok=True, **data)
    response.status_code = _status
    return response


@bp.post("/reset")
def reset():
    args = _load(ResetSchema(), _body(optional=True))
    return _ok(reset=ops.reset(current_app, args.get("vendor"), args.get("account")))


@bp.post("/seed")
def seed():
    body = _body()
    if "folder" not in body and "fixtures" not in body:
        body = {"fixtures": body}  # the bare fixtures format: {vendor: [account document]}
    args = _load(SeedSchema(), body)
    return _ok(seeded=ops.seed(current_app, args.get("fixtures"), args.get("folder")))


@bp.get("/health")
def health():
    return _ok(**ops.health(current_app))


@bp.get("/requests")
def list_requests():
    filters = _load(JournalQuerySchema(), request.args.to_dict())
    entries = get_journal().entries(**filters)
    return _ok(requests=entries, count=len(entries))


@bp.get("/requests/count")
def count_requests():
    filters = _load(JournalQuerySchema(), request.args.to_dict())
    filters.pop("limit", None)
    return _ok(count=get_journal().count(**filters))


@bp.delete("/requests")
def clear_requests():
    return _ok(cleared=get_journal().clear())


@bp.post("/faults")
def add_fault():
    rule = get_faults().add(**_load(FaultSchema(), _body()))
    return _ok(201, fault=rule.to_json())


@bp.get("/faults")
def list_faults():
    return _ok(faults=[rule.to_json() for rule in get_faults().list()])


@bp.delete("/faults")
def clear_faults():
    return _ok(cleared=get_faults().clear())


@bp.delete("/faults/<int:rule_id>")
def delete_fault(rule_id: int):
    if not get_faults().remove(rule_id):
        raise NotFound(f"No fault rule {rule_id}")
    return _ok(deleted=rule_id)


@bp.get("/clock")
def get_clock():
    return _ok(clock=ops.clock_state(current_app))


@bp.post("/clock")
def move_clock():
    return _ok(clock=ops.move_clock(current_app, **_load(ClockSchema(), _body())))


@bp.delete("/clock")
def reset_clock():
    current_app.extensions["mockdialer.clock"].reset()
    return _ok(clock=ops.clock_state(current_app))


SURFACE = Surface("admin", "admin", "/__admin/", render_error, journaled=False)
