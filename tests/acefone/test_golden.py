"""Exact Acefone wire bodies against golden files in tests/golden/acefone/.

Regenerate after an intended change with ``pytest tests/acefone --update-goldens``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockdialer.harness.clock import get_clock

from .conftest import DEMO_EMAIL, DEMO_PASSWORD, PREVIEW, READONLY_TOKEN, create_body

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "acefone"
FROZEN_AT = 1767605400  # 2026-01-05T09:30:00Z
TOKEN = {"Authorization": "Bearer acefone-demo-token"}
CAMPAIGN = f"/v1/dialer/campaign/{PREVIEW}"

# name: (method, path, kwargs, status)
CASES = {
    "login.json": ("POST", "/v1/auth/login", {"json": {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}}, 200),
    "login_incorrect.json": ("POST", "/v1/auth/login", {"json": {"email": DEMO_EMAIL, "password": "x"}}, 401),
    "login_invalid.json": ("POST", "/v1/auth/login", {"json": {}}, 401),
    "update.json": ("PUT", CAMPAIGN, {"json": {"name": "Golden"}, "headers": TOKEN}, 200),
    "create.json": ("POST", "/v1/dialer/campaign", {"json": create_body(), "headers": TOKEN}, 200),
    "get_one.json": ("GET", CAMPAIGN, {"headers": TOKEN}, 200),
    "list.json": ("GET", "/v1/dialer/campaign", {"headers": TOKEN}, 200),
    "delete.json": ("DELETE", CAMPAIGN, {"headers": TOKEN}, 200),
    "users.json": ("GET", "/v1/users", {"headers": TOKEN}, 200),
    "my_number.json": ("GET", "/v1/my_number", {"headers": TOKEN}, 200),
    "error_400.json": (
        "PUT",
        CAMPAIGN,
        {"data": b"[1]", "content_type": "application/json", "headers": TOKEN},
        400,
    ),
    "error_401.json": ("GET", CAMPAIGN, {}, 401),
    "error_403.json": ("PUT", CAMPAIGN, {"json": {}, "headers": {"Authorization": READONLY_TOKEN}}, 403),
    "error_404_campaign.json": ("GET", "/v1/dialer/campaign/999", {"headers": TOKEN}, 404),
    "error_404_route.json": ("GET", "/v1/no/such/route", {"headers": TOKEN}, 404),
    "error_405.json": ("PATCH", CAMPAIGN, {"headers": TOKEN}, 405),
    "error_413.json": (
        "PUT",
        CAMPAIGN,
        {"data": b"{}" + b" " * (1024 * 1024), "content_type": "application/json", "headers": TOKEN},
        413,
    ),
    "error_415.json": (
        "PUT",
        CAMPAIGN,
        {"data": b"name=x", "content_type": "text/plain", "headers": TOKEN},
        415,
    ),
    "error_422.json": (
        "PUT",
        CAMPAIGN,
        {"json": {"dial_method": "2", "hide_lead_details": 2, "agent": [1]}, "headers": TOKEN},
        422,
    ),
}


def _masked(text: str, name: str) -> str:
    """The login token differs on every call (its jti is random): the golden file holds its keys only."""
    if name != "login.json":
        return text
    body = json.loads(text)
    body["access_token"] = "<jwt>"
    return json.dumps(body, sort_keys=True)


@pytest.mark.parametrize("name", sorted(CASES))
def test_wire_body_matches_golden(app, client, name, golden):
    get_clock(app).freeze(FROZEN_AT)
    method, path, kwargs, status = CASES[name]
    response = client.open(path, method=method, **kwargs)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    text = _masked(response.get_data(as_text=True).strip(), name)
    golden(GOLDEN / name, (text + "\n").encode())
