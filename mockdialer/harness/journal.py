"""The request journal: every vendor request the mock answered, oldest first, bounded, credentials redacted.

The request pipeline opens a ``Call`` when an operation starts (time from the mock's clock, the
operation's name) and closes it with the response: ``close_call`` records one entry (see ``Journal``).
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import json
import math
import os
import re
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlsplit, urlunsplit

from flask import Flask, Request, Response, current_app, request
from werkzeug.datastructures import EnvironHeaders

from ..store import Store
from .clock import get_clock
from .matching import Criteria

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
    "api-key",
}
SENSITIVE_ENDINGS = ("password", "passwd", "_token", "secret", "api_key", "apikey", "api-key")
BODY_LIMIT = 4 * 1024  # characters of a request or response body an entry keeps (parsed ones as JSON)
STRING_LIMIT = 1024  # characters of one string of a parsed body kept when the body is over BODY_LIMIT
RAW_LIMIT = 64 * 1024  # bytes of a raw body an entry keeps until it is shown (a larger one is shown as text)
PREVIEW_LIMIT = 512  # characters of a body or header value ``preview`` keeps, for pages
WIRE = "_wire"  # what close_call keeps raw for _shown
FILTERS = (
    "vendor", "transport", "operation", "account", "method", "path", "status", "since", "limit", "direction",
    "event", "url",
)
OUTBOUND_FACTS = ("url", "event", "target", "attempt", "attempts", "error")  # what a sender adds
INBOUND, OUTBOUND = "inbound", "outbound"  # an entry's ``direction``: a request to the mock, or by it
MAX_DEPTH = 32
NESTED = "...(nested too deeply)"


# ----- text that always renders: bytes that are not UTF-8 and lone surrogates, escaped (docs/security.md)
def _escape_error(exc: UnicodeError) -> tuple[str, int]:
    bad = exc.object[exc.start : exc.end]
    return "".join(f"\\x{b:02x}" for b in bad), exc.end


codecs.register_error("mockdialer.escape", _escape_error)
_ESCAPED = re.compile(rb"\\(\\|x[0-9a-f]{2})")


def escape_bytes(data: bytes) -> tuple[str, bool]:
    """``(text, escaped)``: UTF-8 bytes as their text (``escaped`` False); any other bytes with each byte
    that is not part of a UTF-8 character as ``\\xNN`` and each backslash doubled (``unescape`` undoes it)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.replace(b"\\", b"\\\\").decode("utf-8", "mockdialer.escape"), True


def unescape(text: str) -> bytes:
    """The bytes ``escape_bytes`` escaped."""
    one = lambda m: b"\\" if m[1] == b"\\" else bytes([int(m[1][1:], 16)])  # noqa: E731
    return _ESCAPED.sub(one, text.encode("utf-8"))


def clean_text(text: str) -> str:
    """``text`` when it is valid Unicode; else (lone surrogates) its UTF-8 bytes, escaped: ``\\xed\\xa0\\x80``
    for U+D800."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return escape_bytes(text.encode("utf-8", "surrogatepass"))[0]
    return text


def clean(value: Any, depth: int = 0) -> Any:
    """A JSON copy of a parsed value whose every string (keys too) is ``clean_text``; levels past
    ``MAX_DEPTH`` are cut. Values JSON cannot hold become their text."""
    if isinstance(value, dict | list | tuple) and depth >= MAX_DEPTH:
        return NESTED
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v, depth + 1) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return clean_text(str(value))


# ----- secrets masked wherever they appear
def redact_header(name: str, value: str) -> str:
    """``Bearer ***`` / ``Basic ***`` for credentials (the scheme stays, so a test can check it)."""
    lowered = name.lower()
    if lowered not in SENSITIVE_HEADERS and "token" not in lowered and "secret" not in lowered:
        return value
    scheme, _, rest = value.partition(" ")
    return f"{scheme} {REDACTED}" if rest and scheme.isalpha() else REDACTED


def redact_url(url: str) -> str:
    """``url`` with its userinfo (``user:password@``) and the values of its secret query and fragment
    parameters (``?token=``) masked: how an outbound entry shows the URL the mock sent to."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket: no host to keep apart
        return redact_text(url)
    netloc = f"{REDACTED}@{parts.netloc.rpartition('@')[2]}" if "@" in parts.netloc else parts.netloc

    def pairs(text: str) -> str:
        names = [pair.partition("=")[0] for pair in text.split("&")]
        masked = [f"{name}={REDACTED}" if sensitive_key(unquote_plus(name)) else "" for name in names]
        return "&".join(m or pair for m, pair in zip(masked, text.split("&"), strict=True))

    return urlunsplit(parts._replace(netloc=netloc, query=pairs(parts.query), fragment=pairs(parts.fragment)))


