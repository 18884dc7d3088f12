"""Waiting for deliveries through the admin API (``POST /__admin/deliveries/wait``, the remote
``AdminClient.wait_for_deliveries``), and the Acefone ``recording_url`` of a webhook added through an
in-process handle: the host the client under test uses."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

import mockdialer
from mockdialer.admin import AdminClient
from mockdialer.harness import deliveries

AUTH = ("demo-callfire", "demo-password")


class SlowReceiver:
    """Records each POST and answers 200 after ``delay`` seconds."""

    def __init__(self, delay: float = 0.0) -> None:
        self.bodies: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                outer.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
                time.sleep(delay)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/notify"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _subscribe_and_start(live, url: str, admin: AdminClient) -> None:
    rest = f"{live.url}/api/1.1/rest"
    for event in ("CAMPAIGN_STARTED", "OUTBOUND_CALL_FINISHED"):
        fields = {"Endpoint": url, "TriggerEvent": event, "BroadcastId": "1001"}
        assert (
            requests.post(f"{rest}/subscription.json", data=fields, auth=AUTH, timeout=10).status_code == 201
        )
    admin.clock.freeze("2026-03-02T17:30:00Z")
    assert requests.put(f"{rest}/ccc/1001/control", data={"Command": "START"}, auth=AUTH, timeout=10).ok


def test_the_remote_admin_client_waits_until_every_notification_is_delivered(live, app):
    receiver = SlowReceiver(delay=0.05)
    try:
        admin = AdminClient(live.url)
        _subscribe_and_start(live, receiver.url, admin)
        admin.clock.advance(900)
        assert admin.wait_for_deliveries(30)
        assert deliveries.get_dispatcher(app).pending() == 0
        sent = admin.deliveries(status=200)
        assert len(receiver.bodies) == len(sent) > 2  # the start and several calls, all in already
    finally:
        receiver.close()


def test_the_wait_says_when_its_timeout_passed_first(live, app):
    receiver = SlowReceiver(delay=1.0)
    try:
        admin = AdminClient(live.url)
        _subscribe_and_start(live, receiver.url, admin)
        admin.clock.advance(900)
        started = time.monotonic()
        assert admin.wait_for_deliveries(0.3) is False
        assert time.monotonic() - started < 5
        assert admin.wait_for_deliveries(60) is True
        assert len(receiver.bodies) == len(admin.deliveries(status=200))
    finally:
        receiver.close()


def test_the_wait_route_refuses_a_bad_timeout(client):
    answer = client.post("/__admin/deliveries/wait", json={"timeout": 3600})
    assert answer.status_code == 422
    assert "timeout" in str(answer.get_json()["error"])
    assert client.post("/__admin/deliveries/wait", json={}).get_json() == {
        "ok": True,
        "done": True,
        "pending": 0,
    }


def _answered_hangup(mock) -> dict:
    headers = {"Authorization": f"Bearer {mock.acefone_token}"}
    for _ in range(12):  # until a call is answered (the outcome is the simulation's)
        call = {"agent_number": "0500000100002", "destination_number": "9876543210"}
        placed = requests.post(f"{mock.acefone_url}/v1/click_to_call", headers=headers, json=call, timeout=10)
        assert placed.status_code == 200, placed.text
        mock.clock.advance(600)
        assert mock.wait_for_deliveries(20)
        answered = [d.json() for d in mock.deliveries if d.json().get("recording_url")]
        if answered:
            return answered[0]
    pytest.fail("no answered call in twelve tries")


def test_mock_vendors_webhooks_point_recordings_at_the_acefone_host_the_client_uses():
    with mockdialer.mock_vendors() as mock:
        mock.clock.freeze("2026-03-02T05:30:00Z")  # a Monday, 11:00 India time
        mock.add_webhook("Call hangup (Missed or Answered)", "https://crm.example/acefone/webhook")
        payload = _answered_hangup(mock)
        url = payload["recording_url"]
        assert url.startswith("https://api.acefone.in/acefone/recordings/")
        audio = requests.get(url, headers={"Authorization": f"Bearer {mock.acefone_token}"}, timeout=10)
        assert audio.status_code == 200 and audio.content[:4] == b"RIFF"
