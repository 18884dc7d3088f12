"""Fault injection: rules that make matching vendor requests slow, fail in the vendor's shape, or drop.

A rule matches on vendor, transport, operation, account, method and path (globs for operation and path),
and acts: ``delay`` (``ms``), ``error`` (``status``: the body is the vendor's own error shape, rendered by
that surface), ``rate_limit`` (429 with ``Retry-After``) or ``drop`` (the socket is closed without an
answer). ``ms`` delays any action first. Scope: the next ``times`` matching requests, each with
``probability`` (drawn from a ``random.Random(seed)`` of the rule, so a seeded run repeats exactly);
neither means every matching request.

When a rule is decided: the operation and account are only known once the vendor code reports them
(``requestinfo.set_operation`` at the top of the view, ``set_account`` once auth passed), so

- a rule naming neither is decided in ``before_request``, before routing to the view;
- a rule naming either is decided the moment every field it names is known: ``requestinfo`` calls
  ``on_request_info`` when the vendor code sets them. That is before the view parses the body
  or writes anything (auth and naming come first in every view), so a failed request changes no
  state, which is what a retrying client expects of a 5xx, 429 or a dropped connection.

At most one failing action applies per request; delays add up.
"""

from __future__ import annotations

import contextlib
import fnmatch
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, g, has_request_context, request

from . import errors, requestinfo
from .journal import is_vendor_request
from .vendors import request_surface

ACTIONS = ("delay", "error", "rate_limit", "drop")
MATCH_FIELDS = ("vendor", "transport", "operation", "account", "method", "path")
LATE_FIELDS = ("operation", "account")  # known only once the vendor code reports them

_BY_STATUS: dict[int, type[errors.ApiError]] = {
    400: errors.BadRequest,
    401: errors.Unauthorized,
    403: errors.Forbidden,
    404: errors.NotFound,
    405: errors.MethodNotAllowed,
    409: errors.Conflict,
    413: errors.PayloadTooLarge,
    415: errors.UnsupportedMediaType,
    422: errors.ValidationFailed,
    429: errors.RateLimited,
    500: errors.Internal,
    502: errors.Unavailable,
    503: errors.Unavailable,
    504: errors.Unavailable,
}


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
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        if self.method:
            self.method = self.method.upper()
        if self.action == "rate_limit" and self.retry_after is None:
            self.retry_after = 1

    @property
    def late(self) -> bool:
        return any(getattr(self, name) is not None for name in LATE_FIELDS)

    @property
    def remaining(self) -> int | None:
        return None if self.times is None else max(self.times - self.fired, 0)

    def to_json(self) -> dict:
        keys = ("id", "action", *MATCH_FIELDS, "ms", "status", "message", "retry_after", "times")
        data = {k: getattr(self, k) for k in keys}
        data.update(probability=self.probability, seed=self.seed, remaining=self.remaining)
        data.update(matched=self.matched, fired=self.fired)
        return data

    def matches(self, facts: dict[str, str | None]) -> bool:
        for name in MATCH_FIELDS:
            want = getattr(self, name)
            if want is None:
                continue
            have = facts.get(name)
            if have is None:
                return False
            if name in ("operation", "path", "vendor", "transport"):
                if not fnmatch.fnmatchcase(have, want):
                    return False
            elif have != want:
                return False
        return True

    def decide(self) -> bool:
        """Count a match and say whether the action applies to it (called under the rules' lock)."""
        if self.remaining == 0:
            return False
        self.matched += 1
        if self.probability is not None and self._rng.random() >= self.probability:
            return False
        self.fired += 1
        return True


class Faults:
    """The active rules of one app, oldest first."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()
        self._next_id = 1

    def add(self, **spec: Any) -> FaultRule:
        with self._lock:
            rule = FaultRule(id=self._next_id, **spec)
            self._next_id += 1
            self._rules.append(rule)
        return rule

    def list(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def remove(self, rule_id: int) -> bool:
        with self._lock:
            before = len(self._rules)
            self._rules = [r for r in self._rules if r.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> int:
        with self._lock:
            dropped = len(self._rules)
            self._rules = []
        return dropped

    def __bool__(self) -> bool:
        return bool(self._rules)

    def select(self, facts: dict[str, str | None], late: bool, seen: set[int]) -> list[FaultRule]:
        """The rules that fire for this request now: delays, then at most one failing rule."""
        chosen: list[FaultRule] = []
        with self._lock:
            for rule in self._rules:
                if rule.id in seen or rule.late != late:
                    continue
                if late and any(getattr(rule, f) is not None and facts.get(f) is None for f in LATE_FIELDS):
                    continue  # not decidable yet: wait for the other field
                seen.add(rule.id)
                if rule.matches(facts) and rule.decide():
                    chosen.append(rule)
                    if rule.action != "delay":
                        break
        return chosen


def get_faults(app: Flask | None = None) -> Faults:
    return (app or current_app).extensions["mockdialer.faults"]


def _facts() -> dict[str, str | None]:
    surface = request_surface()
    account = requestinfo.account()
    return {
        "vendor": surface.vendor,
        "transport": surface.name,
        "operation": requestinfo.operation(),
        "account": None if account is None else str(account),
        "method": request.method,
        "path": request.path,
    }


def error_for(rule: FaultRule) -> errors.ApiError:
    if rule.action == "rate_limit":
        status, cls = 429, errors.RateLimited
    else:
        status = rule.status or 500
        cls = _BY_STATUS.get(status, errors.BadRequest if status < 500 else errors.Internal)
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
    g.mockdialer_dropped = True
    raise ConnectionDropped()


def _apply(late: bool) -> None:
    faults = get_faults()
    if not faults:  # no rules: the common case costs one check
        return
    seen: set[int] = g.setdefault("mockdialer_faults_seen", set())
    chosen = faults.select(_facts(), late, seen)
    if not chosen:
        return
    applied = g.setdefault("mockdialer_faults", [])
    for rule in chosen:
        applied.append({"id": rule.id, "action": rule.action})
        if rule.ms:
            time.sleep(rule.ms / 1000)
    last = chosen[-1]
    if last.action == "drop":
        _drop_connection()
    if last.action in ("error", "rate_limit"):
        raise error_for(last)


def _before_request() -> None:
    if not is_vendor_request():
        return
    g.mockdialer_faults_active = True
    _apply(late=False)


def on_request_info() -> None:
    """The vendor code just reported the operation or the account: decide the rules waiting for it."""
    if not get_faults():
        return
    if has_request_context() and g.get("mockdialer_faults_active") and not g.get("mockdialer_dropped"):
        _apply(late=True)


def init_app(app: Flask) -> None:
    """Run right after the journal opens its entry, before any vendor hook."""
    app.extensions["mockdialer.faults"] = Faults()
    requestinfo.on_change(app, on_request_info)
    funcs = app.before_request_funcs.setdefault(None, [])
    funcs.insert(1 if funcs and funcs[0].__module__ == "mockdialer.journal" else 0, _before_request)
