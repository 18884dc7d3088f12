"""One state under ``make serve``: three Granian worker processes on one DB file answer as one mock
(clock, journal, fault rules and their ``times``, verify, reset, writes), whichever worker answers."""

from __future__ import annotations

import http.client
import json
import socket

import pytest
from live_serve import make_serve

pytest.importorskip("granian")

AUTH = {"Authorization": "Bearer acefone-demo-token", "Content-Type": "application/json"}
CAMPAIGN = "/v1/dialer/campaign/40001"
ASKS = 24  # answers compared per question; connections are new each time, so workers vary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(port: int, method: str, path: str, body: dict | None = None, timeout: float = 10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=AUTH)
        response = conn.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None
    finally:
        conn.close()


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with make_serve(tmp_path_factory.mktemp("served") / "db.json", workers=3) as port:
        yield port


@pytest.fixture
def served(port):
    assert call(port, "POST", "/__admin/reset", {})[0] == 200
    return port


def test_a_frozen_clock_reads_the_same_on_every_answer(served):
    assert call(served, "POST", "/__admin/clock", {"freeze": "2030-01-01T00:00:00Z"})[0] == 200
    answers = {json.dumps(call(served, "GET", "/__admin/clock")[1]["clock"]) for _ in range(ASKS)}
    assert len(answers) == 1 and '"frozen": true' in answers.pop()
    assert call(served, "DELETE", "/__admin/clock")[0] == 200
    assert not any(call(served, "GET", "/__admin/clock")[1]["clock"]["frozen"] for _ in range(ASKS))


def test_journal_counts_agree_after_a_reset(served):
    for _ in range(30):
        assert call(served, "GET", CAMPAIGN)[0] == 200
    counts = {call(served, "GET", "/__admin/requests?limit=1000")[1]["count"] for _ in range(ASKS)}
    assert counts == {30}
    ids = [e["id"] for e in call(served, "GET", "/__admin/requests")[1]["requests"]]
    assert len(set(ids)) == 30 and ids == sorted(ids)
    call(served, "POST", "/__admin/reset", {})
    assert {call(served, "GET", "/__admin/requests/count")[1]["count"] for _ in range(ASKS)} == {0}


def test_an_unlimited_rule_fires_on_every_request_and_after_delete_on_none(served):
    rule = {"action": "error", "status": 503, "operation": "acefone.*", "account": "demo*"}
    assert call(served, "POST", "/__admin/faults", rule)[0] == 201
    assert {call(served, "GET", CAMPAIGN)[0] for _ in range(ASKS)} == {503}
    assert call(served, "DELETE", "/__admin/faults")[0] == 200
    assert {call(served, "GET", CAMPAIGN)[0] for _ in range(ASKS)} == {200}


def test_a_rule_with_times_fires_on_exactly_the_first_matching_requests(served):
    assert call(served, "POST", "/__admin/faults", {"action": "error", "status": 503, "times": 3})[0] == 201
    statuses = [call(served, "GET", CAMPAIGN)[0] for _ in range(12)]
    assert statuses == [503] * 3 + [200] * 9
    (rule,) = call(served, "GET", "/__admin/faults")[1]["faults"]
    assert (rule["fired"], rule["remaining"]) == (3, 0)


def test_verify_and_writes_agree_on_every_answer(served):
    for n in range(6):
        assert call(served, "PUT", CAMPAIGN, {"name": f"Renamed {n}"})[0] == 200
        names = {call(served, "GET", CAMPAIGN)[1]["data"]["name"] for _ in range(4)}
        assert names == {f"Renamed {n}"}
    check = {"operation": "acefone.*", "method": "put", "account": "demo*", "times": 6}
    answers = [call(served, "POST", "/__admin/verify", check)[1] for _ in range(ASKS)]
    assert {a["verification"]["passed"] for a in answers} == {True}
