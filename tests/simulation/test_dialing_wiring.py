"""Started campaigns dial on the mock's clock: CallFire over its own API (ControlCccCampaign,
GetCccCampaignStats, GetCccCampaign), Acefone through the admin API; same moves, same figures."""

from __future__ import annotations

import pytest

from mockdialer import create_app
from mockdialer.admin import actions
from mockdialer.config import TestingConfig

CALLFIRE = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
ACEFONE = {"Authorization": "acefone-demo-token"}
MONDAY_0930_PST = "2026-03-02T17:30:00Z"  # inside 1001's calling hours (08:00-20:00 local; LA numbers)
MONDAY_1100_IST = "2026-03-02T05:30:00Z"  # inside Acefone's office-hours time group (09:30-18:30 IST)
SEEDED_ATTEMPTS = 45  # campaign 1001's History in fixtures/callfire/demo.json, run by the simulation


def _stats(client, campaign_id=1001, **interval) -> dict:
    response = client.get(
        f"/api/1.1/rest/ccc/{campaign_id}/stats.json", headers=CALLFIRE, query_string=interval
    )
    assert response.status_code == 200, response.data
    return response.get_json()["Resource"]["CccCampaignStats"]


def _campaign(client, campaign_id=1001) -> dict:
    return client.get(f"/api/1.1/rest/ccc/{campaign_id}.json", headers=CALLFIRE).get_json()["Resource"][
        "CccCampaign"
    ]


def _control(client, command, campaign_id=1001):
    response = client.put(
        f"/api/1.1/rest/ccc/{campaign_id}/control", data={"Command": command}, headers=CALLFIRE
    )
    assert response.status_code == 204, response.data


def _advance(client, seconds):
    assert client.post("/__admin/clock", json={"advance": seconds}).status_code == 200


def _started(client, at=MONDAY_0930_PST):
    client.post("/__admin/clock", json={"freeze": at})
    _control(client, "START")


def test_a_started_callfire_campaign_places_calls_as_the_clock_moves(client):
    seeded = _stats(client)
    _started(client)
    assert _stats(client) == seeded  # stats are cumulative: START carries on from the seeded calls
    _advance(client, 600)
    stats = _stats(client)
    assert stats == {  # the seed is the campaign's: these figures are the same on every run
        "AgentCount": 2,
        "ActiveAgentCount": 0,
        "CallsAttempted": 74,
        "CallsPlaced": 60,
        "CallsDuration": 3559,
        "BilledDuration": 4380,
        "BilledAmount": 3.65,
        "CallsRemaining": 9,
        "CallsAwaitingRedial": 4,
        "CallsLiveAnswer": 23,
        "ResponseRatePercent": 38,
        "ResultStat": [
            {"Result": "LA", "Attempts": 23, "Actions": 23},
            {"Result": "AM", "Attempts": 7, "Actions": 7},
            {"Result": "BUSY", "Attempts": 6, "Actions": 6},
            {"Result": "NO_ANS", "Attempts": 18, "Actions": 15},
            {"Result": "ABANDONED", "Attempts": 6, "Actions": 6},
            {"Result": "CARRIER_ERROR", "Attempts": 9, "Actions": 9},
        ],
    }
    _advance(client, 1800)  # the retries fall due (MinutesBetweenAttempts 30)
    assert _stats(client)["CallsAttempted"] > stats["CallsAttempted"]


def test_same_moves_same_figures_in_one_step_or_many():
    one, many = create_app(TestingConfig).test_client(), create_app(TestingConfig).test_client()
    for client in (one, many):
        _started(client)
    _advance(one, 1800)
    for _ in range(6):
        _advance(many, 300)
    assert _stats(one) == _stats(many)
    assert _stats(one)["CallsPlaced"] > 10


def test_stats_interval_counts_calls_started_in_it(client):
    _started(client)
    _advance(client, 1800)
    everything = _stats(client)["CallsAttempted"]
    first = _stats(client, IntervalBegin=MONDAY_0930_PST, IntervalEnd="2026-03-02T17:40:00Z")[
        "CallsAttempted"
    ]
    later = _stats(client, IntervalBegin="2026-03-02T17:40:00Z")["CallsAttempted"]
    seeded = _stats(client, IntervalEnd=MONDAY_0930_PST)["CallsAttempted"]
    assert seeded == SEEDED_ATTEMPTS
    assert 0 < first < everything and seeded + first + later == everything


def test_stop_places_no_new_calls_and_start_carries_on(client):
    _started(client)
    _advance(client, 600)
    _control(client, "STOP")
    _advance(client, 60)  # calls under way end
    stopped = _stats(client)
    _advance(client, 3600)
    assert _stats(client)["CallsAttempted"] == stopped["CallsAttempted"]
    _control(client, "START")
    _advance(client, 600)
    assert _stats(client)["CallsAttempted"] > stopped["CallsAttempted"]


