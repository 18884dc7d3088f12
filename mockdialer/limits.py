"""The request limits every surface shares, applied before any vendor code reads a request.

- ``LimitsMiddleware`` wraps ``app.wsgi_app``. A body sent without ``Content-Length`` (chunked) is read
  here, up to ``MAX_CONTENT_LENGTH`` + 1 bytes: werkzeug's own limit on such a stream stops reading at
  the limit without an error, so a 2 MiB chunked body would reach the parsers cut to 1 MiB. It also
  measures the request headers against ``MAX_HEADER_BYTES``. It only marks the WSGI environ with the
  error; the app answers, in the vendor's shape.
  Before either, it refuses a request whose framing RFC 9112 section 6 says to refuse (``framing_problem``)
  with a plain 400 that closes the connection: the app never runs for it.
- ``check()`` is the pipeline's limits step: 413 for a body over the limit (declared or chunked), 431
  for headers over it.
- ``read_body(environ)``: a body the limits let through, read once (Acefone's JSON parser reads it so).
- ``IdConverter`` replaces werkzeug's ``int`` converter app-wide (every ``<int:Id>`` route): a numeric id
  is ASCII digits only (werkzeug's also takes "١٠٠٢", which ``int()`` reads as 1002); an id past any
  long is a 404 of its own, not "no such route" (or a 405 from a neighbouring rule).
- ``let_servers_pass_headers()``: the HTTP servers in front of the app refuse long header lines
  before the app sees them, with their own HTML page; the servers this package starts
  (``mockdialer.testing.live_server``, ``mockdialer run``) call it, ``create_app()`` never does (it
  changes the stdlib's limits for the whole process). See docs/security.md for what holds where.
"""

from __future__ import annotations

import http.client
import io
import math
from collections.abc import Callable, Iterable

from flask import Flask, request
from werkzeug.exceptions import NotFound as HttpNotFound
from werkzeug.routing import BaseConverter

from .errors import HeadersTooLarge, NotFound, PayloadTooLarge, ValidationFailed

REFUSED = "mockdialer.limit_refused"  # the environ key of the error a request over a limit gets
HEADER_FIELDS = "mockdialer.header_fields"  # the environ key of ``header_fields``
BODY = "mockdialer.body"  # the environ key of the body ``read_body`` read
HEADER_KEYS = ("HTTP_", "CONTENT_TYPE", "CONTENT_LENGTH")  # the environ keys werkzeug reads headers from
DRAIN_MAX = 64 * 1024 * 1024  # a refused chunked body is read (and dropped) this far, so the
# connection stays in step for the next request; past it the server closes the connection
SERVER_HEADER_LINE = 1024 * 1024  # what the dev server / LiveServer let through to the app
SERVER_HEADER_COUNT = 1000
LONG_MAX = 2**63 - 1


