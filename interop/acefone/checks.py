"""The checks of the Acefone interop run: each calls the clients' own functions against the live mock
(``live.Server``) and asserts what the client got. ``prepare(sources)`` puts the stand-in ``frappe`` and
the clients on ``sys.path``, with placeholders for the modules the exported files import but these
functions never run (``tatva_connect.automation``, ``telephony.writer``, ``telephony.routing``)."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import time
import types
import unittest
import wave
from pathlib import Path
from urllib.parse import parse_qs

import requests
import webhooks
from live import TOKEN, Server

HERE = Path(__file__).resolve().parent
STATE: dict = {}
CUSTOMER = "9812345670"
DID = "8069451001"  # fixtures/acefone/demo.json, DID 1001
SEAT_RAHUL = "0500000100002"


def _placeholder(name: str, **functions) -> None:
    module = types.ModuleType(name)
    module.__dict__.update(functions)
    sys.modules[name] = module


def prepare(sources: Path) -> None:
    sys.path[:0] = [str(HERE / "stubs")] + [
        str(sources / name)
        for name in ("frappe_tatva_connect", "crm_acefone_integration", "tata_tele_service")
    ]
    _placeholder("tatva_connect.automation", is_enabled=lambda switch: True, require=lambda *a, **k: None)
    _placeholder(
        "tatva_connect.telephony.writer", row_for_key=lambda key: None, write=lambda envelope: "CALL-LOG-1"
    )
    _placeholder("tatva_connect.telephony.routing", resolve_account_for_lead=lambda lead: None)
    import frappe

    logging.getLogger("telephony").setLevel(logging.ERROR)  # the apps' own tests log expected warnings
    STATE["frappe"] = frappe
    STATE["sources"] = sources


def _site(server: Server):
    """The stand-in site's settings for the three apps, pointing at the live mock."""
    frappe = STATE["frappe"]
    frappe.SITE["singles"].update(
        {
            "Acefone Integration": frappe.Doc(base_uri=server.url, enabled=1, api_token=TOKEN),
            "Tata Tele Settings": frappe.Doc(
                api_base_url=server.url, access_token=TOKEN, default_caller_id=DID
            ),
        }
    )
    frappe.session.user = "rahul.verma@example.test"
    frappe.SITE["values"][("User", json.dumps(frappe.session.user), "mobile_no")] = "919812300002"
    return frappe


def _tatva_account(server: Server):
    return STATE["frappe"].Doc(name="Acefone Demo", base_url=server.url + "/", api_token=TOKEN)


def _expect(condition, what) -> None:
    if not condition:
        raise AssertionError(what)


# ----------------------------------------------------------------- the scene: calls on the mock's clock


def scene(server: Server) -> None:
    """Freeze the mock an hour back, so the calls it makes fall inside the apps' windows of "now"."""
    _site(server)
    server.admin("POST", "/clock", json={"freeze": time.time() - 3600})
    STATE["receiver"] = webhooks.subscribe(server)  # every trigger, three shapes, before any call
    body = {
        "name": "Interop ratio",
        "dial_method": "2",
        "dial_ratio": "2",
        "outbound_caller_id": "1001",
        "disposition_list": "3001",
        "number_of_retry": "0",
        "retry_after_minutes": "30",
        "auto_disposition_cancel_duration": "10",
        "dial_status": ["0"],
        "lead_list_map": [{"list_id": 5003, "list_status": 1}],
        "agent": [100002, 100003, 100004],
    }
    created = server.api("POST", "/v1/dialer/campaign", json=body)
    _expect(created.status_code == 200, f"campaign create: {created.text}")
    STATE["campaign"] = str(created.json()["campaign_id"])
    server.admin("POST", f"/campaigns/acefone/demo/{STATE['campaign']}/control", json={"command": "start"})


# ----------------------------------------------------------------- frappe_tatva_connect


def tatva_users(server: Server) -> None:
    from tatva_connect.telephony import api

    answer = api.get_users(_tatva_account(server))
    users = answer["data"]
    _expect(len(users) == 6 and all(u["agent"]["id"] for u in users), f"users: {answer}")
    _expect(api.agent_status(users[1]) == "Available", f"agent_status: {users[1]['agent']}")
    STATE["seats"] = {u["agent"]["id"] for u in users}


def tatva_departments(server: Server) -> None:
    from tatva_connect.telephony import api

    departments = api.get_departments(_tatva_account(server))
    _expect(isinstance(departments, list) and departments, f"departments: {departments}")
    eids = {a["eid"] for d in departments for a in d["agents"]}
    _expect(eids <= STATE["seats"], f"eids {eids} are not users' agent ids")


