"""Verification over the admin API (``POST /__admin/verify``, ``AdminClient.verify``): a pass, a failure
that lists the closest requests seen with what differed, unknown operations refused with the valid
names (for verifications and fault rules alike), and ``assert_all_faults_fired``."""

from __future__ import annotations

import pytest
import requests

from mockdialer.admin import AdminError
from mockdialer.admin.client import VerificationError


def test_verify_passes_and_counts(admin, rest):
    rest("PUT", "/ccc/1001", data={"Name": "Spring drive"})
    result = admin.verify(operation="callfire.UpdateCccCampaign", account="demo-callfire", times=1)
    assert result["passed"] and result["matched"] == 1
    admin.verify(operation="callfire.*", body_contains="Spring drive")
    admin.verify(operation="callfire.GetCccCampaign", times=0)


def test_failure_lists_the_near_misses_with_what_differed(admin, rest):
    rest("PUT", "/ccc/1001", data={"Name": "Spring drive"})
    rest("GET", "/ccc/1001.json")
    with pytest.raises(VerificationError) as exc:
        admin.verify(operation="callfire.UpdateCccCampaign", account="other-callfire", body_contains="Summer")
    message = str(exc.value)
    assert message.startswith(
        "Expected operation='callfire.UpdateCccCampaign' account='other-callfire' body_contains='Summer' "
        "at least once, but 0 request(s) matched."
    )
    lines = message.splitlines()
    assert lines[1] == "Closest requests seen:"
    # the PUT differs in two ways, the GET in three: the PUT comes first
    assert "callfire.UpdateCccCampaign account='demo-callfire' PUT /api/1.1/rest/ccc/1001 -> 204" in lines[2]
    assert "account was 'demo-callfire', expected 'other-callfire'" in lines[2]
    assert lines[2].endswith("; body does not contain 'Summer'")
    assert "callfire.GetCccCampaign" in lines[3] and "operation was 'callfire.GetCccCampaign'" in lines[3]
    misses = exc.value.verification["near_misses"]
    assert [m["request"]["method"] for m in misses] == ["PUT", "GET"]
    assert isinstance(exc.value, AssertionError)


def test_wrong_count_is_a_failure_listing_the_matches(admin, rest):
    rest("PUT", "/ccc/1001", data={"Name": "A"})
    rest("PUT", "/ccc/1001", data={"Name": "B"})
    with pytest.raises(VerificationError, match=r"exactly 1 time\(s\), but 2 request\(s\) matched") as exc:
        admin.verify(operation="callfire.UpdateCccCampaign", times=1)
    assert ": matches" in str(exc.value)


def test_no_requests_at_all(admin):
    with pytest.raises(VerificationError, match="No vendor requests were recorded"):
        admin.verify(operation="acefone.update_campaign")


@pytest.mark.parametrize("operation", ["callfire.UpdateCampaign", "acefone.nothing*", "UpdateCccCampaign"])
def test_unknown_operation_is_a_400_listing_the_valid_names(admin, live, operation):
    with pytest.raises(AdminError) as exc:
        admin.verify(operation=operation)
    assert exc.value.status == 400
    assert "callfire.UpdateCccCampaign" in exc.value.message
    assert "acefone.update_campaign" in exc.value.message
    rule = {"action": "error", "status": 500, "operation": operation}
    r = requests.post(live.url + "/__admin/faults", json=rule)
    assert r.status_code == 400
    assert "Unknown operation" in r.json()["error"]["errors"]["operation"][0]


def test_globs_and_unmatched_names_stay_allowed(admin):
    for operation in ("acefone.*", "callfire.*Campaign*", "callfire.unknown", "callfire.wsdl"):
        admin.fault("delay", ms=1, operation=operation)
    assert len(admin.faults()) == 4


def test_assert_all_faults_fired(admin, rest):
    error = admin.fault("error", status=503, operation="callfire.GetCccCampaign", times=2)["id"]
    delay = admin.fault("delay", ms=1, operation="acefone.login")["id"]
    rest("GET", "/ccc/1001.json")
    with pytest.raises(AssertionError) as exc:
        admin.assert_all_faults_fired()
    text = str(exc.value)
    assert f"rule {error} error operation='callfire.GetCccCampaign'" in text and "fired 1 of 2" in text
    assert f"rule {delay} delay operation='acefone.login'" in text and "fired 0" in text
    rest("GET", "/ccc/1001.json")
    admin.clear_faults()
    admin.fault("error", status=503, operation="callfire.GetCccCampaign", times=1)
    rest("GET", "/ccc/1001.json")
    admin.assert_all_faults_fired()


def test_verify_body_is_validated(live):
    r = requests.post(live.url + "/__admin/verify", json={"times": -1, "status": 42})
    assert r.status_code == 422 and set(r.json()["error"]["errors"]) == {"times", "status"}
    r = requests.post(live.url + "/__admin/verify")
    assert r.status_code == 200 and r.json()["verification"]["passed"] is False