def sensitive_key(key: str) -> bool:
    """Whether a body field, query parameter or XML element of this name holds a secret."""
    k = key.lower()
    return k in SENSITIVE_KEYS or k.endswith(SENSITIVE_ENDINGS)


def redact(value: Any, depth: int = 0) -> Any:
    """A copy of a parsed body with the values of password/token/secret keys replaced; levels past
    ``MAX_DEPTH`` are cut (a body nested hundreds deep would exhaust the stack when copied or served)."""
    if isinstance(value, dict | list | tuple) and depth >= MAX_DEPTH:
        return NESTED
    if isinstance(value, dict):
        return {
            _masked(k): REDACTED if sensitive_key(str(k)) else redact(v, depth + 1) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(v, depth + 1) for v in value]
    return _masked(value)


def _masked(value: Any) -> Any:
    """A string that may hold a body the mock could not parse (a form field named by a JSON text, an
    XML blob) with its secrets masked (``redact_text``)."""
    if isinstance(value, str) and len(value) > 8 and ("<" in value or "=" in value or '"' in value):
        return redact_text(value)
    return value


# a body the mock could not parse, as text: JSON members, XML elements and form fields whose name is a
# secret's (``sensitive_key``), however malformed the rest
_JSON_MEMBER = re.compile(r'"((?:[^"\\\n]|\\.){1,200})"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]*)')
_XML_ELEMENT = re.compile(r"<((?:[\w.-]{1,100}:)?([\w.-]{1,100}))(\s[^<>]*)?>([^<]*)")
_FORM_FIELD = re.compile(r"(^|[&?;\s])([^=&\s]{1,200})=([^&\s]*)")


def _json_member(m: re.Match) -> str:
    return f'"{m[1]}"{m[2]}"{REDACTED}"' if sensitive_key(m[1]) else m[0]


def _xml_element(m: re.Match) -> str:
    return f"<{m[1]}{m[3] or ''}>{REDACTED}" if sensitive_key(m[2]) and m[4] else m[0]


def _form_field(m: re.Match) -> str:
    return f"{m[1]}{m[2]}={REDACTED}" if sensitive_key(unquote_plus(m[2])) else m[0]


def redact_text(text: str) -> str:
    """``text`` with the values of secrets' JSON members, XML elements and form fields masked."""
    if "=" in text:
        text = _FORM_FIELD.sub(_form_field, text)
    if '"' in text:
        text = _JSON_MEMBER.sub(_json_member, text)
    if "<" in text:
        text = _XML_ELEMENT.sub(_xml_element, text)
    return text


def redact_query(args: dict[str, Any]) -> dict[str, Any]:
    return {k: REDACTED if sensitive_key(k) else v for k, v in args.items()}


# ----- bounded bodies
def truncated(text: str, size: str, limit: int = BODY_LIMIT) -> str:
    """The first ``limit`` characters and a marker with the whole size (``"900000 bytes"``)."""
    return text[:limit] + f"...(truncated: {size} in all)"


def _cut_strings(value: Any, limit: int) -> Any:
    if isinstance(value, str):
        return truncated(value, f"{len(value)} characters", limit) if len(value) > limit else value
    if isinstance(value, dict):
        return {k: _cut_strings(v, limit) for k, v in value.items()}
    if isinstance(value, list):
        return [_cut_strings(v, limit) for v in value]
    return value


