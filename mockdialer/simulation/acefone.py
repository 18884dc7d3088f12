"""Acefone: a stored dialer campaign, its lead lists, users and time group read into an engine plan.

``plan(campaign, lead_lists, users=None, time_group=None, options=None)`` takes the documents as the
mock stores them (``mockdialer/acefone``: the campaign's 51 fields, whole numbers as strings, flags as
0/1; lead lists, users and time groups as ``fixtures/acefone/*.json`` hold them) and returns the plan
``dialer.advance`` runs. Fields the vendor documents drive the plan (dial_method, auto_dial_duration,
dial_ratio, lead_list_map, list_traversal_order, dial_status, number_of_retry, retry_after_minutes,
after_call_work_duration / auto_disposition_cancel_duration, ring_strategy, agent, time_group,
call_qualification_duration); where it is silent the choices are in docs/simulation.md.
"""

from __future__ import annotations

from . import calendar, outcomes

DEFAULT_TIMEZONE = "Asia/Kolkata"
DEFAULT_NO_ANSWER_SECONDS = 30
SYNTHETIC_LEADS_MAX = 10000  # per lead list, when the list gives a lead_count and no leads
RING_STRATEGIES = {"1": "random", "2": "fewest_calls", "3": "longest_wait"}
NUMBER_KEYS = ("number", "phone", "phone_number", "mobile", "contact_number")


