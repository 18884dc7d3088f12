"""The admin API under /__admin/: reset, seed, health, the request journal, fault rules, the clock,
every vendor's campaigns (list, show, control) and the operation names fault rules can match.

Auth: none, unless ``ADMIN_TOKEN`` is set (``auth.py``): then ``Authorization: Bearer <token>``.
Envelope: success ``{"ok": true, ...}``; any error, Flask's own 404/405 included,
``{"ok": false, "error": {"status": N, "message": "...", "errors": {field: [problem]}}}``.
Bodies are JSON objects, or HTML forms (``application/x-www-form-urlencoded``; empty fields left out;
a form POST needs an ``Authorization`` header, ``auth.py``).

Answers are JSON only; the console (``mockdialer/console``) is its own blueprint. A browser's GET of
a URL here that the console shows as a page gets that page (``pages.py``), before any view runs.
Cross-site writes are refused (``auth.py``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from flask import Blueprint, Response, current_app, jsonify, request

from ..documented import Doc, Docs, Link, documented
from ..errors import ApiError, BadRequest, NotFound
from ..harness import clock as harness_clock
from ..harness.faults import get_faults
from ..harness.journal import get_journal
from ..limits import refuse_non_finite
from ..pipeline import Surface
from . import actions as ops
from . import schemas
from .auth import reads_only

if TYPE_CHECKING:
    from marshmallow import Schema

bp = Blueprint("mockdialer_admin", __name__, url_prefix="/__admin")
# What the OpenAPI document says of each route, by ``admin.<view name>``; a new route is declared with
# ``@doc(Doc(...))`` under its ``@bp.<method>`` (docs/architecture.md "Adding an operation").
DOCS = Docs()
TAG = "Admin"
WITH_BODY = (400, 403, 405, 413, 422)
SEED_EXAMPLE = {"fixtures": {}}
FAULT_EXAMPLE = {"action": "delay", "ms": 10, "vendor": "acefone", "times": 1}
CLOCK_EXAMPLE = {"advance": 60}
CAMPAIGN = {
    "vendor": {
        "description": "acefone or callfire",
        "schema": {"type": "string", "enum": ["acefone", "callfire"], "example": "callfire"},
    },
    "account": {
        "description": "The account id (CallFire: demo-callfire; Acefone: demo)",
        "schema": {"type": "string", "example": "demo-callfire"},
    },
    "campaign_id": {
        "description": "The campaign's id",
        "schema": {"type": "string", "pattern": "^[0-9]{1,18}$", "example": "1001"},
    },
}


def doc(described: Doc):
    """Put the view in the OpenAPI document as ``admin.<its name>``."""

    def add(view):
        return documented(DOCS, f"admin.{view.__name__}", described)(view)

    return add


def render_error(err: ApiError, status: int) -> Response:
    error = {"status": status, "message": err.message}
    if err.errors:
        error["errors"] = err.errors
    response = jsonify(ok=False, error=error)
    response.status_code = status
    return response


def _load(schema: Schema, data: dict) -> dict:
    """``data`` loaded by ``schema``. Callers skip it for an empty query string or optional body: those
    schemas (filters, reset, verify) have no required field, and reads then load no marshmallow."""
    return schemas.load(schema, data, form=request.mimetype == "application/x-www-form-urlencoded")


def _body(optional: bool = False) -> dict:
    if request.mimetype == "application/x-www-form-urlencoded":
        form = {k: v.strip() for k, v in request.form.items() if v.strip()}
        if form or optional:
            return form
        raise BadRequest("The form is empty")
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


def _query() -> dict:
    """The query string's parameters, empty values (an HTML form's unset filters) left out; a parameter
    given more than once is a list, which its schema refuses."""
    found: dict = {}
    for key, values in request.args.lists():
        given = [value for value in values if value.strip()]
        if given:
            found[key] = given[0] if len(given) == 1 else given
    return found


def _filters() -> dict:
    """The journal's filters, from the query string."""
    query = _query()
    return _load(schemas.JournalQuerySchema(), query) if query else {}


def _not_json(name: str):
    raise ValueError(f"{name} is not JSON")


def _ok(_status: int = 200, **data) -> Response:
    response = jsonify(ok=True, **data)
    response.status_code = _status
    return response


@bp.post("/reset")
@doc(
    Doc(
        "Reset state, journal, faults and clock",
        TAG,
        "ResetDone",
        WITH_BODY,
        body=schemas.ResetSchema,
        body_required=False,
        example={},
    )
)
def reset():
    body = _body(optional=True)
    args = _load(schemas.ResetSchema(), body) if body else {}
    return _ok(reset=ops.reset(current_app, args.get("vendor"), args.get("account")))


@bp.post("/seed")
@doc(
    Doc(
        "Add fixture documents or a fixtures folder",
        TAG,
        "SeedDone",
        WITH_BODY,
        body=schemas.SeedSchema,
        example=SEED_EXAMPLE,
    )
)
def seed():
    body = _body()
    if "folder" not in body and "fixtures" not in body:
        body = {"fixtures": body}  # the bare fixtures format: {vendor: [account document]}
    args = _load(schemas.SeedSchema(), body)
    return _ok(seeded=ops.seed(current_app, args.get("fixtures"), args.get("folder")))


@bp.get("/health")
@doc(Doc("Health and counts", TAG, "Health", (405,)))
def health():
    return _ok(**ops.health(current_app))


@bp.get("/requests")
@doc(
    Doc("The request journal, filtered", TAG, "JournalEntries", (405, 422), query=schemas.JournalQuerySchema)
)
def list_requests():
    entries = get_journal().entries(**_filters())
    return _ok(requests=entries, count=len(entries))


