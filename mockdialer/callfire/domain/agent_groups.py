"""CallFire agent groups (``/ccc/agent-group``, the SOAP agent-group operations): what a campaign's
``AgentGroupId`` / ``AgentGroupName`` name. Same conventions as ``campaigns.py``:

    create_agent_group(account, data, request_id=None) -> int    data: Name, AgentIds, AgentEmails
    get_agent_group(account, id) -> dict     {"id", "Name", "CampaignIds", "AgentIds", "AgentEmails"}
    query_agent_groups(account, params) -> (total, [dict])
        params (raw strings): MaxResults, FirstResult, CampaignId, Name, AgentId, AgentEmail
    update_agent_group(account, id, data, request_id=None) -> None
    delete_agent_group(account, id) -> None
"""

from __future__ import annotations

from ...store import AccountView, get_store
from .. import schemas as s
from .tables import CAMPAIGNS, FIRST_NEW_ID, GROUPS, once_per_request_id, stored, view_for


def _stored_group(view: AccountView, id_) -> dict:
    return stored(view, GROUPS, id_, "AgentGroup")


def _public_group(view: AccountView, doc: dict) -> dict:
    campaigns = sorted(c["id"] for c in view.list(CAMPAIGNS) if c.get("AgentGroupId") == doc["id"])
    return {
        "id": doc["id"],
        "Name": doc["Name"],
        "CampaignIds": campaigns,
        "AgentIds": list(doc.get("AgentIds", [])),
        "AgentEmails": list(doc.get("AgentEmails", [])),
    }


@once_per_request_id("CreateAgentGroup")
def create_agent_group(account: str, data) -> int:
    view = view_for(account)
    values = s.load(s.AgentGroupSchema(), data)
    new_id = get_store().next_id("callfire.agentgroup", start=FIRST_NEW_ID)
    view.put(
        GROUPS,
        new_id,
        {
            "id": new_id,
            "Name": values["Name"],
            "AgentIds": values.get("AgentIds", []),
            "AgentEmails": values.get("AgentEmails", []),
        },
    )
    return new_id


def get_agent_group(account: str, id_) -> dict:
    view = view_for(account)
    return _public_group(view, _stored_group(view, id_))


def query_agent_groups(account: str, params=None) -> tuple[int, list[dict]]:
    view = view_for(account)
    q = s.load(s.QueryAgentGroupsSchema(), params or {})
    groups = [_public_group(view, g) for g in sorted(view.list(GROUPS), key=lambda g: g["id"])]
    if "Name" in q:
        groups = [g for g in groups if g["Name"] == q["Name"]]
    if "CampaignId" in q:
        groups = [g for g in groups if q["CampaignId"] in g["CampaignIds"]]
    if "AgentId" in q:
        groups = [g for g in groups if q["AgentId"] in g["AgentIds"]]
    if "AgentEmail" in q:
        groups = [g for g in groups if q["AgentEmail"].lower() in (e.lower() for e in g["AgentEmails"])]
    return len(groups), groups[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]


@once_per_request_id("UpdateAgentGroup")
def update_agent_group(account: str, id_, data) -> None:
    """Name is required (as on create); AgentIds / AgentEmails sent replace the stored lists."""
    view = view_for(account)
    doc = _stored_group(view, id_)
    values = s.load(s.AgentGroupSchema(), data)
    doc.update(values)
    view.put(GROUPS, doc["id"], doc)


def delete_agent_group(account: str, id_) -> None:
    """Campaigns that used the group lose their AgentGroupId / AgentGroupName."""
    view = view_for(account)
    with view.transaction():
        doc = _stored_group(view, id_)
        for campaign in view.list(CAMPAIGNS):
            if campaign.get("AgentGroupId") == doc["id"]:
                campaign.pop("AgentGroupId", None)
                campaign.pop("AgentGroupName", None)
                view.put(CAMPAIGNS, campaign["id"], campaign)
        view.delete(GROUPS, doc["id"])
