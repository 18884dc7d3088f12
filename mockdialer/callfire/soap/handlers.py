"""The CallFire operations' SOAP handlers: each takes the account and the parsed request dict, calls the
shared domain, and returns the elements of its output message (none for ``Empty``), or a ``Listed`` or
``Flat`` answer that ``answer`` wraps in the operation's response element. ``callfire/operations.py``
binds each to its operation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from .. import render
from ..domain import agent_groups, agents, calls, contacts, invites, sessions, subscriptions
from ..domain import campaigns as domain
from ..xsd import failed
from .service import DATA, SVC

Handler = Callable[[str, dict], "list[etree._Element] | Listed | Flat"]


def _svc(name: str, text: object | None = None, parent: etree._Element | None = None) -> etree._Element:
    tag = f"{{{SVC}}}{name}"
    el = etree.Element(tag, nsmap={None: SVC}) if parent is None else etree.SubElement(parent, tag)
    if text is not None:
        el.text = str(text)
    return el


def _resource(data: dict, name: str) -> tuple[object, dict]:
    """(the resource's id, its fields) from a request wrapping CccCampaign / AgentGroup: the ``id``
    attribute, the only place CallFire's definitions give it (docs/callfire-contract.md)."""
    fields = dict(data.get(name) or {})
    return fields.pop("id", None) or None, fields


def _needs(data: dict, *names: str) -> list:
    """The values of ``names``, each required (a fault naming every one missing)."""
    missing = {name: ["is required"] for name in names if not str(data.get(name) or "").strip()}
    if missing:
        raise failed(missing)
    return [data[name] for name in names]


@dataclass(frozen=True)
class Listed:
    """A Query*/Get*s answer: ``TotalResults`` and the items, in the operation's response element."""

    kind: str  # "CccCampaign"
    total: int
    items: list[dict]


@dataclass(frozen=True)
class Flat:
    """An answer of simple children directly in the operation's response element."""

    values: dict


def answer(result: list | Listed | Flat, response: str) -> list[etree._Element]:
    """The output message's elements of a handler's ``result``; ``response`` names the response
    element (the operation's declaration holds it). A ``Listed`` answer's items are not among them:
    ``render.respond`` writes them (``items``)."""
    if isinstance(result, Listed):
        wrapper = etree.Element(f"{{{SVC}}}{response}", nsmap={"svc": SVC, None: DATA})
        _svc("TotalResults", result.total, wrapper)
        render.list_slot(wrapper, result.items)  # the items are written into the serialized answer
        return [wrapper]
    if isinstance(result, Flat):
        wrapper = _svc(response)
        for name, value in result.values.items():
            _svc(name, value, wrapper)
        return [wrapper]
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
    return Listed("CccCampaign", total, items)


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
    return Listed("AgentGroup", total, items)


def update_agent_group(account: str, data: dict) -> list:
    group_id, fields = _resource(data, "AgentGroup")
    if not group_id:
        raise failed({"AgentGroup.id": ["is required"]})
    agent_groups.update_agent_group(account, group_id, fields, request_id=data.get("RequestId"))
    return []


def delete_agent_group(account: str, data: dict) -> list:
    agent_groups.delete_agent_group(account, data.get("Id"))
    return []


# ----- a campaign's agents and agent groups
def add_agents(account: str, data: dict) -> list:
    (campaign_id,) = _needs(data, "CampaignId")
    fields = {name: data[name] for name in ("AgentIds", "AgentEmails") if name in data}
    agents.add_agents(account, campaign_id, fields)
    return []


def get_agents(account: str, data: dict) -> list:
    (campaign_id,) = _needs(data, "CampaignId")
    total, items = agents.campaign_agents(account, campaign_id)
    return Listed("Agent", total, items)


def remove_agent(account: str, data: dict) -> list:
    campaign_id, agent_id = _needs(data, "CampaignId", "Id")
    agents.remove_agent(account, campaign_id, agent_id)
    return []


def add_agent_groups(account: str, data: dict) -> list:
    (campaign_id,) = _needs(data, "CampaignId")
    fields = {"AgentGroupIds": data["AgentGroupIds"]} if "AgentGroupIds" in data else {}
    agent_groups.add_agent_groups(account, campaign_id, fields)
    return []


def get_agent_groups(account: str, data: dict) -> list:
    (campaign_id,) = _needs(data, "CampaignId")
    total, items = agent_groups.campaign_agent_groups(account, campaign_id)
    return Listed("AgentGroup", total, items)


def remove_agent_group(account: str, data: dict) -> list:
    campaign_id, group_id = _needs(data, "CampaignId", "Id")
    agent_groups.remove_agent_group(account, campaign_id, group_id)
    return []


# ----- agents, sessions, invites
def get_agent(account: str, data: dict) -> list:
    return [render.element("Agent", agents.get_agent(account, data.get("Id")))]


def query_agents(account: str, data: dict) -> list:
    total, items = agents.query_agents(account, data)
    return Listed("Agent", total, items)


def get_agent_session(account: str, data: dict) -> list:
    return [render.element("AgentSession", sessions.get_agent_session(account, data.get("Id")))]


def query_agent_sessions(account: str, data: dict) -> list:
    total, items = sessions.query_agent_sessions(account, data)
    return Listed("AgentSession", total, items)


def send_agent_invites(account: str, data: dict) -> list:
    (campaign_id,) = _needs(data, "CampaignId")
    fields = {name: data[name] for name in ("AgentGroupName", "AgentEmails") if name in data}
    invites.send_agent_invites(account, campaign_id, fields, request_id=data.get("RequestId"))
    return []


def get_agent_invite_uri(account: str, data: dict) -> list:
    """SOAP answers a flat ``GetAgentInviteUriResponse`` where REST wraps an ``AgentInvite``."""
    (campaign_id,) = _needs(data, "CampaignId")
    invite = invites.agent_invite(account, campaign_id, {"AgentEmail": data.get("AgentEmail")})
    return Flat({"AgentInviteUri": invite["AgentInviteUri"], "CampaignId": invite["CampaignId"]})


# ----- calls of a campaign (CallService) and its contact batches (BroadcastService)
def query_calls(account: str, data: dict) -> Listed:
    total, items = calls.query_calls(account, data)
    return Listed("Call", total, items)


def get_call(account: str, data: dict) -> list:
    return [render.element("Call", calls.get_call(account, data.get("Id")))]


def create_contact_batch(account: str, data: dict) -> list:
    fields = {k: v for k, v in data.items() if k not in ("RequestId", "ToNumber")}
    if data.get("ToNumber"):
        fields["To"] = data["ToNumber"]
    new_id = contacts.create_contact_batch(account, fields, request_id=data.get("RequestId"))
    return [_svc("CreatedId", new_id)]


def get_contact_batch(account: str, data: dict) -> list:
    return [render.element("ContactBatch", contacts.get_contact_batch(account, data.get("Id")))]


def query_contact_batches(account: str, data: dict) -> Listed:
    total, items = contacts.query_contact_batches(account, data)
    return Listed("ContactBatch", total, items)


def control_contact_batch(account: str, data: dict) -> list:
    (batch_id,) = _needs(data, "Id")
    contacts.control_contact_batch(account, batch_id, {k: v for k, v in data.items() if k != "Id"})
    return []


# ----- subscriptions (SubscriptionService)
def _subscription(data: dict) -> tuple[object, dict]:
    id_, fields = _resource(data, "Subscription")
    flt = fields.pop("SubscriptionFilter", None) or {}
    return id_, {**fields, **flt}


def create_subscription(account: str, data: dict) -> list:
    _, fields = _subscription(data)
    new_id = subscriptions.create_subscription(account, fields, request_id=data.get("RequestId"))
    return [_svc("CreatedId", new_id)]


def query_subscriptions(account: str, data: dict) -> Listed:
    total, items = subscriptions.query_subscriptions(account, data)
    return Listed("Subscription", total, items)


def get_subscription(account: str, data: dict) -> list:
    return [render.element("Subscription", subscriptions.get_subscription(account, data.get("Id")))]


def update_subscription(account: str, data: dict) -> list:
    id_, fields = _subscription(data)
    if not id_:
        raise failed({"Subscription.id": ["is required"]})
    subscriptions.update_subscription(account, id_, fields, request_id=data.get("RequestId"))
    return []


def delete_subscription(account: str, data: dict) -> list:
    subscriptions.delete_subscription(account, data.get("Id"))
    return []
