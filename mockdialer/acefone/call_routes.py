"""Acefone's calls API: click-to-call, call records and their recordings, users, departments and
numbers (docs/acefone.md "Calls, click-to-call, users, departments"). Declared like ``routes.py``
(``pipeline.operation``) on the same surface; ``GET /v1/users`` and ``GET /v1/my_number`` take over the
plain object lists of ``routes.py`` (this blueprint is installed first, its operations declared last).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..documented import Doc, documented
from ..harness import clock
from ..pipeline import operation
from . import auth, call_records, calls, click_to_call, directory, recordings
from .call_schemas import ClickToCallSchema
from .routes import BODY, DOCS, OBJECT_TAG, READ, SURFACE

bp = Blueprint("acefone_calls", __name__)
OPTIONS = {"strict_slashes": False}
TAG = "Acefone calls"
CLICK_EXAMPLE = {"agent_number": "0500000100002", "destination_number": "9812345678", "async": "1"}
NUMBER = {"type": "integer", "minimum": 1}


def _query(name: str, description: str, example=None, schema: dict | None = None) -> dict:
    param = {"name": name, "in": "query", "description": description, "schema": schema or {"type": "string"}}
    return {**param, "example": example} if example is not None else param


def _declare(name: str, rule: str, method: str, parse=None, doc: Doc | None = None):
    declare = operation(SURFACE, bp, f"acefone.{name}", rule, [method], auth.authenticate, parse, **OPTIONS)
    document = documented(DOCS, f"acefone.{name}", doc)
    return lambda view: document(declare(view))


def _now() -> int:
    return int(clock.get_clock().time())


@_declare(
    "click_to_call",
    "/v1/click_to_call",
    "POST",
    parse=click_to_call.form_or_json,
    doc=Doc(
        "Ring an agent (agent.id from GET /v1/users), then the customer; answers a ref_id",
        TAG,
        "ClickToCallQueued",
        READ + BODY,
        answered="Queued: {success, message, ref_id}",
        body=ClickToCallSchema,
        example=CLICK_EXAMPLE,
        description="The same fields are taken form-encoded (application/x-www-form-urlencoded).",
    ),
)
def place_call(caller: auth.Caller, body: dict):
    placed = click_to_call.place(caller.view(), body, _now())
    return jsonify({"success": True, "message": click_to_call.QUEUED, "ref_id": placed["ref_id"]})


@_declare(
    "list_call_records",
    "/v1/call/records",
    "GET",
    doc=Doc(
        "The account's ended calls (click-to-call and dialer), newest first",
        TAG,
        "CallRecordPage",
        READ + (422,),
        answered="{count, limit, size, page, results}",
        query=[
            _query("from_date", "India time, YYYY-MM-DD HH:MM:SS"),
            _query("to_date", "India time, YYYY-MM-DD HH:MM:SS"),
            _query("page", "1, 2, ...", 1, NUMBER),
            _query("limit", "rows per page (10 unless given)", 100, NUMBER),
            _query("call_type", "c answered, m missed", schema={"type": "string", "enum": ["c", "m"]}),
            _query("direction", "inbound or outbound"),
            _query("did_number", "the account's number"),
            _query("callerid", "the account's number"),
            _query("agents", "agent ids, comma-separated"),
            _query("call_id", "one call"),
        ],
    ),
)
def list_call_records(caller: auth.Caller):
    query = click_to_call.call_schemas.last_values(request.args)
    return jsonify(call_records.page(caller.view(), query, _now(), request.host_url))


@_declare("get_call_recording", recordings.PATH, "GET")
def get_call_recording(caller: auth.Caller, call_id: str):
    call = calls.find(caller.view(), call_id, _now())
    if call["status"] != "answered":
        raise calls.MissingObject(f"The call {call_id} has no recording (it was not answered).")
    seconds = call["ended"] - call["answered"]
    return Response(recordings.wav(seconds), mimetype="audio/wav")


@_declare(
    "list_users",
    "/v1/users",
    "GET",
    doc=Doc(
        "Users with their agent (agent.id dials a click-to-call), paged by last_seen_id",
        OBJECT_TAG,
        "UserPage",
        READ + (422,),
        answered="{success, has_more, count, last_seen_id, data}",
        query=[
            _query("limit", "users per page (20 unless given)", 20, NUMBER),
            _query("last_seen_id", "the last id of the page before", schema={"type": "integer"}),
        ],
    ),
)
def list_users(caller: auth.Caller):
    query = click_to_call.call_schemas.last_values(request.args)
    return jsonify({"success": True, **directory.user_page(caller.view(), query)})


@_declare(
    "list_departments",
    "/v1/departments",
    "GET",
    doc=Doc(
        "Departments with their agents (eid: a user's agent.id)",
        TAG,
        "Departments",
        READ,
        answered="A JSON array",
    ),
)
def list_departments(caller: auth.Caller):
    return jsonify(directory.departments(caller.view()))


@_declare(
    "list_my_numbers",
    "/v1/my_number",
    "GET",
    doc=Doc("Every DID of the account", OBJECT_TAG, "ObjectList", READ, answered="The DIDs"),
)
def list_my_numbers(caller: auth.Caller):
    found = directory.numbers(caller.view())
    return jsonify({"success": True, "data": found, "count": len(found)})
