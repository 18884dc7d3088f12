"""A pure, deterministic dialing simulation for the mock's campaigns (no Flask, no store, no I/O).

Build a plan from a campaign as its vendor's module of the mock stores it, then advance the plan over
windows of the mock's clock; every value in and out is a plain JSON-able dict:

    plan = acefone_plan(campaign, lead_lists, users=None, time_group=None, options=None)
    plan = callfire_plan(campaign, contacts, agents=None, agent_group=None, sessions=None, options=None)
    result = advance(plan, seed, state, from_ts, to_ts, max_events=20000)
        -> {"state": <new state>, "events": [<event>, ...], "complete": bool}
    callfire_stats(state, plan, interval_begin=None, interval_end=None) -> CccCampaignStats dict
    callfire_calls(state, plan) -> the campaign's calls and their attempts (agree with the stats)
    acefone_summary(state, plan) -> neutral summary dict (Acefone documents no stats shape)
    series(state) -> outcome counts per time bucket, for a chart
    status(state, plan) -> "finished", "stopped", "no_agents", "dialing", "outside_hours", ...

Same plan, seed and window give the same events; advancing in one step or in several gives the same
state. docs/simulation.md describes the model, the rules and every choice made where a vendor is silent.
"""

from __future__ import annotations

from .acefone import plan as acefone_plan
from .callfire import plan as callfire_plan
from .calls import callfire_calls
from .dialer import DEFAULT_MAX_EVENTS, advance, catch_up, status
from .outcomes import OUTCOMES
from .stats import acefone_summary, callfire_stats, series

__all__ = [
    "DEFAULT_MAX_EVENTS",
    "OUTCOMES",
    "acefone_plan",
    "acefone_summary",
    "advance",
    "callfire_calls",
    "callfire_plan",
    "catch_up",
    "callfire_stats",
    "series",
    "status",
]
