"""Outbound deliveries: the exact request a receiver gets, retries, order, cancel, the journal."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.harness import deliveries
from mockdialer.harness.journal import get_journal


class Receiver:
    """A real HTTP server that records what arrives and answers the statuses it is given, in turn."""

    def __init__(self, statuses=(200,), delay: float = 0.0) -> None:
        self.seen: list[dict] = []
        self.statuses = list(statuses)
        self.delay = delay
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                outer.seen.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers.items()),
                        "raw_headers": [k for k, _ in self.headers.items()],
                        "body": self.rfile.read(length),
                    }
                )
                if outer.delay:
                    time.sleep(outer.delay)
                status = outer.statuses.pop(0) if len(outer.statuses) > 1 else outer.statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

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
def app():
    return create_app(TestingConfig)


@pytest.fixture
def receiver():
    made = []

    def make(*args, **kwargs):
        made.append(Receiver(*args, **kwargs))
        return made[-1]

    yield make
    for r in made:
        r.close()


def outbound(
    url: str, target: str = "hook-1", body: bytes = b'{"call_id": "1"}', pauses=(), timeout=2.0, **kw
):
    return deliveries.Outbound(
        vendor="acefone",
        account="demo",
        operation="acefone.webhook",
        event=kw.pop("event", "Call hangup (Missed or Answered)"),
        target=target,
        method=kw.pop("method", "POST"),
        url=url,
        headers=kw.pop("headers", (("Content-Type", "application/json"), ("User-Agent", "Test-UA/1.0"))),
        body=body,
        policy=deliveries.Policy(timeout=timeout, retry_pauses=tuple(pauses)),
    )


def test_the_receiver_gets_exactly_the_outbound_request(app, receiver):
    r = receiver()
    deliveries.submit(
        outbound(
            r.url + "/hook?token=s3cret",
            headers=(
                ("Content-Type", "text/xml; charset=UTF-8"),
                ("User-Agent", "CallFire-HTTP/1.0"),
                ("X-Custom", "yes"),
            ),
        ),
        app,
    )
    assert deliveries.get_dispatcher(app).wait(5)
    (seen,) = r.seen
    assert seen["method"] == "POST" and seen["path"] == "/hook?token=s3cret"
    assert seen["headers"]["Content-Type"] == "text/xml; charset=UTF-8"
    assert seen["headers"]["User-Agent"] == "CallFire-HTTP/1.0"
    assert seen["headers"]["X-Custom"] == "yes"
    assert seen["headers"]["Content-Length"] == str(len(b'{"call_id": "1"}'))
    assert "Transfer-Encoding" not in seen["headers"] and "Accept-Encoding" not in seen["headers"]
    assert seen["body"] == b'{"call_id": "1"}'


def test_a_failed_attempt_is_retried_with_the_same_bytes_and_each_attempt_journaled(app, receiver):
    r = receiver(statuses=(500, 503, 200))
    deliveries.submit(outbound(r.url, pauses=(0.05, 0.05, 0.05)), app)
    assert deliveries.get_dispatcher(app).wait(5)
    assert [s["body"] for s in r.seen] == [b'{"call_id": "1"}'] * 3
    with app.app_context():
        entries = get_journal(app).entries(direction="outbound")
    assert [(e["attempt"], e["status"]) for e in entries] == [(1, 500), (2, 503), (3, 200)]
    assert entries[0]["direction"] == "outbound" and entries[0]["event"] == "Call hangup (Missed or Answered)"
    assert entries[0]["url"] == r.url and entries[0]["body"] == {"call_id": "1"}


def test_retries_stop_after_the_policy_s_attempts(app, receiver):
    r = receiver(statuses=(500,))
    deliveries.submit(outbound(r.url, pauses=(0.01, 0.01)), app)
    assert deliveries.get_dispatcher(app).wait(5)
    assert len(r.seen) == 3


def test_no_answer_within_the_timeout_is_a_failed_attempt(app, receiver):
    r = receiver(delay=0.5)
    deliveries.submit(outbound(r.url, timeout=0.1), app)
    assert deliveries.get_dispatcher(app).wait(5)
    with app.app_context():
        (entry,) = get_journal(app).entries(direction="outbound")
    assert entry["status"] is None and "timed out" in entry["error"]


def test_a_refused_connection_is_journaled_not_raised(app):
    deliveries.submit(outbound("http://127.0.0.1:9/nothing-listens", timeout=0.5), app)
    assert deliveries.get_dispatcher(app).wait(5)
    with app.app_context():
        (entry,) = get_journal(app).entries(direction="outbound")
    assert entry["status"] is None and entry["error"]


def test_one_target_s_deliveries_keep_their_order(app, receiver):
    r = receiver(delay=0.01)
    for n in range(5):
        deliveries.submit(outbound(r.url, body=str(n).encode()), app)
    assert deliveries.get_dispatcher(app).wait(5)
    assert [s["body"] for s in r.seen] == [b"0", b"1", b"2", b"3", b"4"]


def test_cancel_drops_what_is_queued_and_the_retries(app, receiver):
    r = receiver(statuses=(500,))
    deliveries.submit(outbound(r.url, pauses=(0.3, 0.3)), app)
    deliveries.submit(outbound(r.url, body=b"second"), app)
    time.sleep(0.1)
    deliveries.get_dispatcher(app).cancel("hook-1")
    assert deliveries.get_dispatcher(app).wait(5)
    assert [s["body"] for s in r.seen] == [b'{"call_id": "1"}']


def test_an_in_process_receiver_takes_deliveries_instead_of_the_network(app):
    got = []
    deliveries.set_receiver(lambda d: got.append(d) or 201, app)
    deliveries.submit(outbound("https://client.example/hook", method="POST"), app)
    assert deliveries.get_dispatcher(app).wait(5)
    (d,) = got
    assert d.json() == {"call_id": "1"} and d.headers["User-Agent"] == "Test-UA/1.0" and d.attempt == 1
    with app.app_context():
        (entry,) = get_journal(app).entries(direction="outbound")
    assert entry["status"] == 201


def test_a_receiver_that_raises_is_a_failed_attempt(app):
    def broken(_d):
        raise RuntimeError("client bug")

    deliveries.set_receiver(broken, app)
    deliveries.submit(outbound("https://client.example/hook", pauses=(0.01,)), app)
    assert deliveries.get_dispatcher(app).wait(5)
    with app.app_context():
        entries = get_journal(app).entries(direction="outbound")
    assert [e["error"] for e in entries] == ["RuntimeError: client bug"] * 2


def test_secrets_in_outbound_headers_are_masked_in_the_journal(app, receiver):
    r = receiver()
    deliveries.submit(
        outbound(r.url, headers=(("Content-Type", "application/json"), ("Authorization", "Bearer abc"))), app
    )
    assert deliveries.get_dispatcher(app).wait(5)
    assert r.seen[0]["headers"]["Authorization"] == "Bearer abc"
    with app.app_context():
        (entry,) = get_journal(app).entries(direction="outbound")
    assert entry["headers"]["Authorization"] == "Bearer ***"


def test_inbound_entries_say_so(app):
    client = app.test_client()
    client.get("/v1/dialer/campaign/40001", headers={"Authorization": "Bearer acefone-demo-token"})
    with app.app_context():
        assert get_journal(app).entries(direction="inbound")[0]["direction"] == "inbound"
        assert get_journal(app).entries(direction="outbound") == []
