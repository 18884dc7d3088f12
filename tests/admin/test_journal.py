"""The request journal: what an entry holds, redaction, filters, count, clear, bound."""

from __future__ import annotations

import base64
import json

import pytest

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.harness.journal import Journal, redact, redact_header


def test_entry_holds_what_the_client_sent_and_got(admin, rest):
    assert rest("PUT", "/ccc/1001", data={"Name": "Renamed", "RequestId": "r-1"}).status_code == 204
    (entry,) = admin.requests()
    assert entry["vendor"] == "callfire" and entry["transport"] == "callfire.rest"
    assert entry["operation"] == "callfire.UpdateCccCampaign"
    assert entry["account"] == "demo-callfire"
    assert (entry["method"], entry["path"], entry["status"]) == ("PUT", "/api/1.1/rest/ccc/1001", 204)
    assert entry["body"]["RequestId"] == "r-1"
    assert entry["body"]["CccCampaign"]["Name"] == "Renamed"
    assert entry["time"].endswith("Z") and entry["faults"] == []
    get = rest("GET", "/ccc/1001.json")
    assert admin.requests()[-1]["response_body"] == get.json()


def test_credentials_are_redacted_everywhere(admin, rest):
    rest("GET", "/ccc/1001.json")
    (entry,) = admin.requests()
    assert entry["headers"]["Authorization"] == "Basic ***"
    dump = json.dumps(entry)
    encoded = base64.b64encode(b"demo-callfire:demo-password").decode()
    assert "demo-password" not in dump and encoded not in dump


def test_redaction_of_bodies_and_headers():
    body = {"email": "a@b", "password": "x", "nested": [{"access_token": "t", "token_type": "bearer"}]}
    assert redact(body) == {
        "email": "a@b",
        "password": "***",
        "nested": [{"access_token": "***", "token_type": "bearer"}],
    }
    assert redact_header("Authorization", "Bearer eyJabc") == "Bearer ***"
    assert redact_header("Authorization", "eyJabc.def") == "***"
    assert redact_header("X-Api-Token", "abc") == "***"
    assert redact_header("Content-Type", "application/json") == "application/json"


def test_admin_calls_are_not_journaled(admin, rest):
    admin.health()
    admin.faults()
    rest("GET", "/ccc/1001.json")
    assert [e["path"] for e in admin.requests()] == ["/api/1.1/rest/ccc/1001.json"]


def test_filters_and_count(admin, rest):
    admin.clock.freeze("2030-01-01T00:00:00Z")
    rest("GET", "/ccc/1001.json")
    admin.clock.advance(60)
    rest("PUT", "/ccc/1001", data={"Name": "x"})
    rest("GET", "/ccc/1101.json", auth=("other-callfire", "other-password"))
    rest("GET", "/ccc/1001.json", auth=("demo-callfire", "wrong"))
    assert admin.count() == 4
    assert [e["method"] for e in admin.requests(method="put")] == ["PUT"]
    assert admin.count(operation="callfire.GetCccCampaign") == 3
    assert admin.count(operation="callfire.*CccCampaign") == 4
    assert admin.count(account="other-callfire") == 1
    assert admin.count(status=401) == 1
    assert admin.count(path="/api/1.1/rest/ccc/1001*") == 3
    assert admin.count(vendor="callfire", transport="callfire.rest") == 4
    assert admin.count(since="2030-01-01T00:00:30Z") == 3
    assert admin.count(since=1893456030) == 3
    assert [e["account"] for e in admin.requests(limit=2)] == ["other-callfire", None]
    assert admin.clear_requests() == 4 and admin.count() == 0


def test_bad_filter_is_422(live):
    import requests

    query = {"since": "yesterday", "colour": "red"}
    r = requests.get(live.url + "/__admin/requests", params=query, timeout=5)
    assert r.status_code == 422
    assert set(r.json()["error"]["errors"]) == {"since", "colour"}


def test_journal_keeps_only_the_newest_entries():
    app = create_app({**{k: getattr(TestingConfig, k) for k in ("TESTING", "DB")}, "JOURNAL_MAX": 3})
    client = app.test_client()
    for campaign in (1, 2, 3, 4, 5):
        client.get(f"/api/1.1/rest/ccc/{campaign}.json")
    entries = client.get("/__admin/requests").get_json()["requests"]
    assert [e["path"][-6:] for e in entries] == ["3.json", "4.json", "5.json"]
    assert [e["id"] for e in entries] == [3, 4, 5]
    assert client.get("/__admin/health").get_json()["journal"] == {"size": 3, "max": 3}


def test_unknown_filter_name_in_process_is_a_type_error():
    with pytest.raises(TypeError):
        Journal().entries(colour="red")


def test_entries_are_listed_in_arrival_order_whenever_they_end():
    journal = Journal()
    first, second = journal.reserve(), journal.reserve()
    journal.record({"path": "/retry", "status": 200}, second)  # a retry answered before the drop ended
    journal.record({"path": "/dropped", "status": None}, first)
    assert [(e["id"], e["path"]) for e in journal.entries()] == [(first, "/dropped"), (second, "/retry")]
    assert [e["path"] for e in journal.entries(limit=1)] == ["/retry"]


def test_a_filter_given_twice_is_422_naming_it(live):
    import requests

    r = requests.get(live.url + "/__admin/requests?limit=&limit=x&limit=2", timeout=5)
    assert r.status_code == 422
    assert set(r.json()["error"]["errors"]) == {"limit"}
    # a form's unset filters
    unset = requests.get(live.url + "/__admin/requests?limit=&operation=", timeout=5)
    assert unset.status_code == 200
