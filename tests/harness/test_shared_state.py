"""Two apps on one DB file with ``SHARED_STATE`` stand for two worker processes: whatever one does to the
clock, the fault rules or the journal, the other sees; the shared journal's file stays bounded and keeps
its ids. The matcher means the same in filters, fault rules and verifications."""

from __future__ import annotations

import os

import pytest

from mockdialer import create_app
from mockdialer.harness.clock import get_clock
from mockdialer.harness.faults import get_faults
from mockdialer.harness.journal import SharedJournal, get_journal

AUTH = {"Authorization": "Bearer acefone-demo-token"}
CAMPAIGN = "/v1/dialer/campaign/40001"


@pytest.fixture
def pair(tmp_path):
    db = str(tmp_path / "db.json")
    return [create_app({"DB": db, "FSYNC": False, "TESTING": True, "SHARED_STATE": True}) for _ in range(2)]


def test_the_clock_is_one(pair):
    one, two = pair
    get_clock(one).freeze(1_893_456_000)
    assert get_clock(two).frozen and get_clock(two).time() == 1_893_456_000
    get_clock(two).advance(60)
    assert get_clock(one).time() == 1_893_456_060
    assert two.test_client().get("/__admin/clock").get_json()["clock"]["now"] == "2030-01-01T00:01:00Z"
    get_clock(one).reset()
    assert not get_clock(two).frozen


def test_fault_rules_and_their_times_are_one(pair):
    clients = [app.test_client() for app in pair]
    clients[0].post("/__admin/faults", json={"action": "error", "status": 503, "times": 3})
    statuses = [clients[n % 2].get(CAMPAIGN, headers=AUTH).status_code for n in range(8)]
    assert statuses == [503] * 3 + [200] * 5
    (rule,) = get_faults(pair[1]).list()
    assert (rule.matched, rule.fired, rule.remaining) == (3, 3, 0)
    assert clients[1].delete("/__admin/faults").get_json()["cleared"] == 1
    assert not get_faults(pair[0])


def test_a_seeded_probability_repeats_whichever_app_answers(pair):
    def pattern(turns):
        clients = [app.test_client() for app in pair]
        rule = {"action": "error", "status": 503, "probability": 0.5, "seed": 7}
        clients[0].post("/__admin/faults", json=rule)
        found = [clients[t].get(CAMPAIGN, headers=AUTH).status_code for t in turns]
        clients[0].delete("/__admin/faults")
        return found

    first = pattern([0] * 16)
    assert pattern([n % 2 for n in range(16)]) == first and set(first) == {200, 503}


def test_the_journal_is_one_and_its_ids_agree(pair):
    one, two = (app.test_client() for app in pair)
    for n in range(5):
        (one if n % 2 else two).get(CAMPAIGN, headers=AUTH)
    seen = [[(e["id"], e["status"]) for e in get_journal(app).entries()] for app in pair]
    assert seen[0] == seen[1] and len(seen[0]) == 5
    assert [i for i, _ in seen[0]] == sorted(i for i, _ in seen[0])
    assert one.get("/__admin/requests/count").get_json()["count"] == 5
    assert two.delete("/__admin/requests").get_json()["cleared"] == 5
    assert len(get_journal(pair[0])) == 0
    one.get(CAMPAIGN, headers=AUTH)
    (entry,) = get_journal(pair[1]).entries()
    assert entry["id"] == seen[0][-1][0] + 1  # ids are never reused


def test_the_shared_journal_file_stays_bounded_and_keeps_ids(tmp_path, monkeypatch):
    monkeypatch.setattr(SharedJournal, "COMPACT_BYTES", 20_000)
    settings = {"DB": str(tmp_path / "db.json"), "FSYNC": False, "JOURNAL_MAX": 5, "SHARED_STATE": True}
    one, two = create_app(settings), create_app(settings)
    for n in range(200):
        (one if n % 3 else two).test_client().get(CAMPAIGN, headers=AUTH)
    assert os.path.getsize(get_journal(one).path) < 60_000
    for app in (one, two):
        assert [e["id"] for e in get_journal(app).entries()] == [196, 197, 198, 199, 200]


def test_one_matcher_a_glob_account_filters_verifies_and_fires(pair):
    client = pair[0].test_client()
    rule = {"action": "error", "status": 503, "account": "demo*", "method": "get"}
    client.post("/__admin/faults", json=rule)
    assert client.get(CAMPAIGN, headers=AUTH).status_code == 503
    assert client.get("/__admin/requests?account=demo*").get_json()["count"] == 1
    verified = client.post("/__admin/verify", json={"account": "demo*", "method": "GET", "status": 503})
    assert verified.get_json()["verification"]["passed"]
    client.delete("/__admin/faults")
    client.post("/v1/auth/login", json={"email": "nobody@x", "password": "x"})  # no account: never matched
    assert client.get("/__admin/requests?account=*").get_json()["count"] == 1


@pytest.mark.parametrize("shared", [False, True])
def test_an_outbound_delivery_is_journaled_masked_beside_the_requests(tmp_path, shared):
    from mockdialer.harness.journal import record_outbound

    app = create_app({"DB": str(tmp_path / "db.json"), "FSYNC": False, "SHARED_STATE": shared})
    with app.app_context():
        record_outbound(
            "acefone",
            "acefone.webhook",
            "post",
            "https://client.test/hook?token=s3cret&n=1",
            [("Content-Type", "application/json"), ("Authorization", "Bearer abc")],
            b'{"event": "call", "password": "hunter2"}',
            200,
            [("Content-Type", "application/json")],
            b'{"ok": true}',
        )
    (entry,) = app.test_client().get("/__admin/requests").get_json()["requests"]
    assert entry["direction"] == "outbound" and entry["path"] == "https://client.test/hook"
    assert entry["query"] == {"token": "***", "n": "1"}
    assert entry["headers"]["Authorization"] == "Bearer ***"
    assert entry["body"] == {"event": "call", "password": "***"}
    assert entry["response_body"] == {"ok": True}