def _read(stream, size: int) -> bytes:
    chunks, total = [], 0
    while total < size:
        chunk = stream.read(min(65536, size - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


_DIGITS = frozenset("0123456789")


def framing_problem(
    content_lengths: list[str], transfer_encodings: list[str], http10: bool = False
) -> str | None:
    """Why a request's body length cannot be trusted (RFC 9112 section 6), or None. ``content_lengths`` and
    ``transfer_encodings`` are the header fields' values as received, one per field line."""
    lengths = [part.strip() for value in content_lengths for part in value.split(",")]
    codings = [part.strip().lower() for value in transfer_encodings for part in value.split(",")]
    codings = [coding for coding in codings if coding]  # empty list elements are allowed (RFC 9110 5.6.1)
    if any(not length or not _DIGITS.issuperset(length) for length in lengths):
        return "Content-Length is not a whole number of bytes"
    if len(set(map(int, lengths))) > 1:
        return "Content-Length is given more than once with different values"
    if transfer_encodings and lengths:
        return "Content-Length and Transfer-Encoding are both given"
    if transfer_encodings and http10:
        return "Transfer-Encoding is not defined for HTTP/1.0"
    if transfer_encodings and codings != ["chunked"]:
        return "Transfer-Encoding must be chunked, once, as the only coding"
    return None


def environ_framing_problem(environ: dict) -> str | None:
    """``framing_problem`` of a WSGI request. A server that keeps one of two ``Content-Length`` fields
    (werkzeug's keeps the last) hides the conflict from here: the servers this package starts check the
    fields as received (``mockdialer.http_server``)."""
    length = environ.get("CONTENT_LENGTH")
    encoding = environ.get("HTTP_TRANSFER_ENCODING")
    if encoding is None and (not length or length.isascii() and length.isdigit()):
        return None  # most requests: no body, or one Content-Length of digits
    return framing_problem(
        [length] if length else [],
        [encoding] if encoding is not None else [],
        environ.get("SERVER_PROTOCOL") == "HTTP/1.0",
    )


def refuse_framing(problem: str, start_response: Callable) -> list[bytes]:
    """The plain 400 for a request whose framing is refused; the connection is closed after it (what
    follows its headers cannot be told apart from a next request)."""
    body = f"400 Bad Request: {problem} (RFC 9112 section 6).\n".encode()
    start_response(
        "400 Bad Request",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
        ],
    )
    return [body]


def header_fields(environ: dict) -> dict[str, str]:
    """The request's header fields, as the environ holds them (``HTTP_HOST``, ``CONTENT_TYPE``): the
    middleware's, found once (a WSGI server may put its whole process environment in every environ)."""
    fields = environ.get(HEADER_FIELDS)
    if fields is None:
        fields = {key: value for key, value in environ.items() if key.startswith(HEADER_KEYS)}
    return fields


def header_bytes(fields: dict[str, str]) -> int:
    """The size of ``header_fields`` as sent (``Name: value\\r\\n`` each; "HTTP_" is not sent)."""
    total = 0
    for key, value in fields.items():
        total += len(key) + len(value) + (4 if key[0] == "C" else -1)
    return total


class LimitsMiddleware:
    """WSGI middleware: buffers an unsized body within the limit; marks a request over a limit with the
    error ``check()`` raises (``REFUSED``)."""

    def __init__(self, wsgi_app: Callable, app: Flask) -> None:
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        problem = environ_framing_problem(environ)
        if problem:
            return refuse_framing(problem, start_response)
        config = self.app.config
        limit = config.get("MAX_CONTENT_LENGTH") or DRAIN_MAX
        fields = environ[HEADER_FIELDS] = header_fields(environ)
        size = header_bytes(fields)
        too_large = False
        unsized = not environ.get("CONTENT_LENGTH") and (
            environ.get("wsgi.input_terminated") or "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "")
        )
        if unsized and environ.get("wsgi.input_terminated"):
            stream = environ["wsgi.input"]
            data = _read(stream, limit + 1)
            if len(data) > limit:
                too_large = True
                _read(stream, DRAIN_MAX)  # drop the rest (bounded)
                data = b""
            # the body is now a sized one (werkzeug reads no body of a request still marked chunked)
            environ["wsgi.input"] = io.BytesIO(data)
            environ["CONTENT_LENGTH"] = fields["CONTENT_LENGTH"] = str(len(data))
            del environ["wsgi.input_terminated"]
            environ.pop("HTTP_TRANSFER_ENCODING", None)
            fields.pop("HTTP_TRANSFER_ENCODING", None)
        header_limit = config.get("MAX_HEADER_BYTES")
        if header_limit and size > header_limit:
            environ[REFUSED] = HeadersTooLarge(
                f"Request headers are {size} bytes, over the {header_limit // 1024} KiB limit"
            )
        elif too_large or int(environ.get("CONTENT_LENGTH") or 0) > limit:
            environ[REFUSED] = PayloadTooLarge(
                f"Request body is larger than the {limit // 1024 // 1024 or 1} MiB limit"
            )
        return self.wsgi_app(environ, start_response)


def read_body(environ: dict) -> bytes:
    """The body of a request ``check`` let through (within the limit; a chunked one is already
    buffered), read once: its Content-Length in bytes, or what came before the client stopped sending
    (as werkzeug reads it under Granian). The environ's stream is then those bytes, so that werkzeug's
    ``get_data`` and the journal read them again."""
    body = environ.get(BODY)
    if body is None:
        length = int(environ.get("CONTENT_LENGTH") or 0)  # digits only: ``framing_problem``
        body = environ[BODY] = _read(environ["wsgi.input"], length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
    return body


def check(environ: dict | None = None) -> None:
    """The limits step: raises the ``HeadersTooLarge`` (431) or ``PayloadTooLarge`` (413) the middleware
    found in ``environ`` (the current request's by default; ``framing_problem`` has let through only a
    Content-Length of digits)."""
    refused = (request.environ if environ is None else environ).get(REFUSED)
    if refused is not None:
        raise refused


class IdNotFound(HttpNotFound):
    """Raised by ``IdConverter`` for an id that can name nothing: a 404 however the router would go on."""

    def __init__(self, value: str) -> None:
        shown = value if len(value) <= 24 else f"{value[:20]}... ({len(value)} digits)"
        self.api_error = NotFound(f"No object with id {shown}: ids are at most {LONG_MAX}")
        super().__init__(self.api_error.message)


class IdConverter(BaseConverter):
    """``<int:Name>`` (and ``<id:Name>``): a whole number in ASCII digits; ``to_python`` gives an int."""

    regex = r"[0-9]+"
    weight = 50

    def to_python(self, value: str) -> int:
        if len(value.lstrip("0")) > 19 or int(value) > LONG_MAX:
            raise IdNotFound(value)
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def let_servers_pass_headers() -> None:
    """Let werkzeug's server as this package starts it (``mockdialer run``, ``LiveServer``) hand header
    lines up to 1 MiB and up to 1000 fields to the app, which answers one over ``MAX_HEADER_BYTES`` with a
    431 in the vendor's shape (http.server would send its HTML 431 page for a line over 64 KiB or more than
    100 fields). It changes the stdlib's limits for the whole process: only a server process calls it."""
    http.client._MAXLINE = max(http.client._MAXLINE, SERVER_HEADER_LINE)
    http.client._MAXHEADERS = max(http.client._MAXHEADERS, SERVER_HEADER_COUNT)


def init_app(app: Flask) -> None:
    """Install the converter and the middleware (before any surface registers a route)."""
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["int"] = IdConverter
    app.wsgi_app = LimitsMiddleware(app.wsgi_app, app)


def non_finite_path(value) -> str | None:
    """Where a JSON document holds a number no double can carry (``1e999`` parses as infinity), as
    ``a.b[0]``; None when it holds none. Iterative: the parser already bounds the nesting."""
    stack = [("", value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return path or "body"
        if isinstance(node, dict):
            stack.extend((f"{path}.{key}" if path else str(key), child) for key, child in node.items())
        elif isinstance(node, list):
            stack.extend((f"{path}[{index}]", child) for index, child in enumerate(node))
    return None


def refuse_non_finite(value) -> None:
    """``ValidationFailed`` naming the field that holds a non-finite number (422 / 400 by surface)."""
    path = non_finite_path(value)
    if path is not None:
        problem = "Must be a finite number (this one is too large for a double)."
        raise ValidationFailed(f"{path}: {problem}", errors={path: [problem]})
