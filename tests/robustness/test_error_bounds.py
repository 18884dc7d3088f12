"""Error answers stay small whatever the request holds: at most 20 fields, each with at most 20
problems, and a count of the rest (docs/security.md, "Bounded answers")."""

from __future__ import annotations

from mockdialer import create_app

ACEFONE = {"Authorization": "Bearer acefone-demo-token"}


def test_acefone_lists_twenty_fields_and_counts_the_rest():
    client = create_app({"DB": ":memory:", "STRICT": True}).test_client()
    body = {f"unknown_{i}": 1 for i in range(500)}
    response = client.put("/v1/dialer/campaign/40001", json=body, headers=ACEFONE)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert len(errors) == 21
    assert errors["_more"] == ["... and 480 more fields with problems"]
    assert len(response.data) < 2000
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).get_json()["success"] is True


def test_the_admin_api_bounds_its_errors_too():
    client = create_app({"DB": ":memory:"}).test_client()
    rule = {"action": "bogus", **{f"k{i}": i for i in range(300)}}
    response = client.post("/__admin/faults", json=rule)
    assert response.status_code == 422
    errors = response.get_json()["error"]["errors"]
    assert len(errors) == 21 and errors["_more"] == ["... and 281 more fields with problems"]
    assert client.get("/__admin/faults").get_json()["faults"] == []


def test_a_few_problems_are_all_listed():
    client = create_app({"DB": ":memory:"}).test_client()
    response = client.put("/v1/dialer/campaign/40001", json={"dial_method": "9", "name": ""}, headers=ACEFONE)
    errors = response.get_json()["errors"]
    assert set(errors) == {"dial_method", "name"}
