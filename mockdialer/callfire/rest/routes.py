"""CallFire API 1.1 CccService REST routes under /api/1.1/rest: every rule also answers with ``.json``."""

from __future__ import annotations

from flask import Blueprint, request

from ... import requestinfo
from .. import agent_groups, domain
from ..auth import authenticate
from . import forms
from . import render as out

PREFIX = "/api/1.1/rest"
bp = Blueprint("callfire_rest", __name__, url_prefix=PREFIX)


def route(rule: str, methods: list[str]):
    """``rule`` and ``rule.json`` (FACTS.md: ``/ccc/123.json`` returns JSON)."""

    def register(view):
        bp.add_url_rule(rule, view_func=view, methods=methods)
        bp.add_url_rule(rule + ".json", endpoint=view.__name__ + "_json", view_func=view, methods=methods)
        return view

    return register


def begin(operation: str) -> tuple[str, dict]:
    """Operation name for the journal, the caller's account, the parsed parameters."""
    requestinfo.set_operation(f"callfire.{operation}")
    account = authenticate()
    params = forms.request_params()
    return account, params


def _location(kind_path: str, new_id: int) -> str:
    return f"{request.host_url.rstrip('/')}{PREFIX}/{kind_path}/{new_id}"


# ----- campaigns
@route("/ccc", ["POST"])
def create_campaign():
    account, params = begin("CreateCccCampaign")
    data = forms.campaign_input(params)
    requestinfo.set_body({"RequestId": forms.last(params.get("RequestId")), "CccCampaign": data})
    new_id = domain.create_campaign(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location("ccc", new_id))


@route("/ccc", ["GET"])
def query_campaigns():
    account, params = begin("QueryCccCampaigns")
    query = forms.scalars(params)
    requestinfo.set_body(query)
    total, items = domain.query_campaigns(account, query)
    return out.resource_list("CccCampaign", total, items)


@route("/ccc/<int:Id>", ["GET"])
def get_campaign(Id):  # noqa: N803 (the vendor's parameter name)
    account, _ = begin("GetCccCampaign")
    return out.resource("CccCampaign", domain.get_campaign(account, Id))


@route("/ccc/<int:Id>", ["PUT"])
def update_campaign(Id):  # noqa: N803
    account, params = begin("UpdateCccCampaign")
    data = forms.campaign_input(params)
    requestinfo.set_body({"RequestId": forms.last(params.get("RequestId")), "CccCampaign": data})
    domain.update_campaign(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/<int:CampaignId>/stats", ["GET"])
def campaign_stats(CampaignId):  # noqa: N803
    account, params = begin("GetCccCampaignStats")
    query = forms.scalars(params)
    requestinfo.set_body(query)
    stats = domain.campaign_stats(account, CampaignId, query.get("IntervalBegin"), query.get("IntervalEnd"))
    return out.resource("CccCampaignStats", stats)


@route("/ccc/<int:Id>/control", ["PUT"])
def control_campaign(Id):  # noqa: N803
    account, params = begin("ControlCccCampaign")
    query = forms.scalars(params)
    requestinfo.set_body(query)
    domain.control_campaign(
        account, Id, query.get("Command"), query.get("MaxActive"), request_id=query.get("RequestId")
    )
    return out.empty()


@route("/ccc/<int:Id>", ["DELETE"])
def delete_campaign(Id):  # noqa: N803
    account, _ = begin("DeleteCccCampaign")
    domain.delete_campaign(account, Id)
    return out.empty()


@route("/ccc/<int:Id>/questions", ["DELETE"])
def delete_questions(Id):  # noqa: N803
    account, _ = begin("DeleteCccCampaignQuestions")
    domain.delete_questions(account, Id)
    return out.empty()


@route("/ccc/<int:Id>/transfer-numbers", ["DELETE"])
def delete_transfer_numbers(Id):  # noqa: N803
    account, _ = begin("DeleteCccCampaignTransferNumbers")
    domain.delete_transfer_numbers(account, Id)
    return out.empty()


# ----- agent groups
@route("/ccc/agent-group", ["POST"])
def create_agent_group():
    account, params = begin("CreateAgentGroup")
    data = forms.agent_group_input(params)
    requestinfo.set_body(data)
    new_id = agent_groups.create_agent_group(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location("ccc/agent-group", new_id))


@route("/ccc/agent-group", ["GET"])
def query_agent_groups():
    account, params = begin("QueryAgentGroups")
    query = forms.scalars(params)
    requestinfo.set_body(query)
    total, items = agent_groups.query_agent_groups(account, query)
    return out.resource_list("AgentGroup", total, items)


@route("/ccc/agent-group/<int:Id>", ["GET"])
def get_agent_group(Id):  # noqa: N803
    account, _ = begin("GetAgentGroup")
    return out.resource("AgentGroup", agent_groups.get_agent_group(account, Id))


@route("/ccc/agent-group/<int:Id>", ["PUT"])
def update_agent_group(Id):  # noqa: N803
    account, params = begin("UpdateAgentGroup")
    data = forms.agent_group_input(params)
    requestinfo.set_body(data)
    agent_groups.update_agent_group(account, Id, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/agent-group/<int:Id>", ["DELETE"])
def delete_agent_group(Id):  # noqa: N803
    account, _ = begin("DeleteAgentGroup")
    agent_groups.delete_agent_group(account, Id)
    return out.empty()
