"""Exact CallFire REST wire bodies against golden files in tests/golden/callfire/rest/.

Regenerate after an intended change with ``pytest tests/callfire --update-goldens``.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from mockdialer.harness.clock import get_clock

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "callfire" / "rest"
AUTH = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
FROZEN_AT = 1435069199  # 2015-06-23T14:19:59Z

CASES = {
    "campaign.xml": ("GET", "/ccc/1001", None, 200),
    "campaign.json": ("GET", "/ccc/1001.json", None, 200),
    "campaign_list.xml": ("GET", "/ccc?MaxResults=2&FirstResult=1", None, 200),
    "campaign_list.json": ("GET", "/ccc.json?MaxResults=2&FirstResult=1", None, 200),
    "reference.xml": ("POST", "/ccc", {"Name": "Golden"}, 201),
    "reference.json": ("POST", "/ccc.json", {"Name": "Golden"}, 201),
    "stats.xml": ("GET", "/ccc/1001/stats", None, 200),
    "stats.json": ("GET", "/ccc/1001/stats.json", None, 200),
    "agent_group_list.xml": ("GET", "/ccc/agent-group", None, 200),
    "agent_group_list.json": ("GET", "/ccc/agent-group.json", None, 200),
    "agent_list.xml": ("GET", "/ccc/agent", None, 200),
    "agent_list.json": ("GET", "/ccc/agent.json", None, 200),
    "agent.xml": ("GET", "/ccc/agent/4001", None, 200),
    "agent.json": ("GET", "/ccc/agent/4001.json", None, 200),
    "campaign_agents.xml": ("GET", "/ccc/1001/agent", None, 200),
    "campaign_agents.json": ("GET", "/ccc/1001/agent.json", None, 200),
    "campaign_agent_groups.xml": ("GET", "/ccc/1001/agent-group", None, 200),
    "campaign_agent_groups.json": ("GET", "/ccc/1001/agent-group.json", None, 200),
    "agent_session.xml": ("GET", "/ccc/agent-session/5001", None, 200),
    "agent_session.json": ("GET", "/ccc/agent-session/5001.json", None, 200),
    "agent_session_list.xml": ("GET", "/ccc/agent-session?CampaignId=1001", None, 200),
    "agent_session_list.json": ("GET", "/ccc/agent-session.json?CampaignId=1001", None, 200),
    "error_400_agents.json": ("POST", "/ccc/1001/agent.json", {"AgentIds": "4001 9999"}, 400),
    "error_404_agent.xml": ("GET", "/ccc/agent/9999", None, 404),
    "error_400.xml": ("PUT", "/ccc/1001", {"MultilineDialingRatio": "5"}, 400),
    "error_400.json": ("PUT", "/ccc/1001.json", {"MultilineDialingRatio": "5"}, 400),
    "error_404.xml": ("GET", "/ccc/999", None, 404),
    "error_404.json": ("GET", "/ccc/999.json", None, 404),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_wire_body_matches_golden(app, client, name, golden):
    get_clock(app).freeze(FROZEN_AT)
    method, path, data, status = CASES[name]
    response = client.open("/api/1.1/rest" + path, method=method, data=data, headers=AUTH)
    assert response.status_code == status
    golden(GOLDEN / name, response.data)


def test_created_campaign_with_defaults_matches_golden(app, client, golden):
    get_clock(app).freeze(FROZEN_AT)
    created = client.post("/api/1.1/rest/ccc.json", data={"Name": "Golden"}, headers=AUTH)
    assert created.status_code == 201
    new_id = created.get_json()["ResourceReference"]["Id"]
    response = client.get(f"/api/1.1/rest/ccc/{new_id}", headers=AUTH)
    assert response.status_code == 200
    golden(GOLDEN / "created_campaign.xml", response.data)


@pytest.mark.parametrize("name", ["agent_invite.xml", "agent_invite.json"])
def test_agent_invite_matches_golden(app, client, name, golden):
    """The invite URI's version-1 UUID carries the mock's clock (frozen here) at the first send."""
    get_clock(app).freeze(FROZEN_AT)
    sent = client.post(
        "/api/1.1/rest/ccc/1001/agent-invite", data={"AgentEmails": "bob@example.com"}, headers=AUTH
    )
    assert sent.status_code == 204
    suffix = ".json" if name.endswith(".json") else ""
    path = f"/api/1.1/rest/ccc/1001/agent-invite-uri{suffix}?AgentEmail=bob@example.com"
    response = client.get(path, headers=AUTH)
    golden(GOLDEN / name, response.data)


def test_unauthorized_body_matches_golden(client, golden):
    response = client.get("/api/1.1/rest/ccc/1001")
    assert response.status_code == 401
    golden(GOLDEN / "error_401.xml", response.data)