def bounded(value: Any, limit: int = BODY_LIMIT) -> Any:
    """A parsed body of at most about ``limit`` characters as JSON: its long strings cut first, then,
    if still larger, the body as JSON text cut at ``limit`` (each with its marker and size)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= limit else truncated(value, f"{len(value)} characters", limit)
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= limit:
        return value
    value = _cut_strings(value, min(STRING_LIMIT, limit))
    shorter = json.dumps(value, ensure_ascii=False)
    return value if len(shorter) <= limit else truncated(shorter, f"{len(text)} characters as JSON", limit)


def _headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {clean_text(name): clean_text(redact_header(name, value)) for name, value in headers}


def _text(data: bytes, size: int | None = None) -> str:
    """A raw body as text: escaped if not UTF-8, secrets masked, cut at ``BODY_LIMIT`` (``size``: the
    whole body's, when ``data`` is its first bytes only)."""
    size = len(data) if size is None else size
    text, _ = escape_bytes(data[:RAW_LIMIT])
    if size > RAW_LIMIT or len(text) > BODY_LIMIT:
        return truncated(redact_text(text[:BODY_LIMIT]), f"{size} bytes")
    return redact_text(text)


def _parsed(value: Any) -> Any:
    return redact(bounded(clean(value)))


def _request_body(mimetype: str, data: bytes, size: int | None = None) -> Any:
    """The raw body as the journal shows it, when the handler recorded no parsed body."""
    if not data:
        return None
    whole = size is None or size == len(data)
    if whole and (mimetype == "application/json" or mimetype.endswith("+json")):
        try:
            return _parsed(json.loads(data))
        except ValueError:
            return _text(data)
        except RecursionError:
            return NESTED
    if whole and mimetype == "application/x-www-form-urlencoded" and not NOT_FORM.search(data):
        return _parsed(_pairs(data))
    return _text(data, size)


def _response_body(is_json: bool, data: bytes, size: int | None = None) -> Any:
    if not data:
        return None
    if is_json and (size is None or size == len(data)):
        try:
            return _parsed(json.loads(data))
        except ValueError:
            pass
        except RecursionError:
            return NESTED
    return _text(data, size)


def preview(entry: dict, limit: int = PREVIEW_LIMIT) -> dict:
    """A shown entry with its bodies, query and header values cut to about ``limit`` characters each,
    for pages that list many entries."""
    short = dict(entry)
    for key in ("body", "response_body"):
        if short.get(key) is not None:
            short[key] = bounded(short[key], limit)
    for key in ("query", "headers", "response_headers"):
        if short.get(key):
            short[key] = {k: bounded(v, limit) for k, v in short[key].items()}
    return short


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
        wanted = Criteria.of(filters)
        with self._lock:
            found = sorted((e for e in self._entries if wanted.matches(e)), key=itemgetter("id"))
        found = found[-int(limit) :] if limit else found
        return [_shown(entry) for entry in found]

    def count(self, **filters: Any) -> int:
        return len(self.entries(**filters))

    def clear(self) -> int:
        with self._lock:
            dropped = len(self._entries)
            self._entries.clear()
        return dropped



APPEND = os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0)


def _line(entry: dict) -> bytes:
    """A recorded entry as a line of a shared journal: its wire facts as JSON, bodies in base64 (an
    entry's id is its place in the file)."""
    line = {k: v for k, v in entry.items() if k not in ("id", WIRE)}
    if WIRE in entry:
        query, headers, (parsed, mimetype, raw_body, size), response_headers, response = entry[WIRE]
        is_json, answer, answered = response
        request_part = [query, headers, parsed, mimetype, _b64(raw_body), size]
        line[WIRE] = [*request_part, response_headers, is_json, _b64(answer), answered]
    return json.dumps(line, separators=(",", ":"), default=str).encode() + b"\n"


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode()


def _unline(line: bytes) -> dict:
    entry = json.loads(line)
    if WIRE in entry:
        query, headers, parsed, mimetype, raw_body, size, response_headers, *response = entry[WIRE]
        is_json, answer, answered = response
        entry[WIRE] = (
            query,
            headers,
            (parsed, mimetype, base64.b64decode(raw_body), size),
            response_headers,
            (is_json, None if answer is None else base64.b64decode(answer), answered),
        )
    return entry