def test_the_heartbeat_looks_only_at_campaigns_whose_calls_can_still_move(app, client, monkeypatch):
    from mockdialer.callfire.domain import dialing
    from mockdialer.harness import ticker

    looked: list[int] = []
    look = dialing.refresh
    monkeypatch.setattr(
        dialing, "refresh", lambda view, doc, now=None: looked.append(doc["id"]) or look(view, doc, now)
    )
    ticker.tick(app)
    assert 1001 not in looked  # stopped, with a seeded history whose calls have all ended
    _started(client)
    _advance(client, 600)
    _control(client, "STOP")
    looked.clear()
    ticker.tick(app)
    assert 1001 in looked  # stopped with calls under way: they end as time passes
    _advance(client, 3600)
    looked.clear()
    ticker.tick(app)
    assert 1001 not in looked


def test_a_campaign_with_nothing_left_to_dial_is_finished(client):
    _started(client)
    _advance(client, 6 * 3600)
    campaign = _campaign(client)
    assert campaign["Status"] == "FINISHED"
    stats = _stats(client)
    assert stats["CallsRemaining"] == 0 and stats["CallsAwaitingRedial"] == 0
    running = client.get("/api/1.1/rest/ccc.json", headers=CALLFIRE, query_string={"Running": "true"})
    assert 1001 not in [c["@id"] for c in _items(running.get_json())]


def _items(answer: dict) -> list[dict]:
    found = answer["ResourceList"].get("CccCampaign", [])
    return found if isinstance(found, list) else [found]


def test_outside_calling_hours_nothing_is_dialed(client):
    _started(client, at="2026-03-02T10:00:00Z")  # 02:00 in Los Angeles
    _advance(client, 3600)
    assert _stats(client)["CallsAttempted"] == SEEDED_ATTEMPTS


def test_a_campaign_never_started_keeps_its_seeded_figures(client):
    _advance(client, 3600)
    assert _stats(client)["CallsAttempted"] == SEEDED_ATTEMPTS


def test_an_acefone_campaign_started_by_the_harness_dials(client):
    client.post("/__admin/clock", json={"freeze": MONDAY_1100_IST})
    answer = client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"})
    assert answer.status_code == 200 and answer.get_json()["campaign"]["status"] != "not started"
    _advance(client, 900)
    sim = client.get("/__admin/campaigns/acefone/demo/40002").get_json()["campaign"]["simulation"]
    assert sim["calls_total"] == 69 == sum(sim["outcomes"].values())
    assert sim["outcomes"] == {
        "answered": 12,
        "abandoned": 11,
        "busy": 7,
        "no_answer": 15,
        "machine": 12,
        "failed": 12,
    }
    assert sim["agents"] == 3
    assert (
        client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "stop"}).status_code
        == 200
    )
    _advance(client, 600)
    stopped = client.get("/__admin/campaigns/acefone/demo/40002").get_json()["campaign"]["simulation"]
    _advance(client, 3600)
    again = client.get("/__admin/campaigns/acefone/demo/40002").get_json()["campaign"]["simulation"]
    assert again["calls_total"] == stopped["calls_total"] and again["status"] == "stopped"


def test_reset_forgets_every_simulation(client, app):
    _started(client)
    _advance(client, 600)
    actions.reset(app)
    assert _campaign(client)["Status"] == "STOPPED"
    assert _stats(client)["CallsAttempted"] == SEEDED_ATTEMPTS


@pytest.mark.parametrize("command", ["PAUSE", ""])
def test_a_bad_command_changes_nothing(client, command):
    answer = client.post("/__admin/campaigns/callfire/demo-callfire/1001/control", json={"command": command})
    assert answer.status_code == 422
    assert _campaign(client)["Status"] == "STOPPED"


def test_the_admin_client_lists_controls_and_reads_campaigns(live):
    from mockdialer.admin import AdminClient

    admin = AdminClient(live.url)
    admin.clock.freeze(MONDAY_0930_PST)
    rows = admin.campaigns(vendor="callfire", account="demo-callfire")
    assert [r["id"] for r in rows] == ["1001", "1002", "1003"]
    assert admin.control("callfire", "demo-callfire", 1001, "START")["status"] == "RUNNING"
    admin.clock.advance(600)
    campaign = admin.campaign("callfire", "demo-callfire", 1001)
    assert campaign["simulation"]["stats"]["CallsAttempted"] == 74
    assert campaign["history"] == []  # the harness's own calls are not vendor requests
