"""The request journal: every vendor request the mock answered, newest last, bounded, credentials redacted.

Only requests under a vendor surface are recorded (not ``/__admin/``, not ``/``). An entry is opened in
``before_request`` (time from the mock's clock) and closed in ``after_request`` with the status and the
response body; the operation, account and parsed body are what the vendor code reported through
``mockdialer.requestinfo``.
"""

from __future__ import annotations

import fnmatch
import json
import math
import threading
import time
from collections import deque
from collections.abc import Iterable
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.datastructures import EnvironHeaders
from werkzeug.wrappers import Request

from . import requestinfo
from .vendors import request_surface

REDACTED = "***"
SENSITIVE_HEADERS = {
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
    "api-key",
    "api-token",
}
SENSITIVE_KEYS = {
    "password",
    "passwd",
    "secret",
    "token",
    "access_token",
    "refresh_token",
    "api_key",
    "apikey",
}
BODY_LIMIT = 64 * 1024  # characters of a non-JSON body kept per entry
HARNESS_VENDORS = {"admin", "mockdialer"}
RAW = "_raw"  # what _close kept of an entry not yet read
HEADER_KEYS = ("HTTP_", "CONTENT_TYPE", "CONTENT_LENGTH")  # the environ keys werkzeug reads headers from
FILTERS = ("vendor", "transport", "operation", "account", "method", "path", "status", "since", "limit")


def redact_header(name: str, value: str) -> str:
    """``Bearer ***`` / ``Basic ***`` for credentials (the scheme stays, so a test can check it)."""
    lowered = name.lower()
    if lowered not in SENSITIVE_HEADERS and "token" not in lowered and "secret" not in lowered:
        return value
    scheme, _, rest = value.partition(" ")
    return f"{scheme} {REDACTED}" if rest and scheme.isalpha() else REDACTED


MAX_DEPTH = 32


def _sensitive_key(key: str) -> bool:
    k = key.lower()
    return k in SENSITIVE_KEYS or k.endswith(("password", "_token", "secret"))


def redact(value: Any, depth: int = 0) -> Any:
    """A copy of a parsed body with the values of password/token/secret keys replaced; levels past
    ``MAX_DEPTH`` are cut (a body nested hundreds deep would exhaust the stack when copied or served)."""
    if isinstance(value, dict | list | tuple) and depth >= MAX_DEPTH:
        return "...(nested too deeply)"
    if isinstance(value, dict):
        return {k: REDACTED if _sensitive_key(str(k)) else redact(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v, depth + 1) for v in value]
    return value


def _headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name: redact_header(name, value) for name, value in headers}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _text(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    return text if len(text) <= BODY_LIMIT else text[:BODY_LIMIT] + "...(truncated)"


def _request_body() -> Any:
    """The body as the journal shows it, when the vendor code reported no parsed body."""
    try:
        if request.is_json:
            data = request.get_json(silent=True)
            return redact(data) if data is not None else _text(request.get_data())
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return redact({k: v[0] if len(v) == 1 else v for k, v in request.form.lists()})
        data = request.get_data()
    except Exception:  # body over the size limit, or a stream the view consumed
        return None
    return _text(data) if data else None


def _is_json(headers: list[tuple[str, str]] | None) -> bool:
    return headers is not None and Response(headers=headers).is_json


def _response_body(is_json: bool, data: bytes) -> Any:
    if not data:
        return None
    if is_json:
        try:
            return redact(json.loads(data))
        except ValueError:
            pass
    return _text(data)


def _finite(value: Any) -> float:
    """``float(value)``; NaN, infinities and numbers past a float's range are a ValueError."""
    try:
        seconds = float(value)
    except OverflowError as exc:
        raise ValueError("Number too large") from exc
    if not math.isfinite(seconds):
        raise ValueError("Not a finite number")
    return seconds


def parse_since(value: Any) -> float:
    """Epoch seconds from a number, a numeric string or an ISO 8601 time (``Z`` or offset; naive = UTC)."""
    if isinstance(value, int | float):
        return _finite(value)
    if isinstance(value, datetime):
        when = value
    else:
        text = str(value).strip()
        try:
            seconds = float(text)
        except ValueError:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            return _finite(seconds)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def _matches(entry: dict, filters: dict[str, Any]) -> bool:
    for name in ("vendor", "transport", "operation", "account", "path"):
        want = filters.get(name)
        if want is not None and not fnmatch.fnmatchcase(str(entry[name]), str(want)):
            return False
    method, status, since = filters.get("method"), filters.get("status"), filters.get("since")
    return (
        (method is None or entry["method"] == str(method).upper())
        and (status is None or entry["status"] == int(status))
        and (since is None or entry["timestamp"] >= since)
    )


class Journal:
    """A bounded, thread-safe list of entries (dicts of JSON values), oldest dropped first."""

    def __init__(self, maxlen: int = 1000) -> None:
        self.maxlen = maxlen
        self._entries: deque[dict] = deque(maxlen=maxlen)
        self._lock = threading.Lock()
        self._next_id = 1

    def reserve(self) -> int:
        """The id of a request that just arrived: entries are listed in arrival order, though a request
        that ends later is recorded later (a dropped request ends after its client's retry)."""
        with self._lock:
            self._next_id += 1
            return self._next_id - 1

    def record(self, entry: dict, entry_id: int | None = None) -> dict:
        with self._lock:
            entry = {"id": self._next_id if entry_id is None else entry_id, **entry}
            if entry_id is None:
                self._next_id += 1
            self._entries.append(entry)
        return entry

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, **filters: Any) -> list[dict]:
        """Entries, oldest first, matching every filter given (see ``FILTERS``; path is a glob)."""
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise TypeError(f"unknown journal filter(s): {', '.join(sorted(unknown))}")
        if filters.get("since") is not None:
            filters = {**filters, "since": parse_since(filters["since"])}
        limit = filters.get("limit")
        with self._lock:
            found = sorted((e for e in self._entries if _matches(e, filters)), key=itemgetter("id"))
            found = found[-int(limit) :] if limit else found
            return [_materialize(e) if RAW in e else e for e in found]

    def count(self, **filters: Any) -> int:
        return len(self.entries(**filters))

    def clear(self) -> int:
        with self._lock:
            dropped = len(self._entries)
            self._entries.clear()
        return dropped


