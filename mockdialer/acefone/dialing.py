"""Simulated dialing of Acefone dialer campaigns, and the campaigns as the admin API and the console
list them (``harness.campaigns``).

Acefone documents no API call that starts or stops a dialer campaign (docs/vendors/acefone.md lists the five
campaign
endpoints, and the 51 fields hold no campaign status). The mock's harness does it instead: ``start`` /
``stop`` through the admin API or the console. A started campaign dials the leads of its active lead
lists (``lead_list_map`` entries with ``list_status`` 1, filtered by ``dial_status``) with its agents,
in its time group's hours, driven by the mock's clock (``mockdialer.simulation``; the rules it reads
from the 51 fields are in docs/simulation.md).

The simulation record (seed ``acefone/<account>/<id>``, running or not, the engine's state) is kept in
the ``simulations`` table and brought up to the clock when it is shown and before and after the clock
moves (set back before it began, it begins again then). A campaign with no lead left to dial is
``finished``; Acefone documents no statistics endpoint, so its figures are the engine's neutral
summary, shown by the admin API and the console only.
"""

from __future__ import annotations

from flask import Flask

from .. import simulation
from ..harness import clock
from ..harness.campaigns import Campaigns, register
from ..store import AccountView, get_store
from . import campaigns
from .auth import NAMESPACE, PROFILES

SIMULATIONS = "simulations"
COMMANDS = ("start", "stop")
PLAN_OPTIONS = {"bucket_seconds": 600}  # the chart: outcomes per 10 minutes (48 bars: 8 hours)


def _view(account: str) -> AccountView:
    return get_store().account(NAMESPACE, account)


def _plan(view: AccountView, doc: dict, running: bool) -> dict:
    group = view.get("time_groups", doc["time_group"]) if doc.get("time_group") else None
    return simulation.acefone_plan(
        doc, view.list("lead_lists"), view.list("users"), group, {"running": running, **PLAN_OPTIONS}
    )


def _now() -> int:
    return int(clock.get_clock().time())


def refresh(view: AccountView, doc: dict, now: int | None = None) -> dict | None:
    """The campaign's simulation brought up to ``now`` and stored; None if it was never started."""
    now = _now() if now is None else now
    record = view.get(SIMULATIONS, doc["id"])
    if record is None:
        return None
    if now < record["state"]["started_at"]:  # the clock was set back before it began: begin again
        plan = _plan(view, doc, record["running"])
        record["state"] = simulation.advance(plan, record["seed"], None, now, now)["state"]
        view.put(SIMULATIONS, doc["id"], record)
    plan = _plan(view, doc, record["running"])
    record["state"], events = simulation.catch_up(plan, record["seed"], record["state"], now)
    if events:  # a look that only moved "now" is redone the same way next time: nothing to store
        view.put(SIMULATIONS, doc["id"], record)
    return record


def control(account: str, campaign_id: str, command: str) -> None:
    """``start`` (again after a stop: it carries on) or ``stop`` (calls under way end)."""
    view = _view(account)
    doc = campaigns.get(view, campaign_id)  # 404 in Acefone's words
    now = _now()
    record = refresh(view, doc, now)
    running = command == "start"
    if record is None:
        if not running:
            return
        seed = f"acefone/{account}/{doc['id']}"
        state = simulation.advance(_plan(view, doc, True), seed, None, now, now)["state"]
        record = {"seed": seed, "running": True, "state": state}
    record["running"] = running
    view.put(SIMULATIONS, doc["id"], record)


def summary(view: AccountView, doc: dict) -> dict | None:
    record = refresh(view, doc)
    if record is None:
        return None
    plan = _plan(view, doc, record["running"])
    state = record["state"]
    out = simulation.acefone_summary(state, plan)
    out.update(
        counts=dict(state["counts"]),
        calls=len(state["calls"]),
        active=len(state["active"]),
        targets=len(state["targets"]),
        started_at=state["started_at"],
        now=state["now"],
    )
    return out


def _status(simulated: dict | None) -> str:
    if simulated is None:
        return "not started"
    return "finished" if simulated["status"] == "finished" else simulated["status"]


def _row(account: str, view: AccountView, doc: dict) -> dict:
    fields = campaigns.get(view, doc["id"])
    simulated = summary(view, doc)
    return {
        "vendor": "acefone",
        "account": account,
        "id": str(fields["id"]),
        "name": fields.get("name"),
        "status": _status(simulated),
        "last_change": fields.get("updated_at"),
        "fields": fields,
        "simulation": simulated,
    }


def accounts() -> list[str]:
    return sorted({key.partition("/")[0] for key in get_store().keys(PROFILES)})


def rows(account: str) -> list[dict]:
    view = _view(account)
    docs = sorted(campaigns.list_all(view), key=lambda d: int(d["id"]) if str(d["id"]).isdigit() else 0)
    return [_row(account, view, doc) for doc in docs]


def row(account: str, campaign_id: str) -> dict:
    view = _view(account)
    return _row(account, view, campaigns.get(view, campaign_id))


def sync() -> None:
    now = _now()
    for account in accounts():
        view = _view(account)
        for record_key in get_store().keys(f"{NAMESPACE}.{SIMULATIONS}", f"{account}/"):
            doc = view.peek(campaigns.KIND, record_key.partition("/")[2])
            if doc is not None:
                refresh(view, doc, now)


def init_app(app: Flask) -> None:
    register(
        app,
        Campaigns(
            vendor="acefone",
            accounts=accounts,
            rows=rows,
            row=row,
            commands=COMMANDS,
            control=control,
            sync=sync,
            command_help="Acefone has no API call for this (docs/vendors/acefone.md): the mock's harness "
            "starts and stops the simulated dialing.",
        ),
    )
