"""CallFire agent groups (``/ccc/agent-group``, ``/ccc/{CampaignId}/agent-group``, the SOAP agent-group
operations): named sets of agents that a campaign takes its agents from. Same conventions as
``campaigns.py``:

    create_agent_group(account, data, request_id=None) -> int    data: Name, AgentIds, AgentEmails
    get_agent_group(account, id) -> dict     {"id", "Name", "CampaignIds", "AgentIds", "AgentEmails"}
    query_agent_groups(account, params) -> (total, [dict])
        params (raw strings): MaxResults, FirstResult, CampaignId, Name, AgentId, AgentEmail
    update_agent_group(account, id, data, request_id=None) -> None
    delete_agent_group(account, id) -> None
    add_agent_groups(account, campaign_id, data, request_id=None) -> None   data: AgentGroupIds
    campaign_agent_groups(account, campaign_id) -> (total, [dict])
    remove_agent_group(account, campaign_id, group_id) -> None
    seed_groups(view, docs)                                                 the fixture seeder's part

A group stores its members as agent ids (``AgentIds``); ``AgentEmails`` is the same membership seen as
the members' emails (CallFire's integration test: a group made from two agent ids reports two emails).
Members are named by id (an unknown id is a 400) or by email (see ``agents.members``).

A campaign's groups are its ``AgentGroupId`` (the CccCampaign field) plus the groups added to
it (``add_agent_groups``, kept in the campaign's internal ``AgentGroupIds``); a group's
``CampaignIds`` are the campaigns that have it either way. ``remove_agent_group`` takes it off both;
the group itself stays.
"""

from __future__ import annotations

from ...errors import NotFound, ValidationFailed
from ...harness.fixtures import FixtureError
from ...store import AccountView, get_store
from .. import schemas as s
from ..xsd import failed, message
from .agents import emails_of, members
from .tables import AGENTS, CAMPAIGNS, FIRST_NEW_ID, GROUPS, once_per_request_id, parse_id, stored, view_for


def _stored_group(view: AccountView, id_) -> dict:
    return stored(view, GROUPS, id_, "AgentGroup")


def groups_of(campaign: dict) -> list[int]:
    """The ids of a campaign's agent groups: its AgentGroupId, then those added to it."""
    ids = [campaign["AgentGroupId"]] if campaign.get("AgentGroupId") is not None else []
    return ids + [gid for gid in campaign.get("AgentGroupIds", []) if gid not in ids]


class _Shaper:
    """What a group shows besides its own fields, read once per call: which campaigns have each group,
    and (for many groups) every agent's email, so shaping n groups is linear (issue 23)."""

    def __init__(self, view: AccountView, many: bool) -> None:
        self.view = view
        self.campaigns: dict[int, list[int]] = {}
        for campaign in sorted(view.peek_list(CAMPAIGNS), key=lambda c: c["id"]):
            for gid in groups_of(campaign):
                self.campaigns.setdefault(gid, []).append(campaign["id"])
        self.emails = {a["id"]: a["Email"] for a in view.peek_list(AGENTS)} if many else None

    def emails_of(self, ids: list[int]) -> list[str]:
        if self.emails is None:
            return emails_of(self.view, ids)
        return [self.emails[agent_id] for agent_id in ids if agent_id in self.emails]

    def shape(self, doc: dict) -> dict:
        ids = list(doc.get("AgentIds", []))
        return {
            "id": doc["id"],
            "Name": doc["Name"],
            "CampaignIds": self.campaigns.get(doc["id"], []),
            "AgentIds": ids,
            "AgentEmails": self.emails_of(ids),
        }


def _public_group(view: AccountView, doc: dict) -> dict:
    return _Shaper(view, many=False).shape(doc)


def _values(view: AccountView, data) -> dict:
    """Typed group values with ``AgentIds`` resolved from AgentIds / AgentEmails; problems together."""
    errors: dict[str, list[str]] = {}
    try:
        values = s.load(s.AgentGroupSchema(), data)
    except ValidationFailed as exc:
        errors = dict(exc.errors)
        values = s.load(
            s.AgentGroupSchema(), {k: v for k, v in (data or {}).items() if k not in errors}, partial=True
        )
    if "AgentIds" in values or "AgentEmails" in values:
        values["AgentIds"] = members(
            view, values.get("AgentIds", []), values.pop("AgentEmails", []), errors, "AgentIds"
        )
    if errors:
        raise failed(errors)
    return values


@once_per_request_id
def create_agent_group(account: str, data) -> int:
    view = view_for(account)
    values = _values(view, data)
    new_id = get_store().next_id("callfire.agentgroup", start=FIRST_NEW_ID)
    view.put(GROUPS, new_id, {"id": new_id, "Name": values["Name"], "AgentIds": values.get("AgentIds", [])})
    return new_id


def get_agent_group(account: str, id_) -> dict:
    view = view_for(account)
    return _public_group(view, _stored_group(view, id_))


