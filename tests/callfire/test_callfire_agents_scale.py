"""Lists at scale (issue 23), through the Flask test client: many agents added at once are queried and
listed correctly in JSON, XML and SOAP; an account seeded with thousands of campaigns, agent groups,
sessions and subscriptions pages each list correctly; an error naming many unknown ids stays bounded.
Speed is measured by ``bench/agents.py`` (docs/benchmarks.md), not here."""

from __future__ import annotations

import base64

from lxml import etree

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
REST = "/api/1.1/rest"
DATA = "{http://api.callfire.com/data}"
SOAP_TYPE = "application/soap+xml; charset=utf-8"
MANY = 2000


def test_many_new_agents_are_queried_and_listed(client):
    emails = [f"agent{i}@scale.example" for i in range(MANY)]
    answer = client.post(f"{REST}/ccc/1001/agent", data={"AgentEmails": " ".join(emails)}, headers=AUTH)
    assert answer.status_code == 204
    first = client.get(f"{REST}/ccc/agent.json?MaxResults=1&FirstResult=4", headers=AUTH).get_json()
    assert first["ResourceList"]["@totalResults"] == MANY + 4
    (agent,) = first["ResourceList"]["Agent"]
    assert agent["Email"] == emails[0] and agent["CampaignIds"] == "1001"
    on_1001 = client.get(f"{REST}/ccc/agent.json?CampaignId=1001&MaxResults=0", headers=AUTH).get_json()
    assert on_1001["ResourceList"]["@totalResults"] == MANY + 1  # Alice was on it already
    listed = client.get(f"{REST}/ccc/1001/agent.json", headers=AUTH).get_json()["ResourceList"]
    assert listed["@totalResults"] == MANY + 1 == len(listed["Agent"])
    in_group = client.get(f"{REST}/ccc/agent.json?AgentGroupName=Demo Sales Team", headers=AUTH).get_json()
    assert [a["@id"] for a in in_group["ResourceList"]["Agent"]] == [4001, 4002]


def test_an_agent_on_several_campaigns_and_groups_lists_each_once_in_order(client):
    email = "many.places@scale.example"
    for campaign in (1002, 1001, 1002):  # out of order, and 1002 twice
        answer = client.post(f"{REST}/ccc/{campaign}/agent", data={"AgentEmails": email}, headers=AUTH)
        assert answer.status_code == 204, answer.data
    agent_id = client.get(f"{REST}/ccc/agent.json?AgentEmail={email}", headers=AUTH).get_json()
    (agent_id,) = [agent["@id"] for agent in agent_id["ResourceList"]["Agent"]]
    for group in (3002, 3001):  # each group keeps its members and gains this agent
        members = client.get(f"{REST}/ccc/agent-group/{group}.json", headers=AUTH).get_json()
        members = members["Resource"]["AgentGroup"]
        data = {"Name": members["Name"], "AgentIds": f"{members.get('AgentIds', '')} {agent_id}".strip()}
        answer = client.put(f"{REST}/ccc/agent-group/{group}", data=data, headers=AUTH)
        assert answer.status_code == 204, answer.data

    def listed(path: str) -> list[dict]:
        return client.get(f"{REST}/ccc/{path}", headers=AUTH).get_json()["ResourceList"]["Agent"]

    one = client.get(f"{REST}/ccc/agent/{agent_id}.json", headers=AUTH).get_json()["Resource"]["Agent"]
    on_1002 = [agent for agent in listed("1002/agent.json") if agent["@id"] == agent_id]
    shown = [one, *listed(f"agent.json?AgentEmail={email}"), *on_1002]
    assert len(shown) == 3
    for agent in shown:
        assert (agent["CampaignIds"], agent["GroupIds"]) == ("1001 1002", "3001 3002")
    alice = client.get(f"{REST}/ccc/agent/4001.json", headers=AUTH).get_json()["Resource"]["Agent"]
    assert alice["CampaignIds"] == "1001"  # the others' memberships are not hers


def _seeded_account(client, name: str) -> dict:
    """An account with MANY agents, agent groups (each on one campaign), campaigns, sessions and
    subscriptions, seeded through the admin API; the Basic header of its login."""
    doc = {
        "account": name,
        "login": name,
        "password": "pw",
        "sounds": [],
        "agents": [{"id": 10_000 + i, "Email": f"a{i}@{name}.example", "Enabled": True} for i in range(MANY)],
        "agentGroups": [
            {"id": 20_000 + i, "Name": f"g{i % 7}", "AgentIds": [10_000 + i]} for i in range(MANY)
        ],
        "campaigns": [
            {"id": 30_000 + i, "Name": f"c{i}", "Status": "SETUP", "AgentGroupId": 20_000 + i}
            for i in range(MANY)
        ],
        "agentSessions": [
            {"id": 40_000 + i, "AgentId": 10_000 + i, "CampaignId": 30_000 + i, "AgentState": "AVAILABLE"}
            for i in range(MANY)
        ],
        "subscriptions": [
            {"id": 50_000 + i, "Endpoint": f"https://example.com/n/{i}", "TriggerEvent": "CAMPAIGN_FINISHED"}
            for i in range(MANY)
        ],
    }
    answer = client.post("/__admin/seed", json={"callfire": [doc]})
    assert answer.status_code == 200, answer.get_json()
    return {"Authorization": "Basic " + base64.b64encode(f"{name}:pw".encode()).decode()}


