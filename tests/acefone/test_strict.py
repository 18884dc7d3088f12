"""Strict mode (STRICT / MOCKDIALER_STRICT=1): the exact JSON types of the page's type column, unknown
fields rejected (docs/vendors/acefone.md)."""

from __future__ import annotations

import pytest

from mockdialer import create_app
from mockdialer.testing.live_server import LiveServer

from .conftest import PREVIEW, Api, create_body

CAMPAIGN = f"/v1/dialer/campaign/{PREVIEW}"


@pytest.fixture
def strict_api():
    with LiveServer(create_app({"DB": ":memory:", "STRICT": True})) as server:
        yield Api(server.url)


def test_exact_types_are_accepted(strict_api):
    body = {
        "name": "Strict",
        "dial_method": "1",
        "auto_dial_duration": "20",
        "agent_wise_caller_id": 1,
        "lead_list_map": [{"list_id": 5001, "list_status": 1}],
        "dial_status": ["0", "3"],
        "manual_lead_list": ["5002"],
        "agent": [100002],
        "enforce_agent_pause_code": 0,
        "map_agent_caller_id": "100002:1001",
    }
    assert strict_api("PUT", CAMPAIGN, json=body).status_code == 200
    assert strict_api("POST", "/v1/dialer/campaign", json=create_body()).status_code == 200


@pytest.mark.parametrize(
    "field,value,expected",
    [
        ("name", 5, "Must be a JSON string in strict mode; got integer."),
        ("dial_method", 1, "Must be a JSON string in strict mode; got integer."),
        ("auto_dial_duration", 10, "Must be a JSON string in strict mode; got integer."),
        ("outbound_caller_id", 1001, "Must be a JSON string in strict mode; got integer."),
        ("hide_lead_details", "1", "Must be a JSON integer in strict mode; got string."),
        ("hide_lead_details", True, "Must be a JSON integer in strict mode; got boolean."),
        ("enforce_agent_pause_code", "0", "Must be a JSON integer in strict mode; got string."),
        ("webform_url", None, "Field may not be null."),
        ("map_agent_caller_id", {"100002": "1001"}, "Must be a JSON string in strict mode; got object."),
    ],
)
def test_a_scalar_of_another_json_type_is_rejected(strict_api, field, value, expected):
    response = strict_api("PUT", CAMPAIGN, json={field: value})
    assert response.status_code == 422
    assert response.json()["errors"] == {field: [expected]}


def test_array_items_of_another_type_are_rejected(strict_api):
    body = {
        "dial_status": [0],
        "manual_lead_list": [5002],
        "agent": ["100002"],
        "lead_list_map": [{"list_id": 5001, "list_status": "1", "extra": 1}],
    }
    errors = strict_api("PUT", CAMPAIGN, json=body).json()["errors"]
    assert errors == {
        "lead_list_map": [
            "[0].list_status: Must be a JSON integer in strict mode; got string.",
            "[0].extra: Unknown field.",
        ],
        "dial_status": ["[0]: Must be a JSON string in strict mode; got integer."],
        "manual_lead_list": ["[0]: Must be a JSON string in strict mode; got integer."],
        "agent": ["[0]: Must be a JSON integer in strict mode; got string."],
    }


def test_unknown_fields_are_rejected(strict_api):
    response = strict_api("PUT", CAMPAIGN, json={"name": "x", "colour": "blue", "id": PREVIEW})
    assert response.status_code == 422
    assert response.json()["errors"] == {"colour": ["Unknown field."], "id": ["Unknown field."]}
    assert strict_api("GET", CAMPAIGN).json()["data"]["name"] != "x"


def test_strict_mode_from_the_environment(monkeypatch):
    monkeypatch.setenv("MOCKDIALER_STRICT", "1")
    client = create_app({"DB": ":memory:"}).test_client()
    headers = {"Authorization": "Bearer acefone-demo-token"}
    response = client.put(CAMPAIGN, json={"hide_lead_details": "1"}, headers=headers)
    assert response.status_code == 422