def tatva_numbers(server: Server) -> None:
    from tatva_connect.telephony import api

    answer = api.get_my_numbers(_tatva_account(server))
    rows = answer["data"] if isinstance(answer, dict) else answer
    _expect(all((r.get("alias") or r.get("did")) and "destination_name" in r for r in rows), f"{rows}")


def tatva_click_to_call(server: Server) -> None:
    from tatva_connect.telephony import api

    account = _tatva_account(server)
    answer = api.click_to_call(
        account, "+91 " + CUSTOMER, SEAT_RAHUL, caller_id="+91" + DID, custom_identifier="interop-tatva"
    )
    _expect(api.succeeded(answer) and answer.get("ref_id"), f"click_to_call: {answer}")
    STATE["ref_id"] = answer["ref_id"]
    refused = api.click_to_call(account, "12345", SEAT_RAHUL)
    _expect(not api.succeeded(refused) and refused["status_code"] == 422 and refused["message"], f"{refused}")
    unknown = api.click_to_call(account, CUSTOMER, "0599999999999")
    _expect(not api.succeeded(unknown) and not api.token_rejected(unknown), f"unknown agent: {unknown}")


def crm_users(server: Server) -> None:
    from crm_acefone_integration.acefone.integration import api

    users = api.fetch_users()
    _expect(len(users) == 6 and all(u["agent_id"] for u in users), f"fetch_users: {users}")
    _expect(users[1]["agent_status"] == "Enabled" and users[1]["role_name"] == "Agent", f"{users[1]}")
    # the client's page-2 request: last_seen_id once per key of the last user object; JSON, never 5xx
    repeated = requests.get(
        f"{server.url}/v1/users",
        params={"last_seen_id": {"id": 1, "name": "x"}},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    _expect(repeated.status_code < 500 and repeated.json()["success"] is False, f"{repeated.text}")
    frappe = STATE["frappe"]
    frappe.SITE["docs"]["Acefone User"] = [
        frappe.Doc(name=u["user_name"], agent_id=u["agent_id"], user=frappe.session.user, disabled=0)
        for u in users
        if u["agent_id"] == SEAT_RAHUL
    ]


def crm_click_to_call(server: Server) -> None:
    from crm_acefone_integration.acefone.integration import api

    frappe = STATE["frappe"]
    answer = api.click_to_call(CUSTOMER[:-1] + "1", "CRM Lead", "CRM-LEAD-0001")
    _expect(answer.get("success") is True and answer.get("ref_id"), f"click_to_call: {answer}")
    logs = [d for d in frappe.SITE["inserted"] if d.get("doctype") == "Acefone Click To Call Log"]
    _expect(len(logs) == 1, f"click-to-call logs: {logs}")
    refused = api.click_to_call("+91" + CUSTOMER, "CRM Lead", "CRM-LEAD-0001")
    _expect(
        refused.get("success") is False and refused["message"] == "Unable to process this request",
        f"{refused}",
    )


def tata_click_to_call(server: Server) -> None:
    from tata_tele_service.tata_tele_service.doctype.tata_tele_settings import tata_tele_settings

    frappe = STATE["frappe"]
    answer = tata_tele_settings.click_to_call(CUSTOMER[:-1] + "2", agent_number=SEAT_RAHUL)
    _expect(answer["status"] == "success" and answer["data"]["success"] is True, f"click_to_call: {answer}")
    try:
        tata_tele_settings.click_to_call("12")
    except frappe.ValidationError as exc:
        _expect("422" in str(exc), f"refusal: {exc}")
    else:
        raise AssertionError("a 10-digit-short destination was accepted")


def calls_end(server: Server) -> None:
    """Half an hour on: every click-to-call has ended; the campaign has dialled."""
    server.admin("POST", "/clock", json={"advance": 1800})
    records = server.api("GET", "/v1/call/records", params={"limit": 1000}).json()
    hints = {r["call_hint"] for r in records["results"]}
    _expect(hints == {"clicktocall", "dialer"}, f"call hints {hints}, {records['count']} records")


def tatva_call_records(server: Server) -> None:
    from tatva_connect.phone import match_digits
    from tatva_connect.telephony import reconcile
    from tatva_connect.telephony.adapters import acefone

    account = _tatva_account(server)
    rows, truncated = reconcile._records_for_number(account, match_digits(CUSTOMER, last=10), 1)
    _expect(len(rows) == 1 and not truncated, f"records for {CUSTOMER}: {rows}")
    row = rows[0]
    _expect(row["ref_id"] == STATE["ref_id"] and row["custom_identifier"] == "interop-tatva", f"{row}")
    payload = reconcile._report_to_payload(row, reconcile._norm_direction(row))
    cdr = acefone.normalize(payload, event="outbound_complete", account=None)
    _expect(cdr["direction"] == "outbound" and cdr["channel"] == "Dialer", f"{cdr}")
    _expect(cdr["customer_number"] == CUSTOMER and cdr["did_number"] == DID, f"{cdr}")
    _expect(STATE["ref_id"] in cdr["correlation_keys"] and cdr["started_at"] is not None, f"{cdr}")
    everything = []
    for page in range(1, 30):
        answer = __import__("tatva_connect.telephony.api").telephony.api.get_call_records(
            account, page=page, limit=25
        )
        rows = reconcile._rows_from_report(answer)
        everything += rows or []
        if not rows or len(rows) < 25:
            break
    dialer = [r for r in everything if r["call_hint"] == "dialer"]
    _expect(dialer, "no dialer records")
    for record in everything:
        mapped = acefone.normalize(
            reconcile._report_to_payload(record, reconcile._norm_direction(record)), event="outbound_complete"
        )
        _expect(mapped is not None and mapped["customer_number"] and mapped["did_number"] == DID, f"{record}")
        answered = record["status"] == "answered"
        _expect((mapped["status"] == "Completed") == answered, f"status {mapped['status']} for {record}")
    STATE["answered_url"] = next(r["recording_url"] for r in everything if r["status"] == "answered")


def tatva_recording(server: Server) -> None:
    from tatva_connect.telephony.adapters import acefone

    ref = acefone.ref_for_url(STATE["answered_url"], None)
    # the app's media store fetches ref.url with the account's token (the same header as the API)
    audio = requests.get(ref.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    _expect(
        audio.status_code == 200 and audio.headers["Content-Type"].startswith("audio/"), audio.status_code
    )
    with wave.open(io.BytesIO(audio.content)) as w:
        _expect(w.getnframes() > 0, "an empty recording")
    _expect(requests.get(ref.url, timeout=10).status_code == 401, "a recording served without auth")


def tata_sync_call_records(server: Server) -> None:
    from tata_tele_service import tasks

    frappe = STATE["frappe"]
    logged = len(frappe.SITE["errors"])
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"  # the app reads datetime.now(): an Indian deployment's clock
    time.tzset()
    try:
        tasks.sync_call_records()
        first = [d for d in frappe.SITE["inserted"] if d.get("doctype") == "Tata Tele Call Record"]
        tasks.sync_call_records()
        again = [d for d in frappe.SITE["inserted"] if d.get("doctype") == "Tata Tele Call Record"]
    finally:
        if zone is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = zone
        time.tzset()
    errors = [e["title"] for e in frappe.SITE["errors"][logged:]]
    _expect(not errors, f"logged errors: {errors}")
    _expect(first and len(again) == len(first), f"{len(first)} records, then {len(again)}")
    _expect(all(d.call_id and d.start_time and d.customer_number for d in first), f"{first[0]}")


def no_dates_call_records(server: Server) -> None:
    """The pattern of a client that sends no dates (GET /v1/call/records?page=1&limit=100)."""
    answer = server.api("GET", "/v1/call/records?page=1&limit=100")
    _expect(answer.status_code == 200 and answer.json()["results"], answer.text[:200])
    _expect(all(isinstance(r["call_id"], str) for r in answer.json()["results"]), "call_id not a string")


# ----------------------------------------------------------------- webhook payloads through normalize()


def _rendered_payloads() -> list[tuple[str, str, dict, dict]]:
    """(trigger, format, payload as the handler receives it, call) for every event of a scene made
    in process: ten click-to-calls and half an hour of a dialer campaign."""
    from mockdialer import create_app
    from mockdialer.acefone import calls, webhook_payloads
    from mockdialer.acefone.auth import NAMESPACE
    from mockdialer.config import TestingConfig
    from mockdialer.store import get_store

    app = create_app(TestingConfig)
    client = app.test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    start = 1772429400  # Monday 2026-03-02 11:00 India time: in the campaigns' office hours
    client.post("/__admin/clock", json={"freeze": start})
    for n in range(10):
        body = {
            "agent_number": SEAT_RAHUL,
            "destination_number": f"98123456{n:02d}",
            "custom_identifier": f"c{n}",
        }
        client.post("/v1/click_to_call", json=body, headers=auth)
    client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"})
    client.post("/__admin/clock", json={"advance": 1800})
    out = []
    with app.app_context():
        view = get_store().account(NAMESPACE, "demo")
        for event in calls.events(view, start - 1, start + 1800):
            for trigger in webhook_payloads.triggers_for(event.kind, event.call):
                for shape in ("list", "object"):
                    payload = webhook_payloads.render(
                        trigger, event.call, event.t, "http://mock.test/", shape
                    )
                    out.append(
                        (trigger, "json", json.loads(webhook_payloads.encode(payload, "json")[0]), event.call)
                    )
                    form = parse_qs(
                        webhook_payloads.encode(payload, "form")[0].decode(), keep_blank_values=True
                    )
                    out.append((trigger, "form", {k: v[-1] for k, v in form.items()}, event.call))
    return out


def tatva_normalize_webhooks(server: Server) -> None:
    from tatva_connect.telephony.adapters import acefone

    rendered = _rendered_payloads()
    _expect(len({t for t, _, _, _ in rendered}) == 9, "not every trigger fired")
    for trigger, fmt, payload, call in rendered:
        hangup = trigger.startswith("Call hangup") or trigger.startswith("Disposition")
        event = "outbound_complete" if hangup else "outbound_answered"
        cdr = acefone.normalize(payload, event=event, account=None)
        where = f"{trigger} ({fmt}) {payload['call_id']}"
        _expect(cdr is not None and cdr["call_key"] == call["call_id"], where)
        _expect(cdr["direction"] == "outbound" and cdr["channel"] == "Dialer", where)
        _expect(
            cdr["customer_number"] == call["customer"][-10:] and cdr["did_number"] == call["did"][-10:], where
        )
        _expect(cdr["started_at"] is not None, where)
        answered = payload["call_status"] == "answered"
        if hangup:
            _expect(cdr["status"] == ("Completed" if answered else "No Answer"), f"{where}: {cdr['status']}")
            _expect(cdr["ended_at"] is not None and cdr["duration_sec"] >= 0, where)
        if answered and call["agent"] is not None:
            _expect(cdr["agent_extension"], f"{where}: no agent seat")
        if call["kind"] == "clicktocall":
            _expect(call["ref_id"] in cdr["correlation_keys"], where)


def tatva_normalize_delivered(server: Server) -> None:
    """Every webhook the live mock delivered over HTTP, through the app's webhook parsing."""
    from tatva_connect.telephony.adapters import acefone

    delivered = webhooks.delivered_payloads(server, STATE["receiver"])
    STATE["receiver"].close()
    fired = {trigger for trigger, _, _ in delivered}
    _expect(fired == set(webhooks.TRIGGERS), f"triggers never delivered: {set(webhooks.TRIGGERS) - fired}")
    _expect({shape for _, shape, _ in delivered} == {"post-json", "post-form", "get-form"}, "a shape missing")
    for trigger, shape, payload in delivered:
        hangup = trigger.startswith("Call hangup") or trigger.startswith("Disposition")
        event = "outbound_complete" if hangup else "outbound_answered"
        cdr = acefone.normalize(payload, event=event, account=None)
        where = f"{trigger} ({shape}) {payload.get('call_id')}"
        _expect(cdr is not None and cdr["call_key"] == payload["call_id"], where)
        _expect(cdr["started_at"] is not None, where)
        if hangup:
            _expect(cdr["ended_at"] is not None, where)
    print(f"  {len(delivered)} deliveries normalized", file=sys.stderr)


def tatva_own_tests(server: Server) -> None:
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(
        loader.loadTestsFromName(f"tatva_connect.tests.telephony.{name}")
        for name in ("test_acefone_adapter", "test_reconcile_mapping")
    )
    result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    _expect(
        result.wasSuccessful(),
        f"{len(result.failures)} failures, {len(result.errors)} errors of {result.testsRun}",
    )


CHECKS = [
    ("mock", "scene (clock, dialer campaign)", scene),
    ("frappe_tatva_connect", "get_users", tatva_users),
    ("frappe_tatva_connect", "get_departments", tatva_departments),
    ("frappe_tatva_connect", "get_my_numbers", tatva_numbers),
    ("frappe_tatva_connect", "click_to_call", tatva_click_to_call),
    ("crm_acefone_integration", "fetch_users", crm_users),
    ("crm_acefone_integration", "click_to_call (form)", crm_click_to_call),
    ("tata_tele_service", "click_to_call", tata_click_to_call),
    ("mock", "calls end on the clock", calls_end),
    ("frappe_tatva_connect", "get_call_records + reconcile mapping", tatva_call_records),
    ("frappe_tatva_connect", "recording download", tatva_recording),
    ("tata_tele_service", "sync_call_records", tata_sync_call_records),
    ("udipth01 pattern", "call records without dates", no_dates_call_records),
    ("frappe_tatva_connect", "normalize() every rendered webhook", tatva_normalize_webhooks),
    ("frappe_tatva_connect", "normalize() every webhook delivered over HTTP", tatva_normalize_delivered),
    ("frappe_tatva_connect", "the app's own tests", tatva_own_tests),
]
