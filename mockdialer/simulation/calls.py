"""A CallFire campaign's calls read from its simulation state: one entry per number dialed, one record
per attempt that ended, so that ``stats.callfire_stats`` over the same state always agrees with them.

``callfire_calls(state, plan)`` returns, for each target dialed at least once (in the order the targets
joined the campaign), ``{"order", "key", "state", "number", "records": [record, ...], "under_way"}``:

- ``order``: the target's place in the campaign (0, 1, ...), stable for the life of the simulation;
- ``state``: ``SELECTED`` while an attempt is under way, ``READY`` while a retry is due, ``FINISHED``
  when no attempt will follow (CallFire's ActionState, docs/callfire-contract.md "Calls");
- ``number``: what the latest attempt dialed; ``under_way``: that attempt's ``start`` when it has not
  ended yet, else None;
- a record: ``{"id", "attempt", "number", "result", "originate", "answer", "finish", "duration",
  "billed"}``, epoch seconds; ``answer`` only for LA and AM, ``duration`` the connected seconds,
  ``billed`` the record's amount: its started minutes times the plan's ``price_per_minute``, 0 when
  not connected (the sum over records is ``callfire_stats``' BilledAmount).
"""

from __future__ import annotations

from . import outcomes
from .callfire import RESULTS

SELECTED, READY, FINISHED = "SELECTED", "READY", "FINISHED"


def billed(duration: int, outcome: str, price_per_minute: float) -> float:
    """A record's BilledAmount: whole started minutes of a connected call (as ``callfire_stats``)."""
    if outcome == outcomes.FAILED or duration <= 0:
        return 0.0
    return round(-(-duration // 60) * price_per_minute, 4)


def _record(call: dict, price: float) -> dict:
    outcome = call["outcome"]
    connected = outcome in (outcomes.ANSWERED, outcomes.MACHINE)
    return {
        "id": call["id"],
        "attempt": call["attempt"],
        "number": call["number"],
        "result": RESULTS[outcome],
        "originate": call["start"],
        "answer": call["start"] + call["ring"] if connected else None,
        "finish": call["end"],
        "duration": call["duration"],
        "billed": billed(call["duration"], outcome, price),
    }


def callfire_calls(state: dict, plan: dict) -> list[dict]:
    price = float(plan.get("price_per_minute", 0.05))
    order = {key: index for index, key in enumerate(state["targets"])}
    records: dict[str, list[dict]] = {}
    for call in state["calls"]:
        records.setdefault(call["key"], []).append(_record(call, price))
    under_way = {call["key"]: call for call in state["active"] if call["start"] <= state["now"]}
    out = []
    for key in sorted(set(records) | set(under_way), key=order.__getitem__):
        done = records.get(key, [])
        active = under_way.get(key)
        target = state["targets"][key]
        if active is not None:
            call_state = SELECTED
        elif target["done"]:
            call_state = FINISHED
        else:
            call_state = READY
        out.append(
            {
                "order": order[key],
                "key": key,
                "state": call_state,
                "number": active["number"] if active is not None else done[-1]["number"],
                "first_attempt": active["start"] if not done else done[0]["originate"],
                "records": done,
                "under_way": active["start"] if active is not None else None,
            }
        )
    return out
