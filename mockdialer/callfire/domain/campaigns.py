"""CallFire API 1.1 CccService rules, shared by the REST and SOAP transports.

A campaign is a dict in the XSD's shape and order (see ``CAMPAIGN_FIELDS``): ``{"id": int, "Name",
"Status", "Created", "LastModified", "LocalRestrictBegin", "LocalRestrictEnd", "ConfigUpdated", "Script",
"Question": [{"Label", "ResponseType", "Choices": [str]}], "TransferNumber": [{"Name", "Number",
"AllowAssistedTransfer": bool}], "FromNumber", "RetryConfig": {"MaxAttempts": int, "MinutesBetweenAttempts":
int, "RetryResults": [str], "RetryPhoneTypes": [str]}, "AgentGroupId": int, "AgentGroupName",
"SmartDropSoundId": int, "SmartDropSoundRef", "AllowAnyTransfer": bool, "TransferCallerId", "Recorded":
bool, "MultilineDialingRatio": int, "MultilineDialingEnabled": bool, "ScrubLevel": int, "NumberOfRings": int,
"Label"}``; unset fields are absent; dateTimes are strings ``2015-06-23T14:19:59Z``, times ``08:00:00``.

Input ``data`` is the same nested shape with raw strings (lists of strings for repeated elements and
``xs:list``) exactly as a transport parsed it; ``schemas.py`` types and validates it (a read's
parameters too). Every function
takes the account id first and raises ``mockdialer.errors`` types (``ValidationFailed`` 400,
``BadRequest`` 400, ``NotFound`` 404). Ids may be int or their string form.

    create_campaign(account, data, request_id=None) -> int
    get_campaign(account, id) -> dict
    query_campaigns(account, params) -> (total, [dict])
        params (raw strings): MaxResults, FirstResult, Running, Name, LabelName
    update_campaign(account, id, data, request_id=None) -> None
    control_campaign(account, id, command=None, max_active=None, request_id=None) -> None
    delete_campaign(account, id) -> None
    delete_questions(account, id) -> None
    delete_transfer_numbers(account, id) -> None
    campaign_stats(account, id, begin=None, end=None) -> dict   begin/end: raw strings or datetimes
    seed(store, account_doc)                                    the fixture seeder

Agent groups are in ``agent_groups.py``, agents in ``agents.py``, sessions in ``sessions.py``, invites in
``invites.py``; tables, ids and RequestId de-dup in ``tables.py``.
RequestId de-dup is per (operation, account): a repeat returns the first successful outcome and
applies nothing; a request that failed is not remembered.
"""

from __future__ import annotations

import copy
from datetime import datetime

from ...errors import BadRequest, ValidationFailed
from ...store import AccountView, get_store
from .. import schemas as s
from ..fields import CAMPAIGN_FIELDS, STATS_FIELDS
from ..xsd import failed
from . import agent_groups, agents, dialing, invites, sessions, subscriptions
from .tables import (
    CAMPAIGNS,
    FIRST_NEW_ID,
    GROUPS,
    LOGINS,
    NAMESPACE,
    SOUNDS,
    once_per_request_id,
    stamp,
    stored,
    view_for,
)

RETRY_DEFAULTS = {"MaxAttempts": 1, "MinutesBetweenAttempts": 60}
CAMPAIGN_DEFAULTS = {"MultilineDialingRatio": 1, "NumberOfRings": 4}
NEW_STATUS = "STOPPED"  # docs/vendors/callfire.md: a new campaign is STOPPED until it is started


def _stored_campaign(view: AccountView, id_) -> dict:
    return stored(view, CAMPAIGNS, id_, "CccCampaign")


def _public(doc: dict, view: AccountView) -> dict:
    """The campaign as the API shows it: XSD order, internal fields dropped, agent group name current."""
    out = {"id": doc["id"]}
    group = view.get(GROUPS, doc["AgentGroupId"]) if "AgentGroupId" in doc else None
    for name in CAMPAIGN_FIELDS:
        if name == "AgentGroupName" and group is not None:
            out[name] = group["Name"]
        elif name in doc:
            out[name] = copy.deepcopy(doc[name])
    return out


def _resolve_references(view: AccountView, values: dict, errors: dict) -> None:
    """AgentGroupId / AgentGroupName name a group of this account; SmartDropSoundId a sound of it."""
    gid, gname = values.get("AgentGroupId"), values.get("AgentGroupName")
    if gid is not None:
        group = view.get(GROUPS, gid)
        if group is None:
            errors.setdefault("AgentGroupId", []).append(f"no agent group with id {gid}")
        elif gname is not None and gname != group["Name"]:
            errors.setdefault("AgentGroupName", []).append(
                f"does not match agent group {gid} ({group['Name']})"
            )
        else:
            values["AgentGroupName"] = group["Name"]
    elif gname is not None:
        # AgentGroupName alone selects the account's agent group of that name (lowest id if several).
        matches = sorted((g for g in view.list(GROUPS) if g["Name"] == gname), key=lambda g: g["id"])
        if not matches:
            errors.setdefault("AgentGroupName", []).append(f"no agent group named {gname!r}")
        else:
            values["AgentGroupId"] = matches[0]["id"]
    sid = values.get("SmartDropSoundId")
    if sid is not None and view.get(SOUNDS, sid) is None:
        errors.setdefault("SmartDropSoundId", []).append(f"no sound with id {sid}")


