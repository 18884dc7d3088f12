"""Outbound deliveries: the webhooks and notifications the mock sends to a client's URL.

A vendor turns a domain event (a call ends, a campaign starts) into an ``Outbound``: the request in that
vendor's exact wire shape (method, URL, headers, body bytes) and its ``Policy`` (timeout, the pauses
before each retry). ``submit`` hands it to the app's ``Dispatcher``, which sends it in the background:

- one *target* (a webhook, a subscription) receives its deliveries one at a time, in the order they were
  submitted; different targets do not wait for each other;
- an attempt succeeds on a 2xx answer; any other status, a timeout or a connection failure is retried
  after the policy's next pause (real time, whatever the mock's clock says), the same bytes each time;
- every attempt is one journal entry with ``direction: "outbound"`` (what was sent, redacted like a
  request, its URL's secret query fields masked too, and what the receiver answered), so the journal,
  ``verify`` and the console show it;
- ``cancel(target)`` drops what a deleted webhook or subscription still had queued, retries included;
- an attempt is bounded whatever the receiver does: its answer is read within the policy's timeout in
  all (a receiver that trickles bytes or streams forever fails the attempt) and up to ``ANSWER_LIMIT``
  bytes, status line and headers included (a larger answer fails it; the body kept is the first
  ``journal.RAW_LIMIT`` bytes).

In process (``mock_vendors()``, the test client), a *receiver* set with ``set_receiver`` takes every
delivery instead of the network: a callable given the ``Delivered`` request, answering a status (None is
200). ``wait`` blocks until nothing is queued or under way, so a test can assert right after.
"""

from __future__ import annotations

import http.client
import io
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app

from . import journal

EXTENSION = "mockdialer.deliveries"
ANSWER_LIMIT = 256 * 1024  # bytes of a receiver's answer read at most (status line, headers, body)


@dataclass(frozen=True)
class Policy:
    """How long an attempt may take, and the pauses (seconds) before each retry."""

    timeout: float
    retry_pauses: tuple[float, ...] = ()
    verify_tls: bool = True

    @property
    def attempts(self) -> int:
        return 1 + len(self.retry_pauses)


@dataclass(frozen=True)
class Outbound:
    """One delivery: the request as the vendor sends it, and whom it is for."""

    vendor: str  # "acefone", "callfire"
    account: str
    operation: str  # journal name, e.g. "acefone.webhook", "callfire.notification"
    event: str  # the trigger or notification, e.g. "Call hangup (Missed or Answered)", "CallFinished"
    target: str  # the webhook / subscription it is for: its deliveries keep their order
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    policy: Policy


@dataclass
class Delivered:
    """What a receiver gets: the request as it would arrive over HTTP."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    event: str
    target: str
    attempt: int

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        import json

        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        from urllib.parse import parse_qsl

        query = urlsplit(self.url).query if self.method == "GET" else self.text()
        return dict(parse_qsl(query, keep_blank_values=True))


Receiver = Callable[[Delivered], "int | None"]


@dataclass
class _Queue:
    items: deque = field(default_factory=deque)
    running: bool = False
    epoch: int = 0  # raised by cancel: an item submitted before it is dropped, even one under way


class Dispatcher:
    """Sends an app's deliveries in the background, one worker thread per target with work queued.

    It keeps a target only while that target has work queued or under way: a cancel drops the target's
    work and, once its attempt under way ends, the target itself, so nothing of it (its URL, tokens in
    that URL) stays behind, and a later delivery to the same target goes out as any other."""

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._lock = threading.Condition()
        self._queues: dict[str, _Queue] = {}
        self._busy = 0
        self._generation = 0
        self.receiver: Receiver | None = None

    def submit(self, outbound: Outbound) -> None:
        with self._lock:
            queue = self._queues.setdefault(outbound.target, _Queue())
            queue.items.append((self._generation, queue.epoch, outbound))
            self._busy += 1
            if not queue.running:
                queue.running = True
                threading.Thread(target=self._drain, args=(outbound.target,), daemon=True).start()

    def cancel(self, target: str | None = None) -> int:
        """Drop what is queued for ``target`` (None: every target); an attempt under way ends, and no
        retry of it follows. What is submitted afterwards, to any target, is sent."""
        with self._lock:
            dropped = 0
            for name, queue in list(self._queues.items()):
                if target is None or name == target:
                    dropped += len(queue.items)
                    self._busy -= len(queue.items)
                    queue.items.clear()
                    queue.epoch += 1
                    if not queue.running:
                        del self._queues[name]
            if target is None:
                self._generation += 1
            self._lock.notify_all()
            return dropped

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until nothing is queued or being sent; False if ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._busy > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    def pending(self) -> int:
        """Deliveries queued or under way (retries of one delivery count once)."""
        with self._lock:
            return self._busy

    def targets(self) -> int:
        """How many targets the dispatcher holds now: those with work queued or under way."""
        with self._lock:
            return len(self._queues)

    def _drain(self, target: str) -> None:
        with self._lock:
            queue = self._queues[target]  # this one while it runs: a cancel leaves a running queue in place
        while queue.running:
            with self._lock:
                if not queue.items:  # a cancel dropped it all before the next item was taken
                    self._forget(target, queue)
                    self._lock.notify_all()
                    return
                generation, epoch, outbound = queue.items.popleft()
            try:
                self._deliver(outbound, (generation, epoch))
            finally:
                with self._lock:
                    self._busy -= 1
                    if not queue.items:  # the target goes with its last delivery, before a wait() returns
                        self._forget(target, queue)
                    self._lock.notify_all()

    def _forget(self, target: str, queue: _Queue) -> None:
        """(Under the lock.) The target's queue is done: nothing of the target stays."""
        queue.running = False
        del self._queues[target]

    def _live(self, outbound: Outbound, ticket: tuple[int, int]) -> bool:
        """Not cancelled since it was submitted (the target's queue exists while it is under way)."""
        with self._lock:
            queue = self._queues.get(outbound.target)
            return ticket == (self._generation, queue.epoch if queue is not None else -1)

    def _deliver(self, outbound: Outbound, ticket: tuple[int, int]) -> None:
        pauses = list(outbound.policy.retry_pauses)
        attempt = 1
        while self._live(outbound, ticket):
            ok = self._attempt(outbound, attempt)
            if ok or not pauses:
                return
            pause = pauses.pop(0)
            with self._lock:
                self._lock.wait_for(lambda: not self._live(outbound, ticket), pause)
            attempt += 1

    def _attempt(self, outbound: Outbound, attempt: int) -> bool:
        started, perf = _clock_time(self._app), time.perf_counter()
        status, answer, error = None, b"", None
        receiver = self.receiver
        try:
            if receiver is not None:
                status = receiver(_delivered(outbound, attempt))
                status = 200 if status is None else int(status)
            else:
                status, answer = _send(outbound)
        except Exception as exc:  # noqa: BLE001 (a receiver's failure is the delivery's, never the mock's)
            error = f"{type(exc).__name__}: {exc}"[:500]
        record_attempt(self._app, outbound, attempt, started, perf, status, answer, error)
        return status is not None and 200 <= status < 300


