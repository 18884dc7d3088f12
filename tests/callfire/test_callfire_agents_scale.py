"""Agents at scale (issue 23), through the Flask test client: many agents added at once are queried and
listed correctly, and an error naming many unknown ids stays bounded. Speed is measured by
``bench/agents.py`` (docs/benchmarks.md), not here."""

from __future__ import annotations

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
REST = "/api/1.1/rest"


def test_many_new_agents_are_queried_and_listed(client):
    emails = [f"agent{i}@scale.example" for i in range(2000)]
    answer = client.post(f"{REST}/ccc/1001/agent", data={"AgentEmails": " ".join(emails)}, headers=AUTH)
    assert answer.status_code == 204
    first = client.get(f"{REST}/ccc/agent.json?MaxResults=1&FirstResult=4", headers=AUTH).get_json()
    assert first["ResourceList"]["@totalResults"] == 2004
    (agent,) = first["ResourceList"]["Agent"]
    assert agent["Email"] == emails[0] and agent["CampaignIds"] == "1001"
    on_1001 = client.get(f"{REST}/ccc/agent.json?CampaignId=1001&MaxResults=0", headers=AUTH).get_json()
    assert on_1001["ResourceList"]["@totalResults"] == 2001  # Alice was on it already
    listed = client.get(f"{REST}/ccc/1001/agent.json", headers=AUTH).get_json()["ResourceList"]
    assert listed["@totalResults"] == 2001 == len(listed["Agent"])
    in_group = client.get(f"{REST}/ccc/agent.json?AgentGroupName=Demo Sales Team", headers=AUTH).get_json()
    assert [a["@id"] for a in in_group["ResourceList"]["Agent"]] == [4001, 4002]


def test_an_error_lists_at_most_twenty_unknown_ids_and_counts_the_rest(client):
    unknown = " ".join(str(900_000 + i) for i in range(100_000))
    answer = client.post(f"{REST}/ccc/1001/agent.json", data={"AgentIds": unknown}, headers=AUTH)
    assert answer.status_code == 400
    message = answer.get_json()["ResourceException"]["Message"]
    assert message.count("no agent with id") == 20
    assert message.endswith("AgentIds ... and 99,980 more")
    assert len(answer.data) < 2000