def get_journal(app: Flask | None = None) -> Journal:
    return (app or current_app).extensions["mockdialer.journal"]


def is_vendor_request() -> bool:
    return request_surface().vendor not in HARNESS_VENDORS


def _open() -> None:
    surface = request_surface()
    if surface.vendor not in HARNESS_VENDORS:
        extensions = current_app.extensions
        journal, clock = extensions["mockdialer.journal"], extensions["mockdialer.clock"]
        g.mockdialer_journal = (journal.reserve(), surface, clock.time(), time.perf_counter())


def _close(response: Response) -> Response:
    """Record the cheap facts now; parsing and redaction of the query, headers and bodies wait until
    the entry is read (``_materialize``), so a request pays microseconds for being journaled."""
    bag = g._get_current_object()
    opened = bag.get("mockdialer_journal")
    if opened is None:
        return response
    entry_id, surface, started, perf = opened
    req = request._get_current_object()
    environ = req.environ
    dropped = bag.get("mockdialer_dropped", False)
    operation, account, parsed = requestinfo.reported()
    keep_response = not (dropped or response.direct_passthrough or response.is_streamed)
    get_journal().record(
        {
            "timestamp": started,
            "vendor": surface.vendor,
            "transport": surface.name,
            "operation": operation,
            "account": None if account is None else str(account),
            "method": req.method,
            "path": req.path,
            "status": None if dropped else response.status_code,
            "faults": list(bag.get("mockdialer_faults", ())),
            "duration_ms": round((time.perf_counter() - perf) * 1000, 3),
            RAW: (
                environ.get("QUERY_STRING", ""),
                {k: v for k, v in environ.items() if k.startswith(HEADER_KEYS)},
                ("parsed", parsed) if parsed is not None else ("raw", _request_body()),
                None if dropped else list(response.headers.items()),
                response.get_data() if keep_response else None,
            ),
        },
        entry_id,
    )
    return response


def _materialize(entry: dict) -> dict:
    """The entry as the admin API shows it, built from what ``_close`` kept."""
    query, header_environ, body, response_headers, response = entry.pop(RAW)
    kind, value = body
    shown = {
        "id": entry["id"],
        "time": datetime.fromtimestamp(entry["timestamp"], UTC).isoformat().replace("+00:00", "Z"),
        **{k: entry[k] for k in ("timestamp", "vendor", "transport", "operation", "account")},
        **{k: entry[k] for k in ("method", "path")},
        "query": {k: v[0] if len(v) == 1 else v for k, v in Request({"QUERY_STRING": query}).args.lists()},
        "headers": _headers(EnvironHeaders(header_environ).items()),
        "body": _jsonable(redact(value)) if kind == "parsed" else value,
        "status": entry["status"],
        "response_headers": {} if response_headers is None else _headers(response_headers),
        "response_body": None if response is None else _response_body(_is_json(response_headers), response),
        "faults": entry["faults"],
        "duration_ms": entry["duration_ms"],
    }
    entry.clear()  # the entry itself becomes what is shown: built once, however often it is read
    entry.update(shown)
    return entry


def init_app(app: Flask) -> None:
    """Open entries before any other hook (so a request a hook refuses is still recorded)."""
    app.extensions["mockdialer.journal"] = Journal(int(app.config.get("JOURNAL_MAX", 1000)))
    app.before_request_funcs.setdefault(None, []).insert(0, _open)
    app.after_request(_close)
