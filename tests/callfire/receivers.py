"""A real local notification endpoint for the CallFire tests: an ``http.server`` thread recording every
request it gets (path, headers, body, arrival order), over http or, given an ``ssl.SSLContext``, https."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Got:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """``Receiver(statuses=(500,))``: answers the given statuses first, then 200; ``got`` in arrival order.
    ``url(token)`` is the endpoint with a secret token in its query, as CallFire advises."""

    def __init__(self, statuses=(), context=None, host: str = "127.0.0.1") -> None:
        self.got: list[Got] = []
        self.statuses = list(statuses)
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size)
                with outer._lock:
                    outer.got.append(Got(self.command, self.path, dict(self.headers), body))
                    status = outer.statuses.pop(0) if outer.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        if context is not None:
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        scheme = "https" if context is not None else "http"
        self.base = f"{scheme}://{host}:{self.server.server_port}"

    def url(self, token: str = "s3cret") -> str:
        return f"{self.base}/notify?token={token}"

    def wait_for(self, count: int, timeout: float = 15.0) -> list[Got]:
        deadline = time.monotonic() + timeout
        while len(self.got) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.got)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
