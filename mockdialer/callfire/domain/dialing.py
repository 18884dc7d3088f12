"""Simulated dialing of CallFire CCC campaigns: a RUNNING campaign calls its contacts with its agent
group's agents, driven by the mock's clock (``mockdialer.simulation`` does the dialing).

The simulation of a campaign is kept in its own table (``simulations``, one record per campaign:
the seed, the campaign status last seen, the engine's state) and brought up to the clock lazily: when
its stats are read, when the admin API or the console shows it, and before
and after the clock moves. The control command itself is not touched: a status change seen since the
last look is placed at the campaign's ``LastModified`` (what the control command stamps).

- START (RUNNING): calls are placed from then on; STOP / ARCHIVE: no new calls, calls under way end.
- A campaign whose contacts have all been dialed (retries included) becomes FINISHED (BroadcastStatus,
  docs/vendors/callfire.md "CccCampaign fields"), ``LastModified`` the moment its last call ended.
- Contacts: a fixture campaign lists them under ``Contacts`` (``Contact``: ``id``, ``homePhone``,
  ``workPhone``, ``mobilePhone``, or a bare number); a contact batch (``contacts.py``) adds more,
  dialed after those, also while the campaign runs (a disabled batch's are passed by until it is
  enabled again). A campaign without contacts never finishes.
- Its calls (``calls``, read by ``calls.py``) and its stats come from the same simulation state.
- The seed is ``callfire/<account>/<id>``: the same campaign and clock moves give the same calls.
- The clock set back before a simulation began drops it: a RUNNING campaign begins again from then.
  A fixture's seeded history (``seed_history``) is kept whatever the clock reads: it is the campaign's
  past; dialing resumes after its last window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from ... import simulation
from ...harness import clock
from ...store import AccountView, get_store
from ..call_enums import DEFAULT_BATCH_NAME
from . import agent_groups
from .tables import BATCHES, CAMPAIGNS, GROUPS, LOGINS, NAMESPACE, parse_id, view_for

SIMULATIONS = "simulations"
RUNNING = ("RUNNING", "START_PENDING")
PLAN_OPTIONS = {"bucket_seconds": 600}  # the chart: outcomes per 10 minutes (48 bars: 8 hours)


def epoch(stamp_text: str | None) -> int | None:
    if not stamp_text:
        return None
    try:
        return int(datetime.fromisoformat(str(stamp_text).replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def _stamp(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime(clock.STAMP_FORMAT)


def contacts(view: AccountView, doc: dict) -> list[dict]:
    """The campaign's contacts in dialing order: the fixture's, then each contact batch's (by id); those
    of a disabled batch marked ``held`` (the dialer passes them by until the batch is enabled)."""
    batches = sorted(
        (b for b in view.peek_list(BATCHES) if b["BroadcastId"] == doc["id"]), key=lambda b: b["id"]
    )
    held = [c if b.get("Enabled", True) else {**c, "held": True} for b in batches for c in b["Contacts"]]
    return [*(doc.get("Contacts") or []), *held]


def staff(view: AccountView, doc: dict) -> list[int]:
    """The agents who take the campaign's calls: the members of its agent groups (``AgentGroupId`` first,
    then those added with AddAgentGroups), then the agents added with AddAgents, each once; the same
    agents ``GetCccCampaignStats`` counts as ``AgentCount`` (docs/callfire-contract.md "Campaigns")."""
    ids: list[int] = []
    for group_id in agent_groups.groups_of(doc):
        ids += (view.peek(GROUPS, group_id) or {}).get("AgentIds", [])
    return list(dict.fromkeys([*ids, *doc.get("AgentIds", [])]))


def _plan(view: AccountView, doc: dict, running: bool) -> dict:
    return simulation.callfire_plan(
        doc,
        contacts(view, doc),
        agent_group={"AgentIds": staff(view, doc)},
        options={"running": running, **PLAN_OPTIONS},
    )


def _advance(plan: dict, record: dict, to_ts: int) -> int:
    """Run the record's state up to ``to_ts``; the number of events (calls dialed, ended, ...)."""
    record["state"], events = simulation.catch_up(plan, record["seed"], record["state"], to_ts)
    return events


