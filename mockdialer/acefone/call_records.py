"""``GET /v1/call/records``: the account's ended calls as Acefone's call detail records, filtered and paged
(docs/vendors/acefone.md "Calls, click-to-call, users, departments, webhooks"; docs/acefone.md).

Times are India time: ``date`` / ``time`` the start, ``end_stamp`` the end; the ``from_date`` /
``to_date`` window is read as India time and holds a call that started in it (both ends included).
"""

from __future__ import annotations

from ..errors import ValidationFailed
from ..store import AccountView
from . import call_schemas, calls, directory, recordings

CALL_TYPES = {"c": "answered", "m": "missed"}
HINTS = {"clicktocall": "clicktocall", "dialer": "dialer"}


def _agent_entries(call: dict) -> list[dict]:
    agent = call["agent"]
    if agent is None:
        return []
    seat = directory.agent_id(agent)
    entry = {
        "type": "Agent",
        "id": seat,
        "name": agent.get("name"),
        "email": agent.get("email") or "",
        "extension": seat,
        "num": directory.follow_me(agent),
    }
    dialed = call["started"] if call["kind"] == "clicktocall" else call["answered"]
    answered = call["agent_answered"] or call["answered"]
    return [{**entry, "dialst": "Dialed", "time": dialed}, {**entry, "dialst": "Answered", "time": answered}]


def call_flow(call: dict) -> list[dict]:
    """The call's steps, opening with ``init`` as the webhooks' ``call_flow`` does."""
    flow: list[dict] = [{"type": "init", "value": call["call_id"], "time": str(call["started"])}]
    if call["kind"] == "clicktocall":
        flow += _agent_entries(call)
    customer = {
        "type": "Customer",
        "time": call["answered"] or call["ended"],
        "dialst": "Answered" if call["answered"] is not None else "Missed",
    }
    flow.append(customer)
    if call["kind"] == "dialer":
        flow += _agent_entries(call)
    flow.append({"type": "Hangup", "time": call["ended"], "value": call["hangup_cause"]})
    return flow


def record(call: dict, base_url: str) -> dict:
    start, end = calls.ist(call["started"]), calls.ist(call["ended"])
    answered_seconds = call["ended"] - call["answered"] if call["answered"] is not None else 0
    agent = call["agent"]
    out = {
        "id": call["id"],
        "call_id": call["call_id"],
        "uuid": call["uuid"],
        "direction": call["direction"],
        "call_hint": HINTS[call["kind"]],
        "status": call["status"],
        "description": calls.DESCRIPTIONS[call["status"]],
        "client_number": call["customer"],
        "did_number": call["did"],
        "call_duration": call["ended"] - call["started"],
        "answered_seconds": answered_seconds,
        "date": start.strftime("%Y-%m-%d"),
        "time": start.strftime("%H:%M:%S"),
        "end_stamp": end.strftime("%Y-%m-%d %H:%M:%S"),
        "hangup_cause": call["hangup_cause"],
        "agent_name": agent.get("name") if agent else "",
        "agent_number": directory.agent_id(agent) if agent else "",
        "extension_c2c": directory.agent_id(agent) if agent and call["kind"] == "clicktocall" else "",
        "recording_url": recordings.url_for(base_url, call) if call["status"] == "answered" else "",
        "call_flow": call_flow(call),
        "ref_id": call["ref_id"],
        "custom_identifier": call["custom_identifier"],
        "broadcast_id": call["broadcast_id"] or "",
        "lead_id": call["lead_id"] or "",
        "dialer_call_details": None,
    }
    if call["kind"] == "dialer":
        out["dialer_call_details"] = {
            "campaign_id": call["campaign_id"],
            "disposition": call["disposition"],
            "lead_id": call["lead_id"],
            "list_id": call["broadcast_id"],
        }
    return out


def _kept(call: dict, values: dict) -> bool:
    if "from_date" in values and call["started"] < calls.epoch_of(values["from_date"]):
        return False
    if "to_date" in values and call["started"] > calls.epoch_of(values["to_date"]):
        return False
    if "call_type" in values and call["status"] != CALL_TYPES[values["call_type"]]:
        return False
    if "direction" in values and call["direction"] != values["direction"]:
        return False
    ours = directory.digits(call["did"])[-10:]
    for key in ("did_number", "callerid"):  # both name the account's number on the call
        if key in values and ours != directory.digits(values[key])[-10:]:
            return False
    if "agents" in values:
        wanted = {a.strip() for a in values["agents"].split(",") if a.strip()}
        agent = call["agent"]
        if agent is None or not wanted & {directory.agent_id(agent), str(agent["id"])}:
            return False
    return "call_id" not in values or call["call_id"] == values["call_id"]


def page(view: AccountView, query: dict, now: int, base_url: str) -> dict:
    """``{count, limit, size, page, results}``: ``count`` the matching calls, ``size`` this page's."""
    values, problems = call_schemas.load(call_schemas.CallRecordsQuerySchema(), query)
    if problems:
        raise ValidationFailed(errors=problems)
    matching = [c for c in calls.ended(view, now) if _kept(c, values)]
    limit, number = values["limit"], values["page"]
    rows = matching[(number - 1) * limit : number * limit]
    return {
        "count": len(matching),
        "limit": limit,
        "size": len(rows),
        "page": number,
        "results": [record(c, base_url) for c in rows],
    }