def query_agent_groups(account: str, params=None) -> tuple[int, list[dict]]:
    """Filters combine (AND); the groups are filtered as stored and only the page is shaped."""
    view = view_for(account)
    q = s.load(s.QueryAgentGroupsSchema(), params)
    shaper = _Shaper(view, many=True)
    groups = sorted(view.peek_list(GROUPS), key=lambda g: g["id"])
    if "Name" in q:
        groups = [g for g in groups if g["Name"] == q["Name"]]
    if "CampaignId" in q:
        groups = [g for g in groups if q["CampaignId"] in shaper.campaigns.get(g["id"], [])]
    if "AgentId" in q:
        groups = [g for g in groups if q["AgentId"] in g.get("AgentIds", [])]
    if "AgentEmail" in q:
        email = q["AgentEmail"].lower()
        groups = [g for g in groups if email in (e.lower() for e in shaper.emails_of(g.get("AgentIds", [])))]
    page = groups[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]
    return len(groups), [shaper.shape(g) for g in page]


@once_per_request_id
def update_agent_group(account: str, id_, data) -> None:
    """Name is required (as on create); AgentIds or AgentEmails sent replace the members."""
    view = view_for(account)
    doc = _stored_group(view, id_)
    doc.update(_values(view, data))
    view.put(GROUPS, doc["id"], doc)


def delete_agent_group(account: str, id_) -> None:
    """Campaigns that used the group lose it (their AgentGroupId / AgentGroupName too)."""
    view = view_for(account)
    with view.transaction():
        doc = _stored_group(view, id_)
        for campaign in view.list(CAMPAIGNS):
            if doc["id"] in groups_of(campaign):
                _detach(campaign, doc["id"])
                view.put(CAMPAIGNS, campaign["id"], campaign)
        view.delete(GROUPS, doc["id"])


def _detach(campaign: dict, group_id: int) -> None:
    if campaign.get("AgentGroupId") == group_id:
        campaign.pop("AgentGroupId", None)
        campaign.pop("AgentGroupName", None)
    if group_id in campaign.get("AgentGroupIds", []):
        campaign["AgentGroupIds"].remove(group_id)


# ----- a campaign's agent groups
@once_per_request_id
def add_agent_groups(account: str, campaign_id, data) -> None:
    """Each AgentGroupIds entry must be a group of the account; adding one already there changes nothing."""
    view = view_for(account)
    campaign = stored(view, CAMPAIGNS, campaign_id, "CccCampaign")
    errors: dict[str, list[str]] = {}
    try:
        ids = s.load(s.AddAgentGroupsSchema(), data)["AgentGroupIds"]
    except ValidationFailed as exc:
        errors, ids = dict(exc.errors), []
    for gid in ids:
        if view.get(GROUPS, gid) is None:
            errors.setdefault("AgentGroupIds", []).append(f"no agent group with id {gid}")
    if campaign.get("Status") == "ARCHIVED":
        errors.setdefault("CampaignId", []).append(f"CccCampaign {campaign['id']} is ARCHIVED")
    if errors:
        raise failed(errors)
    have = groups_of(campaign)
    extra = campaign.setdefault("AgentGroupIds", [])
    for gid in ids:
        if gid not in have:
            extra.append(gid)
            have.append(gid)
    view.put(CAMPAIGNS, campaign["id"], campaign)


def campaign_agent_groups(account: str, campaign_id) -> tuple[int, list[dict]]:
    view = view_for(account)
    campaign = stored(view, CAMPAIGNS, campaign_id, "CccCampaign")
    found = [view.peek(GROUPS, gid) for gid in sorted(groups_of(campaign))]
    shaper = _Shaper(view, many=len(found) > 1)
    groups = [shaper.shape(g) for g in found if g is not None]
    return len(groups), groups


def remove_agent_group(account: str, campaign_id, group_id) -> None:
    """404 for an unknown group or one the campaign does not have (the SDK: "ServiceFault or 404")."""
    view = view_for(account)
    with view.transaction():
        campaign = stored(view, CAMPAIGNS, campaign_id, "CccCampaign")
        group = _stored_group(view, parse_id(group_id))
        if group["id"] not in groups_of(campaign):
            raise NotFound(f"AgentGroup {group['id']} is not on CccCampaign {campaign['id']}")
        _detach(campaign, group["id"])
        view.put(CAMPAIGNS, campaign["id"], campaign)


def seed_groups(view: AccountView, docs: list[dict]) -> None:
    """``agentGroups`` of a fixture file: ``{"id", "Name", "AgentIds": [...], "AgentEmails": [...]}``;
    emails name the fixture's agents (an email no agent has makes one, as over the API)."""
    for raw in docs:
        errors: dict[str, list[str]] = {}
        ids = [int(x) for x in raw.get("AgentIds", [])]
        ids = members(view, ids, list(raw.get("AgentEmails", [])), errors, "AgentIds")
        if errors:
            raise FixtureError(f"mockdialer: CallFire agent group {raw['id']}: {message(errors)}")
        view.put(GROUPS, raw["id"], {"id": raw["id"], "Name": raw["Name"], "AgentIds": ids})