def whole(value, default: int = 0) -> int:
    """A stored whole number ("3", 3, "" or None) as an int."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _active_lists(campaign: dict, lead_lists: list[dict]) -> list[dict]:
    by_id = {str(item.get("id")): item for item in lead_lists or []}
    return [
        by_id[str(entry.get("list_id"))]
        for entry in campaign.get("lead_list_map") or []
        if whole(entry.get("list_status")) == 1 and str(entry.get("list_id")) in by_id
    ]


def synthetic_number(list_id, index: int) -> str:
    """A stable Indian mobile number for lead ``index`` of a list that gives only its ``lead_count``."""
    digits = "".join(ch for ch in str(list_id) if ch.isdigit())[-4:].rjust(4, "0")
    return f"+919{digits}{index % 100000:05d}"


def _leads(lead_list: dict, dial_status: set[str]) -> list[tuple[str, str]]:
    """(key, number) of the leads to dial, oldest first."""
    list_id = str(lead_list.get("id"))
    out = []
    if "leads" in lead_list:
        for index, lead in enumerate(lead_list.get("leads") or []):
            if isinstance(lead, dict):
                number = next((str(lead[k]) for k in NUMBER_KEYS if lead.get(k)), None)
                status = str(lead.get("dial_status", lead.get("status", "0")))
                lead_id = str(lead.get("id", index))
            else:
                number, status, lead_id = str(lead), "0", str(index)
            if number and status in dial_status:
                out.append((f"{list_id}:{lead_id}", number))
    elif "0" in dial_status:  # a list known only by its count: every lead is New ("0")
        count = min(whole(lead_list.get("lead_count")), SYNTHETIC_LEADS_MAX)
        out = [(f"{list_id}:{i}", synthetic_number(list_id, i)) for i in range(count)]
    return out


def _agents(campaign: dict, users: list[dict] | None) -> list[str]:
    wanted = [str(a) for a in campaign.get("agent") or []]
    if users is None:
        return wanted
    active = {str(u.get("id")): u for u in users if str(u.get("status", "active")) == "active"}
    if not wanted:  # no agents named: the account's active users whose role is agent
        return [uid for uid, u in active.items() if u.get("role") == "agent"]
    return [a for a in wanted if a in active]


def _calendar(time_group: dict | None, tz: str) -> dict | None:
    if not time_group or not time_group.get("schedule"):
        return None
    return calendar.weekly(str(time_group.get("timezone") or tz), time_group["schedule"])


def plan(
    campaign: dict,
    lead_lists: list[dict],
    users: list[dict] | None = None,
    time_group: dict | None = None,
    options: dict | None = None,
) -> dict:
    options = options or {}
    dial_status = {str(s) for s in campaign.get("dial_status") or ["0"]}
    traversal = str(campaign.get("list_traversal_order") or "1")
    targets = []
    seen: set[str] = set()
    for lead_list in _active_lists(campaign, lead_lists):
        leads = _leads(lead_list, dial_status)
        if traversal == "2":  # Newest First
            leads.reverse()
        for key, number in leads:
            if key not in seen:
                seen.add(key)
                targets.append({"key": key, "phones": {"FIRST_NUMBER": number}, "calendar": "campaign"})
    preview = str(campaign.get("dial_method")) == "1"
    # two agent after-call times: after_call_work_duration ("Time given to the agent after a call ends",
    # update-dialer-campaign.txt:43) and auto_disposition_cancel_duration ("Wrap up time", :31); the
    # first wins when set.
    wrapup = whole(campaign.get("after_call_work_duration"), -1)
    if wrapup < 0:
        wrapup = whole(campaign.get("auto_disposition_cancel_duration"))
    return {
        "vendor": "acefone",
        "campaign_id": str(campaign.get("id")) if campaign.get("id") is not None else None,
        "running": bool(options.get("running", True)),
        "mode": "preview" if preview else "ratio",
        "preview_seconds": whole(campaign.get("auto_dial_duration")) if preview else 0,
        "ratio": max(1, whole(campaign.get("dial_ratio"), 1)) if not preview else 1,
        "max_lines": options.get("max_lines"),
        "wrapup_seconds": wrapup,
        # number_of_retry is the "Refresh Count" (update-dialer-campaign.txt:29): attempts after the first
        "max_attempts": 1 + whole(campaign.get("number_of_retry")),
        "retry_delay": 60 * whole(campaign.get("retry_after_minutes")),
        "retry_outcomes": [o for o in outcomes.OUTCOMES if o != outcomes.ANSWERED],
        "retry_phone_types": [],
        "no_answer_seconds": int(options.get("no_answer_seconds", DEFAULT_NO_ANSWER_SECONDS)),
        "ring_strategy": RING_STRATEGIES.get(str(campaign.get("ring_strategy")), "longest_wait"),
        "shuffle": traversal == "3",
        "calendars": {"campaign": _calendar(time_group, str(options.get("timezone", DEFAULT_TIMEZONE)))},
        "targets": targets,
        "agents": _agents(campaign, users),
        "outcome_weights": dict(options.get("outcome_weights") or outcomes.DEFAULT_WEIGHTS),
        "qualify_seconds": whole(campaign.get("call_qualification_duration")),
        "bucket_seconds": int(options.get("bucket_seconds", 3600)),
        "series_buckets": int(options.get("series_buckets", 48)),
    }


AGENT_PICKUP_SECONDS = (2, 6)  # the agent leg of a click-to-call rings this long before the agent answers


def click_to_call(
    seed, created_at: int, call_timeout: int | None = None, weights: dict | None = None
) -> dict:
    """The timeline of one click-to-call placed at ``created_at``: the agent's leg rings and is answered,
    then the customer's leg is dialled and answered (``status`` "answered", a machine counts) or not
    ("missed", after its ring or ``call_timeout`` seconds). Moments are epoch seconds; the same for the
    same seed."""
    rng = outcomes.call_rng(seed, 0)
    agent_answered = int(created_at) + rng.randint(*AGENT_PICKUP_SECONDS)
    timeout = whole(call_timeout) or DEFAULT_NO_ANSWER_SECONDS
    draw = outcomes.draw_call(seed, 1, weights or outcomes.DEFAULT_WEIGHTS, timeout)
    answered = draw["outcome"] in (outcomes.ANSWERED, outcomes.MACHINE)
    customer_answered = agent_answered + draw["ring"] if answered else None
    ended = (customer_answered + draw["talk"]) if answered else agent_answered + min(draw["ring"], timeout)
    return {
        "agent_dialed": int(created_at),
        "agent_answered": agent_answered,
        "customer_dialed": agent_answered,
        "customer_answered": customer_answered,
        "ended": ended,
        "outcome": draw["outcome"],
        "status": "answered" if answered else "missed",
    }
