"""``POST /v1/click_to_call``: the body, JSON or form-encoded (one public client posts a form), read by
``call_schemas.ClickToCallSchema``; the call is then placed (``calls.place``) and runs on the clock."""

from __future__ import annotations

from flask import request

from ..errors import ValidationFailed
from ..pipeline import record_body
from ..store import AccountView
from . import call_schemas, calls
from .body import json_body

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
QUEUED = "Originate successfully queued"


def form_or_json() -> dict:
    """A form body as ``{key: last value}``, anything else as ``body.json_body`` reads it."""
    if request.mimetype in FORMS:
        values = call_schemas.last_values(request.form)
        record_body(values)
        return values
    return json_body()


def refusal(problems: dict[str, list[str]]) -> ValidationFailed:
    """Every problem at once; the vendor's own sentence when a number came with a leading '+'."""
    plus = any(p.startswith(call_schemas.PLUS_REFUSED) for found in problems.values() for p in found)
    return ValidationFailed(call_schemas.PLUS_REFUSED if plus else None, errors=problems)


def place(view: AccountView, body: dict, now: int) -> dict:
    values, problems = call_schemas.load(call_schemas.ClickToCallSchema(), body)
    if problems:
        raise refusal(problems)
    return calls.place(view, values, now)
