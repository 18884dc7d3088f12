"""Outbound deliveries against hostile receivers and careless URLs (issue 23's pass over webhooks and
notifications): an attempt is bounded in time and size whatever the receiver does, and a secret in
the URL the mock sends to never reaches the journal, its JSON API or the console."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.harness import deliveries
from mockdialer.harness.journal import get_journal

HX = {"HX-Request": "true", "Accept": "text/html"}


class Hostile:
    """A raw TCP receiver that reads the request and then runs ``answer(conn)`` until it returns."""

    def __init__(self, answer) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.answer, self.done = answer, threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                with contextlib.suppress(OSError):  # the mock hung up, as it should
                    self.answer(conn, self.done)

    def close(self) -> None:
        self.done.set()
        self.sock.close()


def _trickle(conn, done) -> None:  # headers, then a byte every 0.2 s for ever
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n")
    while not done.is_set():
        conn.sendall(b"x")
        time.sleep(0.2)


def _endless_headers(conn, done) -> None:  # header lines as fast as the mock reads them
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    while not done.is_set():
        conn.sendall(b"X-Pad: " + b"a" * 60_000 + b"\r\n")


def _huge_body(conn, done) -> None:  # a 2xx with a body that never ends
    conn.sendall(b"HTTP/1.1 200 OK\r\n\r\n")
    while not done.is_set():
        conn.sendall(b"y" * 65536)


def _outbound(url: str, timeout: float = 1.0, headers=(("Content-Type", "application/json"),)):
    return deliveries.Outbound(
        vendor="acefone",
        account="demo",
        operation="acefone.webhook",
        event="Call hangup (Missed or Answered)",
        target="hostile",
        method="POST",
        url=url,
        headers=tuple(headers),
        body=b'{"call_id": "1"}',
        policy=deliveries.Policy(timeout=timeout, retry_pauses=()),
    )


@pytest.fixture
def app():
    return create_app(TestingConfig)


@pytest.mark.parametrize("answer", [_trickle, _endless_headers, _huge_body])
def test_a_hostile_receiver_cannot_hold_an_attempt_or_grow_it(app, answer):
    receiver = Hostile(answer)
    try:
        started = time.monotonic()
        deliveries.submit(_outbound(receiver.url), app)
        assert deliveries.get_dispatcher(app).wait(10)
        assert time.monotonic() - started < 6  # the policy's 1 s timeout bounds the whole answer
    finally:
        receiver.close()
    with app.app_context():
        (entry,) = get_journal(app).entries(direction="outbound")
    if answer is _huge_body:  # a 2xx whose body is read up to the journal's raw limit
        assert entry["status"] == 200 and len(entry["response_body"]) < 70_000
    else:
        assert entry["status"] is None and entry["error"]
        assert "timeout" in entry["error"].lower() or "over" in entry["error"]


def test_secrets_in_the_url_sent_to_are_masked_everywhere(app):
    receiver = Hostile(lambda conn, done: conn.sendall(b"HTTP/1.1 204 No Content\r\n\r\n"))
    url = (
        receiver.url.replace("http://", "http://hookuser:hunter2pw@") + "/in?access_token=TOK1&x=1#token=TOK2"
    )
    headers = (("Content-Type", "application/json"), ("Authorization", "Bearer TOK3"), ("X-Api-Key", "TOK4"))
    try:
        deliveries.submit(_outbound(url, headers=headers), app)
        assert deliveries.get_dispatcher(app).wait(10)
    finally:
        receiver.close()
    client = app.test_client()
    with app.app_context():
        (entry,) = get_journal(app).entries(direction="outbound")
    assert entry["status"] == 204
    assert (
        entry["url"].startswith("http://***@127.0.0.1:") and "access_token=***&x=1#token=***" in entry["url"]
    )
    assert (
        entry["path"].startswith("http://***@127.0.0.1:")
        and entry["headers"]["Authorization"] == "Bearer ***"
    )
    shown = [
        client.get("/__admin/requests?direction=outbound").get_data(as_text=True),
        client.get("/console/journal", headers={"Accept": "text/html"}).get_data(as_text=True),
        client.get("/console/fragments/journal", headers=HX).get_data(as_text=True),
        client.get(f"/console/fragments/journal/{entry['id']}", headers=HX).get_data(as_text=True),
    ]
    for text in shown:
        for secret in ("hunter2pw", "hookuser", "TOK1", "TOK2", "TOK3", "TOK4"):
            assert secret not in text
