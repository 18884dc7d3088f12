"""The course of a click-to-call (``simulation.acefone.click_to_call``): pure, seeded, in order."""

from __future__ import annotations

from mockdialer.simulation import outcomes
from mockdialer.simulation.acefone import click_to_call


def test_the_course_is_ordered_and_the_same_for_the_same_seed():
    statuses = set()
    for n in range(200):
        course = click_to_call(f"acefone/demo/click_to_call/{n}", 1000, call_timeout=20)
        assert course == click_to_call(f"acefone/demo/click_to_call/{n}", 1000, call_timeout=20)
        assert course["agent_dialed"] == 1000 and 1002 <= course["agent_answered"] <= 1006
        assert course["customer_dialed"] == course["agent_answered"]
        if course["status"] == "answered":
            assert course["customer_dialed"] < course["customer_answered"] < course["ended"]
        else:
            assert course["customer_answered"] is None
            assert course["customer_dialed"] < course["ended"] <= course["customer_dialed"] + 20
        statuses.add((course["status"], course["outcome"]))
    assert {s for s, _ in statuses} == {"answered", "missed"}


def test_weights_decide_the_outcome():
    never = {name: 0 for name in outcomes.DRAWN}
    course = click_to_call("s", 0, weights={**never, outcomes.NO_ANSWER: 1}, call_timeout=15)
    assert course["status"] == "missed" and course["ended"] - course["customer_dialed"] == 15
    course = click_to_call("s", 0, weights={**never, outcomes.ANSWERED: 1})
    assert course["status"] == "answered" and course["outcome"] == outcomes.ANSWERED