class SharedJournal(Journal):
    """The journal of a DB file, one for every process serving it: ``<db>.journal``, a header line
    (``{"format", "first", "file"}``: the id of the first entry line, a name of this file's own) and one
    JSON line per entry (its wire facts raw, shaped and redacted when read, as in memory). An entry's
    id is its place in the file.
    Every read and write is under the store's transaction lock, on a file opened for that read or write
    only: lines are appended; the file is replaced by a rename (cleared, or cut to the last ``maxlen``
    entries once over ``COMPACT_BYTES`` and twice what the last cut left, ``size``); each process
    parses the lines it has not read yet when it is asked for entries."""

    COMPACT_BYTES = 4 << 20

    def __init__(self, store: Store, maxlen: int = 1000) -> None:
        super().__init__(maxlen)
        self._store = store
        self.path = store.path + ".journal"
        self._header = b""  # of the file the entries were read from
        self._pos = 0
        with store.transaction():
            if not os.path.exists(self.path):
                self._replace([], 1)

    def _replace(self, lines: list[bytes], first: int) -> None:
        """A new file holding ``lines`` (under the lock): a temporary file, then a rename."""
        body = b"".join(lines)
        header = {"format": 1, "first": first, "file": uuid.uuid4().hex, "size": len(body)}
        folder, name = os.path.split(os.path.abspath(self.path))
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(json.dumps(header).encode() + b"\n" + body)
        os.replace(tmp, self.path)

    def _refresh(self) -> None:
        """Read the entry lines written since the last call (under the lock and ``self._lock``)."""
        with open(self.path, "rb") as fh:
            header = fh.readline()
            if header != self._header:  # another file: cleared or cut since
                self._header, self._pos = header, len(header)
                self._next_id = json.loads(header)["first"]
                self._entries.clear()
            fh.seek(self._pos)
            chunk = fh.read()
        end = chunk.rfind(b"\n") + 1
        for line in chunk[:end].splitlines():
            self._entries.append({"id": self._next_id, **_unline(line)})
            self._next_id += 1
        self._pos += end

    def reserve(self) -> int:
        return 0  # the id is the entry's place in the file

    def record(self, entry: dict, entry_id: int | None = None) -> dict:
        line = _line(entry)
        with self._store.transaction():
            fd = os.open(self.path, APPEND)
            try:
                os.write(fd, line)
                size = os.fstat(fd).st_size
            finally:
                os.close(fd)
            if size > self.COMPACT_BYTES:
                with open(self.path, "rb") as fh:
                    header = fh.readline()
                if size - len(header) > 2 * json.loads(header)["size"]:
                    with self._lock:
                        self._refresh()
                        kept = list(self._entries)
                        self._replace([_line(e) for e in kept], kept[0]["id"] if kept else self._next_id)
        return entry

    def _read(self) -> None:
        with self._store.transaction(), self._lock:
            self._refresh()

    def __len__(self) -> int:
        self._read()
        return len(self._entries)

    def entries(self, **filters: Any) -> list[dict]:
        self._read()
        return super().entries(**filters)

    def clear(self) -> int:
        with self._store.transaction(), self._lock:
            self._refresh()
            dropped = len(self._entries)
            self._replace([], self._next_id)
        return dropped


def get_journal(app: Flask | None = None) -> Journal:
    return (app or current_app).extensions["mockdialer.journal"]


@dataclass
class Call:
    """One vendor request under way: what the pipeline learns of it before the journal records it."""

    journal: Journal
    id: int
    started: float  # the mock's clock
    perf: float
    transport: str
    vendor: str
    operation: str
    headers: dict[str, str]  # the request's header fields, as the environ holds them
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


def open_call(app: Flask, transport: str, vendor: str, operation: str, headers: dict[str, str]) -> Call:
    """``headers``: the request's header fields as the environ holds them (``limits.header_fields``)."""
    journal = app.extensions["mockdialer.journal"]
    entry_id = journal.reserve()
    started = app.extensions["mockdialer.clock"].time()
    return Call(journal, entry_id, started, time.perf_counter(), transport, vendor, operation, headers)


def close_call(call: Call, req: Request, response: Response) -> None:
    """Record the request ``req`` and its response as one entry. What only a reader needs (query,
    headers and bodies parsed and redacted) is kept raw and shaped when the entry is read (``_shown``)."""
    dropped = call.dropped
    keep_body = not (dropped or response.direct_passthrough or response.is_streamed)
    raw_body, mimetype = b"", ""  # a body the handler parsed is shown as parsed
    if call.body is None:
        mimetype = req.mimetype
        with contextlib.suppress(Exception):  # a body over the size limit, or a stream the view consumed
            raw_body = req.get_data()
    answer = response.get_data() if keep_body else None
    call.journal.record(
        {
            "timestamp": call.started,
            "vendor": call.vendor,
            "transport": call.transport,
            "operation": call.operation,
            "account": None if call.account is None else clean_text(call.account),
            "method": req.method,
            "path": req.path,
            "status": None if dropped else response.status_code,
            "faults": call.faults,
            "duration_ms": round((time.perf_counter() - call.perf) * 1000, 3),
            WIRE: (
                req.environ.get("QUERY_STRING", ""),
                call.headers,
                (call.body, mimetype, raw_body[:RAW_LIMIT], len(raw_body)),
                None if dropped else list(response.headers.items()),
                (response.is_json, None if answer is None else answer[:RAW_LIMIT], len(answer or b"")),
            ),
        },
        call.id,
    )


NOT_FORM = re.compile(rb'[<>{}"]')  # a form body percent-encodes these: one with them is shown as text


