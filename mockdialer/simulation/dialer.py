"""The dialing engine: ``advance(plan, seed, state, from_ts, to_ts)`` runs a campaign's dialer over a window.

An event-driven simulation on whole epoch seconds. The loop jumps from one moment where something can
happen to the next (a call starts, is answered, ends; an agent finishes wrap-up; a retry falls due; a
calling window opens) and at each moment resolves calls, completes them, then dials while there is
capacity. What happens at a moment depends only on the state and the moment, and the next moment is
the first one at or after the resume point, so stopping at any ``to_ts`` and resuming gives the same
calls as one long run. Work is bounded by ``max_events`` per call (see ``advance``). A plan (built by
``acefone.plan`` or ``callfire.plan``) and the state are plain JSON-able dicts.
"""

from __future__ import annotations

import heapq
import json

from . import calendar, outcomes

VERSION = 1
DEFAULT_MAX_EVENTS = 20000
RESERVED = None  # an agent's free_at while a preview call holds them


def new_state(plan: dict, seed, start: int) -> dict:
    return {
        "version": VERSION,
        "vendor": plan["vendor"],
        "campaign_id": plan.get("campaign_id"),
        "seed": seed,
        "started_at": start,
        "now": start,
        "next_call": 1,
        "targets": {},
        "fresh": {},
        "fresh_pos": {},
        "retry": {},
        "active": [],
        "agents": {},
        "calls": [],
        "counts": {name: 0 for name in outcomes.OUTCOMES},
        "series": {"bucket_seconds": int(plan.get("bucket_seconds", 3600)), "buckets": []},
        "status": "running",
        "finished_at": None,
    }


def _add_targets(state: dict, plan: dict) -> None:
    """Targets of the plan that the state does not know yet join the end of their calendar's list."""
    new = [target for target in plan["targets"] if target["key"] not in state["targets"]]
    if not new:
        return
    if plan.get("shuffle") and not state["targets"]:
        new = outcomes.shuffled(state["seed"], new)
    order = len(state["targets"])
    for target in new:
        group = target.get("calendar", "default")
        state["targets"][target["key"]] = {
            "phones": dict(target["phones"]),
            "calendar": group,
            "attempts": 0,
            "done": False,
            "last_outcome": None,
        }
        state["fresh"].setdefault(group, []).append([order, target["key"]])
        state["fresh_pos"].setdefault(group, 0)
        state["retry"].setdefault(group, [])
        order += 1
    state["finished_at"] = None


def _park(state: dict, plan: dict) -> None:
    """Fresh numbers the plan holds (``plan["held"]``: a disabled CallFire contact batch's) that are next
    in their queue move to ``state["parked"]``, so the queue goes on with the numbers after them."""
    held = set(plan.get("held") or ())
    if not held:
        return
    parked = state.setdefault("parked", {})
    for group, queue in state["fresh"].items():
        pos = state["fresh_pos"][group]
        while pos < len(queue) and queue[pos][1] in held:
            parked.setdefault(group, []).append(queue[pos])
            pos += 1
        state["fresh_pos"][group] = pos


def _unpark(state: dict, plan: dict) -> None:
    """Parked numbers the plan no longer holds rejoin the end of their queue."""
    held = set(plan.get("held") or ())
    for group, items in (state.get("parked") or {}).items():
        back = [item for item in items if item[1] not in held]
        if back:
            state["fresh"][group].extend(back)
            items[:] = [item for item in items if item[1] in held]
            state["finished_at"] = None


def _add_agents(state: dict, plan: dict) -> None:
    for agent in plan["agents"]:
        state["agents"].setdefault(str(agent), {"free_at": state["started_at"], "calls": 0})


# ----- what can happen when
def _plan_agents(plan: dict) -> list[str]:
    return [str(a) for a in plan["agents"]]


def _idle(state: dict, plan: dict, t: int) -> list[str]:
    agents = state["agents"]
    return [
        a for a in _plan_agents(plan) if agents[a]["free_at"] is not RESERVED and agents[a]["free_at"] <= t
    ]