@bp.get("/requests/count")
@doc(Doc("How many journal entries match", TAG, "Count", (405, 422), query=schemas.JournalQuerySchema))
def count_requests():
    filters = _filters()
    filters.pop("limit", None)
    return _ok(count=get_journal().count(**filters))


@bp.delete("/requests")
@doc(Doc("Empty the journal", TAG, "Cleared", (403, 405)))
def clear_requests():
    return _ok(cleared=get_journal().clear())


@bp.post("/verify")
@doc(
    Doc(
        "Were these requests made? (passed, or the closest requests seen)",
        TAG,
        "VerifyAnswer",
        (400, 403, 405, 413, 422),
        body=schemas.VerifySchema,
        body_required=False,
    )
)
@reads_only
def verify():
    """Were the requests described made (``times``: exactly; none: at least once)? Always 200 with
    ``verification.passed``; a failed one lists the closest requests seen (``near_misses``)."""
    body = _body(optional=True)
    criteria = _load(schemas.VerifySchema(), body) if body else {}
    return _ok(verification=ops.verify(current_app, **criteria).to_json())


@bp.post("/faults")
@doc(
    Doc(
        "Add a fault rule",
        TAG,
        "FaultAdded",
        WITH_BODY,
        body=schemas.FaultSchema,
        example=FAULT_EXAMPLE,
        status=201,
        links={"Delete": Link("admin.delete_fault", "rule_id", "fault/id")},
    )
)
def add_fault():
    return _ok(201, fault=ops.add_fault(current_app, **_load(schemas.FaultSchema(), _body())))


@bp.get("/faults")
@doc(Doc("The active fault rules", TAG, "FaultList", (405,)))
def list_faults():
    return _ok(faults=[rule.to_json() for rule in get_faults().list()])


@bp.delete("/faults")
@doc(Doc("Remove every fault rule", TAG, "Cleared", (403, 405)))
def clear_faults():
    return _ok(cleared=get_faults().clear())


@bp.delete("/faults/<int:rule_id>")
@doc(
    Doc(
        "Remove one fault rule",
        TAG,
        "FaultDeleted",
        (403, 404, 405),
        params={
            "rule_id": {
                "description": "Id of a fault rule (the example: the first added, as by add_fault's)",
                "schema": {"type": "integer", "minimum": 0, "example": 1},
            }
        },
    )
)
def delete_fault(rule_id: int):
    if not get_faults().remove(rule_id):
        raise NotFound(f"No fault rule {rule_id}")
    return _ok(deleted=rule_id)


@bp.get("/clock")
@doc(Doc("The mock's clock", TAG, "ClockAnswer", (405,)))
def get_clock():
    return _ok(clock=ops.clock_state(current_app))


@bp.post("/clock")
@doc(
    Doc(
        "Freeze, set and/or advance the clock",
        TAG,
        "ClockAnswer",
        WITH_BODY,
        body=schemas.ClockSchema,
        example=CLOCK_EXAMPLE,
    )
)
def move_clock():
    return _ok(clock=ops.move_clock(current_app, **_load(schemas.ClockSchema(), _body())))


@bp.delete("/clock")
@doc(Doc("Back to real time", TAG, "ClockAnswer", (403, 405)))
def reset_clock():
    harness_clock.get_clock().reset()
    return _ok(clock=ops.clock_state(current_app))


@bp.get("/")
@doc(Doc("The admin routes, and health", TAG, "AdminIndex", (405,)))
def index():
    routes = sorted(
        f"{' '.join(sorted(rule.methods - {'HEAD', 'OPTIONS'}))} {rule.rule}"
        for rule in current_app.url_map.iter_rules()
        if rule.endpoint.startswith(bp.name + ".")
    )
    return _ok(routes=routes, **ops.health(current_app))


@bp.get("/operations")
@doc(Doc("Every vendor operation's name", TAG, "OperationNames", (405,)))
def list_operations():
    return _ok(operations=ops.operation_names(current_app))


@bp.get("/campaigns")
@doc(Doc("Every vendor's campaigns", TAG, "CampaignRows", (404, 405, 422), query=schemas.CampaignQuerySchema))
def list_campaigns():
    query = _query()
    args = _load(schemas.CampaignQuerySchema(), query) if query else {}
    found = ops.campaign_rows(current_app, args.get("vendor"), args.get("account"))
    return _ok(campaigns=found, count=len(found), accounts=ops.campaign_accounts(current_app))


@bp.get("/campaigns/<vendor>/<account>/<campaign_id>")
@doc(Doc("One campaign and its history", TAG, "CampaignAnswer", (404, 405, 422), params=CAMPAIGN))
def get_campaign(vendor: str, account: str, campaign_id: str):
    row = ops.campaign_row(current_app, vendor, account, campaign_id)
    history = ops.campaign_history(current_app, vendor, account, campaign_id)
    return _ok(campaign=row, history=history)


@bp.post("/campaigns/<vendor>/<account>/<campaign_id>/control")
@doc(
    Doc(
        "The vendor's own state change (CallFire START, STOP, ARCHIVE; Acefone start, stop)",
        TAG,
        "CampaignAnswer",
        (400, 404, 405, 413, 422),
        body=schemas.ControlSchema,
        example={"command": "START"},
        params=CAMPAIGN,
    )
)
def control_campaign(vendor: str, account: str, campaign_id: str):
    args = _load(schemas.ControlSchema(), _body())
    row = ops.control_campaign(current_app, vendor, account, campaign_id, args["command"])
    return _ok(campaign=row)


SURFACE = Surface("admin", "admin", "/__admin/", render_error, journaled=False)