def _delivered(outbound: Outbound, attempt: int) -> Delivered:
    return Delivered(
        outbound.method,
        outbound.url,
        dict(outbound.headers),
        outbound.body,
        outbound.event,
        outbound.target,
        attempt,
    )


class _BoundedAnswer(io.RawIOBase):
    """A receiver's answer as http.client reads it: by ``deadline`` and at most ``ANSWER_LIMIT`` bytes."""

    def __init__(self, sock, file, deadline: float) -> None:
        super().__init__()
        self.sock, self.file, self.deadline, self.left = sock, file, deadline, ANSWER_LIMIT

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.file.close()  # the socket's own file: the socket closes when it does
        super().close()

    def readinto(self, buffer) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the answer did not arrive within the timeout")
        if self.left <= 0:
            raise OSError(f"the answer is over {ANSWER_LIMIT:,} bytes")
        self.sock.settimeout(remaining)
        count = self.file.raw.readinto(memoryview(buffer)[: min(len(buffer), self.left)])
        self.left -= count or 0
        return count


def _bounded_response(deadline: float):
    class Bounded(http.client.HTTPResponse):
        def __init__(self, sock, *args, **kwargs) -> None:
            super().__init__(sock, *args, **kwargs)
            self.fp = io.BufferedReader(_BoundedAnswer(sock, self.fp, deadline))

    return Bounded


def _send(outbound: Outbound) -> tuple[int, bytes]:
    """One HTTP request with exactly the outbound's headers (http.client adds only Host, and
    Content-Length for a body); the answer bounded in time and size (``_BoundedAnswer``)."""
    parts = urlsplit(outbound.url)
    timeout = outbound.policy.timeout
    if parts.scheme == "https":
        context = ssl.create_default_context()
        if not outbound.policy.verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=timeout, context=context
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.putrequest(outbound.method, path, skip_accept_encoding=True)
        for name, value in outbound.headers:
            conn.putheader(name, value)
        body = outbound.body if outbound.method != "GET" else b""
        if body or outbound.method not in ("GET", "HEAD"):
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body or None)
        conn.response_class = _bounded_response(time.monotonic() + timeout)
        response = conn.getresponse()
        return response.status, response.read(journal.RAW_LIMIT)
    finally:
        conn.close()


def _clock_time(app: Flask) -> float:
    from .clock import get_clock

    with app.app_context():
        return get_clock().time()


def record_attempt(
    app: Flask,
    outbound: Outbound,
    attempt: int,
    started: float,
    perf: float,
    status: int | None,
    answer: bytes,
    error: str | None,
) -> None:
    """Journal one attempt as an outbound entry."""
    with app.app_context():
        journal.record_outbound(
            outbound.vendor,
            outbound.operation,
            outbound.method,
            outbound.url,
            list(outbound.headers),
            outbound.body,
            status,
            (),
            answer,
            account=outbound.account,
            started=started,
            duration_ms=round((time.perf_counter() - perf) * 1000, 3),
            extra={
                "url": outbound.url,  # masked by the journal (journal.redact_url)
                "event": outbound.event,
                "target": outbound.target,
                "attempt": attempt,
                "attempts": outbound.policy.attempts,
                "error": error,
            },
            app=app,
        )


def get_dispatcher(app: Flask | None = None) -> Dispatcher:
    return (app or current_app).extensions[EXTENSION]


def submit(outbound: Outbound, app: Flask | None = None) -> None:
    get_dispatcher(app).submit(outbound)


def set_receiver(receiver: Receiver | None, app: Flask | None = None) -> None:
    """Hand every delivery of the app to ``receiver`` instead of the network (None: the network)."""
    get_dispatcher(app).receiver = receiver


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Dispatcher(app)
