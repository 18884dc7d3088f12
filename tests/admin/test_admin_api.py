"""Admin API: envelope, health, reset (all or one account), seed (inline and folder), validation."""

from __future__ import annotations

import json
from importlib.metadata import version

import pytest
import requests

from mockdialer.admin import AdminError


def campaign_name(rest, campaign_id, auth=None):
    kwargs = {"auth": auth} if auth else {}
    return rest("GET", f"/ccc/{campaign_id}.json", **kwargs).json()["Resource"]["CccCampaign"]["Name"]


def test_health_counts_objects_per_vendor_and_account(admin):
    health = admin.health()
    assert health["ok"] is True and health["status"] == "ok"
    assert health["version"] == version("mockdialer")
    assert health["vendors"]["callfire"]["demo-callfire"]["campaigns"] == 3
    assert health["vendors"]["callfire"]["other-callfire"]["campaigns"] == 1
    assert health["journal"] == {"size": 0, "max": 1000}


def test_unknown_admin_route_and_wrong_method_use_the_admin_envelope(live):
    missing = requests.get(live.url + "/__admin/nope", timeout=5)
    assert missing.status_code == 404
    message = "No such route: GET /__admin/nope"
    assert missing.json() == {"ok": False, "error": {"status": 404, "message": message}}
    wrong = requests.put(live.url + "/__admin/health", timeout=5)
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "GET"
    assert wrong.json()["ok"] is False


def test_non_object_body_is_a_400_in_the_admin_envelope(live):
    r = requests.post(
        live.url + "/__admin/faults", data="[1]", headers={"Content-Type": "application/json"}, timeout=5
    )
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "The body must be a JSON object"


def test_reset_everything_restores_state_and_clears_journal_faults_clock(admin, rest):
    assert rest("PUT", "/ccc/1001", data={"Name": "Changed"}).status_code == 204
    admin.fault("delay", ms=1, vendor="nobody")
    admin.clock.freeze("2031-01-01T00:00:00Z")
    admin.reset()
    assert admin.requests() == [] and admin.faults() == []
    assert admin.clock.state()["frozen"] is False
    assert campaign_name(rest, 1001) == "Demo Customer Survey"


def test_reset_one_account_keeps_the_other_accounts_changes(admin, rest):
    other = ("other-callfire", "other-password")
    rest("PUT", "/ccc/1001", data={"Name": "Demo changed"})
    rest("PUT", "/ccc/1101", data={"Name": "Other changed"}, auth=other)
    rest("POST", "/ccc", data={"Name": "Brand new"})
    assert admin.reset(vendor="callfire", account="demo-callfire") == {
        "vendor": "callfire",
        "account": "demo-callfire",
    }
    assert campaign_name(rest, 1001) == "Demo Customer Survey"
    assert campaign_name(rest, 1101, auth=other) == "Other changed"
    assert admin.health()["vendors"]["callfire"]["demo-callfire"]["campaigns"] == 3
    assert admin.count() == 5  # a partial reset leaves the journal alone


def test_reset_unknown_vendor_is_422(admin):
    with pytest.raises(AdminError) as exc:
        admin.reset(vendor="nope")
    assert exc.value.status == 422 and "vendor" in exc.value.errors


def _account(login):
    return {
        "account": login,
        "login": login,
        "password": "pw-" + login,
        "sounds": [],
        "agentGroups": [],
        "campaigns": [{"id": 1901, "Name": "Seeded", "Status": "SETUP", "FromNumber": "13105551212"}],
    }


def test_seed_inline_adds_an_account_that_can_log_in(admin, rest):
    assert admin.seed({"callfire": [_account("seeded-one")]}) == {"callfire": 1}
    assert campaign_name(rest, 1901, auth=("seeded-one", "pw-seeded-one")) == "Seeded"
    assert admin.health()["vendors"]["callfire"]["seeded-one"]["campaigns"] == 1
    admin.reset()
    assert "seeded-one" not in admin.health()["vendors"]["callfire"]


def test_seed_bare_fixtures_format_and_folder(admin, live, tmp_path):
    r = requests.post(live.url + "/__admin/seed", json={"callfire": [_account("bare-one")]}, timeout=5)
    assert r.status_code == 200 and r.json() == {"ok": True, "seeded": {"callfire": 1}}
    (tmp_path / "callfire").mkdir()
    (tmp_path / "callfire" / "x.json").write_text(json.dumps(_account("folder-one")))
    assert admin.seed(folder=str(tmp_path)) == {"callfire": 1}
    assert set(admin.health()["vendors"]["callfire"]) >= {"bare-one", "folder-one"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nope": []}, "fixtures"),  # no such vendor
        ({"folder": "/no/such/folder"}, "folder"),
        ({"folder": "/tmp", "fixtures": {}}, "_schema"),
        ({"callfire": [{"account": "broken"}]}, "fixtures"),  # a document its seeder cannot take
    ],
)
def test_seed_refuses_bad_input_with_422(live, body, field):
    r = requests.post(live.url + "/__admin/seed", json=body, timeout=5)
    assert r.status_code == 422
    assert field in r.json()["error"]["errors"]


def test_fault_rule_validation_names_every_problem(live):
    r = requests.post(live.url + "/__admin/faults", json={"action": "explode", "times": 0}, timeout=5)
    assert r.status_code == 422
    assert set(r.json()["error"]["errors"]) == {"action", "times"}
    for body, field in [
        ({"action": "error"}, "status"),
        ({"action": "delay"}, "ms"),
        ({"action": "rate_limit", "status": 500}, "status"),
        ({"action": "drop", "seed": 3}, "seed"),
        ({"action": "drop", "colour": "red"}, "colour"),
    ]:
        r = requests.post(live.url + "/__admin/faults", json=body, timeout=5)
        assert r.status_code == 422, body
        assert field in r.json()["error"]["errors"], body
