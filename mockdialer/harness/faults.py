"""Fault injection: rules that make matching vendor requests slow, fail in the vendor's shape, or drop.

A rule matches on vendor, transport, operation, account, method and path, as every matcher of the
harness does (``matching.Criteria``: globs, case-sensitive but for the method),
and acts: ``delay`` (``ms``), ``error`` (``status``: the body is the vendor's own error shape, rendered by
that surface), ``rate_limit`` (429 with ``Retry-After``) or ``drop`` (the socket is closed without an
answer). ``ms`` delays any action first. Scope: the next ``times`` matching requests, each with
``probability`` (the n-th matching request's draw is ``random.Random(f"{seed}:{n}")``'s first, so a
seeded run repeats exactly, whichever process answers); neither means every matching request.

With a DB file the rules and their counters are documents of the store (table ``TABLE``), decided
in one store transaction per request: every process serving that file sees one set of rules, and
``times`` counts the requests all of them answered. With ``:memory:`` the app's ``Faults`` holds them.

A rule is decided once per request, by the request pipeline, after auth: surface, operation and
account are all known then, and nothing has been parsed or written, so a failed request changes no state
(what a retrying client expects of a 5xx, 429 or a dropped connection).

At most one failing action applies per request; delays add up.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from flask import Flask, current_app, request

from .. import errors
from ..store import Store
from .matching import Criteria

ACTIONS = ("delay", "error", "rate_limit", "drop")
MATCH_FIELDS = ("vendor", "transport", "operation", "account", "method", "path")
TABLE = "_harness.faults"  # a shared store's rules, by id
SEQUENCE = "_harness.fault"  # their ids



class ConnectionDropped(errors.Unavailable):
    """Raised after the socket was closed; its rendering never reaches the client."""


@dataclass
class FaultRule:
    id: int
    action: str
    vendor: str | None = None
    transport: str | None = None
    operation: str | None = None
    account: str | None = None
    method: str | None = None
    path: str | None = None
    ms: int = 0
    status: int | None = None
    message: str | None = None
    retry_after: int | None = None
    times: int | None = None
    probability: float | None = None
    seed: int | None = None
    matched: int = 0  # matching requests seen
    fired: int = 0  # of which the action was applied

    def __post_init__(self) -> None:
        if self.method:
            self.method = self.method.upper()
        if self.action == "rate_limit" and self.retry_after is None:
            self.retry_after = 1
        self.criteria = Criteria.of({name: getattr(self, name) for name in MATCH_FIELDS})

    @property
    def remaining(self) -> int | None:
        return None if self.times is None else max(self.times - self.fired, 0)

    def to_json(self) -> dict:
        keys = ("id", "action", *MATCH_FIELDS, "ms", "status", "message", "retry_after", "times")
        data = {k: getattr(self, k) for k in keys}
        data.update(probability=self.probability, seed=self.seed, remaining=self.remaining)
        data.update(matched=self.matched, fired=self.fired)
        return data

    def to_doc(self) -> dict:
        """The rule as the store keeps it (``from_doc`` reads it back)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_doc(cls, doc: dict) -> FaultRule:
        return cls(**doc)

    def matches(self, facts: dict[str, str | None]) -> bool:
        return self.criteria.matches(facts)

    def _draw(self) -> float:
        if self.seed is None:
            return random.random()
        return random.Random(f"{self.seed}:{self.matched}").random()

    def decide(self) -> bool:
        """Count a match and say whether the action applies to it (called under the rules' lock)."""
        if self.remaining == 0:
            return False
        self.matched += 1
        if self.probability is not None and self._draw() >= self.probability:
            return False
        self.fired += 1
        return True