def _pairs(data: bytes) -> dict[str, Any]:
    """A query string or form body as {name: value, or [values] when repeated}, every byte kept
    (``escape_bytes``)."""
    found: dict[str, Any] = {}
    text = data.decode("latin-1")  # one character a byte, whatever the bytes are
    for raw_key, raw_value in parse_qsl(text, keep_blank_values=True, encoding="latin-1"):
        key, value = escape_bytes(raw_key.encode("latin-1"))[0], escape_bytes(raw_value.encode("latin-1"))[0]
        if key in found:
            found[key] = [*found[key], value] if isinstance(found[key], list) else [found[key], value]
        else:
            found[key] = value
    return found


def record_outbound(
    vendor: str,
    operation: str,
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    status: int | None,
    response_headers: Iterable[tuple[str, str]] = (),
    response_body: bytes | None = None,
    *,
    account: str | None = None,
    started: float | None = None,
    duration_ms: float = 0.0,
    extra: Mapping[str, Any] | None = None,
    app: Flask | None = None,
) -> dict:
    """Journal a request the mock sent (a webhook, a notification): ``direction`` ``"outbound"``, shown,
    masked and capped as the requests it answers are. ``status`` None: no answer came. ``extra``: what
    else the sender knows of it (``url``, ``event``, ``target``, ``attempt``, ``error``), shown as given."""
    target = urlsplit(redact_url(url))
    extra = dict(extra or {})
    if isinstance(extra.get("url"), str):
        extra["url"] = redact_url(extra["url"])
    if isinstance(extra.get("error"), str) and "@" in urlsplit(url).netloc:
        extra["error"] = extra["error"].replace(urlsplit(url).netloc, target.netloc)
    environ_headers = {}
    for name, value in headers:
        key = name.upper().replace("-", "_")
        environ_headers[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    mimetype = environ_headers.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
    answer_type = dict((k.lower(), v) for k, v in response_headers).get("content-type", "")
    entry = {
        "direction": OUTBOUND,
        "timestamp": get_clock(app).time() if started is None else started,
        "vendor": vendor,
        "transport": f"{vendor}.outbound",
        "operation": operation,
        "account": account,
        "method": method.upper(),
        "path": f"{target.scheme}://{target.netloc}{target.path}",
        "status": status,
        "faults": [],
        "duration_ms": duration_ms,
        **clean(extra),
        WIRE: (
            target.query,
            environ_headers,
            (None, mimetype, body[:RAW_LIMIT], len(body)),
            None if status is None else list(response_headers),
            ("json" in answer_type, (response_body or b"")[:RAW_LIMIT] or None, len(response_body or b"")),
        ),
    }
    return get_journal(app).record(entry)


def _query(query: str) -> dict[str, Any]:
    try:
        raw = query.encode("latin-1")  # WSGI's one character a byte
    except UnicodeEncodeError:
        raw = query.encode("utf-8", "surrogatepass")
    shown = _pairs(raw)
    return {k: REDACTED if sensitive_key(k) else bounded(v, STRING_LIMIT) for k, v in shown.items()}


def _shown(entry: dict) -> dict:
    """An entry as the admin API shows it (a new dict: what is stored never changes); an entry recorded
    without its wire facts is shown as it was recorded."""
    if WIRE not in entry:
        return dict(entry)
    query, headers, (parsed, mimetype, raw_body, size), response_headers, answer = entry[WIRE]
    is_json, response, answered = answer
    return {
        "id": entry["id"],
        "time": datetime.fromtimestamp(entry["timestamp"], UTC).isoformat().replace("+00:00", "Z"),
        "direction": entry.get("direction", INBOUND),
        **{k: entry[k] for k in ("timestamp", "vendor", "transport", "operation")},
        "account": None if entry["account"] is None else clean_text(entry["account"]),
        "method": entry["method"],
        "path": clean_text(entry["path"]),
        "query": _query(query),
        "headers": _headers(EnvironHeaders(headers).items()),
        "body": _parsed(parsed) if parsed is not None else _request_body(mimetype, raw_body, size),
        "status": entry["status"],
        "response_headers": {} if response_headers is None else _headers(response_headers),
        "response_body": None if response is None else _response_body(is_json, response, answered),
        "faults": entry["faults"],
        "duration_ms": entry["duration_ms"],
        **{k: entry[k] for k in OUTBOUND_FACTS if k in entry},
    }


def init_app(app: Flask, store: Store | None = None) -> None:
    """``store``: the shared store whose DB file the journal lives beside (None: this app's memory)."""
    maxlen = int(app.config.get("JOURNAL_MAX", 1000))
    app.extensions["mockdialer.journal"] = Journal(maxlen) if store is None else SharedJournal(store, maxlen)
