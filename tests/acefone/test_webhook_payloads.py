"""Webhook payloads rendered for the calls the mock makes, against the payload shapes of
tests/acefone/data/webhook_examples.json (docs/acefone.md "Webhook payloads"): the same keys, every
scalar a string, both stamp styles, the direction words, ``answered_agent`` as a list, an object or
``""``, ``call_flow`` opening with ``init``; JSON and form bodies; the events a delivery subscribes to."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from mockdialer.acefone import calls, webhook_payloads
from mockdialer.acefone.auth import NAMESPACE
from mockdialer.store import get_store

EXAMPLES = json.loads((Path(__file__).parent / "data" / "webhook_examples.json").read_text())
AUTH = {"Authorization": "Bearer acefone-demo-token"}
MONDAY_1100_IST = "2026-03-02T05:30:00Z"
START = 1772429400  # 2026-03-02 05:30:00 UTC
BASE = "http://mock.test/"
IST = timezone(timedelta(hours=5, minutes=30))
DIALER_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}, \d{1,2}:\d\d:\d\d [AP]M$")
PLAIN_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def _types(payload: dict) -> dict:
    return {k: type(v).__name__ for k, v in payload.items()}


@pytest.fixture
def made_calls(client, app):
    """Ten click-to-calls and half an hour of the ratio campaign 40002, all ended."""
    client.post("/__admin/clock", json={"freeze": MONDAY_1100_IST})
    for n in range(10):
        body = {
            "agent_number": "0500000100002",
            "destination_number": f"98123456{n:02d}",
            "custom_identifier": f"c{n}",
        }
        assert client.post("/v1/click_to_call", json=body, headers=AUTH).status_code == 200
    client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"})
    client.post("/__admin/clock", json={"advance": 1800})
    with app.app_context():
        view = get_store().account(NAMESPACE, "demo")
        now = START + 1800
        return view, calls.ended(view, now), calls.events(view, START - 1, now)


def _parse_stamp(text: str) -> datetime:
    form = "%m/%d/%Y, %I:%M:%S %p" if "/" in text else "%Y-%m-%d %H:%M:%S"
    return datetime.strptime(text, form).replace(tzinfo=IST)


def test_hangup_payloads_have_the_example_shapes(made_calls):
    _, ended, _ = made_calls
    kinds = {(c["kind"], c["status"]) for c in ended}
    assert {
        ("clicktocall", "answered"),
        ("clicktocall", "missed"),
        ("dialer", "answered"),
        ("dialer", "missed"),
    } <= kinds
    for call in ended:
        payload = webhook_payloads.render(webhook_payloads.HANGUP, call, call["ended"], BASE)
        example = EXAMPLES[
            "clicktocall_answered_object_agent" if call["kind"] == "clicktocall" else "dialer_answered"
        ]
        assert set(payload) == set(example)
        scalars = {k: v for k, v in payload.items() if k not in ("answered_agent", "call_flow")}
        assert all(isinstance(v, str) for v in scalars.values()), payload
        assert payload["call_status"] == call["status"] and payload["call_status"].islower()
        assert payload["call_connected"] == ("1" if call["status"] == "answered" else "0")
        assert re.fullmatch(r"\d+\.\d+", payload["call_id"]) and re.fullmatch(
            r"[0-9a-f]{13}", payload["uuid"]
        )
        flow = payload["call_flow"]
        assert flow[0] == {"type": "init", "value": payload["call_id"], "time": flow[0]["time"]}
        stamp_form = DIALER_STAMP if call["kind"] == "dialer" else PLAIN_STAMP
        assert stamp_form.match(payload["start_stamp"]) and stamp_form.match(payload["end_stamp"])
        started = _parse_stamp(payload["start_stamp"]).timestamp()
        assert abs(started - int(flow[0]["time"])) <= 1
        spread = _parse_stamp(payload["end_stamp"]).timestamp() - started - int(payload["duration"])
        assert -1 <= spread <= 31
        if call["status"] == "answered":
            assert _types(payload) == _types(EXAMPLES["dialer_answered"]) | (
                {"custom_identifier": "str"} if call["kind"] == "clicktocall" else {}
            )
            assert payload["answered_agent"][0]["id"] == "0500000100002" or call["kind"] == "dialer"
            assert payload["recording_url"].startswith(BASE)
        else:
            assert payload["answered_agent"] == "" and payload["recording_url"] == ""
        if call["kind"] == "dialer":
            assert payload["direction"] == "Dialer (outbound)"
            assert payload["call_to_number"].startswith("+91") and payload["caller_id_number"].startswith(
                "+91"
            )
        else:
            assert (
                payload["direction"] == "clicktocall" and payload["ref_id"] and payload["custom_identifier"]
            )
            assert payload["call_to_number"].isdigit() and payload["caller_id_number"].isdigit()


def test_answered_agent_as_one_object(made_calls):
    _, ended, _ = made_calls
    call = next(c for c in ended if c["kind"] == "clicktocall" and c["status"] == "answered")
    payload = webhook_payloads.render(
        webhook_payloads.HANGUP, call, call["ended"], BASE, agent_shape="object"
    )
    example = EXAMPLES["clicktocall_answered_object_agent"]["answered_agent"]
    assert set(payload["answered_agent"]) == set(example)


def test_every_event_fires_documented_triggers_with_a_payload(made_calls):
    _, _, events = made_calls
    fired = set()
    for event in events:
        for trigger in webhook_payloads.triggers_for(event.kind, event.call):
            payload = webhook_payloads.render(trigger, event.call, event.t, BASE)
            assert payload["call_id"] == event.call["call_id"]
            fired.add(trigger)
    assert fired == set(webhook_payloads.TRIGGERS)
    assert [e.t for e in events] == sorted(e.t for e in events)


def test_an_answer_trigger_shows_a_call_still_under_way(made_calls):
    _, ended, _ = made_calls
    call = next(c for c in ended if c["kind"] == "clicktocall" and c["status"] == "answered")
    live = webhook_payloads.render(webhook_payloads.CUSTOMER_ANSWERED, call, call["answered"], BASE)
    assert live["call_status"] == "answered" and live["end_stamp"] == "" and live["recording_url"] == ""
    early = webhook_payloads.render(webhook_payloads.DIALED_ON_AGENT, call, call["started"], BASE)
    assert early["call_connected"] == "0" and early["answered_agent"] == ""


def test_events_split_anywhere_add_up(made_calls):
    view, _, events = made_calls
    middle = START + 900
    halves = calls.events(view, START - 1, middle) + calls.events(view, middle, START + 1800)
    assert [(e.t, e.kind, e.call["call_id"]) for e in halves] == [
        (e.t, e.kind, e.call["call_id"]) for e in events
    ]


def test_json_and_form_bodies(made_calls):
    _, ended, _ = made_calls
    call = next(c for c in ended if c["status"] == "answered")
    payload = webhook_payloads.render(webhook_payloads.HANGUP, call, call["ended"], BASE)
    body, media = webhook_payloads.encode(payload, "json")
    assert media == "application/json" and json.loads(body) == payload
    body, media = webhook_payloads.encode(payload, "form")
    assert media == "application/x-www-form-urlencoded"
    form = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
    assert json.loads(form["answered_agent"]) == payload["answered_agent"]
    assert json.loads(form["call_flow"]) == payload["call_flow"]
    assert form["call_id"] == payload["call_id"]
