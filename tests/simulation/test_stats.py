"""Vendor shapes: CallFire's CccCampaignStats (as the golden GetCccCampaignStats) and the Acefone summary."""

from __future__ import annotations

import json
from pathlib import Path

from mockdialer.simulation import acefone_summary, advance, callfire_plan, callfire_stats, series

from .conftest import DAY, MONDAY
from .scenarios import SMALL_CALLFIRE, SMALL_CONTACTS, SMALL_GROUP
from .test_dialer import SEED, small_acefone, small_callfire

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "callfire" / "rest" / "stats.json"


def test_callfire_stats_have_the_golden_fields_in_order():
    golden = json.loads(GOLDEN.read_text())["Resource"]["CccCampaignStats"]
    plan = small_callfire()
    stats = callfire_stats(advance(plan, SEED, None, MONDAY, MONDAY + DAY)["state"], plan)
    assert list(stats) == list(golden)
    assert all(list(row) == ["Result", "Attempts", "Actions"] for row in stats["ResultStat"])
    assert isinstance(stats["BilledAmount"], float)
    assert all(isinstance(stats[k], int) for k in stats if k not in ("BilledAmount", "ResultStat"))


def test_callfire_stats_in_figures():
    plan = small_callfire()
    stats = callfire_stats(advance(plan, SEED, None, MONDAY, MONDAY + DAY)["state"], plan)
    assert stats == {
        "AgentCount": 2,
        "ActiveAgentCount": 0,
        "CallsAttempted": 7,
        "CallsPlaced": 6,
        "CallsDuration": 808,
        "BilledDuration": 900,
        "BilledAmount": 0.75,
        "CallsRemaining": 0,
        "CallsAwaitingRedial": 0,
        "CallsLiveAnswer": 4,
        "ResponseRatePercent": 67,
        "ResultStat": [
            {"Result": "LA", "Attempts": 4, "Actions": 4},
            {"Result": "BUSY", "Attempts": 1, "Actions": 1},
            {"Result": "NO_ANS", "Attempts": 1, "Actions": 1},
            {"Result": "CARRIER_ERROR", "Attempts": 1, "Actions": 1},
        ],
    }


def test_callfire_stats_mid_run_and_by_interval():
    contacts = [f"1213555{i:04d}" for i in range(40)]
    plan = callfire_plan(SMALL_CALLFIRE, contacts, agent_group=SMALL_GROUP)
    state = advance(plan, 3, None, MONDAY, MONDAY + 1800)["state"]
    stats = callfire_stats(state, plan)
    assert stats["CallsRemaining"] > 0
    assert stats["CallsAttempted"] == len(state["calls"]) + len(state["active"])
    assert stats["CallsRemaining"] == sum(
        len(v) - state["fresh_pos"][k] for k, v in state["fresh"].items()
    ) + stats["CallsAwaitingRedial"] + len(state["active"])
    assert sum(row["Attempts"] for row in stats["ResultStat"]) == len(state["calls"])
    first, second = (
        callfire_stats(state, plan, MONDAY, MONDAY + 900),
        callfire_stats(state, plan, MONDAY + 900, MONDAY + 1800),
    )
    assert first["CallsPlaced"] + second["CallsPlaced"] == stats["CallsPlaced"]
    assert first["CallsLiveAnswer"] + second["CallsLiveAnswer"] == stats["CallsLiveAnswer"]


def test_fixture_campaign_plan_reads_the_stored_fields(callfire_doc):
    campaign = {**callfire_doc["campaigns"][0], "MaxActive": 5}
    plan = callfire_plan(campaign, SMALL_CONTACTS, agent_group=callfire_doc["agentGroups"][0])
    assert plan["running"] is False  # the fixture's campaign is STOPPED until started
    assert plan["ratio"] == 2 and plan["max_lines"] == 5
    assert plan["max_attempts"] == 2 and plan["retry_delay"] == 1800
    assert plan["retry_outcomes"] == ["busy", "no_answer"]
    assert plan["no_answer_seconds"] == 30  # NumberOfRings 5
    assert plan["agents"] == ["4001", "4002"]
    assert len(plan["targets"]) == 5  # the contact without a phone is skipped


def test_callfire_agents_from_sessions_and_agent_lists():
    sessions = [
        {"agentId": 4001, "campaignId": 1001, "agentState": "AVAILABLE"},
        {"agentId": 4002, "campaignId": 1001, "agentState": "PAUSE"},
        {"agentId": 4003, "campaignId": 9999, "agentState": "AVAILABLE"},
    ]
    assert callfire_plan(SMALL_CALLFIRE, SMALL_CONTACTS, sessions=sessions)["agents"] == ["4001"]
    agents = [
        {"id": 4001, "enabled": True},
        {"id": 4002, "enabled": False},
        {"id": 4005, "enabled": True, "campaignIds": [1001]},
        {"id": 4006, "enabled": True},
    ]
    plan = callfire_plan(SMALL_CALLFIRE, SMALL_CONTACTS, agents=agents, agent_group=SMALL_GROUP)
    assert plan["agents"] == ["4001", "4005"]


def test_acefone_summary_in_figures():
    plan = small_acefone()
    summary = acefone_summary(advance(plan, SEED, None, MONDAY, MONDAY + DAY)["state"], plan)
    assert {k: v for k, v in summary.items() if k != "series"} == {
        "campaign_id": "50001",
        "status": "finished",
        "as_of": MONDAY + DAY,
        "finished_at": 1767585530,
        "leads_total": 12,
        "leads_completed": 12,
        "leads_pending": 0,
        "leads_awaiting_retry": 0,
        "calls_total": 24,
        "calls_active": 0,
        "outcomes": {"answered": 10, "abandoned": 2, "busy": 1, "no_answer": 5, "machine": 3, "failed": 3},
        "qualified_calls": 9,
        "talk_seconds": 2088,
        "agents": 2,
        "agents_busy": 0,
    }


def test_series_buckets_count_every_call_and_stay_small():
    plan = small_acefone(number_of_retry="3", retry_after_minutes="45")
    state = advance(plan, SEED, None, MONDAY, MONDAY + DAY)["state"]
    chart = series(state)
    assert chart["bucket_seconds"] == 3600
    assert [b["start"] % 3600 for b in chart["buckets"]] == [0] * len(chart["buckets"])
    assert len(chart["buckets"]) > 1
    total = sum(sum(v for k, v in b.items() if k != "start") for b in chart["buckets"])
    assert total == len(state["calls"])
    tiny = small_acefone(number_of_retry="3", retry_after_minutes="45")
    tiny["series_buckets"] = 2
    kept = series(advance(tiny, SEED, None, MONDAY, MONDAY + DAY)["state"])["buckets"]
    assert [b["start"] for b in kept] == [b["start"] for b in chart["buckets"][-2:]]