def _validated(view: AccountView, data) -> dict:
    """Typed campaign values; schema and reference problems are reported together."""
    errors: dict[str, list[str]] = {}
    try:
        values = s.load(s.CccCampaignSchema(), data)
    except ValidationFailed as exc:  # keep its problems, and add the reference ones
        errors = dict(exc.errors)
        values = s.load(s.CccCampaignSchema(), _only_valid(data, errors), partial=True)
    _resolve_references(view, values, errors)
    if errors:
        raise failed(errors)
    return values


def _only_valid(data, errors: dict) -> dict:
    bad_top = {field.split(".")[0].split("[")[0] for field in errors}
    return {k: val for k, val in (data or {}).items() if k not in bad_top}


def _apply(doc: dict, values: dict) -> None:
    for name, value in values.items():
        if name == "RetryConfig":
            retry = doc.setdefault("RetryConfig", dict(RETRY_DEFAULTS))
            retry.update(value)
        elif name in ("Question", "TransferNumber"):
            doc[name] = [_item_defaults(name, item) for item in value]
        else:
            doc[name] = value


def _item_defaults(kind: str, item: dict) -> dict:
    if kind == "TransferNumber":
        out = {"Name": item["Name"]} if "Name" in item else {}
        out["Number"] = item["Number"]
        out["AllowAssistedTransfer"] = item.get("AllowAssistedTransfer", False)
        return out
    return {k: item[k] for k in ("Label", "ResponseType", "Choices") if k in item}


# ----- campaigns
@once_per_request_id
def create_campaign(account: str, data) -> int:
    view = view_for(account)
    values = _validated(view, data)
    new_id = get_store().next_id("callfire.campaign", start=FIRST_NEW_ID)
    now = stamp()
    doc = {
        "id": new_id,
        "Name": values["Name"],
        "Status": NEW_STATUS,
        "Created": now,
        "LastModified": now,
        "ConfigUpdated": now,
        "RetryConfig": dict(RETRY_DEFAULTS),
        **CAMPAIGN_DEFAULTS,
    }
    _apply(doc, values)
    view.put(CAMPAIGNS, new_id, doc)
    return new_id


def get_campaign(account: str, id_) -> dict:
    view = view_for(account)
    return _public(_stored_campaign(view, id_), view)


def query_campaigns(account: str, params=None) -> tuple[int, list[dict]]:
    view = view_for(account)
    q = s.load(s.QueryCccCampaignsSchema(), params)
    docs = sorted(view.peek_list(CAMPAIGNS), key=lambda d: d["id"])  # read only; the page is copied
    if "Running" in q:  # "whether the campaigns are running or not": false keeps the others
        docs = [d for d in docs if (d.get("Status") == "RUNNING") == q["Running"]]
    if "Name" in q:
        docs = [d for d in docs if d.get("Name") == q["Name"]]
    if "LabelName" in q:
        docs = [d for d in docs if d.get("Label") == q["LabelName"]]
    page = docs[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]
    return len(docs), [_public(d, view) for d in page]


def _not_archived(doc: dict, what: str) -> None:
    if doc.get("Status") == "ARCHIVED":
        raise BadRequest(f"CccCampaign {doc['id']} is ARCHIVED and cannot be {what}")


@once_per_request_id
def update_campaign(account: str, id_, data) -> None:
    view = view_for(account)
    doc = _stored_campaign(view, id_)
    values = _validated(view, data)
    _not_archived(doc, "updated")
    _apply(doc, values)
    doc["LastModified"] = doc["ConfigUpdated"] = stamp()
    view.put(CAMPAIGNS, doc["id"], doc)


