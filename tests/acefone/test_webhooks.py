"""Acefone webhooks end to end: configured through /__admin/webhooks, fired by click-to-calls and dialer
calls as the mock's clock passes their events, delivered over real HTTP to a local receiver (JSON, form,
GET query, custom headers, repeat, retries), journaled, verifiable, in fixtures, cleared by reset, and
received in process by ``mock_vendors()``."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from mockdialer.harness.deliveries import get_dispatcher
from mockdialer.testing.inprocess import mock_vendors

AUTH = {"Authorization": "Bearer acefone-demo-token"}
RAHUL = "0500000100002"  # user 100002's agent.id (fixtures/acefone/demo.json)
MONDAY_1100_IST = "2026-03-02T05:30:00Z"
HANGUP = "Call hangup (Missed or Answered)"
DIALED = "Dialed on Agent"


class Receiver:
    """A real HTTP server recording each request; answers the statuses given, the last one for ever."""

    def __init__(self, statuses=(200,)) -> None:
        self.seen: list[dict] = []
        self.statuses = list(statuses)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                outer.seen.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": self.rfile.read(length),
                    }
                )
                status = outer.statuses.pop(0) if len(outer.statuses) > 1 else outer.statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


@pytest.fixture
def at_monday(client):
    assert client.post("/__admin/clock", json={"freeze": MONDAY_1100_IST}).status_code == 200
    return client


def _hook(client, **body) -> dict:
    answer = client.post("/__admin/webhooks", json={"vendor": "acefone", "account": "demo", **body})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["webhook"]


def _call(client, **body) -> str:
    answer = client.post("/v1/click_to_call", json={"agent_number": RAHUL, **body}, headers=AUTH)
    assert answer.status_code == 200, answer.data
    return answer.get_json()["ref_id"]


def _outbound(client) -> list[dict]:
    return client.get("/__admin/requests", query_string={"direction": "outbound"}).get_json()["requests"]


def _advance(client, app, seconds: int) -> None:
    assert client.post("/__admin/clock", json={"advance": seconds}).status_code == 200
    assert get_dispatcher(app).wait(20)


def test_a_click_to_call_hangup_arrives_as_json_with_the_custom_headers(app, at_monday, receiver):
    hook = _hook(at_monday, trigger=HANGUP, url=receiver.url + "/acefone?src=mock", headers={"X-Key": "k1"})
    ref_id = _call(at_monday, destination_number="9876543210", custom_identifier="lead-7")
    _advance(at_monday, app, 300)
    assert len(receiver.seen) == 1
    seen = receiver.seen[0]
    assert seen["method"] == "POST" and seen["path"] == "/acefone?src=mock"
    assert seen["headers"]["content-type"] == "application/json" and seen["headers"]["x-key"] == "k1"
    payload = json.loads(seen["body"])
    assert payload["ref_id"] == ref_id and payload["custom_identifier"] == "lead-7"
    assert payload["direction"] == "clicktocall" and payload["call_status"] in ("answered", "missed")
    assert payload["call_to_number"] == "9876543210" and payload["end_stamp"]
    entries = at_monday.get("/__admin/requests", query_string={"direction": "outbound"}).get_json()[
        "requests"
    ]
    assert [(e["event"], e["status"], e["target"].split("/")[3]) for e in entries] == [
        (HANGUP, 200, hook["id"])
    ]
    assert entries[0]["url"] == receiver.url + "/acefone?src=mock" and entries[0]["attempt"] == 1
    verdict = at_monday.post(
        "/__admin/verify",
        json={
            "direction": "outbound",
            "event": "Call hangup*",
            "url": receiver.url + "/*",
            "status": 200,
            "times": 1,
        },
    ).get_json()["verification"]
    assert verdict["passed"], verdict


def test_each_event_is_delivered_once_however_often_the_clock_is_looked_at(app, at_monday, receiver):
    _hook(at_monday, trigger=DIALED, url=receiver.url)
    _hook(at_monday, trigger=HANGUP, url=receiver.url)
    _call(at_monday, destination_number="9876543210")
    for _ in range(5):
        _advance(at_monday, app, 1)
    _advance(at_monday, app, 300)
    _advance(at_monday, app, 0)
    assert (
        at_monday.get("/__admin/requests/count", query_string={"direction": "outbound"}).get_json()["count"]
        == 2
    )
    events = [json.loads(s["body"])["call_flow"][0]["type"] for s in receiver.seen]
    assert events == ["init", "init"] and len({json.loads(s["body"])["call_id"] for s in receiver.seen}) == 1


def test_form_and_get_bodies_carry_arrays_as_json_text(app, at_monday, receiver):
    _hook(at_monday, trigger=HANGUP, url=receiver.url + "/form", format="form")
    _hook(at_monday, trigger=HANGUP, url=receiver.url + "/get?k=v#section", method="GET")
    _call(at_monday, destination_number="9876543210")
    _advance(at_monday, app, 300)
    by_path = {urlsplit(s["path"]).path: s for s in receiver.seen}
    form = by_path["/form"]
    assert form["headers"]["content-type"] == "application/x-www-form-urlencoded"
    fields = dict(parse_qsl(form["body"].decode(), keep_blank_values=True))
    assert json.loads(fields["call_flow"])[0]["type"] == "init"
    got = by_path["/get"]
    assert got["method"] == "GET" and got["body"] == b"" and "content-type" not in got["headers"]
    query = dict(parse_qsl(urlsplit(got["path"]).query, keep_blank_values=True))
    assert query["k"] == "v" and query["call_id"] == fields["call_id"]


def test_repeat_sends_the_same_call_record_twice(app, at_monday, receiver):
    _hook(at_monday, trigger=HANGUP, url=receiver.url, repeat=True)
    _call(at_monday, destination_number="9876543210")
    _advance(at_monday, app, 300)
    assert len(receiver.seen) == 2 and receiver.seen[0]["body"] == receiver.seen[1]["body"]


def test_a_failing_receiver_gets_two_retries_each_journaled(app, at_monday):
    failing = Receiver(statuses=(500, 503, 502))
    try:
        _hook(at_monday, trigger=HANGUP, url=failing.url)
        _call(at_monday, destination_number="9876543210")
        _advance(at_monday, app, 300)
    finally:
        failing.close()
    assert len(failing.seen) == 3
    entries = at_monday.get("/__admin/requests", query_string={"direction": "outbound"}).get_json()[
        "requests"
    ]
    assert [(e["attempt"], e["attempts"], e["status"]) for e in entries] == [
        (1, 3, 500),
        (2, 3, 503),
        (3, 3, 502),
    ]


def test_dialer_campaign_calls_fire_their_webhooks(app, at_monday, receiver):
    _hook(at_monday, trigger="Disposition Status Updated (Dialer)", url=receiver.url)
    assert (
        at_monday.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"}).status_code
        == 200
    )
    _advance(at_monday, app, 1800)
    assert receiver.seen, "a running campaign's calls end within half an hour"
    payloads = [json.loads(s["body"]) for s in receiver.seen]
    assert {p["direction"] for p in payloads} == {"Dialer (outbound)"}
    assert {p["campaign_id"] for p in payloads} == {"40002"} and all(p["disposition"] for p in payloads)
    assert len({p["call_id"] for p in payloads}) == len(payloads)


def test_refusals_name_every_field_and_store_nothing(client):
    answer = client.post(
        "/__admin/webhooks",
        json={
            "vendor": "acefone",
            "account": "nobody",
            "trigger": "Call ended",
            "url": "ftp://x/y",
            "method": "PUT",
            "format": "xml",
            "headers": {"Content-Length": "1"},
            "repeat": "maybe",
        },
    )
    assert answer.status_code == 422
    errors = answer.get_json()["error"]["errors"]
    assert set(errors) == {"account", "trigger", "url", "method", "format", "headers", "repeat"}
    assert client.get("/__admin/webhooks").get_json()["count"] == 0
    for url in ("http://[::1/h", "http://host:99999/h", "http:///nohost", "https://a b/"):
        answer = client.post("/__admin/webhooks", json={"vendor": "acefone", "account": "demo", "url": url})
        assert answer.status_code == 422 and set(answer.get_json()["error"]["errors"]) == {"url", "trigger"}
    answer = client.post("/__admin/webhooks", json={"vendor": "genesys", "url": "javascript:alert(1)"})
    assert set(answer.get_json()["error"]["errors"]) >= {"vendor", "url", "account", "trigger"}


def test_list_get_delete_and_reset(client, receiver):
    first = _hook(client, trigger=HANGUP, url=receiver.url)
    second = _hook(client, trigger=DIALED, url=receiver.url, account="other")
    listed = client.get("/__admin/webhooks", query_string={"account": "demo"}).get_json()
    assert [w["id"] for w in listed["webhooks"]] == [first["id"]]
    assert client.get(f"/__admin/webhooks/{second['id']}").get_json()["webhook"]["trigger"] == DIALED
    assert client.delete(f"/__admin/webhooks/{first['id']}").get_json()["deleted"]["id"] == first["id"]
    assert client.get(f"/__admin/webhooks/{first['id']}").status_code == 404
    assert client.delete(f"/__admin/webhooks/{first['id']}").status_code == 404
    assert client.post("/__admin/reset", json={}).status_code == 200
    assert client.get("/__admin/webhooks").get_json()["webhooks"] == []


def test_a_deleted_webhook_sends_nothing_more(app, at_monday, receiver):
    hook = _hook(at_monday, trigger=HANGUP, url=receiver.url)
    _call(at_monday, destination_number="9876543210")
    at_monday.delete(f"/__admin/webhooks/{hook['id']}")
    _advance(at_monday, app, 300)
    assert receiver.seen == []


def test_webhooks_in_a_fixture_are_seeded(app, at_monday, receiver):
    path = Path(__file__).parents[2] / "fixtures" / "acefone" / "demo.json"
    fixture = json.loads(path.read_text(encoding="utf-8"))
    fixture["webhooks"] = [{"trigger": HANGUP, "url": receiver.url, "format": "form"}]
    assert at_monday.post("/__admin/seed", json={"acefone": [fixture]}).status_code == 200
    hooks = at_monday.get("/__admin/webhooks").get_json()["webhooks"]
    assert [(w["trigger"], w["format"], w["account"]) for w in hooks] == [(HANGUP, "form", "demo")]
    _advance(at_monday, app, 0)  # the first look at a fixture's webhooks starts their deliveries
    _call(at_monday, destination_number="9876543210")
    _advance(at_monday, app, 300)
    assert len(receiver.seen) == 1
    fixture["webhooks"] = [{"trigger": HANGUP, "url": "file:///etc/passwd"}]
    assert at_monday.post("/__admin/seed", json={"acefone": [fixture]}).status_code == 422


def test_mock_vendors_receives_deliveries_in_process():
    answered = []

    def receiver(delivered):
        body = delivered.form() if delivered.url.endswith("/form") else delivered.json()
        answered.append(body["call_id"])
        return 204

    with mock_vendors(receiver=receiver) as mock:
        mock.clock.freeze(MONDAY_1100_IST)
        mock.add_webhook(HANGUP, "https://crm.example/acefone/webhook", headers={"X-Key": "k"})
        mock.add_webhook(HANGUP, "https://crm.example/acefone/form", format="form")
        token = requests.post(
            f"{mock.acefone_url}/v1/auth/login",
            json={"email": "demo@acefone.test", "password": "demo-password"},
            timeout=10,
        ).json()["access_token"]
        placed = requests.post(
            f"{mock.acefone_url}/v1/click_to_call",
            json={"agent_number": RAHUL, "destination_number": "9876543210"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert placed.status_code == 200
        mock.clock.advance(300)
        assert mock.wait_for_deliveries()
        delivered = {d.url: d for d in mock.deliveries}
        assert set(delivered) == {"https://crm.example/acefone/webhook", "https://crm.example/acefone/form"}
        as_json = delivered["https://crm.example/acefone/webhook"]
        assert as_json.headers["X-Key"] == "k" and as_json.event == HANGUP
        assert delivered["https://crm.example/acefone/form"].form()["call_id"] == as_json.json()["call_id"]
        assert answered == [as_json.json()["call_id"]] * 2
        assert [e["status"] for e in mock.deliveries()] == [204, 204]


EXAMPLES = json.loads((Path(__file__).parent / "data" / "webhook_examples.json").read_text(encoding="utf-8"))


def test_delivered_payloads_have_the_recorded_shapes(app, at_monday, receiver):
    """What arrives over the wire, for click-to-calls and dialer calls, against the shapes of the recorded
    live payloads (tests/acefone/data/webhook_examples.json): the same keys, scalars as strings."""
    _hook(at_monday, trigger=HANGUP, url=receiver.url)
    for n in range(4):
        _call(at_monday, destination_number=f"98123456{n:02d}", custom_identifier=f"c{n}")
    at_monday.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"})
    _advance(at_monday, app, 900)
    payloads = [json.loads(s["body"]) for s in receiver.seen]
    kinds = {p["direction"] for p in payloads}
    assert kinds == {"clicktocall", "Dialer (outbound)"}
    for payload in payloads:
        clicked = payload["direction"] == "clicktocall"
        example = EXAMPLES["clicktocall_answered_object_agent" if clicked else "dialer_answered"]
        assert set(payload) == set(example), payload
        scalars = {k: v for k, v in payload.items() if k not in ("answered_agent", "call_flow")}
        assert all(isinstance(v, str) for v in scalars.values()), payload
        assert payload["call_status"] in ("answered", "missed")
        assert isinstance(payload["answered_agent"], list) or payload["answered_agent"] == ""
        assert (
            payload["call_flow"][0]["type"] == "init"
            and payload["call_flow"][0]["value"] == payload["call_id"]
        )
        if clicked:
            assert payload["start_stamp"][4] == "-" and payload["call_to_number"].isdigit()
        else:
            assert "/" in payload["start_stamp"] and payload["call_to_number"].startswith("+91")
