"""What Acefone's webhooks would deliver for a call event: one pure function per trigger, and the body
encodings (docs/acefone.md "Webhook payloads").

``TRIGGERS`` maps each documented trigger name to its renderer ``(call, at, base_url) -> payload``;
``triggers_for(kind, call)`` names the triggers a ``calls.CallEvent`` fires; ``encode(payload, "json" |
"form")`` is the body. Shapes follow the recorded live payloads (docs/vendors/acefone.md): the 22 keys (and
``custom_identifier`` on a click-to-call), every scalar a string, ``call_status`` lowercase,
``answered_agent`` ``""`` when nobody answered and otherwise a list (one object when ``agent_shape`` is
"object"), ``call_flow`` opening with ``init``. Dialer calls stamp ``7/11/2026, 9:12:56 PM`` and carry
``+91`` numbers; other calls stamp ``2026-07-11 21:13:52`` and carry bare digits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlencode

from . import call_records, calls, directory, recordings

HANGUP = "Call hangup (Missed or Answered)"
HANGUP_MISSED = "Call hangup (Missed)"
HANGUP_ANSWERED = "Call hangup (Answered)"
AGENT_ANSWERED = "Call answered by Agent"
CUSTOMER_ANSWERED = "Call answered by Customer (Click to call)"
CUSTOMER_MISSED = "Call missed by Customer (Click to Call)"
DIALER_CONNECTED = "Call Connected to Agent (Dialer)"
DISPOSITION_UPDATED = "Disposition Status Updated (Dialer)"
DIALED_ON_AGENT = "Dialed on Agent"
FORMATS = {"json": "application/json", "form": "application/x-www-form-urlencoded"}
DIRECTIONS = {"clicktocall": "clicktocall", "dialer": "Dialer (outbound)"}


def stamp(epoch: int | None, dialer: bool) -> str:
    """An India-time stamp in the style of the call's kind ("" for a moment that did not happen)."""
    if epoch is None:
        return ""
    moment = calls.ist(epoch)
    if dialer:
        hour = moment.hour % 12 or 12
        half = "AM" if moment.hour < 12 else "PM"
        return f"{moment.month}/{moment.day}/{moment.year}, {hour}:{moment:%M:%S} {half}"
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _number(value: str, dialer: bool) -> str:
    """A number as the call's kind shows it: ``+91...`` on a dialer call, else 10 bare digits (the
    account's number; the customer's is shown as it was dialled)."""
    digits = directory.digits(value)
    if dialer:
        return "+" + (digits if len(digits) > 10 else "91" + digits)
    return digits[-10:] if len(digits) > 10 and digits.startswith("91") else digits


def _answered_agent(call: dict, agent_shape: str):
    agent = call["agent"]
    if agent is None or call["answered"] is None:
        return ""
    seat = directory.agent_id(agent)
    if agent_shape == "object":
        follow = directory.follow_me(agent)
        return {
            "agent_number": f"+{follow}" if follow else "",
            "id": seat,
            "name": agent.get("name") or "",
            "number": seat,
        }
    return [
        {
            "email": agent.get("email") or "",
            "id": seat,
            "is_transferred_agent": "No",
            "name": agent.get("name") or "",
            "number": f"Extension-{seat}",
        }
    ]


