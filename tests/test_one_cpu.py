"""A server process of the package's own (``mockdialer run``, ``flask run`` of this app) keeps its
threads to one CPU (``http_server.keep_to_one_cpu``, Linux); the process of a user's test suite (the
plugin's ``LiveServer``, ``mock_vendors()``) is left as it is. ``make serve``'s lone worker:
tests/test_serve.py."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest
import requests
from live_serve import serving

from mockdialer import create_app, mock_vendors
from mockdialer.config import TestingConfig
from mockdialer.testing.live_server import LiveServer

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="CPU affinity is Linux's, and needs two CPUs to show",
)
BIN = Path(sys.executable).parent


def threads_cpus(pid: int) -> list[int]:
    """How many CPUs each of the process's threads may run on (one that ended meanwhile, such as a
    request's thread, is left out)."""
    found = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(ProcessLookupError):
            found.append(len(os.sched_getaffinity(int(tid))))
    return found


@pytest.mark.parametrize(
    "command",
    [["mockdialer", "run", "--port"], ["flask", "--app", "mockdialer", "run", "--port"]],
    ids=["mockdialer run", "flask run"],
)
def test_a_server_of_its_own_keeps_its_threads_to_one_cpu(command, tmp_path):
    start = [str(BIN / command[0]), *command[1:]]
    with serving(lambda port: [*start, str(port)], tmp_path / "db.json", command[0]) as (_port, proc):
        cpus = threads_cpus(proc.pid)
    assert len(cpus) >= 2 and set(cpus) == {1}  # the server's threads (and the heartbeat) on one CPU


def test_a_users_process_is_left_on_its_cpus():
    before = os.sched_getaffinity(0)
    with LiveServer(create_app(TestingConfig)) as live:
        assert requests.get(f"{live.url}/__admin/health", timeout=5).ok
        with mock_vendors():
            requests.get("https://api.acefone.in/v1/dialer/campaign/40001", timeout=5)
        assert set(threads_cpus(os.getpid())) == {len(before)}


@pytest.mark.parametrize("refused", ["sched_setaffinity", "sched_getaffinity"])
def test_a_system_that_refuses_leaves_the_server_as_it_is(monkeypatch, refused):
    from mockdialer import http_server

    def refuse(*_args):
        raise PermissionError("not here")

    before = os.sched_getaffinity(0)
    monkeypatch.setattr(os, refused, refuse)
    http_server.keep_to_one_cpu()  # the server starts anyway
    monkeypatch.undo()
    assert os.sched_getaffinity(0) == before
