"""Vendor-shaped statistics from a simulation state: CallFire's ``CccCampaignStats`` and an Acefone summary.

``callfire_stats`` returns the fields of ``CccCampaignStats`` in the XSD's order (the keys of
``mockdialer/callfire/fields.py`` STATS_FIELDS plus ``ResultStat``), as the campaign stats read renders
them; ``IntervalBegin``/``IntervalEnd`` (epoch seconds) narrow the call figures to calls started in
that interval. Acefone documents no campaign statistics endpoint (docs/vendors/acefone.md lists none), so
``acefone_summary`` is a neutral summary with snake_case keys, not a vendor shape.
"""

from __future__ import annotations

from . import outcomes
from .callfire import RESULTS
from .dialer import status

CALLFIRE_RESULT_ORDER = ("LA", "AM", "BUSY", "NO_ANS", "ABANDONED", "CARRIER_ERROR")


def _calls(state: dict, begin: int | None, end: int | None) -> list[dict]:
    return [
        c
        for c in state["calls"]
        if (begin is None or c["start"] >= begin) and (end is None or c["start"] < end)
    ]


def _active_in(state: dict, begin: int | None, end: int | None) -> list[dict]:
    return [
        c
        for c in state["active"]
        if (begin is None or c["start"] >= begin) and (end is None or c["start"] < end)
    ]


def _pending_counts(state: dict) -> tuple[int, int]:
    fresh = sum(len(state["fresh"][g]) - state["fresh_pos"][g] for g in state["fresh"])
    retry = sum(len(heap) for heap in state["retry"].values())
    return fresh, retry


def _busy_agents(state: dict, plan: dict) -> int:
    now = state["now"]
    return sum(
        1
        for a in plan["agents"]
        if state["agents"].get(str(a), {}).get("free_at", 0) is None
        or state["agents"].get(str(a), {}).get("free_at", 0) > now
    )


def callfire_stats(
    state: dict, plan: dict, interval_begin: int | None = None, interval_end: int | None = None
):
    calls = _calls(state, interval_begin, interval_end)
    in_flight = [c for c in _active_in(state, interval_begin, interval_end) if c["start"] <= state["now"]]
    placed = [c for c in calls if c["outcome"] != outcomes.FAILED]
    live = sum(1 for c in calls if c["outcome"] == outcomes.ANSWERED)
    billed_minutes = sum(-(-c["duration"] // 60) for c in placed if c["duration"] > 0)
    fresh, retry = _pending_counts(state)
    per_result: dict[str, dict] = {}
    for call in calls:
        row = per_result.setdefault(RESULTS[call["outcome"]], {"attempts": 0, "targets": set()})
        row["attempts"] += 1
        row["targets"].add(call["key"])
    return {
        "AgentCount": len(plan["agents"]),
        "ActiveAgentCount": _busy_agents(state, plan),
        "CallsAttempted": len(calls) + len(in_flight),
        "CallsPlaced": len(placed),
        "CallsDuration": sum(c["duration"] for c in calls),
        "BilledDuration": 60 * billed_minutes,
        "BilledAmount": round(billed_minutes * float(plan.get("price_per_minute", 0.05)), 2),
        "CallsRemaining": fresh + retry + len(state["active"]),
        "CallsAwaitingRedial": retry,
        "CallsLiveAnswer": live,
        "ResponseRatePercent": round(100 * live / len(placed)) if placed else 0,
        "ResultStat": [
            {"Result": r, "Attempts": per_result[r]["attempts"], "Actions": len(per_result[r]["targets"])}
            for r in CALLFIRE_RESULT_ORDER
            if r in per_result
        ],
    }


def acefone_summary(state: dict, plan: dict) -> dict:
    fresh, retry = _pending_counts(state)
    calls = state["calls"]
    qualify = int(plan.get("qualify_seconds", 0))
    answered = [c for c in calls if c["outcome"] == outcomes.ANSWERED]
    return {
        "campaign_id": plan.get("campaign_id"),
        "status": status(state, plan),
        "as_of": state["now"],
        "finished_at": state["finished_at"],
        "leads_total": len(state["targets"]),
        "leads_completed": sum(1 for t in state["targets"].values() if t["done"]),
        "leads_pending": fresh,
        "leads_awaiting_retry": retry,
        "calls_total": len(calls),
        "calls_active": len(state["active"]),
        "outcomes": {name: state["counts"].get(name, 0) for name in outcomes.OUTCOMES},
        # call_qualification_duration: "used to qualify the call as a successful call"
        # (update-dialer-campaign.txt:66)
        "qualified_calls": sum(1 for c in answered if c["duration"] >= qualify),
        "talk_seconds": sum(c["duration"] for c in answered),
        "agents": len(plan["agents"]),
        "agents_busy": _busy_agents(state, plan),
        "series": series(state),
    }


def series(state: dict) -> dict:
    """Outcome counts per time bucket, for a chart: ``{"bucket_seconds", "buckets": [{"start", ...}]}``."""
    return {
        "bucket_seconds": state["series"]["bucket_seconds"],
        "buckets": [
            {"start": start, **{name: row.get(name, 0) for name in outcomes.OUTCOMES}}
            for start, row in state["series"]["buckets"]
        ],
    }
