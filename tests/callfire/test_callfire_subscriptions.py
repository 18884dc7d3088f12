"""SubscriptionService over REST (the Flask test client) and the notifications it subscribes to, sent to a
real local receiver (an http.server thread): the wire, filters, retries, ordering, delete, and a campaign
run by the mock's clock whose notifications agree with its calls."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from lxml import etree

from mockdialer.harness import deliveries

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire
OTHER = {"Authorization": "Basic b3RoZXItY2FsbGZpcmU6b3RoZXItcGFzc3dvcmQ="}  # other-callfire
REST = "/api/1.1/rest"
N = "http://api.callfire.com/notification/xsd"
DATA = "http://api.callfire.com/data"


class Receiver:
    """A local endpoint recording every POST; ``statuses`` are answered first, then 200."""

    def __init__(self, statuses=()):
        self.got: list[tuple[str, dict, bytes]] = []
        self.statuses = list(statuses)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                size = int(self.headers["Content-Length"])
                outer.got.append((self.path, dict(self.headers), self.rfile.read(size)))
                self.send_response(outer.statuses.pop(0) if outer.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/notify?token=s3cret"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _subscribe(client, headers=AUTH, **fields):
    answer = client.post(f"{REST}/subscription.json", data=fields, headers=headers)
    assert answer.status_code == 201, answer.data
    return answer.get_json()["ResourceReference"]["Id"]


def _run(client, app, seconds=300, stop=True):
    assert client.post("/__admin/clock", json={"freeze": "2026-03-02T17:30:00Z"}).status_code == 200
    assert client.put(f"{REST}/ccc/1001/control", data={"Command": "START"}, headers=AUTH).status_code == 204
    assert client.post("/__admin/clock", json={"advance": seconds}).status_code == 200
    calls = client.get(f"{REST}/call.json", query_string={"BroadcastId": 1001}, headers=AUTH).get_json()
    if stop:
        assert (
            client.put(f"{REST}/ccc/1001/control", data={"Command": "STOP"}, headers=AUTH).status_code == 204
        )
    assert deliveries.get_dispatcher(app).wait(20)
    return calls["ResourceList"].get("Call", [])


def test_crud_and_validation(client):
    new_id = _subscribe(client, Endpoint="https://example.com/n", TriggerEvent="CAMPAIGN_STARTED",
                        BroadcastId="1001", Enabled="")  # fmt: skip
    got = client.get(f"{REST}/subscription/{new_id}.json", headers=AUTH).get_json()["Resource"][
        "Subscription"
    ]
    assert got == {
        "Enabled": False, "NonStrictSsl": False, "Endpoint": "https://example.com/n",
        "NotificationFormat": "XML", "TriggerEvent": "CAMPAIGN_STARTED",
        "SubscriptionFilter": {"BroadcastId": 1001}, "@id": new_id,
    }  # fmt: skip
    xml = etree.fromstring(client.get(f"{REST}/subscription/{new_id}", headers=AUTH).data)
    assert [etree.QName(e).localname for e in xml[0]] == [
        "Enabled", "NonStrictSsl", "Endpoint", "NotificationFormat", "TriggerEvent", "SubscriptionFilter"
    ]  # fmt: skip
    put = client.put(f"{REST}/subscription/{new_id}", data={"Enabled": "true", "ToNumber": "12135550100"},
                     headers=AUTH)  # fmt: skip
    assert put.status_code == 204 and put.data == b""
    got = client.get(f"{REST}/subscription/{new_id}.json", headers=AUTH).get_json()["Resource"][
        "Subscription"
    ]
    assert got["Enabled"] is True and got["SubscriptionFilter"] == {
        "BroadcastId": 1001,
        "ToNumber": "12135550100",
    }
    assert client.get(f"{REST}/subscription/{new_id}.json", headers=OTHER).status_code == 404
    listed = client.get(f"{REST}/subscription.json", headers=OTHER).get_json()["ResourceList"]
    assert listed["@totalResults"] == 0
    assert client.delete(f"{REST}/subscription/{new_id}", headers=AUTH).status_code == 204
    assert client.get(f"{REST}/subscription/{new_id}.json", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"Endpoint": "https://example.com/n"}, "TriggerEvent"),
        ({"TriggerEvent": "CAMPAIGN_STARTED"}, "Endpoint"),
        ({"Endpoint": "ftp://example.com/n", "TriggerEvent": "CAMPAIGN_STARTED"}, "Endpoint"),
        ({"Endpoint": "https://example.com/n", "TriggerEvent": "NOPE"}, "TriggerEvent"),
        ({"Endpoint": "https://e.com/n", "TriggerEvent": "CAMPAIGN_STARTED", "NotificationFormat": "X"},
         "NotificationFormat"),
        ({"Endpoint": "https://e.com/n", "TriggerEvent": "CAMPAIGN_STARTED", "BroadcastId": "x"},
         "BroadcastId"),
    ],
)  # fmt: skip
def test_create_refuses_bad_fields(client, fields, named):
    answer = client.post(f"{REST}/subscription.json", data=fields, headers=AUTH)
    assert answer.status_code == 400
    assert named in answer.get_json()["ResourceException"]["Message"]
    assert (  # nothing stored: the fixture's one
        client.get(f"{REST}/subscription.json", headers=AUTH).get_json()["ResourceList"]["@totalResults"] == 1
    )


def test_request_id_dedups(client):
    fields = {"Endpoint": "https://e.com/n", "TriggerEvent": "CAMPAIGN_STARTED", "RequestId": "urn:one"}
    assert _subscribe(client, **fields) == _subscribe(client, **fields)
    assert (
        client.get(f"{REST}/subscription.json", headers=AUTH).get_json()["ResourceList"]["@totalResults"] == 2
    )


def test_xml_notifications_wire_and_calls_agree(client, app, receiver):
    sub = _subscribe(client, Endpoint=receiver.url, TriggerEvent="OUTBOUND_CALL_FINISHED", BroadcastId="1001")
    calls = _run(client, app)
    assert receiver.got
    new_records = {
        r["@id"] for c in calls for r in c["CallRecord"] if r["FinishTime"] >= "2026-03-02T17:30:00Z"
    }
    seen = []
    for path, headers, body in receiver.got:
        assert path == "/notify?token=s3cret"
        assert headers["Content-Type"] == "text/xml; charset=UTF-8"
        assert headers["User-Agent"] == "CallFire-HTTP/1.0"
        assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<n:CallFinished ')
        root = etree.fromstring(body)
        assert root.tag == f"{{{N}}}CallFinished" and root[0].tag == f"{{{N}}}SubscriptionId"
        assert root[0].text == str(sub)
        call = root[1]
        assert call.tag == f"{{{DATA}}}Call" and call.prefix is None
        seen.append(
            (call.findtext(f"{{{DATA}}}Modified"), int(call.findall(f"{{{DATA}}}CallRecord")[-1].get("id")))
        )
    assert {record for _, record in seen} == new_records  # one per CallRecord, each once
    assert len(seen) == len(new_records)
    assert [m for m, _ in seen] == sorted(m for m, _ in seen)  # in event order


def test_json_campaign_events_and_filters(client, app, receiver):
    _subscribe(client, Endpoint=receiver.url, TriggerEvent="CAMPAIGN_STARTED", NotificationFormat="JSON")
    _subscribe(client, Endpoint=receiver.url, TriggerEvent="CAMPAIGN_STOPPED", NotificationFormat="JSON",
               BroadcastId="1001")  # fmt: skip
    _subscribe(client, Endpoint=receiver.url, TriggerEvent="CAMPAIGN_STARTED", BroadcastId="999")  # no match
    _subscribe(client, Endpoint=receiver.url, TriggerEvent="CAMPAIGN_STARTED", Enabled="false")  # disabled
    _subscribe(
        client, Endpoint="ops@example.com", TriggerEvent="CAMPAIGN_STARTED", NotificationFormat="EMAIL"
    )
    _run(client, app, seconds=60)
    bodies = [(headers["Content-Type"], json.loads(body)) for _, headers, body in receiver.got]
    assert [next(iter(b)) for _, b in bodies] == ["BroadcastStarted", "BroadcastStopped"]
    assert {ct for ct, _ in bodies} == {"application/json; charset=UTF-8"}
    started = bodies[0][1]["BroadcastStarted"]
    assert isinstance(started["SubscriptionId"], int)
    assert started["Broadcast"]["@id"] == 1001 and started["Broadcast"]["Status"] == "RUNNING"
    assert started["Broadcast"]["Type"] == "CCC"
    assert bodies[1][1]["BroadcastStopped"]["Broadcast"]["Status"] == "STOPPED"


def test_failed_deliveries_are_retried_then_succeed(client, app):
    receiver = Receiver(statuses=[500, 503])
    try:
        _subscribe(client, Endpoint=receiver.url, TriggerEvent="CAMPAIGN_STARTED")
        _run(client, app, seconds=1, stop=False)
        assert len(receiver.got) == 3  # two failures, retried after 1 s and 2 s
        assert len({body for _, _, body in receiver.got}) == 1  # the same bytes each time
        entries = client.get("/__admin/requests").get_json()
        assert "callfire.notification" in str(entries)
    finally:
        receiver.close()


def test_delete_cancels_queued(client, app):
    receiver = Receiver(statuses=[500, 500, 500])
    try:
        sub = _subscribe(client, Endpoint=receiver.url, TriggerEvent="CAMPAIGN_STARTED")
        assert client.post("/__admin/clock", json={"freeze": "2026-03-02T17:30:00Z"}).status_code == 200
        client.put(f"{REST}/ccc/1001/control", data={"Command": "START"}, headers=AUTH)
        assert client.delete(f"{REST}/subscription/{sub}", headers=AUTH).status_code == 204
        assert deliveries.get_dispatcher(app).wait(10)
        assert len(receiver.got) <= 1  # the attempt under way, and no retry
    finally:
        receiver.close()