def _capacity(state: dict, plan: dict, t: int) -> int:
    if not plan.get("running", True):
        return 0
    idle = len(_idle(state, plan, t))
    if plan["mode"] == "preview":
        cap = idle
    else:
        ringing = sum(1 for call in state["active"] if not call["resolved"])
        cap = max(1, int(plan.get("ratio", 1))) * idle - ringing
    if plan.get("max_lines"):
        cap = min(cap, int(plan["max_lines"]) - len(state["active"]))
    return max(0, cap)


def _pending(state: dict, group: str) -> bool:
    return state["fresh_pos"][group] < len(state["fresh"][group]) or bool(state["retry"][group])


def _earliest_due(state: dict, group: str) -> int | None:
    dues = []
    if state["fresh_pos"][group] < len(state["fresh"][group]):
        dues.append(state["started_at"])
    if state["retry"][group]:
        dues.append(state["retry"][group][0][0])
    return min(dues) if dues else None


def _calendar(plan: dict, group: str) -> dict | None:
    return (plan.get("calendars") or {}).get(group)


def _next_time(state: dict, plan: dict, a: int) -> int | None:
    """The first moment >= ``a`` at which something can happen (everything before ``a`` is done)."""
    moments = []
    for call in state["active"]:
        moments += [v for v in (call["start"], call["answer_at"], call["end"]) if v is not None and v >= a]
    for agent in _plan_agents(plan):
        free_at = state["agents"][agent]["free_at"]
        if free_at is not RESERVED and free_at >= a:
            moments.append(free_at)
    if _capacity(state, plan, a) > 0:
        for group in state["fresh"]:
            due = _earliest_due(state, group)
            if due is not None:
                when = calendar.next_open(_calendar(plan, group), max(a, due))
                if when is not None:
                    moments.append(when)
    return min(moments) if moments else None


# ----- one moment
def _take(state: dict, plan: dict, t: int) -> tuple[str, int] | None:
    """The next (target key, attempt) to dial at ``t``: a due retry first (earliest due), else the next
    fresh number (campaign order); only numbers whose calling window is open at ``t``."""
    open_groups = [
        g for g in state["fresh"] if _pending(state, g) and calendar.is_open(_calendar(plan, g), t)
    ]
    due = [
        (state["retry"][g][0], g) for g in open_groups if state["retry"][g] and state["retry"][g][0][0] <= t
    ]
    if due:
        _, group = min(due)
        _, _, key, attempt = heapq.heappop(state["retry"][group])
        return key, attempt
    fresh = [
        (state["fresh"][g][state["fresh_pos"][g]][0], g)
        for g in open_groups
        if state["fresh_pos"][g] < len(state["fresh"][g])
    ]
    if not fresh:
        return None
    _, group = min(fresh)
    key = state["fresh"][group][state["fresh_pos"][group]][1]
    state["fresh_pos"][group] += 1
    _park(state, plan)
    return key, 1


def _phone(target: dict, attempt: int, types: list[str]) -> str:
    phones = target["phones"]
    if attempt <= 1 or not types:
        return phones["FIRST_NUMBER"]
    return phones.get(types[(attempt - 2) % len(types)]) or phones["FIRST_NUMBER"]


def _choose_agent(state: dict, plan: dict, idle: list[str], call_id: int) -> str:
    agents = state["agents"]
    strategy = plan.get("ring_strategy", "longest_wait")
    if strategy == "random":
        return outcomes.pick(state["seed"], call_id, sorted(idle))
    if strategy == "fewest_calls":
        return min(idle, key=lambda a: (agents[a]["calls"], agents[a]["free_at"], a))
    return min(idle, key=lambda a: (agents[a]["free_at"], a))


def _dial(state: dict, plan: dict, t: int, key: str, attempt: int) -> None:
    call_id = state["next_call"]
    state["next_call"] += 1
    target = state["targets"][key]
    target["attempts"] = attempt
    draw = outcomes.draw_call(
        state["seed"],
        call_id,
        plan.get("outcome_weights") or outcomes.DEFAULT_WEIGHTS,
        plan["no_answer_seconds"],
    )
    agent = None
    start = t
    if plan["mode"] == "preview":
        agent = _choose_agent(state, plan, _idle(state, plan, t), call_id)
        state["agents"][agent]["free_at"] = RESERVED
        start = t + int(plan.get("preview_seconds", 0))
    state["active"].append(
        {
            "id": call_id,
            "key": key,
            "number": _phone(target, attempt, plan.get("retry_phone_types") or []),
            "attempt": attempt,
            "start": start,
            "answer_at": start + draw["ring"],
            "end": None,
            "drawn": draw["outcome"],
            "talk": draw["talk"],
            "ring": draw["ring"],
            "agent": agent,
            "resolved": False,
            "outcome": None,
        }
    )


