"""CallFire API 1.1 CccService REST routes under /api/1.1/rest: every rule also answers with ``.json``
(one URL rule each: the suffix is the ``json_suffix`` converter, dropped before the handler runs)."""

from __future__ import annotations

from flask import Blueprint, request
from werkzeug.routing import BaseConverter

from ...pipeline import Surface, operation, record_body
from ..auth import authenticate
from ..domain import agent_groups, agents, invites, sessions
from ..domain import campaigns as domain
from . import forms
from . import render as out

PREFIX = "/api/1.1/rest"
SURFACE = Surface("callfire.rest", "callfire", PREFIX + "/", out.render_error, {"invalid": 400})
bp = Blueprint("callfire_rest", __name__, url_prefix=PREFIX)
SUFFIX = "<json_suffix:suffix>"


class JsonSuffix(BaseConverter):
    """``.json`` or nothing at the end of a path (the answer's format is read from the path)."""

    regex = r"(?:\.json)?"


bp.record_once(lambda state: state.app.url_map.converters.setdefault("json_suffix", JsonSuffix))
bp.url_value_preprocessor(lambda _endpoint, values: values.pop("suffix", None))


def route(rule: str, methods: list[str], name: str):
    """Declare CallFire operation ``name`` at ``rule`` and ``rule.json`` (FACTS.md: ``/ccc/123.json``
    returns JSON)."""
    rule += SUFFIX
    return operation(SURFACE, bp, f"callfire.{name}", rule, methods, authenticate, forms.request_params)


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


# ----- a campaign's agents (a DELETE's form body, which PHP sends, is read and ignored)
@route("/ccc/<int:CampaignId>/agent", ["POST"], "AddAgents")
def add_agents(account, params, CampaignId):  # noqa: N803
    data = forms.lists(params, "AgentIds", "AgentEmails")
    data = {name: data[name] for name in ("AgentIds", "AgentEmails") if name in data}
    record_body(data)
    agents.add_agents(account, CampaignId, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/<int:CampaignId>/agent", ["GET"], "GetAgents")
def get_agents(account, _params, CampaignId):  # noqa: N803
    total, items = agents.campaign_agents(account, CampaignId)
    return out.resource_list("Agent", total, items)


@route("/ccc/<int:CampaignId>/agent/<int:Id>", ["DELETE"], "RemoveAgent")
def remove_agent(account, _params, CampaignId, Id):  # noqa: N803
    agents.remove_agent(account, CampaignId, Id)
    return out.empty()


# ----- a campaign's agent groups
@route("/ccc/<int:CampaignId>/agent-group", ["POST"], "AddAgentGroups")
def add_agent_groups(account, params, CampaignId):  # noqa: N803
    data = {"AgentGroupIds": forms.values(params["AgentGroupIds"])} if "AgentGroupIds" in params else {}
    record_body(data)
    agent_groups.add_agent_groups(account, CampaignId, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/<int:CampaignId>/agent-group", ["GET"], "GetAgentGroups")
def get_agent_groups(account, _params, CampaignId):  # noqa: N803
    total, items = agent_groups.campaign_agent_groups(account, CampaignId)
    return out.resource_list("AgentGroup", total, items)


@route("/ccc/<int:CampaignId>/agent-group/<int:Id>", ["DELETE"], "RemoveAgentGroup")
def remove_agent_group(account, _params, CampaignId, Id):  # noqa: N803
    agent_groups.remove_agent_group(account, CampaignId, Id)
    return out.empty()


# ----- agents
@route("/ccc/agent", ["GET"], "QueryAgents")
def query_agents(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = agents.query_agents(account, query)
    return out.resource_list("Agent", total, items)


@route("/ccc/agent/<int:Id>", ["GET"], "GetAgent")
def get_agent(account, _params, Id):  # noqa: N803
    return out.resource("Agent", agents.get_agent(account, Id))


# ----- agent sessions
@route("/ccc/agent-session", ["GET"], "QueryAgentSessions")
def query_agent_sessions(account, params):
    query = forms.scalars(params)
    record_body(query)
    total, items = sessions.query_agent_sessions(account, query)
    return out.resource_list("AgentSession", total, items)


@route("/ccc/agent-session/<int:Id>", ["GET"], "GetAgentSession")
def get_agent_session(account, _params, Id):  # noqa: N803
    return out.resource("AgentSession", sessions.get_agent_session(account, Id))


# ----- agent invites
@route("/ccc/<int:CampaignId>/agent-invite", ["POST"], "SendAgentInvites")
def send_agent_invites(account, params, CampaignId):  # noqa: N803
    data = forms.lists(params, "AgentEmails")
    data = {name: data[name] for name in ("AgentGroupName", "AgentEmails") if name in data}
    record_body(data)
    invites.send_agent_invites(account, CampaignId, data, request_id=forms.last(params.get("RequestId")))
    return out.empty()


@route("/ccc/<int:CampaignId>/agent-invite-uri", ["GET"], "GetAgentInviteUri")
def get_agent_invite_uri(account, params, CampaignId):  # noqa: N803
    query = forms.scalars(params)
    record_body(query)
    return out.resource("AgentInvite", invites.agent_invite(account, CampaignId, query))
