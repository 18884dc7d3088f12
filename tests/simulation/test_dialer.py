"""The engine: exact figures for seeded scenarios, window-split invariance, calling hours, retries,
abandons, line limits, finishing, stopping and bounded work."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockdialer.simulation import acefone_plan, advance, callfire_plan, status

from .conftest import DAY, MONDAY, acefone_campaign, acefone_time_group
from .scenarios import (
    OFFICE_IST,
    SMALL_ACEFONE,
    SMALL_CALLFIRE,
    SMALL_CONTACTS,
    SMALL_GROUP,
    SMALL_LEAD_LISTS,
    SMALL_USERS,
)

SEED = 2026


def small_acefone(**changes) -> dict:
    return acefone_plan({**SMALL_ACEFONE, **changes}, SMALL_LEAD_LISTS, SMALL_USERS, OFFICE_IST)


def small_callfire(**changes) -> dict:
    return callfire_plan({**SMALL_CALLFIRE, **changes}, SMALL_CONTACTS, agent_group=SMALL_GROUP)


def run_in_steps(plan: dict, seed, cuts: list[int], start: int, end: int, max_events: int = 20000):
    state, events, begin = None, [], start
    for cut in [*sorted(set(cuts)), end]:
        result = advance(plan, seed, state, begin, cut, max_events)
        state, begin = result["state"], cut
        events += result["events"]
    return state, events


# ----- exact figures
def test_small_acefone_campaign_in_figures():
    result = advance(small_acefone(), SEED, None, MONDAY, MONDAY + DAY)
    state = result["state"]
    assert state["counts"] == {
        "answered": 10,
        "abandoned": 2,
        "busy": 1,
        "no_answer": 5,
        "machine": 3,
        "failed": 3,
    }
    assert len(state["calls"]) == 24 and len(result["events"]) == 59
    assert state["status"] == "finished" and state["finished_at"] == 1767585530
    first = [e for e in result["events"] if e["type"] == "dialed"][:4]
    # 09:00 IST is 03:30 UTC; ratio 2 x 2 idle agents: four lines at once, oldest leads first
    assert [(e["t"], e["number"]) for e in first] == [
        (1767583800, "+919845000001"),
        (1767583800, "+919845000002"),
        (1767583800, "+919845000003"),
        (1767583800, "+919845000004"),
    ]
    assert state["calls"][0] == {
        "id": 1,
        "key": "7001:1",
        "number": "+919845000001",
        "attempt": 1,
        "start": 1767583800,
        "ring": 1,
        "duration": 0,
        "end": 1767583801,
        "outcome": "failed",
        "agent": None,
    }


def test_small_callfire_campaign_in_figures():
    state = advance(small_callfire(), SEED, None, MONDAY, MONDAY + DAY)["state"]
    assert state["counts"] == {
        "answered": 4,
        "abandoned": 0,
        "busy": 1,
        "no_answer": 1,
        "machine": 0,
        "failed": 1,
    }
    assert [(c["start"], c["number"], c["attempt"], c["outcome"]) for c in state["calls"]] == [
        (1767571200, "12135550001", 1, "failed"),
        (1767571200, "12135550004", 1, "no_answer"),
        (1767571200, "12135550005", 1, "answered"),
        (1767572124, "12135550004", 2, "answered"),  # no MOBILE_PHONE: the first number again
        (1767621600, "12125550003", 1, "busy"),  # 09:00 in New York
        (1767622503, "12125550003", 2, "answered"),
        (1767625200, "13125550002", 1, "answered"),  # 09:00 in Chicago
    ]
    assert state["status"] == "finished"


def test_same_inputs_same_result_and_the_state_is_json():
    one = advance(small_acefone(), SEED, None, MONDAY, MONDAY + DAY)
    two = advance(small_acefone(), SEED, None, MONDAY, MONDAY + DAY)
    assert one == two
    assert json.loads(json.dumps(one)) == one
    other = advance(small_acefone(), SEED + 1, None, MONDAY, MONDAY + DAY)
    assert other["events"] != one["events"]


def test_advance_does_not_modify_the_state_it_is_given():
    first = advance(small_acefone(), SEED, None, MONDAY, MONDAY + 4 * 3600)["state"]
    frozen = json.dumps(first, sort_keys=True)
    advance(small_acefone(), SEED, first, MONDAY + 4 * 3600, MONDAY + DAY)
    assert json.dumps(first, sort_keys=True) == frozen


# ----- window splitting
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=MONDAY, max_value=MONDAY + 2 * DAY), max_size=12))
def test_acefone_split_anywhere_gives_the_same_run(cuts):
    plan = small_acefone(number_of_retry="3", retry_after_minutes="1")
    whole = advance(plan, SEED, None, MONDAY, MONDAY + 2 * DAY)
    state, events = run_in_steps(plan, SEED, cuts, MONDAY, MONDAY + 2 * DAY)
    assert events == whole["events"]
    assert state == whole["state"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=MONDAY, max_value=MONDAY + 2 * DAY), max_size=12), st.integers(0, 50))
def test_callfire_split_anywhere_gives_the_same_run(cuts, seed):
    plan = small_callfire()
    whole = advance(plan, seed, None, MONDAY, MONDAY + 2 * DAY)
    state, events = run_in_steps(plan, seed, cuts, MONDAY, MONDAY + 2 * DAY)
    assert events == whole["events"]
    assert state == whole["state"]


def test_fixture_campaigns_split_by_the_second_minute_and_hour(acefone_doc):
    for campaign_id in ("40001", "40002"):
        campaign = acefone_campaign(acefone_doc, campaign_id)
        objects = acefone_doc["objects"]
        plan = acefone_plan(
            campaign, objects["lead_lists"], objects["users"], acefone_time_group(acefone_doc, campaign)
        )
        start = MONDAY + 4 * 3600 - 30  # 30 s before the office opens
        for step, span in ((1, 120), (60, 3600), (3600, 2 * DAY)):
            end = start + span
            whole = advance(plan, 1, None, start, end)
            state, events = run_in_steps(plan, 1, list(range(start + step, end, step)), start, end)
            assert events == whole["events"], (campaign_id, step)
            assert state == whole["state"], (campaign_id, step)


def test_a_capped_advance_resumes_exactly(acefone_doc):
    plan = small_acefone()
    whole = advance(plan, SEED, None, MONDAY, MONDAY + DAY)
    state, events, rounds = None, [], 0
    while True:
        rounds += 1
        result = advance(plan, SEED, state, MONDAY, MONDAY + DAY, max_events=7)
        state = result["state"]
        events += result["events"]
        assert len(result["events"]) <= 7 + 2 * 2 * 2  # the cap is checked between moments
        if result["complete"]:
            break
        assert state["now"] < MONDAY + DAY
    assert rounds > 5
    assert events == whole["events"] and state == whole["state"]


# ----- calling hours
def test_acefone_dials_only_inside_the_time_group(acefone_doc):
    campaign = acefone_campaign(acefone_doc, "40002")
    objects = acefone_doc["objects"]
    plan = acefone_plan(
        campaign, objects["lead_lists"], objects["users"], acefone_time_group(acefone_doc, campaign)
    )
    state = advance(plan, 3, None, MONDAY, MONDAY + 8 * DAY)["state"]
    ist = ZoneInfo("Asia/Kolkata")
    starts = [datetime.fromtimestamp(c["start"], ist) for c in state["calls"]]
    assert len(starts) > 1000
    assert all(s.weekday() < 6 and "09:30" <= s.strftime("%H:%M") < "18:30" for s in starts)
    assert {s.weekday() for s in starts} <= {0, 1, 2, 3, 4, 5}  # Monday to Saturday, never Sunday


def test_weekend_time_group_waits_for_saturday(acefone_doc):
    campaign = acefone_campaign(acefone_doc, "40003")
    objects = acefone_doc["objects"]
    plan = acefone_plan(
        campaign, objects["lead_lists"], objects["users"], acefone_time_group(acefone_doc, campaign)
    )
    monday_to_friday = advance(plan, 3, None, MONDAY, MONDAY + 5 * DAY)
    assert monday_to_friday["events"] == []
    assert monday_to_friday["state"]["status"] == "outside_hours"
    weekend = advance(plan, 3, monday_to_friday["state"], MONDAY + 5 * DAY, MONDAY + 7 * DAY)
    first = datetime.fromtimestamp(weekend["events"][0]["t"], ZoneInfo("Asia/Kolkata"))
    assert first.strftime("%a %H:%M") == "Sat 10:00"


def test_callfire_restrict_hours_follow_each_numbers_area_code():
    state = advance(small_callfire(), 5, None, MONDAY, MONDAY + 3 * DAY)["state"]
    zones = {"1213": "America/Los_Angeles", "1312": "America/Chicago", "1212": "America/New_York"}
    assert state["calls"]
    for call in state["calls"]:
        local = datetime.fromtimestamp(call["start"], ZoneInfo(zones[call["number"][:4]]))
        assert "09:00" <= local.strftime("%H:%M") < "17:00", call


def test_no_time_group_dials_around_the_clock():
    plan = acefone_plan({**SMALL_ACEFONE, "time_group": None}, SMALL_LEAD_LISTS, SMALL_USERS, None)
    first = advance(plan, SEED, None, MONDAY, MONDAY + DAY)["events"][0]
    assert first["t"] == MONDAY


# ----- retries
def _attempts(state: dict) -> dict[str, list[dict]]:
    by_key: dict[str, list[dict]] = {}
    for call in sorted(state["calls"], key=lambda c: c["id"]):
        by_key.setdefault(call["key"], []).append(call)
    return by_key


def test_acefone_retries_by_refresh_count_and_interval():
    plan = small_acefone(number_of_retry="2", retry_after_minutes="10")
    state = advance(plan, 11, None, MONDAY, MONDAY + 2 * DAY)["state"]
    retried = 0
    for calls in _attempts(state).values():
        assert [c["attempt"] for c in calls] == list(range(1, len(calls) + 1))
        assert len(calls) <= 3
        for before, after in zip(calls, calls[1:], strict=False):
            assert before["outcome"] != "answered"
            assert after["start"] - before["end"] >= 600
            retried += 1
        if len(calls) < 3:
            assert calls[-1]["outcome"] == "answered"
    assert retried > 0


def test_callfire_retries_only_the_retry_results_on_the_retry_phone_types():
    contacts = [
        {
            "id": i,
            "homePhone": f"1213555{i:04d}",
            "mobilePhone": f"1213666{i:04d}",
            "workPhone": f"1213777{i:04d}",
        }
        for i in range(30)
    ]
    plan = callfire_plan(SMALL_CALLFIRE, contacts, agent_group=SMALL_GROUP)
    state = advance(plan, 4, None, MONDAY, MONDAY + 3 * DAY)["state"]
    seen_types = set()
    for calls in _attempts(state).values():
        assert len(calls) <= 3
        for before, after in zip(calls, calls[1:], strict=False):
            assert before["outcome"] in ("busy", "no_answer", "abandoned")
            assert after["start"] - before["end"] >= 900
        for call in calls:
            seen_types.add((call["attempt"], call["number"][:7]))
        if len(calls) < 3:
            assert calls[-1]["outcome"] not in ("busy", "no_answer", "abandoned")
    # attempt 1 the first (home) number, then MOBILE_PHONE, then WORK_PHONE
    assert {kind for attempt, kind in seen_types if attempt == 1} == {"1213555"}
    assert {kind for attempt, kind in seen_types if attempt == 2} == {"1213666"}
    assert {kind for attempt, kind in seen_types if attempt == 3} == {"1213777"}


def test_no_retry_results_means_one_attempt():
    plan = small_callfire(RetryConfig={"MaxAttempts": 5, "MinutesBetweenAttempts": 1})
    state = advance(plan, 4, None, MONDAY, MONDAY + 3 * DAY)["state"]
    assert {c["attempt"] for c in state["calls"]} == {1}


# ----- agents and lines
def _max_overlap(intervals: list[tuple[int, int]]) -> int:
    points = sorted([(s, 1) for s, e in intervals] + [(e, -1) for s, e in intervals])
    level = peak = 0
    for _, delta in points:
        level += delta
        peak = max(peak, level)
    return peak


def test_ratio_dialing_abandons_answered_calls_without_a_free_agent():
    plan = small_acefone(dial_ratio="3", agent=[11])
    state = advance(plan, 8, None, MONDAY, MONDAY + DAY)["state"]
    assert state["counts"]["abandoned"] > 0
    talks = [(c["start"] + c["ring"], c["end"] + 5) for c in state["calls"] if c["outcome"] == "answered"]
    assert _max_overlap(talks) == 1  # one agent never takes two calls (wrap-up included)
    assert {c["agent"] for c in state["calls"] if c["outcome"] == "answered"} == {"11"}


def test_preview_dialing_never_abandons_and_holds_the_agent(acefone_doc):
    campaign = acefone_campaign(acefone_doc, "40001")
    objects = acefone_doc["objects"]
    plan = acefone_plan(
        campaign, objects["lead_lists"], objects["users"], acefone_time_group(acefone_doc, campaign)
    )
    assert (
        plan["mode"] == "preview" and plan["preview_seconds"] == 15 and plan["agents"] == ["100002", "100003"]
    )
    state = advance(plan, 3, None, MONDAY, MONDAY + 2 * DAY)["state"]
    assert state["counts"]["abandoned"] == 0 and state["counts"]["answered"] > 0
    for agent in ("100002", "100003"):
        # the agent previews 15 s, hears the ring; a machine frees them at once, a talk after 20 s wrap-up
        mine = [
            (c["start"] - 15, c["start"] + c["ring"] if c["outcome"] != "answered" else c["end"] + 20)
            for c in state["calls"]
            if c["agent"] == agent
        ]
        assert _max_overlap(mine) == 1


def test_max_active_caps_the_lines():
    contacts = [f"1213555{i:04d}" for i in range(60)]
    plan = callfire_plan({**SMALL_CALLFIRE, "MultilineDialingRatio": 4}, contacts, agents=[1, 2, 3, 4])
    assert plan["ratio"] == 4 and plan["max_lines"] == 3
    state = advance(plan, 2, None, MONDAY, MONDAY + DAY)["state"]
    assert _max_overlap([(c["start"], c["end"]) for c in state["calls"]]) == 3


def test_users_who_are_not_active_take_no_calls():
    plan = small_acefone(agent=[11, 13])
    assert plan["agents"] == ["11"]


# ----- finishing, stopping, bounded work
def test_a_finished_campaign_stays_finished():
    plan = small_acefone()
    first = advance(plan, SEED, None, MONDAY, MONDAY + DAY)
    assert first["events"][-1] == {"t": first["state"]["finished_at"], "type": "finished"}
    assert first["state"]["status"] == "finished"
    later = advance(plan, SEED, first["state"], MONDAY + DAY, MONDAY + 365 * DAY)
    assert later["events"] == [] and later["complete"]
    assert later["state"]["now"] == MONDAY + 365 * DAY and later["state"]["status"] == "finished"


def test_a_stopped_callfire_campaign_dials_nothing():
    plan = small_callfire(Status="STOPPED")
    result = advance(plan, SEED, None, MONDAY, MONDAY + DAY)
    assert result["events"] == [] and result["state"]["status"] == "stopped"


def test_no_agents_no_calls():
    plan = callfire_plan(SMALL_CALLFIRE, SMALL_CONTACTS)
    result = advance(plan, SEED, None, MONDAY, MONDAY + DAY)
    assert plan["agents"] == [] and result["events"] == [] and result["state"]["status"] == "no_agents"


def test_a_year_is_bounded_and_can_be_finished_in_capped_steps(acefone_doc):
    campaign = acefone_campaign(acefone_doc, "40002")
    objects = acefone_doc["objects"]
    plan = acefone_plan(
        campaign, objects["lead_lists"], objects["users"], acefone_time_group(acefone_doc, campaign)
    )
    year = MONDAY + 365 * DAY
    result = advance(plan, 9, None, MONDAY, year, max_events=5000)
    assert not result["complete"] and len(result["events"]) < 5000 + 50
    rounds = 1
    while not result["complete"]:
        result = advance(plan, 9, result["state"], MONDAY, year, max_events=5000)
        rounds += 1
    assert rounds < 20
    assert result["state"]["status"] == "finished" and result["state"]["now"] == year
    assert status(result["state"], plan) == "finished"


def test_a_seed_mismatch_is_refused():
    state = advance(small_acefone(), SEED, None, MONDAY, MONDAY + 3600)["state"]
    try:
        advance(small_acefone(), SEED + 1, state, MONDAY + 3600, MONDAY + DAY)
    except ValueError as exc:
        assert "seed" in str(exc)
    else:
        raise AssertionError("a different seed was accepted")


# ----- lead order
def test_list_traversal_order():
    def first_numbers(order: str, seed=SEED) -> list[str]:
        events = advance(small_acefone(list_traversal_order=order), seed, None, MONDAY, MONDAY + DAY)[
            "events"
        ]
        return [e["number"] for e in events if e["type"] == "dialed" and e["attempt"] == 1][:4]

    assert first_numbers("1") == [f"+9198450{i:05d}" for i in (1, 2, 3, 4)]  # Oldest First
    assert first_numbers("2") == [f"+9198450{i:05d}" for i in (12, 11, 10, 9)]  # Newest First
    shuffled = first_numbers("3")  # Random: seeded
    assert shuffled == first_numbers("3") and shuffled != first_numbers("1")
    assert first_numbers("3", SEED + 1) != shuffled


def test_lead_lists_known_only_by_their_count_get_stable_numbers(acefone_doc):
    campaign = acefone_campaign(acefone_doc, "40002")
    objects = acefone_doc["objects"]
    plan = acefone_plan(campaign, objects["lead_lists"], objects["users"], None)
    assert len(plan["targets"]) == 2975 + 830  # lists 5004 and 5002 are active
    assert plan["targets"][0] == {
        "key": "5004:2974",
        "phones": {"FIRST_NUMBER": "+919500402974"},
        "calendar": "campaign",
    }


def test_held_numbers_wait_and_keep_the_campaign_open_until_released():
    held = [
        {**c, "held": True} if isinstance(c, dict) and c.get("id") in (2, 3) else c for c in SMALL_CONTACTS
    ]
    plan = callfire_plan(SMALL_CALLFIRE, held, agent_group=SMALL_GROUP)
    assert plan["held"] == ["contact:2", "contact:3"]
    state = advance(plan, SEED, None, MONDAY, MONDAY + DAY)["state"]
    assert {call["key"] for call in state["calls"]} & {"contact:2", "contact:3"} == set()
    assert state["calls"] and state["finished_at"] is None  # the held numbers keep it open
    assert status(state, plan) == "held"
    released = callfire_plan(SMALL_CALLFIRE, SMALL_CONTACTS, agent_group=SMALL_GROUP)
    state = advance(released, SEED, state, MONDAY + DAY, MONDAY + 3 * DAY)["state"]
    dialed = [call["key"] for call in state["calls"]]
    assert {"contact:2", "contact:3"} <= set(dialed)
    assert dialed.index("contact:2") > max(i for i, key in enumerate(dialed) if key == "contact:4")
    assert state["finished_at"] is not None