def _bucket(state: dict, plan: dict, t: int, outcome: str) -> None:
    series = state["series"]
    size = series["bucket_seconds"]
    start = t - t % size
    buckets = series["buckets"]
    if buckets and buckets[-1][0] == start:
        row = buckets[-1][1]
    else:
        row = {}
        buckets.append([start, row])
        buckets.sort(key=lambda b: b[0])
        del buckets[: max(0, len(buckets) - int(plan.get("series_buckets", 48)))]
    row[outcome] = row.get(outcome, 0) + 1


def _complete(state: dict, plan: dict, call: dict, t: int, events: list) -> None:
    outcome = call["outcome"]
    state["counts"][outcome] = state["counts"].get(outcome, 0) + 1
    _bucket(state, plan, t, outcome)
    target = state["targets"][call["key"]]
    target["last_outcome"] = outcome
    retry_at = None
    if outcome in plan.get("retry_outcomes", []) and call["attempt"] < int(plan.get("max_attempts", 1)):
        retry_at = t + int(plan.get("retry_delay", 0))
        group = target["calendar"]
        heapq.heappush(state["retry"][group], [retry_at, call["id"], call["key"], call["attempt"] + 1])
    else:
        target["done"] = True
    duration = call["talk"] if outcome in (outcomes.ANSWERED, outcomes.MACHINE) else 0
    state["calls"].append(
        {
            "id": call["id"],
            "key": call["key"],
            "number": call["number"],
            "attempt": call["attempt"],
            "start": call["start"],
            "ring": call["ring"],
            "duration": duration,
            "end": t,
            "outcome": outcome,
            "agent": call["agent"],
        }
    )
    events.append(
        {
            "t": t,
            "type": "ended",
            "call": call["id"],
            "key": call["key"],
            "number": call["number"],
            "attempt": call["attempt"],
            "outcome": outcome,
            "duration": duration,
            "agent": call["agent"],
            "retry_at": retry_at,
        }
    )


def _resolve(state: dict, plan: dict, call: dict, t: int, events: list) -> bool:
    """The network's answer at ``answer_at``; True when the call is over."""
    call["resolved"] = True
    wrapup = int(plan.get("wrapup_seconds", 0))
    if call["drawn"] == outcomes.ANSWERED:
        agent = call["agent"]
        if agent is None:
            idle = _idle(state, plan, t)
            if not idle:  # nobody to take the call: dropped (no waiting queue)
                call["outcome"], call["end"] = outcomes.ABANDONED, t
                return True
            agent = _choose_agent(state, plan, idle, call["id"])
            call["agent"] = agent
        call["outcome"], call["end"] = outcomes.ANSWERED, t + call["talk"]
        state["agents"][agent]["free_at"] = call["end"] + wrapup
        state["agents"][agent]["calls"] += 1
        events.append({"t": t, "type": "connected", "call": call["id"], "agent": agent})
        return False
    if call["drawn"] == outcomes.MACHINE:
        call["outcome"], call["end"] = outcomes.MACHINE, t + call["talk"]
        if call["agent"] is not None:  # the previewing agent hears the machine and moves on
            state["agents"][call["agent"]]["free_at"] = t
        return False
    call["outcome"], call["end"] = call["drawn"], t
    if call["agent"] is not None:
        state["agents"][call["agent"]]["free_at"] = t
    return True


def _nothing_left(state: dict) -> bool:
    """No call under way, none to place and none held back (a held number keeps the campaign open)."""
    if state["active"] or any(state.get("parked", {}).values()):
        return False
    return not any(_pending(state, g) for g in state["fresh"])


