"""The 12 agent operations in the harness like the first 14: one declaration each (REST routes and the SOAP
dispatch share the name ``callfire.<Operation>``), journaled under that name on both transports, hit by
fault rules that name them, served by the WSDL (zeep calls all 26), and agents, sessions and invites
seeded, counted by the admin API's health and reset like campaigns."""

from __future__ import annotations

import pytest
import requests
from callfire_helpers import DEMO
from soap_helpers import RawSoap, envelope, fault, golden, soap_client

from mockdialer import create_app, pipeline
from mockdialer.admin import AdminClient
from mockdialer.admin import actions as ops
from mockdialer.harness.clock import get_clock
from mockdialer.harness.faults import get_faults
from mockdialer.harness.fixtures import FixtureError
from mockdialer.harness.journal import get_journal

NEW = [
    "AddAgents",
    "GetAgents",
    "RemoveAgent",
    "AddAgentGroups",
    "GetAgentGroups",
    "RemoveAgentGroup",
    "GetAgent",
    "QueryAgents",
    "GetAgentSession",
    "QueryAgentSessions",
    "SendAgentInvites",
    "GetAgentInviteUri",
]
FIRST = [
    "CreateCccCampaign",
    "GetCccCampaign",
    "QueryCccCampaigns",
    "UpdateCccCampaign",
    "GetCccCampaignStats",
    "ControlCccCampaign",
    "DeleteCccCampaign",
    "DeleteCccCampaignQuestions",
    "DeleteCccCampaignTransferNumbers",
    "CreateAgentGroup",
    "GetAgentGroup",
    "QueryAgentGroups",
    "UpdateAgentGroup",
    "DeleteAgentGroup",
]
# one REST request and one SOAP body per new operation, valid on the seeded demo account
REST = {
    "AddAgents": ("POST", "/ccc/1002/agent", {"AgentIds": "4001"}, 204),
    "GetAgents": ("GET", "/ccc/1001/agent", None, 200),
    "RemoveAgent": ("DELETE", "/ccc/1001/agent/4001", None, 204),
    "AddAgentGroups": ("POST", "/ccc/1002/agent-group", {"AgentGroupIds": "3001"}, 204),
    "GetAgentGroups": ("GET", "/ccc/1001/agent-group", None, 200),
    "RemoveAgentGroup": ("DELETE", "/ccc/1001/agent-group/3001", None, 204),
    "GetAgent": ("GET", "/ccc/agent/4001", None, 200),
    "QueryAgents": ("GET", "/ccc/agent", None, 200),
    "GetAgentSession": ("GET", "/ccc/agent-session/5001", None, 200),
    "QueryAgentSessions": ("GET", "/ccc/agent-session", None, 200),
    "SendAgentInvites": ("POST", "/ccc/1001/agent-invite", {"AgentEmails": "bob@example.com"}, 204),
    "GetAgentInviteUri": ("GET", "/ccc/1001/agent-invite-uri?AgentEmail=bob@example.com", None, 404),
}
SOAP = {
    "AddAgents": "<svc:CampaignId>1002</svc:CampaignId><svc:AgentIds>4001</svc:AgentIds>",
    "GetAgents": "<svc:CampaignId>1001</svc:CampaignId>",
    "RemoveAgent": "<svc:CampaignId>1001</svc:CampaignId><svc:Id>4001</svc:Id>",
    "AddAgentGroups": "<svc:CampaignId>1002</svc:CampaignId><svc:AgentGroupIds>3001</svc:AgentGroupIds>",
    "GetAgentGroups": "<svc:CampaignId>1001</svc:CampaignId>",
    "RemoveAgentGroup": "<svc:CampaignId>1001</svc:CampaignId><svc:Id>3001</svc:Id>",
    "GetAgent": "<svc:Id>4001</svc:Id>",
    "QueryAgents": "<svc:MaxResults>2</svc:MaxResults>",
    "GetAgentSession": "<svc:Id>5001</svc:Id>",
    "QueryAgentSessions": "<svc:CampaignId>1002</svc:CampaignId>",
    "SendAgentInvites": "<svc:CampaignId>1001</svc:CampaignId>"
    "<svc:AgentEmails>bob@example.com</svc:AgentEmails>",
    "GetAgentInviteUri": "<svc:CampaignId>1001</svc:CampaignId>"
    "<svc:AgentEmail>bob@example.com</svc:AgentEmail>",
}
FROZEN_AT = 1435069199  # 2015-06-23T14:19:59Z


