"""CallFire API 1.1 CccService REST routes under /api/1.1/rest: every rule also answers with ``.json``."""

from __future__ import annotations

from flask import Blueprint, request

from ...pipeline import Surface, operation, record_body
from ..auth import authenticate
from ..domain import agent_groups
from ..domain import campaigns as domain
from . import forms
from . import render as out

PREFIX = "/api/1.1/rest"
SURFACE = Surface("callfire.rest", "callfire", PREFIX + "/", out.render_error, {"invalid": 400})
bp = Blueprint("callfire_rest", __name__, url_prefix=PREFIX)


def route(rule: str, methods: list[str], name: str):
    """Declare CallFire operation ``name`` at ``rule`` and ``rule.json`` (FACTS.md: ``/ccc/123.json``
    returns JSON)."""
    return operation(
        SURFACE, bp, f"callfire.{name}", [rule, rule + ".json"], methods, authenticate, forms.request_params
    )


def _location(kind_path: str, new_id: int) -> str:
    return f"{request.host_url.rstrip('/')}{PREFIX}/{kind_path}/{new_id}"


# ----- campaigns
@route("/ccc", ["POST"], "CreateCccCampaign")
def create_campaign(account, params):
    data = forms.campaign_input(params)
    record_body({"RequestId": forms.last(params.get("RequestId")), "CccCampaign": data})
    new_id = domain.create_campaign(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location("ccc", new_id))


@route("/ccc", ["GET"], "QueryCccCampaigns")
def query_campaigns(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = domain.query_campaigns(account, query)
    return out.resource_list("CccCampaign", total, items)


@route("/ccc/<int:Id>", ["GET"], "GetCccCampaign")
def get_campaign(account, _params, Id):  # noqa: N803 (the vendor's parameter name)
    return out.resource("CccCampaign", domain.get_campaign(account, Id))


@route("/ccc/<int:Id>", ["PUT"], "UpdateCccCampaign")
def update_campaign(account, params, Id):  # noqa: N803
    data = forms.campaign_input(params)
    record_body({"RequestId": forms.last(params.get("RequestId")), "CccCampaign": data})
    domain.update_campaign(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/<int:CampaignId>/stats", ["GET"], "GetCccCampaignStats")
def campaign_stats(account, params, CampaignId):  # noqa: N803
    query = forms.scalars(params)
    record_body(query)
    stats = domain.campaign_stats(account, CampaignId, query.get("IntervalBegin"), query.get("IntervalEnd"))
    return out.resource("CccCampaignStats", stats)


@route("/ccc/<int:Id>/control", ["PUT"], "ControlCccCampaign")
def control_campaign(account, params, Id):  # noqa: N803
    query = forms.scalars(params)
    record_body(query)
    domain.control_campaign(
        account, Id, query.get("Command"), query.get("MaxActive"), request_id=query.get("RequestId")
    )
    return out.empty()


@route("/ccc/<int:Id>", ["DELETE"], "DeleteCccCampaign")
def delete_campaign(account, _params, Id):  # noqa: N803
    domain.delete_campaign(account, Id)
    return out.empty()


@route("/ccc/<int:Id>/questions", ["DELETE"], "DeleteCccCampaignQuestions")
def delete_questions(account, _params, Id):  # noqa: N803
    domain.delete_questions(account, Id)
    return out.empty()


@route("/ccc/<int:Id>/transfer-numbers", ["DELETE"], "DeleteCccCampaignTransferNumbers")
def delete_transfer_numbers(account, _params, Id):  # noqa: N803
    domain.delete_transfer_numbers(account, Id)
    return out.empty()


# ----- agent groups
@route("/ccc/agent-group", ["POST"], "CreateAgentGroup")
def create_agent_group(account, params):
    data = forms.agent_group_input(params)
    record_body(data)
    new_id = agent_groups.create_agent_group(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location("ccc/agent-group", new_id))


@route("/ccc/agent-group", ["GET"], "QueryAgentGroups")
def query_agent_groups(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = agent_groups.query_agent_groups(account, query)
    return out.resource_list("AgentGroup", total, items)


@route("/ccc/agent-group/<int:Id>", ["GET"], "GetAgentGroup")
def get_agent_group(account, _params, Id):  # noqa: N803
    return out.resource("AgentGroup", agent_groups.get_agent_group(account, Id))


@route("/ccc/agent-group/<int:Id>", ["PUT"], "UpdateAgentGroup")
def update_agent_group(account, params, Id):  # noqa: N803
    data = forms.agent_group_input(params)
    record_body(data)
    agent_groups.update_agent_group(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/agent-group/<int:Id>", ["DELETE"], "DeleteAgentGroup")
def delete_agent_group(account, _params, Id):  # noqa: N803
    agent_groups.delete_agent_group(account, Id)
    return out.empty()
