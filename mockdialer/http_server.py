"""werkzeug's HTTP server as this package starts it (``mockdialer run``, ``LiveServer``, and ``flask run``
of this app): request framing checked on the header fields as received, header limits raised.

``RequestHandler`` refuses, with a 400 that closes the connection and before the app runs, a request
whose body length cannot be trusted (``mockdialer.limits.framing_problem``: two ``Content-Length``
fields with different values, ``Content-Length`` with ``Transfer-Encoding``, a length that is not a
number, a transfer coding other than a single ``chunked``) or whose header block is malformed (a field
name followed by whitespace before the colon, a line that is not a field, a value folded onto the next
line). werkzeug's own handler keeps
the last of two ``Content-Length`` fields, so the app alone cannot see that conflict (docs/security.md,
"Request framing").
"""

from __future__ import annotations

import gc
import os
from contextlib import suppress
from email.errors import MissingHeaderBodySeparatorDefect

from flask import Flask
from werkzeug import serving

from .limits import framing_problem, let_servers_pass_headers


class RequestHandler(serving.WSGIRequestHandler):
    """werkzeug's WSGI request handler, refusing the framing RFC 9112 says to refuse."""

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        headers = self.headers
        if any(isinstance(defect, MissingHeaderBodySeparatorDefect) for defect in headers.defects):
            problem = "a header line is not a field (whitespace before a colon, or no colon)"
        elif any("\n" in value for value in headers.values()):
            problem = "a field value is continued on the next line (obs-fold)"
        else:
            problem = framing_problem(
                headers.get_all("Content-Length") or [],
                headers.get_all("Transfer-Encoding") or [],
                self.request_version == "HTTP/1.0",
            )
        if problem:
            self.send_error(400, f"Bad request framing: {problem}")  # and Connection: close
            return False
        return True


def make_server(app: Flask, host: str, port: int) -> serving.BaseWSGIServer:
    """A threaded werkzeug server for ``app`` with ``RequestHandler``, not yet serving."""
    let_servers_pass_headers()
    return serving.make_server(host, port, app, threaded=True, request_handler=RequestHandler)


def settle_heap() -> None:
    """Leave what start-up built (the modules, the app, the seeded state) out of the garbage collector's
    full passes from now on (``gc.freeze``): a server process keeps it all for its life, and a full pass
    over it during a long answer (thousands of CallFire agents) took a third of that answer's time
    (docs/benchmarks.md, "CallFire agents at scale"). Only the servers this package starts call it."""
    gc.collect()
    gc.freeze()


def keep_to_one_cpu() -> None:
    """Run this process's threads, and every thread it starts from now on, on the CPU it is on (Linux;
    a no-op elsewhere). Only one thread runs Python at a time (the GIL), and a request handed from a
    thread on one CPU to a thread on another moves the interpreter's state between their caches: with
    32 request threads on two CPUs the full Acefone PUT cost twice the CPU time it costs on one
    (docs/benchmarks.md, "One CPU per worker"). Called only in a process that is a server of its own
    (``mockdialer run``, ``flask run`` of this app, ``make serve``'s lone worker), never in a user's
    process (the pytest plugin's ``LiveServer``, ``mock_vendors()``)."""
    if not hasattr(os, "sched_setaffinity"):
        return
    try:  # where the system refuses (no /proc, a sandbox), the process keeps the CPUs it has
        allowed = os.sched_getaffinity(0)
        with open("/proc/self/stat", "rb") as stat:
            current = int(stat.read().rsplit(b")", 1)[1].split()[36])  # field 39: the CPU it last ran on
        cpu = {current if current in allowed else min(allowed)}
        threads = os.listdir("/proc/self/task")
    except (OSError, ValueError, IndexError):
        return
    for thread in threads:  # a thread started later inherits its starter's CPU
        with suppress(OSError):  # it ended meanwhile, or may not be moved
            os.sched_setaffinity(int(thread), cpu)


def serve_flask_run() -> None:
    """Called when this app is created for ``flask run`` (which takes no request handler of its own): the
    server that command is about to start uses ``RequestHandler``, its threads on one CPU. Only that
    command's process is changed, and it is a server process."""
    let_servers_pass_headers()
    serving.WSGIRequestHandler = RequestHandler
    keep_to_one_cpu()
