"""The webhook part of the Acefone interop run: the live mock delivers its webhooks (every trigger, as
JSON, as a form and as a GET) to a local receiver over HTTP, and frappe_tatva_connect's
``adapters/acefone.normalize()`` must accept every payload that arrived.

``subscribe(server)`` starts the receiver and adds the webhooks before any call is placed;
``delivered_payloads(server)`` waits until the mock's deliveries are all in the journal and returns
what the receiver got, parsed as the app's webhook endpoint would parse it.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from live import Server

TRIGGERS = (
    "Call hangup (Missed or Answered)",
    "Call hangup (Missed)",
    "Call hangup (Answered)",
    "Call answered by Agent",
    "Call answered by Customer (Click to call)",
    "Call missed by Customer (Click to Call)",
    "Call Connected to Agent (Dialer)",
    "Disposition Status Updated (Dialer)",
    "Dialed on Agent",
)
SHAPES = (("POST", "json"), ("POST", "form"), ("GET", "form"))


class Receiver:
    """A local HTTP endpoint that keeps every request and answers 200."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.seen.append((self.command, self.path, dict(self.headers.items()), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def subscribe(server: Server) -> Receiver:
    receiver = Receiver()
    for number, trigger in enumerate(TRIGGERS):
        for method, fmt in SHAPES:
            body = {
                "vendor": "acefone",
                "account": "demo",
                "trigger": trigger,
                "url": f"{receiver.url}/hook/{number}/{method.lower()}-{fmt}",
                "method": method,
                "format": fmt,
                "headers": {"X-Interop": "mockdialer"},
            }
            server.admin("POST", "/webhooks", json=body)
    return receiver


def parsed(method: str, path: str, headers: dict, body: bytes) -> dict:
    """The payload as the app's endpoint reads it: JSON, or form / query fields."""
    if method == "GET":
        return dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
    if headers.get("Content-Type", "").startswith("application/json"):
        return json.loads(body)
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


def delivered_payloads(
    server: Server, receiver: Receiver, timeout: float = 120
) -> list[tuple[str, str, dict]]:
    """(trigger, shape, payload) of everything delivered, once the journal's attempt count stops moving."""
    deadline, last = time.monotonic() + timeout, -1
    while time.monotonic() < deadline:
        count = server.admin("GET", "/requests/count", params={"direction": "outbound"})["count"]
        if count == last and count == len(receiver.seen):
            break
        last = count
        time.sleep(2)
    out = []
    for method, path, headers, body in receiver.seen:
        number, shape = urlsplit(path).path.split("/")[2:4]
        out.append((TRIGGERS[int(number)], shape, parsed(method, path, headers, body)))
    return out