def _step(state: dict, plan: dict, t: int, events: list) -> None:
    done = []
    for call in sorted(state["active"], key=lambda c: c["id"]):
        if not call["resolved"] and call["answer_at"] == t and _resolve(state, plan, call, t, events):
            done.append(call)
    for call in sorted(state["active"], key=lambda c: c["id"]):
        if call["resolved"] and call not in done and call["end"] == t:
            done.append(call)
    for call in done:
        _complete(state, plan, call, t, events)
    gone = {call["id"] for call in done}
    state["active"] = [call for call in state["active"] if call["id"] not in gone]
    while _capacity(state, plan, t) > 0:
        picked = _take(state, plan, t)
        if picked is None:
            break
        _dial(state, plan, t, *picked)
    for call in sorted(state["active"], key=lambda c: c["id"]):
        if call["start"] == t:
            events.append(
                {
                    "t": t,
                    "type": "dialed",
                    "call": call["id"],
                    "key": call["key"],
                    "number": call["number"],
                    "attempt": call["attempt"],
                    "agent": call["agent"],
                }
            )
    if state["finished_at"] is None and state["targets"] and _nothing_left(state):
        state["finished_at"] = t
        events.append({"t": t, "type": "finished"})


# ----- status
def status(state: dict, plan: dict) -> str:
    """finished, stopped, no_agents, dialing, outside_hours, held, waiting_retry or idle (at
    ``state["now"]``)."""
    now = state["now"]
    if _nothing_left(state):
        return "finished"
    if not plan.get("running", True):
        return "stopped"
    if state["active"]:
        return "dialing"
    if not plan["agents"]:
        return "no_agents"
    groups = [g for g in state["fresh"] if _pending(state, g)]
    if any(not calendar.is_open(_calendar(plan, g), now) for g in groups):
        return "outside_hours"
    if not groups and any(state.get("parked", {}).values()):
        return "held"
    if all(state["fresh_pos"][g] >= len(state["fresh"][g]) for g in groups):
        return "waiting_retry"
    return "idle"


def advance(
    plan: dict, seed, state: dict | None, from_ts: int, to_ts: int, max_events: int = DEFAULT_MAX_EVENTS
):
    """Run the dialer from where ``state`` stopped (or from ``from_ts`` when ``state`` is None) up to,
    not including, ``to_ts``. Returns ``{"state", "events", "complete"}``.

    ``complete`` is False when ``max_events`` events (or moments) were reached first: the state then
    stops at the first unprocessed moment (``state["now"] < to_ts``) and a later call with the same or a later
    ``to_ts`` carries on exactly where it left off. ``state`` is not modified (a copy is returned).
    """
    from_ts, to_ts = int(from_ts), int(to_ts)
    if state is None:
        state = new_state(plan, seed, from_ts)
    else:
        state = json.loads(json.dumps(state))  # a copy, and a check that the state is JSON
        if state.get("version") != VERSION:
            raise ValueError(f"simulation state version {state.get('version')!r}, expected {VERSION}")
        if state["seed"] != seed:
            raise ValueError("seed differs from the one the simulation state was started with")
    _add_targets(state, plan)
    _unpark(state, plan)
    _park(state, plan)
    _add_agents(state, plan)
    events: list[dict] = []
    complete = True
    moment = state["now"]
    steps = 0
    while True:
        t = _next_time(state, plan, moment)
        if t is None or t >= to_ts:
            break
        if len(events) >= max_events or steps >= max_events:
            state["now"], complete = t, False
            break
        _step(state, plan, t, events)
        steps += 1
        moment = t + 1
    if complete:
        state["now"] = max(state["now"], to_ts)
    state["status"] = status(state, plan)
    return {"state": state, "events": events, "complete": complete}


def catch_up(plan: dict, seed, state: dict, to_ts: int, max_rounds: int = 50) -> tuple[dict, int]:
    """``advance`` the state up to ``to_ts`` in at most ``max_rounds`` calls (each capped at
    ``DEFAULT_MAX_EVENTS``, so one look's work is bounded); the new state and how many events ran."""
    events = 0
    for _ in range(max_rounds):
        if state["now"] >= to_ts:
            break
        result = advance(plan, seed, state, state["now"], to_ts)
        state, events = result["state"], events + len(result["events"])
        if result["complete"]:
            break
    return state, events
