"""Seeded draws: one generator per call, so a draw depends only on the seed and the call's number."""

from __future__ import annotations

from mockdialer.simulation import outcomes


def test_same_seed_and_call_give_the_same_draw():
    first = [outcomes.draw_call(42, n, outcomes.DEFAULT_WEIGHTS, 30) for n in range(1, 50)]
    again = [outcomes.draw_call(42, n, outcomes.DEFAULT_WEIGHTS, 30) for n in reversed(range(1, 50))]
    assert first == list(reversed(again))


def test_a_draw_in_figures():
    draw = outcomes.draw_call(42, 1, outcomes.DEFAULT_WEIGHTS, 30)
    assert draw == {"outcome": "failed", "ring": 2, "talk": 0}


def test_weights_select_the_outcomes():
    only_busy = {"busy": 1}
    assert {outcomes.draw_call(1, n, only_busy, 30)["outcome"] for n in range(100)} == {"busy"}
    nothing = {"answered": 0}
    assert outcomes.draw_call(1, 1, nothing, 24) == {"outcome": "no_answer", "ring": 24, "talk": 0}


def test_durations_stay_in_their_ranges():
    for n in range(300):
        draw = outcomes.draw_call(7, n, outcomes.DEFAULT_WEIGHTS, 30)
        assert 1 <= draw["ring"] <= 30
        if draw["outcome"] == "answered":
            assert outcomes.TALK_SECONDS[0] <= draw["talk"] <= outcomes.TALK_SECONDS[1]
        elif draw["outcome"] == "machine":
            assert outcomes.MESSAGE_SECONDS[0] <= draw["talk"] <= outcomes.MESSAGE_SECONDS[1]
        else:
            assert draw["talk"] == 0