Advanced = Callable[[AccountView, dict, "tuple[int, str] | None", dict], None]
ADVANCED: list[Advanced] = []  # listeners(view, campaign before, (state now, status seen) before, record)


def on_advance(listener: Advanced) -> None:
    """Call ``listener`` inside the store transaction that brought a campaign's simulation forward (so one
    worker, the one whose transaction moved it, sees each step: ``notifications.py`` sends its events)."""
    ADVANCED.append(listener)


def plan(view: AccountView, doc: dict) -> dict:
    """The campaign's plan as the simulation uses it now."""
    return _plan(view, doc, doc.get("Status") in RUNNING)


def refresh(view: AccountView, doc: dict, now: int | None = None) -> dict | None:
    """``_refresh`` in one store transaction, telling the ``on_advance`` listeners what moved."""
    with view.transaction():
        doc = view.peek(CAMPAIGNS, doc["id"]) or doc
        old = view.peek(SIMULATIONS, doc["id"])
        before = (old["state"]["now"], old["seen_status"]) if old is not None else None
        record = _refresh(view, doc, now)
        if record is not None:
            for listener in ADVANCED:
                listener(view, doc, before, record)
        return record


def _refresh(view: AccountView, doc: dict, now: int | None = None) -> dict | None:
    """Bring the campaign's simulation up to ``now`` (default: the clock) and store it; the record, or
    None for a campaign that has never run. Marks the campaign FINISHED when nothing is left to dial."""
    now = int(clock.get_clock().time()) if now is None else now
    key = doc["id"]
    record = view.get(SIMULATIONS, key)
    status = doc.get("Status")
    if record is not None and now < record["state"]["started_at"] and not record.get("seeded"):
        record = None  # the clock was set back before the dialing began: it begins again from now
        view.delete(SIMULATIONS, key)
    if record is None:
        if status not in RUNNING:
            return None
        seed = f"callfire/{view.account}/{key}"
        plan = _plan(view, doc, True)
        state = simulation.advance(plan, seed, None, now, now)["state"]
        record = {"seed": seed, "seen_status": status, "state": state, "running_since": now}
        view.put(SIMULATIONS, key, record)
        return record
    before, seen = record["state"]["now"], record["seen_status"]
    events = 0
    if (status in RUNNING) != (seen in RUNNING):  # changed since the last look: at LastModified
        changed = epoch(doc.get("LastModified"))
        changed = min(max(changed if changed is not None else now, before), now)
        events += _advance(_plan(view, doc, seen in RUNNING), record, changed)
        if status in RUNNING:
            record["running_since"] = changed
    events += _advance(_plan(view, doc, status in RUNNING), record, now)
    state = record["state"]
    # Stored when something happened: a look that only moved "now" is redone the same way next time.
    if events or seen != status:
        record["seen_status"] = status
        view.put(SIMULATIONS, key, record)
    finished = finished_at(record)
    if finished is not None and status in RUNNING:
        doc = {**doc, "Status": "FINISHED", "LastModified": _stamp(int(finished))}
        view.put(CAMPAIGNS, key, doc)
        record["seen_status"] = "FINISHED"
        view.put(SIMULATIONS, key, record)
    return record


def finished_at(record: dict) -> int | None:
    """When the campaign's current run had nothing left to dial: the simulation's last call's end, or
    the START itself for a campaign that had nothing left when it was started again (its FINISHED
    never goes back before its START)."""
    finished = record["state"].get("finished_at")
    if finished is None:
        return None
    return max(int(finished), int(record.get("running_since") or finished))


def seed_batches(view: AccountView, docs: list[dict]) -> None:
    """``contactBatches`` of a fixture file: ``{"id", "Name", "BroadcastId", "Created", "Contacts":
    [{"id", "homePhone"|"workPhone"|"mobilePhone"}]}``, ACTIVE (``contacts.py`` serves them)."""
    for raw in docs:
        doc = {"Name": DEFAULT_BATCH_NAME, "Status": "ACTIVE", **raw}
        view.put(BATCHES, doc["id"], doc)


