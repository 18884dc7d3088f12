"""Fault rules: each action in the vendor's shape, scope by count and seeded probability, late matching."""

from __future__ import annotations

import time

import pytest
import requests


def test_error_renders_the_vendors_own_shape(admin, rest, live):
    admin.fault("error", status=503, vendor="callfire")
    r = rest("GET", "/ccc/1001.json")
    assert r.status_code == 503
    assert r.json() == {"ResourceException": {"HttpStatus": 503, "Message": "Service unavailable"}}
    soap = requests.get(admin.callfire_wsdl_url, timeout=5)
    assert soap.status_code == 503
    assert "Fault" in soap.text and "UNAVAILABLE" in soap.text


def test_error_status_and_message_are_the_rules(admin, rest):
    admin.fault("error", status=502, message="upstream down", times=1)
    r = rest("GET", "/ccc/1001.json")
    assert r.status_code == 502
    assert r.json()["ResourceException"]["Message"] == "upstream down"


def test_times_limits_the_rule_to_the_next_n_matching_requests(admin, rest):
    rule = admin.fault("error", status=500, method="GET", path="/api/1.1/rest/ccc/*", times=2)
    assert rest("PUT", "/ccc/1001", data={"Name": "x"}).status_code == 204  # method does not match
    statuses = [rest("GET", "/ccc/1001.json").status_code for _ in range(3)]
    assert statuses == [500, 500, 200]
    (state,) = admin.faults()
    assert (state["id"], state["fired"], state["remaining"]) == (rule["id"], 2, 0)
    assert [e["faults"] for e in admin.requests(status=500)] == [[{"id": rule["id"], "action": "error"}]] * 2


def test_rate_limit_is_429_with_retry_after(admin, rest):
    admin.fault("rate_limit", retry_after=7, times=1)
    r = rest("GET", "/ccc/1001")
    assert r.status_code == 429 and r.headers["Retry-After"] == "7"
    assert "<r:HttpStatus>429</r:HttpStatus>" in r.text
    assert rest("GET", "/ccc/1001").status_code == 200


def test_delay_holds_the_answer_then_answers_normally(admin, rest):
    admin.fault("delay", ms=150, times=1)
    started = time.perf_counter()
    r = rest("GET", "/ccc/1001.json")
    assert time.perf_counter() - started >= 0.15
    assert r.status_code == 200
    assert admin.requests()[0]["faults"][0]["action"] == "delay"


def test_drop_closes_the_connection_without_an_answer_and_changes_nothing(admin, rest):
    admin.fault("drop", operation="callfire.UpdateCccCampaign", times=1)
    with pytest.raises(requests.ConnectionError):
        rest("PUT", "/ccc/1001", data={"Name": "Lost"})
    assert rest("GET", "/ccc/1001.json").json()["Resource"]["CccCampaign"]["Name"] == "Demo Customer Survey"
    dropped = admin.requests(operation="callfire.UpdateCccCampaign")[0]
    assert dropped["status"] is None and dropped["faults"][0]["action"] == "drop"


def test_account_rule_applies_after_auth_and_before_any_write(admin, rest):
    admin.fault("error", status=503, account="other-callfire", operation="callfire.UpdateCccCampaign")
    other = ("other-callfire", "other-password")
    assert rest("PUT", "/ccc/1001", data={"Name": "Demo ok"}).status_code == 204
    assert rest("GET", "/ccc/1101.json", auth=other).status_code == 200
    assert rest("PUT", "/ccc/1101", data={"Name": "Never"}, auth=other).status_code == 503
    assert rest("PUT", "/ccc/1101", data={"Name": "Never"}, auth=("other-callfire", "bad")).status_code == 401
    name = rest("GET", "/ccc/1101.json", auth=other).json()["Resource"]["CccCampaign"]["Name"]
    assert name == "Other Outreach"
    assert admin.faults()[0]["fired"] == 1


def _pattern(admin, rest, n=24):
    admin.fault("error", status=503, probability=0.5, seed=1234)
    return [rest("GET", "/ccc/1001.json").status_code for _ in range(n)]


def test_probability_with_a_seed_repeats_exactly(admin, rest):
    first = _pattern(admin, rest)
    admin.reset()
    assert _pattern(admin, rest) == first
    assert set(first) == {200, 503}


def test_delete_one_rule_and_all_rules(admin, rest, live):
    keep = admin.fault("error", status=500, path="/nowhere")
    gone = admin.fault("error", status=503)
    admin.delete_fault(gone["id"])
    assert [r["id"] for r in admin.faults()] == [keep["id"]]
    assert rest("GET", "/ccc/1001.json").status_code == 200
    assert requests.delete(f"{live.url}/__admin/faults/{gone['id']}", timeout=5).status_code == 404
    assert admin.clear_faults() == 1 and admin.faults() == []


def test_drop_without_a_socket_answers_503_in_the_test_client(app):
    client = app.test_client()
    client.post("/__admin/faults", json={"action": "drop"})
    r = client.get("/api/1.1/rest/ccc/1001.json")
    assert r.status_code == 503
    assert r.get_json()["ResourceException"]["HttpStatus"] == 503
