"""The CccService operations over SOAP: each takes the account and the parsed request dict, calls the
shared domain, and returns the elements of its output message (none for ``Empty``)."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .. import render
from ..domain import agent_groups
from ..domain import campaigns as domain
from ..schemas import failed
from .envelope import DATA, SVC, Operation

Handler = Callable[[str, dict], list[etree._Element]]


def _svc(name: str, text: object | None = None, parent: etree._Element | None = None) -> etree._Element:
    tag = f"{{{SVC}}}{name}"
    el = etree.Element(tag, nsmap={None: SVC}) if parent is None else etree.SubElement(parent, tag)
    if text is not None:
        el.text = str(text)
    return el


def _resource(data: dict, name: str) -> tuple[object, dict]:
    """(the resource's id attribute, its fields) from a request wrapping CccCampaign / AgentGroup."""
    fields = dict(data.get(name) or {})
    return fields.pop("id", None), fields


def _query_result(name: str, kind: str, total: int, items: list[dict]) -> etree._Element:
    result = etree.Element(f"{{{SVC}}}{name}", nsmap={"svc": SVC, None: DATA})
    _svc("TotalResults", total, result)
    for item in items:
        render.element(kind, item, result)
    return result


# ----- CCC campaigns
def update_campaign(account: str, data: dict) -> list:
    campaign_id, fields = _resource(data, "CccCampaign")
    if not campaign_id:
        raise failed({"CccCampaign.id": ["is required"]})
    domain.update_campaign(account, campaign_id, fields, request_id=data.get("RequestId"))
    return []


def create_campaign(account: str, data: dict) -> list:
    _, fields = _resource(data, "CccCampaign")  # an id sent on create is ignored, like Status
    return [_svc("CreatedId", domain.create_campaign(account, fields, request_id=data.get("RequestId")))]


def get_campaign(account: str, data: dict) -> list:
    return [render.element("CccCampaign", domain.get_campaign(account, data.get("Id")))]


def query_campaigns(account: str, data: dict) -> list:
    total, items = domain.query_campaigns(account, data)
    return [_query_result("QueryCccCampaignsResponse", "CccCampaign", total, items)]


def control_campaign(account: str, data: dict) -> list:
    domain.control_campaign(
        account,
        data.get("Id"),
        command=data.get("Command"),
        max_active=data.get("MaxActive"),
        request_id=data.get("RequestId"),
    )
    return []


def delete_campaign(account: str, data: dict) -> list:
    domain.delete_campaign(account, data.get("Id"))
    return []


def delete_questions(account: str, data: dict) -> list:
    domain.delete_questions(account, data.get("Id"))
    return []


def delete_transfer_numbers(account: str, data: dict) -> list:
    domain.delete_transfer_numbers(account, data.get("Id"))
    return []


def campaign_stats(account: str, data: dict) -> list:
    stats = domain.campaign_stats(
        account, data.get("CampaignId"), data.get("IntervalBegin"), data.get("IntervalEnd")
    )
    return [render.element("CccCampaignStats", stats)]


# ----- agent groups
def create_agent_group(account: str, data: dict) -> list:
    _, fields = _resource(data, "AgentGroup")
    return [
        _svc("CreatedId", agent_groups.create_agent_group(account, fields, request_id=data.get("RequestId")))
    ]


def get_agent_group(account: str, data: dict) -> list:
    return [render.element("AgentGroup", agent_groups.get_agent_group(account, data.get("Id")))]


def query_agent_groups(account: str, data: dict) -> list:
    total, items = agent_groups.query_agent_groups(account, data)
    return [_query_result("QueryAgentGroupsResponse", "AgentGroup", total, items)]


def update_agent_group(account: str, data: dict) -> list:
    group_id, fields = _resource(data, "AgentGroup")
    if not group_id:
        raise failed({"AgentGroup.id": ["is required"]})
    agent_groups.update_agent_group(account, group_id, fields, request_id=data.get("RequestId"))
    return []


def delete_agent_group(account: str, data: dict) -> list:
    agent_groups.delete_agent_group(account, data.get("Id"))
    return []


HANDLERS: dict[str, Handler] = {
    "UpdateCccCampaign": update_campaign,
    "CreateCccCampaign": create_campaign,
    "GetCccCampaign": get_campaign,
    "QueryCccCampaigns": query_campaigns,
    "ControlCccCampaign": control_campaign,
    "DeleteCccCampaign": delete_campaign,
    "GetCccCampaignStats": campaign_stats,
    "DeleteCccCampaignQuestions": delete_questions,
    "DeleteCccCampaignTransferNumbers": delete_transfer_numbers,
    "CreateAgentGroup": create_agent_group,
    "GetAgentGroup": get_agent_group,
    "QueryAgentGroups": query_agent_groups,
    "UpdateAgentGroup": update_agent_group,
    "DeleteAgentGroup": delete_agent_group,
}

OPERATIONS: dict[str, Operation] = {name: Operation(name, f"{name}Request") for name in HANDLERS}
