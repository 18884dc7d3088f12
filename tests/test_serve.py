"""``make serve`` (``python -m mockdialer.serve``, Granian): idle and silent connections do not starve
it, a request that waits (a delay rule, a slow body) holds one thread and not the worker, a lone worker
keeps to one CPU, and several worker processes share one DB file."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from live_serve import make_serve

pytest.importorskip("granian")

AUTH = {"Authorization": "Bearer acefone-demo-token"}
PUT_HEADERS = {**AUTH, "Content-Type": "application/json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, body: dict | None = None, timeout: float = 10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=PUT_HEADERS)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


@pytest.fixture
def served(tmp_path):
    with make_serve(tmp_path / "db.json", workers=2) as port:
        yield port


@pytest.fixture
def served_alone(tmp_path):
    """``make serve`` as it runs by default: one worker."""
    with make_serve(tmp_path / "db.json", workers=1) as port:
        yield port


def admin(port: int, method: str, path: str, body: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            method,
            path,
            body=json.dumps(body) if body is not None else None,
            headers={"Content-Type": "application/json"},
        )
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_idle_and_silent_connections_do_not_starve_it(served_alone):
    served = served_alone
    held = []
    try:
        for _ in range(150):  # keep-alive clients idle after one request
            conn = http.client.HTTPConnection("127.0.0.1", served, timeout=5)
            conn.request("GET", "/v1/dialer/campaign/40001", headers=AUTH)
            assert conn.getresponse().read()
            held.append(conn)
        held += [socket.create_connection(("127.0.0.1", served)) for _ in range(100)]  # silent
        started = time.monotonic()
        for n in range(20):
            status, body = request(served, "PUT", "/v1/dialer/campaign/40002", {"description": f"n{n}"}, 5)
            assert (status, body["success"]) == (200, True)
        assert time.monotonic() - started < 10
    finally:
        for conn in held:
            conn.close()


def test_a_waiting_request_holds_one_thread_not_the_worker(served_alone):
    port = served_alone
    rule = {"action": "delay", "ms": 8000, "vendor": "acefone", "method": "GET", "times": 1}
    assert admin(port, "POST", "/__admin/faults", rule)[0] == 201
    with ThreadPoolExecutor(1) as pool:
        delayed = pool.submit(request, port, "GET", "/v1/dialer/campaign/40001", None, 30)
        time.sleep(0.3)  # the delayed GET is in the app, sleeping
        slow = socket.create_connection(("127.0.0.1", port))  # a body that never comes in full
        slow.sendall(
            b"PUT /v1/dialer/campaign/40003 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            b"acefone-demo-token\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        time.sleep(0.3)
        try:
            assert request(port, "PUT", "/v1/dialer/campaign/40002", {"description": "beside"}, 5)[0] == 200
            assert request(port, "GET", "/v1/dialer/campaign/40002")[1]["data"]["description"] == "beside"
            assert not delayed.done()  # answered while the delayed one still waits
        finally:
            slow.close()
        assert delayed.result()[0] == 200


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux's")
@pytest.mark.parametrize("alone", ["1", "0"])
def test_a_lone_worker_keeps_its_threads_to_one_cpu(alone):
    code = (
        "import os, threading; from mockdialer import serve; serve.worker_app(); "
        "done = threading.Event(); t = threading.Thread(target=done.wait); t.start(); "
        "print(len(os.sched_getaffinity(0)), len(os.sched_getaffinity(t.native_id))); done.set()"
    )
    env = {**os.environ, "MOCKDIALER_SERVE_ALONE": alone, "MOCKDIALER_DB": ":memory:"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    cpus = len(os.sched_getaffinity(0))
    assert out.stdout.split() == (["1", "1"] if alone == "1" else [str(cpus), str(cpus)])


def test_workers_share_one_db_file(served):
    before = request(served, "GET", "/v1/dialer/campaign")[1]["count"]
    template = request(served, "GET", "/v1/dialer/campaign/40001")[1]["data"]
    body = {k: v for k, v in template.items() if k not in {"id", "created_at", "updated_at"}}

    def create(n: int) -> int:
        return request(served, "POST", "/v1/dialer/campaign", {**body, "name": f"Served {n}"})[0]

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(create, range(60)))
    assert statuses == [200] * 60
    # each request on a new connection: the workers take turns, each sees every other's writes
    counts = {request(served, "GET", "/v1/dialer/campaign")[1]["count"] for _ in range(10)}
    assert counts == {before + 60}


def test_one_worker_keeps_the_harness_in_process_several_share_it(monkeypatch):
    from mockdialer import serve

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("MOCKDIALER_SHARED_STATE", raising=False)
    monkeypatch.delenv(serve.ALONE, raising=False)
    assert serve.default_workers() == 1
    serve.server(port=free_port(), workers=1)
    assert "MOCKDIALER_SHARED_STATE" not in os.environ  # one process is one state already
    assert os.environ[serve.ALONE] == "1"  # and its worker keeps to one CPU
    serve.server(port=free_port(), workers=3)
    assert os.environ["MOCKDIALER_SHARED_STATE"] == "1"  # several: the harness beside the DB file
    assert os.environ[serve.ALONE] == "0"
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert serve.default_workers() == 4


def test_a_worker_settles_its_heap_after_building_the_app():
    code = (
        "import gc; from mockdialer import serve; app = serve.worker_app(); "
        "print(app.name, gc.get_freeze_count() > 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["mockdialer", "True"]
