"""The CallFire operations' REST handlers: each takes the account, the request's parameters (``forms.py``)
and the path's ids, calls the shared domain and returns the vendor's answer (``render.py``).
``callfire/operations.py`` binds each to its operation and route."""

from __future__ import annotations

from flask import request

from ...pipeline import record_body
from ..domain import agent_groups, agents, calls, contacts, invites, sessions, subscriptions
from ..domain import campaigns as domain
from . import forms
from . import render as out


def _location(new_id: int) -> str:
    """The created resource's URL: this request's URL (without ``.json``) and the new id."""
    return f"{request.base_url.removesuffix('.json').rstrip('/')}/{new_id}"


# ----- campaigns
def create_campaign(account, params):
    data = forms.campaign_input(params)
    record_body({"RequestId": forms.last(params.get("RequestId")), "CccCampaign": data})
    new_id = domain.create_campaign(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location(new_id))


def query_campaigns(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = domain.query_campaigns(account, query)
    return out.resource_list("CccCampaign", total, items)


def get_campaign(account, _params, Id):  # noqa: N803 (the vendor's parameter name)
    return out.resource("CccCampaign", domain.get_campaign(account, Id))


def update_campaign(account, params, Id):  # noqa: N803
    data = forms.campaign_input(params)
    record_body({"RequestId": forms.last(params.get("RequestId")), "CccCampaign": data})
    domain.update_campaign(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


def campaign_stats(account, params, CampaignId):  # noqa: N803
    query = forms.scalars(params)
    record_body(query)
    stats = domain.campaign_stats(account, CampaignId, query.get("IntervalBegin"), query.get("IntervalEnd"))
    return out.resource("CccCampaignStats", stats)


def control_campaign(account, params, Id):  # noqa: N803
    query = forms.scalars(params)
    record_body(query)
    domain.control_campaign(
        account, Id, query.get("Command"), query.get("MaxActive"), request_id=query.get("RequestId")
    )
    return out.empty()


def delete_campaign(account, _params, Id):  # noqa: N803
    domain.delete_campaign(account, Id)
    return out.empty()


def delete_questions(account, _params, Id):  # noqa: N803
    domain.delete_questions(account, Id)
    return out.empty()


def delete_transfer_numbers(account, _params, Id):  # noqa: N803
    domain.delete_transfer_numbers(account, Id)
    return out.empty()


# ----- agent groups
def create_agent_group(account, params):
    data = forms.agent_group_input(params)
    record_body(data)
    new_id = agent_groups.create_agent_group(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location(new_id))


def query_agent_groups(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = agent_groups.query_agent_groups(account, query)
    return out.resource_list("AgentGroup", total, items)


def get_agent_group(account, _params, Id):  # noqa: N803
    return out.resource("AgentGroup", agent_groups.get_agent_group(account, Id))


def update_agent_group(account, params, Id):  # noqa: N803
    data = forms.agent_group_input(params)
    record_body(data)
    agent_groups.update_agent_group(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


def delete_agent_group(account, _params, Id):  # noqa: N803
    agent_groups.delete_agent_group(account, Id)
    return out.empty()


# ----- a campaign's agents (a DELETE's form body, which PHP sends, is read and ignored)
def add_agents(account, params, CampaignId):  # noqa: N803
    data = forms.lists(params, "AgentIds", "AgentEmails")
    data = {name: data[name] for name in ("AgentIds", "AgentEmails") if name in data}
    record_body(data)
    agents.add_agents(account, CampaignId, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


def get_agents(account, _params, CampaignId):  # noqa: N803
    total, items = agents.campaign_agents(account, CampaignId)
    return out.resource_list("Agent", total, items)


def remove_agent(account, _params, CampaignId, Id):  # noqa: N803
    agents.remove_agent(account, CampaignId, Id)
    return out.empty()


# ----- a campaign's agent groups
def add_agent_groups(account, params, CampaignId):  # noqa: N803
    data = {"AgentGroupIds": forms.values(params["AgentGroupIds"])} if "AgentGroupIds" in params else {}
    record_body(data)
    agent_groups.add_agent_groups(account, CampaignId, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


def get_agent_groups(account, _params, CampaignId):  # noqa: N803
    total, items = agent_groups.campaign_agent_groups(account, CampaignId)
    return out.resource_list("AgentGroup", total, items)


def remove_agent_group(account, _params, CampaignId, Id):  # noqa: N803
    agent_groups.remove_agent_group(account, CampaignId, Id)
    return out.empty()


# ----- agents
def query_agents(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = agents.query_agents(account, query)
    return out.resource_list("Agent", total, items)


def get_agent(account, _params, Id):  # noqa: N803
    return out.resource("Agent", agents.get_agent(account, Id))


# ----- agent sessions
def query_agent_sessions(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = sessions.query_agent_sessions(account, query)
    return out.resource_list("AgentSession", total, items)


def get_agent_session(account, _params, Id):  # noqa: N803
    return out.resource("AgentSession", sessions.get_agent_session(account, Id))


# ----- agent invites
def send_agent_invites(account, params, CampaignId):  # noqa: N803
    data = forms.lists(params, "AgentEmails")
    data = {name: data[name] for name in ("AgentGroupName", "AgentEmails") if name in data}
    record_body(data)
    invites.send_agent_invites(account, CampaignId, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


def get_agent_invite_uri(account, params, CampaignId):  # noqa: N803
    query = forms.scalars(params)
    record_body(query)
    return out.resource("AgentInvite", invites.agent_invite(account, CampaignId, query))


# ----- calls of a campaign (CallService) and its contact batches (BroadcastService)
CALL_LISTS = ("State", "Result")  # xs:lists: space-joined, repeated or State[0]=... (PHP's http_build_query)


def query_calls(account, params):
    query = forms.lists(params, *CALL_LISTS)
    record_body(query)
    total, items = calls.query_calls(account, query)
    return out.resource_list("Call", total, items)


def get_call(account, _params, Id):  # noqa: N803
    return out.resource("Call", calls.get_call(account, Id))


def create_contact_batch(account, params, BroadcastId):  # noqa: N803
    data = {name: value for name, value in forms.lists(params, "To").items() if name != "RequestId"}
    data["BroadcastId"] = str(BroadcastId)
    record_body(data)
    new_id = contacts.create_contact_batch(account, data, request_id=forms.last(params.get("RequestId")))
    batches = request.base_url.removesuffix(".json").rstrip("/").rsplit("/", 2)[0]  # .../broadcast
    return out.reference(new_id, f"{batches}/batch/{new_id}")


def get_contact_batch(account, _params, Id):  # noqa: N803
    return out.resource("ContactBatch", contacts.get_contact_batch(account, Id))


def query_contact_batches(account, params, BroadcastId):  # noqa: N803
    query = {**forms.scalars(params), "BroadcastId": str(BroadcastId)}
    record_body(query)
    total, items = contacts.query_contact_batches(account, query)
    return out.resource_list("ContactBatch", total, items)


def control_contact_batch(account, params, Id):  # noqa: N803
    data = forms.scalars(params)
    record_body(data)
    contacts.control_contact_batch(account, Id, data)
    return out.empty()


# ----- subscriptions (SubscriptionService)
def _subscription_fields(params) -> dict:
    return {
        name: value
        for name, value in forms.scalars(params).items()
        if name not in ("RequestId", "Subscription")
    }


def create_subscription(account, params):
    data = _subscription_fields(params)
    record_body(data)
    new_id = subscriptions.create_subscription(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location(new_id))


def query_subscriptions(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = subscriptions.query_subscriptions(account, query)
    return out.resource_list("Subscription", total, items)


def get_subscription(account, _params, Id):  # noqa: N803
    return out.resource("Subscription", subscriptions.get_subscription(account, Id))


def update_subscription(account, params, Id):  # noqa: N803
    data = _subscription_fields(params)
    record_body(data)
    subscriptions.update_subscription(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


def delete_subscription(account, _params, Id):  # noqa: N803
    subscriptions.delete_subscription(account, Id)
    return out.empty()
