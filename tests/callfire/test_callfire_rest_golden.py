"""Exact CallFire REST wire bodies against golden files in tests/golden/callfire/rest/.

Regenerate after an intended change with ``pytest tests/callfire --update-goldens``.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

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
    "error_400.xml": ("PUT", "/ccc/1001", {"MultilineDialingRatio": "5"}, 400),
    "error_400.json": ("PUT", "/ccc/1001.json", {"MultilineDialingRatio": "5"}, 400),
    "error_404.xml": ("GET", "/ccc/999", None, 404),
    "error_404.json": ("GET", "/ccc/999.json", None, 404),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_wire_body_matches_golden(app, client, name, golden):
    app.extensions["mockdialer.clock"].freeze(FROZEN_AT)
    method, path, data, status = CASES[name]
    response = client.open("/api/1.1/rest" + path, method=method, data=data, headers=AUTH)
    assert response.status_code == status
    golden(GOLDEN / name, response.data)


def test_created_campaign_with_defaults_matches_golden(app, client, golden):
    app.extensions["mockdialer.clock"].freeze(FROZEN_AT)
    created = client.post("/api/1.1/rest/ccc.json", data={"Name": "Golden"}, headers=AUTH)
    new_id = created.get_json()["ResourceReference"]["Id"]
    response = client.get(f"/api/1.1/rest/ccc/{new_id}", headers=AUTH)
    golden(GOLDEN / "created_campaign.xml", response.data)


def test_unauthorized_body_matches_golden(client, golden):
    response = client.get("/api/1.1/rest/ccc/1001")
    assert response.status_code == 401
    golden(GOLDEN / "error_401.xml", response.data)