@once_per_request_id
def control_campaign(account: str, id_, command=None, max_active=None) -> None:
    """START makes it RUNNING (START_PENDING is passed at once), STOP STOPPED, ARCHIVE ARCHIVED."""
    view = view_for(account)
    doc = _stored_campaign(view, id_)
    raw = {"Command": command, "MaxActive": None if max_active is None else str(max_active)}
    q = s.load(s.ControlSchema(), raw)
    command = q.get("Command")
    if command in ("START", "STOP"):
        _not_archived(doc, "started" if command == "START" else "stopped")
    if command:
        doc["Status"] = {"START": "RUNNING", "STOP": "STOPPED", "ARCHIVE": "ARCHIVED"}[command]
    if "MaxActive" in q:
        doc["MaxActive"] = q["MaxActive"]
    doc["LastModified"] = stamp()
    with view.transaction():
        if command in ("START", "STOP", "ARCHIVE"):
            dialing.refresh(view, _stored_campaign(view, id_))  # up to this moment, before the change
        view.put(CAMPAIGNS, doc["id"], doc)
        dialing.refresh(view, doc)  # the change is seen (and CAMPAIGN_STARTED / _STOPPED sent) at once


def delete_campaign(account: str, id_) -> None:
    view = view_for(account)
    with view.transaction():
        doc = _stored_campaign(view, id_)
        view.delete(CAMPAIGNS, doc["id"])


def _clear(account: str, id_, field: str) -> None:
    view = view_for(account)
    with view.transaction():
        doc = _stored_campaign(view, id_)
        _not_archived(doc, "updated")
        if doc.pop(field, None) is not None:
            doc["LastModified"] = doc["ConfigUpdated"] = stamp()
        view.put(CAMPAIGNS, doc["id"], doc)


def delete_questions(account: str, id_) -> None:
    _clear(account, id_, "Question")


def delete_transfer_numbers(account: str, id_) -> None:
    _clear(account, id_, "TransferNumber")


def campaign_stats(account: str, id_, begin=None, end=None) -> dict:
    """The documented CccCampaignStats fields (AgentCount ... ResponseRatePercent, ResultStat*).

    A campaign that has run in the mock counts its simulated calls (``dialing.py``), those started in
    the interval when one is given; one that never ran shows its fixture numbers (zeros for a new one)."""
    view = view_for(account)
    doc = _stored_campaign(view, id_)
    raw = {
        k: (stamp(val) if isinstance(val, datetime) else val)
        for k, val in (("IntervalBegin", begin), ("IntervalEnd", end))
        if val is not None
    }
    interval = s.load(s.StatsSchema(), raw)
    simulated = dialing.stats(account, doc, interval.get("IntervalBegin"), interval.get("IntervalEnd"))
    if simulated is not None:
        return simulated
    stored = doc.get("Stats") or {}
    stats = {name: stored.get(name, 0) for name in STATS_FIELDS}
    if "AgentCount" not in stored:  # the agents it has: added to it or through its agent groups
        agents = set(doc.get("AgentIds", []))
        for gid in agent_groups.groups_of(doc):
            agents.update((view.get(GROUPS, gid) or {}).get("AgentIds", []))
        stats["AgentCount"] = len(agents)
    stats["BilledAmount"] = float(stats["BilledAmount"])
    stats["ResultStat"] = [dict(r) for r in stored.get("ResultStat", [])]
    return stats


# ----- fixtures
def seed(store, account_doc: dict) -> None:
    """One ``fixtures/callfire/*.json``: account, login/password, sounds, agents, agent groups, campaigns
    (with their internal ``AgentIds`` / ``AgentGroupIds``: agents and groups added to them, and
    ``History``: the windows in which it ran, ``dialing.seed_history``), sessions, invites, contact
    batches."""
    account = account_doc["account"]
    view = store.account(NAMESPACE, account)
    view.put(
        LOGINS,
        account_doc["login"],
        {
            "login": account_doc["login"],
            "password": account_doc["password"],
            "account": account,
            "apiAccess": account_doc.get("apiAccess", True),
        },
    )
    for sound in account_doc.get("sounds", []):
        view.put(SOUNDS, sound["id"], sound)
    agents.seed_agents(view, account_doc.get("agents", []))
    agent_groups.seed_groups(view, account_doc.get("agentGroups", []))
    histories = {}
    for campaign in account_doc.get("campaigns", []):
        doc = {"RetryConfig": dict(RETRY_DEFAULTS), **CAMPAIGN_DEFAULTS, **copy.deepcopy(campaign)}
        group = view.get(GROUPS, doc["AgentGroupId"]) if "AgentGroupId" in doc else None
        if group:
            doc["AgentGroupName"] = group["Name"]
        if "History" in doc:
            histories[doc["id"]] = doc.pop("History")
        view.put(CAMPAIGNS, doc["id"], doc)
    sessions.seed_sessions(view, account_doc.get("agentSessions", []))
    dialing.seed_batches(view, account_doc.get("contactBatches", []))
    for campaign_id, windows in histories.items():  # the calls it placed before: its stats and calls
        dialing.seed_history(view, view.get(CAMPAIGNS, campaign_id), windows)
    invites.seed_invites(view, account, account_doc.get("agentInvites", []))
    subscriptions.seed(view, account_doc.get("subscriptions", []))