def seed_history(view: AccountView, doc: dict, windows: list[dict]) -> None:
    """A fixture campaign's past: it ran in each window (``{"Start", "Stop"}``, dateTimes) and the
    simulation placed those calls, so its calls and stats are what the mock would have produced and
    a later START carries on from them (stats are cumulative over the campaign's life)."""
    seed = f"callfire/{view.account}/{doc['id']}"
    spans = sorted((epoch(w["Start"]), epoch(w["Stop"])) for w in windows)
    state = None
    for start, stop in spans:
        if start is None or stop is None or stop < start:
            raise ValueError(f"CccCampaign {doc['id']}: History windows need Start <= Stop")
        running = simulation.advance(_plan(view, doc, True), seed, state, start, stop)["state"]
        state, _ = simulation.catch_up(_plan(view, doc, True), seed, running, stop)
        state, _ = simulation.catch_up(_plan(view, doc, False), seed, state, stop + 3600)  # calls end
    if state is not None:
        record = {"seed": seed, "seen_status": doc.get("Status"), "state": state, "seeded": True}
        view.put(SIMULATIONS, doc["id"], record)


def refresh_campaign(account: str, id_) -> dict | None:
    view = view_for(account)
    doc = view.get(CAMPAIGNS, parse_id(id_))
    return None if doc is None else refresh(view, doc)


def stats(account: str, doc: dict, begin: datetime | None = None, end: datetime | None = None) -> dict | None:
    """CccCampaignStats from the simulation (calls started in [begin, end)), or None if it never ran."""
    begin, end = (None if t is None else int(t.timestamp()) for t in (begin, end))
    view = view_for(account)
    record = refresh(view, doc)
    if record is None:
        return None
    doc = view.get(CAMPAIGNS, doc["id"]) or doc
    plan = _plan(view, doc, doc.get("Status") in RUNNING)
    return simulation.callfire_stats(record["state"], plan, begin, end)


def calls(view: AccountView, doc: dict) -> list[dict]:
    """The campaign's calls up to the clock (``simulation.callfire_calls``), [] if it never ran."""
    record = refresh(view, doc)
    if record is None:
        return []
    doc = view.peek(CAMPAIGNS, doc["id"]) or doc
    return simulation.callfire_calls(record["state"], _plan(view, doc, doc.get("Status") in RUNNING))


def summary(account: str, doc: dict) -> dict | None:
    """What the console shows of the simulation: status, outcome counts, the chart's series."""
    view = view_for(account)
    record = refresh(view, doc)
    if record is None:
        return None
    doc = view.get(CAMPAIGNS, doc["id"]) or doc
    plan = _plan(view, doc, doc.get("Status") in RUNNING)
    state = record["state"]
    return {
        "status": simulation.status(state, plan),
        "now": state["now"],
        "started_at": state["started_at"],
        "finished_at": state["finished_at"],
        "counts": dict(state["counts"]),
        "calls": len(state["calls"]),
        "active": len(state["active"]),
        "targets": len(state["targets"]),
        "agents": len(plan["agents"]),
        "series": simulation.series(state),
        "stats": simulation.callfire_stats(state, plan),
    }


def accounts() -> list[str]:
    store = get_store()
    found = {key.partition("/")[0] for key in store.keys(f"{NAMESPACE}.{LOGINS}")}
    found |= {key.partition("/")[0] for key in store.keys(f"{NAMESPACE}.{CAMPAIGNS}")}
    return sorted(found)


def sync() -> None:
    """Every account's campaigns that are running, or have run, up to the clock's now."""
    now = int(clock.get_clock().time())
    for account in accounts():
        view = view_for(account)
        for doc in view.peek_list(CAMPAIGNS):
            record = view.peek(SIMULATIONS, doc["id"])
            if doc.get("Status") in RUNNING or (record is not None and not _at_rest(doc, record)):
                refresh(view, doc, now)


def _at_rest(doc: dict, record: dict) -> bool:
    """Nothing happens to the campaign as time passes: it is not running, was not at its last look, and
    none of its calls is still going (a look would only move the simulation's clock, and store nothing)."""
    return (
        doc.get("Status") not in RUNNING
        and record["seen_status"] not in RUNNING
        and not record["state"]["active"]
    )
