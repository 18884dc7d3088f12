"""Acefone's calls API: click-to-call, call records and their recordings, users, departments and
numbers (docs/acefone.md "Calls, click-to-call, users, departments"). Declared like ``routes.py``
(``pipeline.operation``) on the same surface; ``GET /v1/users`` and ``GET /v1/my_number`` take over the
plain object lists of ``routes.py`` (this blueprint is installed first, its operations declared last).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..harness import clock
from ..pipeline import operation
from . import auth, call_records, calls, click_to_call, directory, recordings
from .routes import SURFACE

bp = Blueprint("acefone_calls", __name__)
OPTIONS = {"strict_slashes": False}


def _declare(name: str, rule: str, method: str, parse=None):
    return operation(SURFACE, bp, f"acefone.{name}", rule, [method], auth.authenticate, parse, **OPTIONS)


def _now() -> int:
    return int(clock.get_clock().time())


@_declare("click_to_call", "/v1/click_to_call", "POST", parse=click_to_call.form_or_json)
def place_call(caller: auth.Caller, body: dict):
    placed = click_to_call.place(caller.view(), body, _now())
    return jsonify({"success": True, "message": click_to_call.QUEUED, "ref_id": placed["ref_id"]})


@_declare("list_call_records", "/v1/call/records", "GET")
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


@_declare("list_users", "/v1/users", "GET")
def list_users(caller: auth.Caller):
    query = click_to_call.call_schemas.last_values(request.args)
    return jsonify({"success": True, **directory.user_page(caller.view(), query)})


@_declare("list_departments", "/v1/departments", "GET")
def list_departments(caller: auth.Caller):
    return jsonify(directory.departments(caller.view()))


@_declare("list_my_numbers", "/v1/my_number", "GET")
def list_my_numbers(caller: auth.Caller):
    found = directory.numbers(caller.view())
    return jsonify({"success": True, "data": found, "count": len(found)})
