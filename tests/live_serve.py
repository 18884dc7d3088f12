"""``make serve`` (``python -m mockdialer.serve``) started for a test: a free port, the given DB file, N
workers; yields the port once a seeded campaign answers, and stops the whole process group after."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

READY = "/v1/dialer/campaign/40001"
AUTH = {"Authorization": "Bearer acefone-demo-token"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", READY, headers=AUTH)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


@contextmanager
def make_serve(db: Path, workers: int) -> Iterator[int]:
    port = free_port()
    env = {**os.environ, "MOCKDIALER_DB": str(db), "MOCKDIALER_FSYNC": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockdialer.serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert proc.poll() is None, "make serve's server exited"
            assert time.monotonic() < deadline, "make serve's server did not answer"
            time.sleep(0.2)
        yield port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
