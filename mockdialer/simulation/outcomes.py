"""Seeded draws: what happens to one call, from a ``random.Random`` seeded by the seed and the call's number.

Each call gets its own generator, ``random.Random(f"{seed}/call/{call_id}")`` (a string seed is hashed
with SHA-512, so it is the same in every process), so a draw never depends on how many draws came
before it in this process or on where a time window was split. Outcomes are the engine's neutral names
(``OUTCOMES``); each vendor module maps them to its own result codes.
"""

from __future__ import annotations

import random

ANSWERED, ABANDONED, BUSY, NO_ANSWER, MACHINE, FAILED = (
    "answered",
    "abandoned",
    "busy",
    "no_answer",
    "machine",
    "failed",
)
OUTCOMES = (ANSWERED, ABANDONED, BUSY, NO_ANSWER, MACHINE, FAILED)
# what the network can answer; ABANDONED is never drawn: it is an answered call no agent could take
DRAWN = (ANSWERED, BUSY, NO_ANSWER, MACHINE, FAILED)
DEFAULT_WEIGHTS = {ANSWERED: 40, BUSY: 10, NO_ANSWER: 25, MACHINE: 15, FAILED: 10}
TALK_SECONDS = (30, 300)  # a live conversation
MESSAGE_SECONDS = (15, 45)  # a message left on an answering machine
MAX_PICKUP_SECONDS = 20


def call_rng(seed, call_id: int) -> random.Random:
    return random.Random(f"{seed}/call/{call_id}")


def draw_call(seed, call_id: int, weights: dict[str, float], no_answer_seconds: int) -> dict:
    """``{"outcome", "ring", "talk"}``: ring seconds until the network's answer, then seconds connected
    (a live talk or a machine message; 0 otherwise). Always the same for the same seed and call id."""
    rng = call_rng(seed, call_id)
    names = [name for name in DRAWN if weights.get(name, 0) > 0] or [NO_ANSWER]
    outcome = rng.choices(names, [weights.get(name, 1) for name in names])[0]
    no_answer_seconds = max(1, int(no_answer_seconds))
    pickup = max(1, min(MAX_PICKUP_SECONDS, no_answer_seconds - 1))
    if outcome == ANSWERED:
        return {"outcome": outcome, "ring": rng.randint(1, pickup), "talk": rng.randint(*TALK_SECONDS)}
    if outcome == MACHINE:
        return {"outcome": outcome, "ring": rng.randint(1, pickup), "talk": rng.randint(*MESSAGE_SECONDS)}
    if outcome == BUSY:
        return {"outcome": outcome, "ring": rng.randint(2, 6), "talk": 0}
    if outcome == FAILED:
        return {"outcome": outcome, "ring": rng.randint(1, 3), "talk": 0}
    return {"outcome": NO_ANSWER, "ring": no_answer_seconds, "talk": 0}


def pick(seed, call_id: int, choices: list):
    """A seeded pick among ``choices`` for one call (the "Random" ring strategy)."""
    return random.Random(f"{seed}/agent/{call_id}").choice(choices)


def shuffled(seed, items: list) -> list:
    """``items`` in a seeded random order (the "Random" list traversal order)."""
    out = list(items)
    random.Random(f"{seed}/order").shuffle(out)
    return out