def _payload(call: dict, at: int, base_url: str, over: bool, agent_shape: str = "list") -> dict:
    """The call as a webhook shows it at ``at``; ``over``: the hangup's payload (end, duration, recording)."""
    dialer = call["kind"] == "dialer"
    answered = call["answered"] is not None and call["answered"] <= at
    agent = call["agent"] if answered else None
    ours = _number(call["did"], dialer)
    customer = _number(call["customer"], True) if dialer else directory.digits(call["customer"])
    shown = {**call, "answered": call["answered"] if answered else None}
    talk = call["ended"] - call["answered"] if answered and over else 0
    payload = {
        "answer_stamp": stamp(call["answered"] if answered else None, dialer),
        "answered_agent": _answered_agent(shown, agent_shape),
        "answered_agent_name": (agent.get("name") or "") if agent else "",
        "answered_agent_number": f"Extension-{directory.agent_id(agent)}" if agent else "",
        "billsec": str(talk) if over and not dialer else "",
        "call_connected": "1" if answered else "0",
        "call_flow": call_records.call_flow(shown) if over else call_records.call_flow(shown)[:1],
        "call_id": call["call_id"],
        "call_status": "answered" if answered else "missed",
        "call_to_number": customer,
        "caller_id_number": ours,
        "customer_number_with_prefix": "" if dialer else "+91" + directory.digits(call["customer"])[-10:],
        "did_number": ours,
        "direction": DIRECTIONS[call["kind"]],
        "duration": str(call["ended"] - call["started"]) if over else "",
        "end_stamp": stamp(call["ended"], dialer) if over else "",
        "hangup_cause": call["hangup_cause"] if over else "",
        "missed_agent": "",
        "recording_url": recordings.url_for(base_url, call) if over and answered else "",
        "ref_id": call["ref_id"],
        "start_stamp": stamp(call["started"], dialer),
        "uuid": call["uuid"],
    }
    if call["kind"] == "clicktocall":
        payload["custom_identifier"] = call["custom_identifier"]
    return payload


def hangup(call: dict, at: int, base_url: str) -> dict:
    return _payload(call, at, base_url, over=True)


def agent_answered(call: dict, at: int, base_url: str) -> dict:
    return _payload(call, at, base_url, over=False)


def customer_answered(call: dict, at: int, base_url: str) -> dict:
    return _payload(call, at, base_url, over=False)


def customer_missed(call: dict, at: int, base_url: str) -> dict:
    return _payload(call, at, base_url, over=True)


def dialer_connected(call: dict, at: int, base_url: str) -> dict:
    return _payload(call, at, base_url, over=False)


def disposition_updated(call: dict, at: int, base_url: str) -> dict:
    payload = _payload(call, at, base_url, over=True)
    payload["disposition"] = call["disposition"] or ""
    payload["campaign_id"] = call["campaign_id"] or ""
    return payload


def dialed_on_agent(call: dict, at: int, base_url: str) -> dict:
    return _payload(call, at, base_url, over=False)


TRIGGERS: dict[str, Callable[[dict, int, str], dict]] = {
    HANGUP: hangup,
    HANGUP_MISSED: hangup,
    HANGUP_ANSWERED: hangup,
    AGENT_ANSWERED: agent_answered,
    CUSTOMER_ANSWERED: customer_answered,
    CUSTOMER_MISSED: customer_missed,
    DIALER_CONNECTED: dialer_connected,
    DISPOSITION_UPDATED: disposition_updated,
    DIALED_ON_AGENT: dialed_on_agent,
}


def triggers_for(kind: str, call: dict) -> list[str]:
    """The triggers a ``calls.CallEvent`` of ``kind`` on ``call`` fires."""
    clicked, dialer = call["kind"] == "clicktocall", call["kind"] == "dialer"
    answered = call["answered"] is not None
    fired = {
        "dialed_on_agent": [DIALED_ON_AGENT],
        "agent_answered": [AGENT_ANSWERED] + ([DIALER_CONNECTED] if dialer else []),
        "customer_answered": [CUSTOMER_ANSWERED] if clicked else [],
        "customer_missed": [CUSTOMER_MISSED] if clicked else [],
        "hangup": [HANGUP, HANGUP_ANSWERED if answered else HANGUP_MISSED]
        + ([DISPOSITION_UPDATED] if dialer else []),
    }
    return fired[kind]


def render(trigger: str, call: dict, at: int, base_url: str, agent_shape: str = "list") -> dict:
    """The payload of ``trigger`` for ``call`` at ``at``; ``agent_shape`` "object" renders
    ``answered_agent`` as one object, as some tenants send it."""
    payload = TRIGGERS[trigger](call, at, base_url)
    if agent_shape == "object" and isinstance(payload["answered_agent"], list):
        payload["answered_agent"] = _answered_agent(call, "object")
    return payload


def encode(payload: dict, fmt: str) -> tuple[bytes, str]:
    """The body and its Content-Type: JSON, or a form whose arrays and objects are JSON text."""
    if fmt == "json":
        return json.dumps(payload).encode(), FORMATS[fmt]
    flat = {k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in payload.items()}
    return urlencode(flat).encode(), FORMATS["form"]