def test_thousands_of_each_object_page_correctly(client):
    auth = _seeded_account(client, "scale-lists")

    def page(path: str, kind: str) -> tuple[int, list[dict]]:
        answer = client.get(f"{REST}{path}", headers=auth)
        assert answer.status_code == 200, answer.data[:300]
        found = answer.get_json()["ResourceList"]
        return found["@totalResults"], found.get(kind, [])

    total, (campaign,) = page("/ccc.json?MaxResults=1&FirstResult=1999", "CccCampaign")
    assert total == MANY and campaign["@id"] == 31_999 and campaign["AgentGroupId"] == 21_999
    total, (group,) = page("/ccc/agent-group.json?MaxResults=1&FirstResult=5", "AgentGroup")
    assert total == MANY
    assert (group["@id"], group["CampaignIds"]) == (20_005, "30005")
    assert group["AgentEmails"] == "a5@scale-lists.example"
    total, groups = page("/ccc/agent-group.json?Name=g3", "AgentGroup")
    assert total == len([i for i in range(MANY) if i % 7 == 3]) and all(g["Name"] == "g3" for g in groups)
    assert page("/ccc/agent-group.json?CampaignId=30100", "AgentGroup")[1][0]["@id"] == 20_100
    by_email = page("/ccc/agent-group.json?AgentEmail=A7@scale-lists.example", "AgentGroup")
    assert by_email[1][0]["@id"] == 20_007
    total, (session,) = page("/ccc/agent-session.json?MaxResults=1&AgentId=10042", "AgentSession")
    assert total == 1 and session["@id"] == 40_042
    assert page("/ccc/agent-session.json?MaxResults=0", "AgentSession")[0] == MANY
    total, (subscription,) = page("/subscription.json?MaxResults=1&FirstResult=7", "Subscription")
    assert total == MANY and subscription["Endpoint"] == "https://example.com/n/7"
    total, (agent,) = page("/ccc/agent.json?MaxResults=1&FirstResult=9", "Agent")
    assert (total, agent["GroupIds"], agent["ActiveSessionId"]) == (MANY, "20009", 40_009)


def test_a_long_list_in_xml_and_soap_holds_every_agent_escaped(client):
    # names with markup and a CR: a long list is written as text, escaped as lxml escapes it
    names = [f"<b>Agent\r& {i}</b>" for i in range(MANY)]
    emails = [f"agent{i}@xml.example" for i in range(MANY)]
    seeded = {
        "account": "xml-list",
        "login": "xml-list",
        "password": "pw",
        "sounds": [],
        "agents": [
            {"id": 10_000 + i, "Name": names[i], "Email": emails[i], "Enabled": i % 2 == 0}
            for i in range(MANY)
        ],
        "agentGroups": [],
        "campaigns": [{"id": 1901, "Name": "xml", "Status": "SETUP", "FromNumber": "13105551212"}],
    }
    assert client.post("/__admin/seed", json={"callfire": [seeded]}).status_code == 200
    auth = {"Authorization": "Basic " + base64.b64encode(b"xml-list:pw").decode()}
    ids = " ".join(str(10_000 + i) for i in range(MANY))
    assert client.post(f"{REST}/ccc/1901/agent", data={"AgentIds": ids}, headers=auth).status_code == 204
    rest = etree.fromstring(client.get(f"{REST}/ccc/1901/agent", headers=auth).data)
    envelope = (
        '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:svc="http://api.callfire.com/service/xsd"><env:Body><svc:GetAgentsRequest>'
        "<svc:CampaignId>1901</svc:CampaignId></svc:GetAgentsRequest></env:Body></env:Envelope>"
    )
    answer = client.post("/api/1.1/soap12/ccc", data=envelope, content_type=SOAP_TYPE, headers=auth)
    soap = etree.fromstring(answer.data)
    for root in (rest, soap):
        agents = list(root.iter(f"{DATA}Agent"))
        assert [a.get("id") for a in agents] == [str(10_000 + i) for i in range(MANY)]
        assert [a.findtext(f"{DATA}Name") for a in agents] == names
        assert [a.findtext(f"{DATA}Enabled") for a in agents[:2]] == ["true", "false"]
        assert {a.findtext(f"{DATA}CampaignIds") for a in agents} == {"1901"}


def test_an_error_lists_at_most_twenty_unknown_ids_and_counts_the_rest(client):
    unknown = " ".join(str(900_000 + i) for i in range(100_000))
    answer = client.post(f"{REST}/ccc/1001/agent.json", data={"AgentIds": unknown}, headers=AUTH)
    assert answer.status_code == 400
    message = answer.get_json()["ResourceException"]["Message"]
    assert message.count("no agent with id") == 20
    assert message.endswith("AgentIds ... and 99,980 more")
    assert len(answer.data) < 2000
