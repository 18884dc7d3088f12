"""CallFire API 1.1: a stored CccCampaign, its contacts and its agents read into an engine plan.

``plan(campaign, contacts, agents=None, agent_group=None, sessions=None, options=None)`` takes the
campaign as ``mockdialer/callfire/domain.py`` stores it (XSD field names, typed values, ``MaxActive``
kept from the control operation), contacts in the shape of CallFire's ``Contact`` (``homePhone``,
``workPhone``, ``mobilePhone``, with or without the ``@`` of its JSON form; ``held: true`` for one
not to be dialed for now: a disabled contact batch's), agents as ``Agent``
(``id``, ``enabled``, ``email``, ``campaignIds``, ``groupIds``), the campaign's ``AgentGroup`` as the
mock stores it and optional ``AgentSession`` dicts, and returns the plan ``dialer.advance`` runs.
Result codes map to the engine's outcomes through ``RESULTS``.
"""

from __future__ import annotations

from . import calendar, outcomes

DEFAULT_TIMEZONE = "America/Los_Angeles"
SECONDS_PER_RING = 6  # the North American ring cadence: 2 s ringing, 4 s silence
RESULTS = {
    outcomes.ANSWERED: "LA",
    outcomes.ABANDONED: "ABANDONED",
    outcomes.BUSY: "BUSY",
    outcomes.NO_ANSWER: "NO_ANS",
    outcomes.MACHINE: "AM",
    outcomes.FAILED: "CARRIER_ERROR",
}
OUTCOME_OF = {result: outcome for outcome, result in RESULTS.items()}
PHONE_TYPES = (("HOME_PHONE", "homePhone"), ("WORK_PHONE", "workPhone"), ("MOBILE_PHONE", "mobilePhone"))
OFF_DUTY = {"DISCONNECTED", "PAUSE"}
RUNNING = {"RUNNING", "START_PENDING"}

# Area code (NPA) -> timezone, for LocalRestrictBegin/End, which the vendor applies "in the timezone
# associated with the number's NPA/NXX" (update-ccc-campaign.txt:150-151), per number, not per
# campaign. A sample of US area codes; any other number (toll-free, short code, non-US) uses the
# plan's default timezone.
_ZONES = {
    "America/New_York": "201 202 203 212 215 216 267 301 302 305 347 404 407 410 412 516 561 571 "
    "585 607 609 610 617 646 678 703 704 716 718 732 757 770 786 804 813 856 862 904 908 914 917 "
    "919 929 954 973",
    "America/Chicago": "205 210 214 217 224 251 262 281 309 312 314 316 318 319 346 402 405 414 "
    "469 479 501 504 512 515 563 601 608 612 615 618 630 636 651 682 708 713 715 731 763 773 "
    "779 815 816 817 830 832 847 901 913 918 936 940 952 956 972",
    "America/Denver": "303 307 385 406 435 505 575 719 720 801 970",
    "America/Phoenix": "480 520 602 623 928",
    "America/Los_Angeles": "206 209 213 253 310 323 360 408 415 424 425 442 503 509 510 530 541 559 "
    "562 619 626 628 650 657 661 669 702 707 714 725 747 760 775 805 818 831 858 909 916 925 "
    "949 951 971",
    "America/Anchorage": "907",
    "Pacific/Honolulu": "808",
}
NPA_ZONES = {npa: zone for zone, codes in _ZONES.items() for npa in codes.split()}


