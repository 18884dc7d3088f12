"""Request framing (RFC 9112 section 6) under every server the project starts: ``mockdialer run`` and
``flask run`` (werkzeug's server), the pytest plugin's ``LiveServer``, and ``make serve`` (Granian).
Raw sockets: the request goes out byte for byte, the status line is read back, and nothing the refused
request carried is stored (docs/security.md, "Request framing")."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.testing.live_server import LiveServer

AUTH = b"Authorization: Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk\r\n"  # demo-callfire:demo-password
FORM = b"Content-Type: application/x-www-form-urlencoded\r\n"
PUT = b"PUT /api/1.1/rest/ccc/1001 HTTP/1.1\r\nHost: mock\r\n" + AUTH + FORM
SMUGGLED = b"Script=Smuggled&Name=Smuggled-name"

# each refused whatever the server; the body, if it were read, would store "Smuggled"
REFUSED = {
    "two Content-Length values": PUT + b"Content-Length: 14\r\nContent-Length: 34\r\n\r\n" + SMUGGLED,
    "a Content-Length list": PUT + b"Content-Length: 14, 34\r\n\r\n" + SMUGGLED,
    "a signed Content-Length": PUT + b"Content-Length: +34\r\n\r\n" + SMUGGLED,
    "a negative Content-Length": PUT + b"Content-Length: -1\r\n\r\n" + SMUGGLED,
    "a Content-Length that is not a number": PUT + b"Content-Length: 3x\r\n\r\n" + SMUGGLED,
    "gzip as the last coding": PUT
    + b"Transfer-Encoding: chunked, gzip\r\n\r\n22\r\n"
    + SMUGGLED
    + b"\r\n0\r\n\r\n",
    "an unknown coding alone": PUT + b"Transfer-Encoding: identity\r\n\r\n" + SMUGGLED,
    "chunked twice": PUT
    + b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n22\r\n"
    + SMUGGLED
    + b"\r\n0\r\n\r\n",
    "whitespace before the colon": PUT + b"Content-Length : 34\r\n\r\n" + SMUGGLED,
    "a folded field": PUT + b"X-Note: a\r\n Content-Length: 34\r\nContent-Length: 14\r\n\r\n" + SMUGGLED,
}
# Content-Length with Transfer-Encoding: RFC 9112 6.3 lets a server refuse it or read the body by its
# chunks alone, and then close the connection. werkzeug's servers here refuse it; Granian reads the chunks.
BOTH = PUT + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n22\r\n" + SMUGGLED + b"\r\n0\r\n\r\n"
FINE = b"Name=Fine&Script=Fine%d"  # 22 bytes, 0x16
ACCEPTED = {
    "one Content-Length": PUT + b"Content-Length: 22\r\n\r\n" + FINE % 1,
    "the same Content-Length twice": PUT + b"Content-Length: 22\r\nContent-Length: 22\r\n\r\n" + FINE % 2,
    "chunked": PUT + b"Transfer-Encoding: chunked\r\n\r\n16\r\n" + FINE % 3 + b"\r\n0\r\n\r\n",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def exchange(port: int, data: bytes) -> tuple[bytes, bool]:
    """Send ``data``, read the answer's status line; whether the server then closed the connection."""
    received, closed = answer(port, data)
    return received.split(b"\r\n", 1)[0], closed


def answer(port: int, data: bytes) -> tuple[bytes, bool]:
    """Send ``data``, read the answer (what comes within 3 s); whether the server then closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        sock.settimeout(3)
        try:
            while chunk := sock.recv(65536):
                received += chunk
            closed = True
        except TimeoutError:
            closed = False
        return received, closed


def script(port: int) -> str:
    response = requests.get(
        f"http://127.0.0.1:{port}/api/1.1/rest/ccc/1001.json",
        auth=("demo-callfire", "demo-password"),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.text


def subprocess_server(command: list[str], port: int, db: Path):
    env = {**os.environ, "MOCKDIALER_DB": str(db), "MOCKDIALER_FSYNC": "0"}
    env.pop("MOCKDIALER_ADMIN_TOKEN", None)
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, f"{command} exited"
        try:
            if requests.get(f"http://127.0.0.1:{port}/__admin/health", timeout=1).ok:
                return proc
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline, f"{command} did not answer"
        time.sleep(0.2)


def stop(proc) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


BIN = Path(sys.executable).parent
COMMANDS = {
    "mockdialer run": lambda port: [str(BIN / "mockdialer"), "run", "--port", str(port)],
    "flask run": lambda port: [str(BIN / "flask"), "--app", "mockdialer", "run", "--port", str(port)],
    "make serve": lambda port: [
        sys.executable,
        "-m",
        "mockdialer.serve",
        "--port",
        str(port),
        "--workers",
        "1",
    ],
}


@pytest.fixture(scope="module", params=["LiveServer", *COMMANDS])
def server(request, tmp_path_factory):
    if request.param == "LiveServer":
        with LiveServer(create_app(TestingConfig)) as live:
            yield request.param, live.port
        return
    if request.param == "make serve":
        pytest.importorskip("granian")
    port = free_port()
    db = tmp_path_factory.mktemp("framing") / "db.json"
    proc = subprocess_server(COMMANDS[request.param](port), port, db)
    try:
        yield request.param, port
    finally:
        stop(proc)


@pytest.mark.parametrize("case", REFUSED)
def test_framing_the_rfc_refuses_is_400_before_the_app_runs(server, case):
    _, port = server
    status, closed = exchange(port, REFUSED[case])
    assert status.startswith(b"HTTP/1.1 400 "), status
    assert closed, "the connection stays open after a request whose end cannot be told"
    assert "Smuggled" not in script(port)


def test_content_length_with_transfer_encoding_is_refused_or_read_by_chunks_and_closed(server):
    name, port = server
    status, closed = exchange(port, BOTH)
    if name == "make serve":
        assert status.startswith((b"HTTP/1.1 400 ", b"HTTP/1.1 204 ")), status
    else:
        assert status.startswith(b"HTTP/1.1 400 "), status
        assert "Smuggled" not in script(port)
    assert closed


@pytest.mark.parametrize("case", ACCEPTED)
def test_sound_framing_is_served(server, case):
    _, port = server
    status, _ = exchange(port, ACCEPTED[case])
    assert status.startswith(b"HTTP/1.1 204 "), status
    assert f"Fine{list(ACCEPTED).index(case) + 1}" in script(port)


def test_a_multipart_content_type_is_not_taken_for_bad_framing(server):
    body = b"--x\r\nContent-Disposition: form-data; name=Name\r\n\r\nFine\r\n--x--\r\n"
    head = PUT.replace(FORM, b"Content-Type: multipart/form-data; boundary=x\r\n")
    received, _ = answer(server[1], head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
    assert received.startswith(b"HTTP/1.1 "), received[:100]
    assert b"framing" not in received.lower() and b"<html" not in received.lower(), received[:300]
