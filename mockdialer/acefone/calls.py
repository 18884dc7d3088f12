"""Every call an Acefone account made, on the mock's clock: click-to-calls and dialer-campaign calls, as
one neutral *call* each (docs/acefone.md "Calls").

A click-to-call is stored when it is placed (table ``click_calls``: who, whom, when) and its course is
drawn from its seed (``simulation.acefone.click_to_call``); a dialer-campaign call is one the campaign's
simulation completed (``dialing.refresh``). Both become the same dict::

    {"call_id", "uuid", "ref_id", "custom_identifier", "kind": "clicktocall"|"dialer", "direction",
     "customer", "did", "agent" (user doc or None), "campaign_id", "lead_id", "broadcast_id",
     "started", "agent_answered", "answered", "ended", "status": "answered"|"missed", "hangup_cause",
     "outcome", "disposition"}

moments in epoch seconds. ``events(view, after, upto)`` lists what happened to them in a time window
(``CallEvent``): the interface a webhook delivery step subscribes to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..errors import ValidationFailed
from ..simulation import acefone as acefone_simulation
from ..store import AccountView
from . import campaigns, dialing, directory
from .errors import MissingObject

CLICK_CALLS = "click_calls"
IST = timezone(timedelta(hours=5, minutes=30))  # India keeps no daylight saving time
HANGUP_CAUSES = {
    "answered": "NormalClearing",
    "machine": "NormalClearing",
    "busy": "destination_hangup",
    "no_answer": "destination_not_set",
    "failed": "destination_not_set",
    "abandoned": "disconnected_by_caller",
}
DESCRIPTIONS = {"answered": "Call answered", "missed": "Call missed"}
DIALER_DISPOSITIONS = {
    "answered": "Connected",
    "machine": "Answering Machine",
    "busy": "Busy",
    "no_answer": "No Answer",
    "failed": "Failed",
    "abandoned": "Abandoned",
}


@dataclass(frozen=True)
class CallEvent:
    """Something that happened to a call at ``t``: ``kind`` is one of ``EVENT_KINDS``."""

    t: int
    kind: str
    call: dict


EVENT_KINDS = ("dialed_on_agent", "agent_answered", "customer_answered", "customer_missed", "hangup")


def ist(epoch: int) -> datetime:
    return datetime.fromtimestamp(int(epoch), IST)


def epoch_of(wall: datetime) -> int:
    """A wall-clock time given in India time, as epoch seconds."""
    return int(wall.replace(tzinfo=IST).timestamp())


def _uuid(account: str, call_id: str) -> str:
    return hashlib.sha1(f"{account}/{call_id}".encode()).hexdigest()[:13]


# ----- click-to-call


def place(view: AccountView, values: dict, now: int) -> dict:
    """Store a click-to-call (validated by ``call_schemas.ClickToCallSchema``); 422 naming every field
    whose agent or DID the account does not hold, nothing stored."""
    problems: dict[str, list[str]] = {}
    agent = directory.find_agent(view, values["agent_number"])
    if agent is None:
        problems["agent_number"] = ["No agent of this account has this agent id or number."]
    did = directory.did_for(view, values.get("caller_id"))
    if did is None:
        problems["caller_id"] = ["Not a number (DID) of this account (GET /v1/my_number)."]
    if problems:
        raise ValidationFailed(errors=problems)
    with view.transaction():
        seq = view.store.next_id(f"acefone.{CLICK_CALLS}", start=231001)
        call_id = f"{now}.{seq}"
        doc = {
            "id": str(seq),
            "call_id": call_id,
            "ref_id": hashlib.sha1(f"{view.account}/ref/{seq}".encode()).hexdigest()[:24],
            "created_at": now,
            "agent": str(agent["id"]),
            "destination": values["destination_number"],
            "did": str(did["id"]),
            "custom_identifier": values.get("custom_identifier") or "",
            "call_timeout": values.get("call_timeout"),
            "seed": f"acefone/{view.account}/click_to_call/{seq}",
        }
        view.put(CLICK_CALLS, doc["id"], doc)
    return doc


def _click_call(view: AccountView, doc: dict, users: dict, dids: dict) -> dict:
    course = acefone_simulation.click_to_call(doc["seed"], doc["created_at"], doc.get("call_timeout"))
    did = dids.get(doc["did"]) or {}
    return {
        "id": doc["id"],
        "call_id": doc["call_id"],
        "uuid": _uuid(view.account, doc["call_id"]),
        "ref_id": doc["ref_id"],
        "custom_identifier": doc.get("custom_identifier") or "",
        "kind": "clicktocall",
        "direction": "outbound",
        "customer": doc["destination"],
        "did": directory.digits(did.get("did")),
        "agent": users.get(doc["agent"]),
        "campaign_id": None,
        "lead_id": None,
        "broadcast_id": None,
        "started": course["agent_dialed"],
        "agent_answered": course["agent_answered"],
        "answered": course["customer_answered"],
        "ended": course["ended"],
        "status": course["status"],
        "outcome": course["outcome"],
        "hangup_cause": HANGUP_CAUSES[course["outcome"]],
        "disposition": None,
    }


# ----- dialer campaigns


def _dialer_calls(view: AccountView, now: int, users: dict, dids: dict) -> list[dict]:
    out = []
    for doc in campaigns.list_all(view):
        record = dialing.refresh(view, doc, now)
        if record is None:
            continue
        did = dids.get(str(doc.get("outbound_caller_id"))) or {}
        for call in record["state"]["calls"]:
            start = int(call["start"])
            answered = call["outcome"] == "answered"  # a machine or an abandoned call reached nobody
            call_id = f"{start}.{doc['id']}{int(call['id']):05d}"
            list_id, _, lead = str(call["key"]).partition(":")
            agent = users.get(str(call.get("agent"))) if call.get("agent") is not None else None
            out.append(
                {
                    "id": f"{doc['id']}{int(call['id']):05d}",
                    "call_id": call_id,
                    "uuid": _uuid(view.account, call_id),
                    "ref_id": "",
                    "custom_identifier": "",
                    "kind": "dialer",
                    "direction": "outbound",
                    "customer": str(call["number"]),
                    "did": "+" + directory.digits(did.get("did")) if did.get("did") else "",
                    "agent": agent if answered else None,
                    "campaign_id": str(doc["id"]),
                    "lead_id": lead,
                    "broadcast_id": list_id,
                    "started": start,
                    "agent_answered": None,
                    "answered": start + int(call["ring"]) if answered else None,
                    "ended": int(call["end"]),
                    "status": "answered" if answered else "missed",
                    "outcome": call["outcome"],
                    "hangup_cause": HANGUP_CAUSES.get(call["outcome"], "NormalClearing"),
                    "disposition": DIALER_DISPOSITIONS.get(call["outcome"], call["outcome"]),
                }
            )
    return out


# ----- reading


def _lookups(view: AccountView) -> tuple[dict, dict]:
    return {str(u["id"]): u for u in view.list("users")}, {str(d["id"]): d for d in view.list("dids")}


def all_calls(view: AccountView, now: int) -> list[dict]:
    """Every call placed by ``now``, newest first (a click-to-call under way included)."""
    users, dids = _lookups(view)
    calls = [_click_call(view, d, users, dids) for d in view.list(CLICK_CALLS) if d["created_at"] <= now]
    calls += _dialer_calls(view, now, users, dids)
    return sorted(calls, key=lambda c: (c["started"], c["call_id"]), reverse=True)


def ended(view: AccountView, now: int) -> list[dict]:
    """The calls over by ``now``: the ones a call record shows."""
    return [c for c in all_calls(view, now) if c["ended"] <= now]


def find(view: AccountView, call_id: str, now: int) -> dict:
    for call in ended(view, now):
        if call["call_id"] == call_id:
            return call
    raise MissingObject(f"No call with call_id {call_id} in this account.")


def _moments(call: dict) -> list[tuple[int, str]]:
    out = []
    if call["kind"] == "clicktocall":
        out += [(call["started"], "dialed_on_agent"), (call["agent_answered"], "agent_answered")]
    elif call["agent"] is not None and call["answered"] is not None:
        out.append((call["answered"], "dialed_on_agent"))
        out.append((call["answered"], "agent_answered"))
    if call["answered"] is not None:
        out.append((call["answered"], "customer_answered"))
    else:
        out.append((call["ended"], "customer_missed"))
    out.append((call["ended"], "hangup"))
    return out


def events(view: AccountView, after: int, upto: int) -> list[CallEvent]:
    """What happened to the account's calls in ``after < t <= upto``, oldest first (a delivery step
    keeps ``upto`` and asks again from there)."""
    found = [
        CallEvent(t, kind, call)
        for call in all_calls(view, upto)
        for t, kind in _moments(call)
        if after < t <= upto
    ]
    return sorted(found, key=lambda e: (e.t, e.call["call_id"], EVENT_KINDS.index(e.kind)))
