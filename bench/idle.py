"""Idle clients held against a server during a wrk run.

``python bench/idle.py <host:port> keepalive|silent <n> <seconds> [--path P]``. ``keepalive``: ``n``
HTTP/1.1 connections each send one GET of ``--path`` (default the Acefone
``/v1/dialer/campaign/40001`` with the demo token), read the answer, then say nothing more, as a
keep-alive client idle between requests. ``silent``: ``n`` sockets connect and send nothing (a
browser's preconnect, a slow client). Prints ``READY <opened>``
once all are set up, holds them ``seconds`` (or until killed), then prints one JSON line: how many
were opened, how many of those the server had closed by the end (it may time idle ones out).
Loopback only.
"""

from __future__ import annotations

import json
import select
import signal
import socket
import sys
import time

TOKEN = "acefone-demo-token"


def read_answer(sock: socket.socket) -> bool:
    """Read one HTTP answer (Content-Length bodies only); False if the server closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True


def main() -> None:
    target, kind, count, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    path = sys.argv[sys.argv.index("--path") + 1] if "--path" in sys.argv else "/v1/dialer/campaign/40001"
    host, port = target.rsplit(":", 1)
    socks: list[socket.socket] = []
    failed = 0
    for _ in range(count):
        try:
            sock = socket.create_connection((host, int(port)), timeout=10)
            if kind == "keepalive":
                sock.sendall(
                    f"GET {path} HTTP/1.1\r\nHost: {target}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n".encode()
                )
                if not read_answer(sock):
                    raise OSError("closed before answering")
            socks.append(sock)
        except OSError:
            failed += 1
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    print("READY", len(socks), flush=True)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
    except KeyboardInterrupt:
        pass
    closed = 0
    for sock in socks:  # readable with no data: the server closed it
        readable, _, _ = select.select([sock], [], [], 0)
        if readable:
            try:
                sock.setblocking(False)
                if sock.recv(1) == b"":
                    closed += 1
            except OSError:
                closed += 1
        sock.close()
    print(
        json.dumps(
            {"kind": kind, "asked": count, "opened": len(socks), "failed": failed, "closed_by_server": closed}
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