def soap_body(name: str) -> bytes:
    return envelope(f"<svc:{name}Request>{SOAP[name]}</svc:{name}Request>")


def test_every_operation_is_declared_once_on_each_surface(app):
    declared = pipeline.operations(app)
    for name in FIRST + NEW:
        assert f"callfire.{name}" in declared
    rest = {
        op.name
        for surface in pipeline.surfaces(app)
        for op in surface.operations.values()
        if surface.name == "callfire.rest"
    }
    soap = {
        op.name
        for surface in pipeline.surfaces(app)
        for op in surface.operations.values()
        if surface.name == "callfire.soap"
    }
    assert {f"callfire.{n}" for n in FIRST + NEW} <= rest
    assert {f"callfire.{n}" for n in FIRST + NEW} <= soap


def test_zeep_builds_all_26_operations_from_the_served_wsdl(live):
    client = soap_client(live.url)
    (service,) = client.wsdl.services.values()
    (port,) = service.ports.values()
    assert sorted(port.binding.all()) == sorted(FIRST + NEW)
    for name in FIRST + NEW:
        assert callable(getattr(client.service, name))


@pytest.mark.parametrize("name", NEW)
def test_rest_calls_are_journaled_under_the_operation_name(app, live, name):
    method, path, data, status = REST[name]
    response = requests.request(method, live.url + "/api/1.1/rest" + path, data=data, auth=DEMO, timeout=10)
    assert response.status_code == status, response.text
    (entry,) = get_journal(app).entries(operation=f"callfire.{name}")
    assert entry["transport"] == "callfire.rest" and entry["account"] == "demo-callfire"
    assert entry["status"] == status


@pytest.mark.parametrize("name", NEW)
def test_soap_calls_are_journaled_under_the_operation_name(app, live, name):
    response = RawSoap(live.url).post(soap_body(name))
    assert response.status_code == (400 if name == "GetAgentInviteUri" else 200), response.text
    (entry,) = get_journal(app).entries(operation=f"callfire.{name}")
    assert entry["transport"] == "callfire.soap" and entry["account"] == "demo-callfire"


@pytest.mark.parametrize("name", ["AddAgents", "RemoveAgent", "AddAgentGroups", "SendAgentInvites"])
def test_an_error_rule_naming_the_operation_hits_both_transports_and_changes_nothing(app, live, name):
    get_faults(app).add(action="error", status=503, operation=f"callfire.{name}", times=2)
    method, path, data, _ = REST[name]
    response = requests.request(
        method, live.url + "/api/1.1/rest" + path + ".json", data=data, auth=DEMO, timeout=10
    )
    assert response.status_code == 503
    assert response.json()["ResourceException"]["HttpStatus"] == 503
    response = RawSoap(live.url).post(soap_body(name))
    assert response.status_code == 503 and fault(response)["FaultCode"] == "UNAVAILABLE"
    agents = requests.get(live.url + "/api/1.1/rest/ccc/1002/agent.json", auth=DEMO, timeout=10).json()
    assert agents["ResourceList"]["@totalResults"] == 0
    on_1001 = requests.get(live.url + "/api/1.1/rest/ccc/1001/agent.json", auth=DEMO, timeout=10).json()
    assert on_1001["ResourceList"]["@totalResults"] == 1