class Faults:
    """The active rules of one app, oldest first: in ``store`` (shared by every process on its DB file)
    when one is given, else in this object."""

    def __init__(self, store: Store | None = None) -> None:
        self._store = store
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()
        self._next_id = 1

    def add(self, **spec: Any) -> FaultRule:
        if self._store is not None:
            with self._store.transaction():
                rule = FaultRule(id=self._store.next_id(SEQUENCE), **spec)
                self._store.put(TABLE, str(rule.id), rule.to_doc())
            return rule
        with self._lock:
            rule = FaultRule(id=self._next_id, **spec)
            self._next_id += 1
            self._rules.append(rule)
        return rule

    def list(self) -> list[FaultRule]:
        if self._store is not None:
            return [FaultRule.from_doc(doc) for _, doc in self._store.items(TABLE)]
        with self._lock:
            return list(self._rules)

    def remove(self, rule_id: int) -> bool:
        if self._store is not None:
            return self._store.delete(TABLE, str(rule_id))
        with self._lock:
            before = len(self._rules)
            self._rules = [r for r in self._rules if r.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> int:
        if self._store is not None:
            with self._store.transaction():
                keys = self._store.keys(TABLE)
                for key in keys:
                    self._store.delete(TABLE, key)
            return len(keys)
        with self._lock:
            dropped = len(self._rules)
            self._rules = []
        return dropped

    def __bool__(self) -> bool:
        if self._store is not None:
            return self._store.count(TABLE) > 0
        return bool(self._rules)

    def select(self, facts: dict[str, str | None]) -> list[FaultRule]:
        """The rules that fire for this request: delays, then at most one failing rule."""
        if self._store is not None:
            with self._store.transaction():
                rules = self.list()
                chosen = _choose(rules, facts)
                for rule in rules:
                    if rule.matched != self._store.peek(TABLE, str(rule.id))["matched"]:
                        self._store.put(TABLE, str(rule.id), rule.to_doc())
            return chosen
        with self._lock:
            return _choose(self._rules, facts)


def _choose(rules: list[FaultRule], facts: dict[str, str | None]) -> list[FaultRule]:
    chosen: list[FaultRule] = []
    for rule in rules:
        if rule.matches(facts) and rule.decide():
            chosen.append(rule)
            if rule.action != "delay":
                break
    return chosen


def get_faults(app: Flask | None = None) -> Faults:
    return (app or current_app).extensions["mockdialer.faults"]


def error_for(rule: FaultRule) -> errors.ApiError:
    if rule.action == "rate_limit":
        status, cls = 429, errors.RateLimited
    else:
        status = rule.status or 500
        cls = errors.BY_STATUS.get(status, errors.BadRequest if status < 500 else errors.Internal)
    headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
    return cls(rule.message, headers=headers, status=status)


def _drop_connection() -> None:
    """Close the client's socket without a response; the rendering that follows fails silently.

    werkzeug's server (``flask run``, LiveServer) and gunicorn hand the socket over in the environ.
    Without one (Flask's test client) a dropped connection is answered as a 503 in the vendor's shape.
    """
    sock = request.environ.get("werkzeug.socket") or request.environ.get("gunicorn.socket")
    if sock is None:
        raise errors.Unavailable("Connection dropped (fault injected; no socket to close here)")
    with contextlib.suppress(OSError):  # the client may have gone already
        sock.shutdown(socket.SHUT_RDWR)
    raise ConnectionDropped()


def apply(facts: Callable[[], dict[str, str | None]], applied: list[dict], app: Flask) -> None:
    """Run ``app``'s rules matching this request (``facts()``, asked only when there are rules): sleep
    for delays, then raise its error or drop it. ``applied`` gets ``{"id", "action"}`` of each rule that
    fired (the journal shows them)."""
    faults = get_faults(app)
    if not faults:  # no rules: the common case costs one check
        return
    chosen = faults.select(facts())
    for rule in chosen:
        applied.append({"id": rule.id, "action": rule.action})
        if rule.ms:
            time.sleep(rule.ms / 1000)
    last = chosen[-1] if chosen else None
    if last is not None and last.action == "drop":
        _drop_connection()
    if last is not None and last.action in ("error", "rate_limit"):
        raise error_for(last)


def init_app(app: Flask, store: Store | None = None) -> None:
    """``store``: the shared store the rules live in (None: this app's memory)."""
    app.extensions["mockdialer.faults"] = Faults(store)