def npa_timezone(number: str, default: str) -> str:
    digits = "".join(ch for ch in str(number) if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return NPA_ZONES.get(digits[:3], default) if len(digits) == 10 else default


def _field(item: dict, name: str):
    return item.get(name, item.get("@" + name))


def _phones(contact) -> dict[str, str] | None:
    if not isinstance(contact, dict):
        return {"FIRST_NUMBER": str(contact)} if str(contact).strip() else None
    phones = {kind: str(_field(contact, key)) for kind, key in PHONE_TYPES if _field(contact, key)}
    first = _field(contact, "number") or contact.get("Number")
    first = first or next((phones[kind] for kind, _ in PHONE_TYPES if kind in phones), None)
    if not first:
        return None
    return {"FIRST_NUMBER": str(first), **phones}


def _targets(contacts: list, default_tz: str) -> list[dict]:
    targets, seen = [], set()
    for index, contact in enumerate(contacts or []):
        phones = _phones(contact)
        if phones is None:
            continue
        ident = _field(contact, "id") if isinstance(contact, dict) else None
        key = f"contact:{ident}" if ident is not None else f"number:{index}:{phones['FIRST_NUMBER']}"
        if key in seen:
            continue
        seen.add(key)
        target = {"key": key, "phones": phones, "calendar": npa_timezone(phones["FIRST_NUMBER"], default_tz)}
        if isinstance(contact, dict) and contact.get("held"):
            target["held"] = True
        targets.append(target)
    return targets


def _ids(values) -> list[str]:
    if isinstance(values, str):
        values = values.split()
    return [str(v) for v in values or []]


def staffed_agents(campaign: dict, agents=None, agent_group=None, sessions=None) -> list[str]:
    """The agents who take this campaign's calls: from live sessions if given (not DISCONNECTED or
    PAUSE), else enabled agents of the campaign's group or campaign, else the group's members."""
    campaign_id = str(campaign.get("id"))
    out: list[str] = []
    if sessions is not None:
        for session in sessions:
            if str(_field(session, "campaignId") or campaign_id) != campaign_id:
                continue
            if str(_field(session, "agentState") or "AVAILABLE") in OFF_DUTY:
                continue
            out.append(str(_field(session, "agentId")))
    elif agents is not None:
        group_ids = set(_ids((agent_group or {}).get("AgentIds")))
        group_emails = set(_ids((agent_group or {}).get("AgentEmails")))
        group_id = str(campaign.get("AgentGroupId"))
        for agent in agents:
            if not isinstance(agent, dict):
                agent = {"id": agent}
            if _field(agent, "enabled") in (False, "false"):
                continue
            agent_id = str(_field(agent, "id"))
            member = (
                agent_group is None
                or agent_id in group_ids
                or str(_field(agent, "email")) in group_emails
                or campaign_id in _ids(_field(agent, "campaignIds"))
                or group_id in _ids(_field(agent, "groupIds"))
            )
            if member:
                out.append(agent_id)
    elif agent_group is not None:
        out = _ids(agent_group.get("AgentIds")) + _ids(agent_group.get("AgentEmails"))
    return list(dict.fromkeys(out))


def plan(
    campaign: dict,
    contacts: list,
    agents=None,
    agent_group: dict | None = None,
    sessions=None,
    options: dict | None = None,
) -> dict:
    options = options or {}
    default_tz = str(options.get("timezone", DEFAULT_TIMEZONE))
    targets = _targets(contacts, default_tz)
    # LocalRestrict times come back as "08:00:00Z" (docs/vendors/callfire.md "CccCampaign fields") but are
    # local times: the Z is dropped
    begin, end = campaign.get("LocalRestrictBegin"), campaign.get("LocalRestrictEnd")
    calendars = {t["calendar"]: calendar.daily(t["calendar"], begin, end) for t in targets}
    retry = campaign.get("RetryConfig") or {}
    retry_results = _ids(retry.get("RetryResults"))
    # lines per agent; "This feature will increase your abandoned rate" (update-ccc-campaign.txt:175):
    # so an answered call with no free agent is abandoned, it does not wait
    ratio = int(campaign.get("MultilineDialingRatio") or 1) if campaign.get("MultilineDialingEnabled") else 1
    running = options.get("running", str(campaign.get("Status")) in RUNNING)
    return {
        "vendor": "callfire",
        "campaign_id": str(campaign.get("id")) if campaign.get("id") is not None else None,
        "running": bool(running),
        "mode": "ratio",
        "preview_seconds": 0,
        "ratio": max(1, min(4, ratio)),
        # MaxActive is a parameter of the campaign control operation (docs/vendors/callfire.md "REST"),
        # kept on the stored campaign
        "max_lines": campaign.get("MaxActive") or options.get("max_lines"),
        "wrapup_seconds": int(options.get("wrapup_seconds", 0)),
        "max_attempts": max(1, int(retry.get("MaxAttempts", 1))),
        "retry_delay": 60 * int(retry.get("MinutesBetweenAttempts", 60)),
        "retry_outcomes": [OUTCOME_OF[r] for r in retry_results if r in OUTCOME_OF],
        "retry_phone_types": _ids(retry.get("RetryPhoneTypes")),
        "no_answer_seconds": SECONDS_PER_RING * int(campaign.get("NumberOfRings") or 4),
        "ring_strategy": "longest_wait",
        "shuffle": False,
        "calendars": calendars,
        "targets": targets,
        "held": [t["key"] for t in targets if t.get("held")],
        "agents": staffed_agents(campaign, agents, agent_group, sessions),
        "outcome_weights": dict(options.get("outcome_weights") or outcomes.DEFAULT_WEIGHTS),
        "price_per_minute": float(options.get("price_per_minute", 0.05)),
        "bucket_seconds": int(options.get("bucket_seconds", 3600)),
        "series_buckets": int(options.get("series_buckets", 48)),
    }