def test_health_counts_agents_sessions_and_invites_and_reset_restores_them(live):
    admin = AdminClient(live.url)
    demo = admin.health()["vendors"]["callfire"]["demo-callfire"]
    assert (demo["agents"], demo["agentgroups"], demo["agentsessions"], demo["agentinvites"]) == (4, 2, 3, 1)
    assert admin.health()["vendors"]["callfire"]["other-callfire"]["agents"] == 1
    data = {"AgentEmails": "new1@example.com new2@example.com"}
    sent = requests.post(live.url + "/api/1.1/rest/ccc/1001/agent-invite", data=data, auth=DEMO, timeout=10)
    assert sent.status_code == 204
    demo = admin.health()["vendors"]["callfire"]["demo-callfire"]
    assert (demo["agents"], demo["agentinvites"]) == (6, 3)
    admin.reset(vendor="callfire", account="demo-callfire")
    demo = admin.health()["vendors"]["callfire"]["demo-callfire"]
    assert (demo["agents"], demo["agentinvites"]) == (4, 1)


def test_seeding_an_account_with_agents_groups_and_sessions(live):
    admin = AdminClient(live.url)
    doc = {
        "account": "agents-one",
        "login": "agents-one",
        "password": "pw",
        "agents": [{"id": 7001, "Name": "Zed", "Email": "zed@example.com", "Enabled": False}],
        "agentGroups": [
            {"id": 7101, "Name": "Z Team", "AgentEmails": ["zed@example.com", "yan@example.com"]}
        ],
        "campaigns": [
            {"id": 7201, "Name": "Z", "Status": "STOPPED", "AgentIds": [7001], "AgentGroupIds": [7101]}
        ],
        "agentSessions": [{"id": 7301, "AgentId": 7001, "CampaignId": 7201, "AgentState": "PAUSE"}],
    }
    admin.seed({"callfire": [doc]})
    base, auth = live.url + "/api/1.1/rest", ("agents-one", "pw")
    group = requests.get(base + "/ccc/agent-group/7101.json", auth=auth, timeout=10).json()["Resource"][
        "AgentGroup"
    ]
    assert group["AgentEmails"] == "zed@example.com yan@example.com" and group["CampaignIds"] == "7201"
    agent = requests.get(base + "/ccc/agent/7001.json", auth=auth, timeout=10).json()["Resource"]["Agent"]
    assert (agent["Enabled"], agent["CampaignIds"], agent["GroupIds"], agent["ActiveSessionId"]) == (
        False,
        "7201",
        "7101",
        7301,
    )
    assert admin.health()["vendors"]["callfire"]["agents-one"]["agents"] == 2


@pytest.mark.parametrize(
    "name, body",
    [
        ("soap_get_agent.xml", "GetAgent"),
        ("soap_get_agents.xml", "GetAgents"),
        ("soap_query_agent_sessions.xml", "QueryAgentSessions"),
    ],
)
def test_soap_wire_bodies_match_golden(app, live, name, body):
    get_clock(app).freeze(FROZEN_AT)
    response = RawSoap(live.url).post(soap_body(body))
    assert response.status_code == 200
    golden(name, response.content)


def test_soap_invite_uri_is_a_flat_response_element(app, live):
    get_clock(app).freeze(FROZEN_AT)
    raw = RawSoap(live.url)
    assert raw.post(soap_body("SendAgentInvites")).status_code == 200
    response = raw.post(soap_body("GetAgentInviteUri"))
    assert response.status_code == 200
    golden("soap_get_agent_invite_uri.xml", response.content)


@pytest.mark.parametrize(
    "doc, says",
    [
        ({"agents": [{"id": 5, "Email": "nope"}]}, "CallFire agent 5: Email is not an email address"),
        (
            {"agentGroups": [{"id": 6, "Name": "G", "AgentIds": [9]}]},
            "agent group 6: AgentIds no agent with id 9",
        ),
        ({"agentSessions": [{"id": 7, "AgentId": 9, "CampaignId": 1}]}, "agent session 7: no AgentId 9"),
    ],
)
def test_a_fixture_that_names_what_is_not_there_is_refused(doc, says):
    app = create_app({"DB": ":memory:"})
    with pytest.raises(FixtureError, match=says):
        ops.seed(app, {"callfire": [{"account": "bad", "login": "bad", "password": "p", **doc}]})
