"""A server started for a test in a process of its own (``serving``; ``make_serve``: ``python -m
mockdialer.serve`` with N workers): a free port, the given DB file; yields once a seeded campaign
answers, and stops the whole process group after."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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
def serving(
    command: Callable[[int], list[str]], db: Path, name: str
) -> Iterator[tuple[int, subprocess.Popen]]:
    """``command(port)`` started on a free port and the DB file ``db``; yields (port, process) once a
    seeded campaign answers, and stops its whole process group after."""
    port = free_port()
    env = {**os.environ, "MOCKDIALER_DB": str(db), "MOCKDIALER_FSYNC": "0"}
    proc = subprocess.Popen(
        command(port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert proc.poll() is None, f"{name} exited"
            assert time.monotonic() < deadline, f"{name} did not answer"
            time.sleep(0.2)
        yield port, proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def make_serve(db: Path, workers: int) -> Iterator[int]:
    command = [sys.executable, "-m", "mockdialer.serve", "--workers", str(workers), "--port"]
    with serving(lambda port: [*command, str(port)], db, "make serve's server") as (port, _proc):
        yield port
