"""The request journal: every vendor request the mock answered, oldest first, bounded, credentials redacted.

The request pipeline opens a ``Call`` when an operation starts (time from the mock's clock, the
operation's name) and closes it with the response: ``close_call`` records one entry (see ``Journal``).
"""

from __future__ import annotations

import fnmatch
import json
import math
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.datastructures import EnvironHeaders
from werkzeug.wrappers import Request

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
WIRE = "_wire"  # what close_call keeps raw for _shown
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
NESTED = "...(nested too deeply)"


def _sensitive_key(key: str) -> bool:
    k = key.lower()
    return k in SENSITIVE_KEYS or k.endswith(("password", "_token", "secret"))


def redact(value: Any, depth: int = 0) -> Any:
    """A copy of a parsed body with the values of password/token/secret keys replaced; levels past
    ``MAX_DEPTH`` are cut (a body nested hundreds deep would exhaust the stack when copied or served)."""
    if isinstance(value, dict | list | tuple) and depth >= MAX_DEPTH:
        return NESTED
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


def _request_body(mimetype: str, data: bytes) -> Any:
    """The raw body as the journal shows it, when the handler recorded no parsed body."""
    if not data:
        return None
    if mimetype == "application/json" or mimetype.endswith("+json"):
        try:
            return redact(json.loads(data))
        except ValueError:
            return _text(data)
        except RecursionError:
            return NESTED
    if mimetype == "application/x-www-form-urlencoded":
        form = Request({"QUERY_STRING": data.decode("latin-1")}).args
        return redact({k: v[0] if len(v) == 1 else v for k, v in form.lists()})
    return _text(data)


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
        return [_shown(entry) for entry in found]

    def count(self, **filters: Any) -> int:
        return len(self.entries(**filters))

    def clear(self) -> int:
        with self._lock:
            dropped = len(self._entries)
            self._entries.clear()
        return dropped



def get_journal(app: Flask | None = None) -> Journal:
    return (app or current_app).extensions["mockdialer.journal"]


@dataclass
class Call:
    """One vendor request under way: what the pipeline learns of it before the journal records it."""

    id: int
    started: float  # the mock's clock
    perf: float
    transport: str
    vendor: str
    operation: str
    account: str | None = None
    body: Any = None  # as the handler parsed it (``pipeline.record_body``); None: the raw body is shown
    faults: list[dict] = field(default_factory=list)
    dropped: bool = False

    def facts(self) -> dict[str, str | None]:
        """What a fault rule matches on."""
        return {
            "vendor": self.vendor,
            "transport": self.transport,
            "operation": self.operation,
            "account": self.account,
            "method": request.method,
            "path": request.path,
        }


def open_call(transport: str, vendor: str, operation: str) -> Call:
    extensions = current_app.extensions
    entry_id = extensions["mockdialer.journal"].reserve()
    started = extensions["mockdialer.clock"].time()
    return Call(entry_id, started, time.perf_counter(), transport, vendor, operation)


def close_call(call: Call, response: Response) -> None:
    """Record the request and its response as one entry. What only a reader needs (query, headers and
    bodies parsed and redacted) is kept raw and shaped when the entry is read (``_shown``)."""
    # speed-up kept: shaping at read time saves 12% per Acefone PUT (490 -> 436 us in-process, medians
    # of 7 interleaved runs of 400 PUTs; docs/benchmarks.md "Speed-ups kept")
    req = request._get_current_object()
    dropped = call.dropped
    keep_body = not (dropped or response.direct_passthrough or response.is_streamed)
    try:
        raw_body = req.get_data() if call.body is None else b""
    except Exception:  # noqa: BLE001 (a body over the size limit, or a stream the view consumed)
        raw_body = b""
    get_journal().record(
        {
            "timestamp": call.started,
            "vendor": call.vendor,
            "transport": call.transport,
            "operation": call.operation,
            "account": call.account,
            "method": req.method,
            "path": req.path,
            "status": None if dropped else response.status_code,
            "faults": call.faults,
            "duration_ms": round((time.perf_counter() - call.perf) * 1000, 3),
            WIRE: (
                req.environ.get("QUERY_STRING", ""),
                {k: v for k, v in req.environ.items() if k.startswith(HEADER_KEYS)},
                (call.body, req.mimetype, raw_body),
                None if dropped else list(response.headers.items()),
                (response.is_json, response.get_data() if keep_body else None),
            ),
        },
        call.id,
    )


def _shown(entry: dict) -> dict:
    """An entry as the admin API shows it (a new dict: what is stored never changes); an entry recorded
    without its wire facts is shown as it was recorded."""
    if WIRE not in entry:
        return dict(entry)
    query, headers, (parsed, mimetype, raw_body), response_headers, (is_json, response) = entry[WIRE]
    return {
        "id": entry["id"],
        "time": datetime.fromtimestamp(entry["timestamp"], UTC).isoformat().replace("+00:00", "Z"),
        **{k: entry[k] for k in ("timestamp", "vendor", "transport", "operation", "account")},
        "method": entry["method"],
        "path": entry["path"],
        "query": {k: v[0] if len(v) == 1 else v for k, v in Request({"QUERY_STRING": query}).args.lists()},
        "headers": _headers(EnvironHeaders(headers).items()),
        "body": _jsonable(redact(parsed)) if parsed is not None else _request_body(mimetype, raw_body),
        "status": entry["status"],
        "response_headers": {} if response_headers is None else _headers(response_headers),
        "response_body": None if response is None else _response_body(is_json, response),
        "faults": entry["faults"],
        "duration_ms": entry["duration_ms"],
    }


def init_app(app: Flask) -> None:
    app.extensions["mockdialer.journal"] = Journal(int(app.config.get("JOURNAL_MAX", 1000)))
