"""Dialer campaign endpoints over real HTTP in lenient mode (docs/vendors/acefone.md "Dialer campaign
endpoints")."""

from __future__ import annotations

import pytest

from mockdialer.acefone.schemas import CREATE_MANDATORY, FIELD_ORDER

from .conftest import INBOUND, PREVIEW, RATIO, create_body

CAMPAIGN = "/v1/dialer/campaign"


def _get(api, campaign_id: str) -> dict:
    response = api("GET", f"{CAMPAIGN}/{campaign_id}")
    assert response.status_code == 200
    return response.json()["data"]


def test_create_then_read_back_every_field(api):
    response = api("POST", CAMPAIGN, json=create_body(description="From the test"))
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and body["message"] == "Campaign created successfully"
    campaign_id = body["campaign_id"]
    assert isinstance(campaign_id, str)
    data = _get(api, campaign_id)
    assert set(data) == {"id", "created_at", "updated_at", *FIELD_ORDER}
    assert len(FIELD_ORDER) == 51
    assert data["id"] == campaign_id and data["name"] == "Test Campaign"
    assert data["description"] == "From the test" and data["dial_status"] == ["0"]
    assert data["enable_inbound"] == 0 and data["lead_list_map"] == [] and data["time_group"] is None
    assert data["created_at"] == data["updated_at"]


def test_create_reports_every_missing_mandatory_field_at_once(api):
    before = api("GET", CAMPAIGN).json()["count"]
    response = api("POST", CAMPAIGN, json={"description": "only this"})
    assert response.status_code == 422
    body = response.json()
    assert body["success"] is False
    assert set(body["errors"]) == set(CREATE_MANDATORY)
    assert body["message"] == "name: Missing data for required field."
    assert api("GET", CAMPAIGN).json()["count"] == before


@pytest.mark.parametrize("field", CREATE_MANDATORY)
def test_a_create_mandatory_field_may_not_be_blank(api, field):
    value = [] if field == "dial_status" else ""
    response = api("POST", CAMPAIGN, json=create_body(**{field: value}))
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_list_has_data_and_count(api):
    body = api("GET", CAMPAIGN).json()
    assert body["success"] is True and body["count"] == len(body["data"]) == 3
    assert [c["id"] for c in body["data"]] == [PREVIEW, RATIO, INBOUND]


def test_partial_update_keeps_omitted_fields(api, clock):
    before = _get(api, PREVIEW)
    clock.advance(5)
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"name": "Renamed"})
    assert response.status_code == 200
    assert response.json() == {"success": True, "message": "Campaign updated successfully"}
    after = _get(api, PREVIEW)
    assert after["name"] == "Renamed"
    assert {k: v for k, v in after.items() if k not in ("name", "updated_at")} == {
        k: v for k, v in before.items() if k not in ("name", "updated_at")
    }
    assert after["updated_at"] > before["updated_at"]


def test_update_has_no_mandatory_field(api):
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={}).status_code == 200


def test_unknown_campaign_is_404(api):
    for method in ("GET", "PUT", "DELETE"):
        response = api(method, f"{CAMPAIGN}/999999", json={} if method == "PUT" else None)
        assert response.status_code == 404
        assert response.json() == {
            "success": False,
            "message": "No dialer campaign with id 999999 in this account.",
        }


def test_delete(api):
    response = api("DELETE", f"{CAMPAIGN}/{RATIO}")
    assert response.json() == {"success": True, "message": "Campaign deleted successfully"}
    assert api("GET", f"{CAMPAIGN}/{RATIO}").status_code == 404
    assert api("DELETE", f"{CAMPAIGN}/{RATIO}").status_code == 404


# ----- conditional rules, on the campaign as it would be after the update


def test_switching_to_ratio_needs_dial_ratio(api):
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"dial_method": "2"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"dial_ratio": ["Required when dial_method is 2 (Ratio)."]}
    assert _get(api, PREVIEW)["dial_method"] == "1"  # nothing stored
    assert (
        api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"dial_method": "2", "dial_ratio": "4"}).status_code == 200
    )


def test_ratio_campaign_switching_to_preview_needs_auto_dial_duration(api):
    response = api("PUT", f"{CAMPAIGN}/{RATIO}", json={"dial_method": 1})
    assert response.json()["errors"] == {"auto_dial_duration": ["Required when dial_method is 1 (Preview)."]}


def test_stored_value_satisfies_the_rule(api):
    # 40001 already has auto_dial_duration, so dial_method 1 alone passes
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"dial_method": "1"}).status_code == 200


def test_clearing_a_needed_field_is_refused(api):
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"auto_dial_duration": ""})
    assert response.status_code == 422 and "auto_dial_duration" in response.json()["errors"]


def test_manual_dial_needs_a_manual_lead_list(api):
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"manual_dial_enabled": 1})
    assert response.json()["errors"] == {"manual_lead_list": ["Required when manual_dial_enabled is 1."]}
    ok = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"manual_dial_enabled": 1, "manual_lead_list": ["5002"]})
    assert ok.status_code == 200


def test_inbound_needs_queue_and_lead_list(api):
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"enable_inbound": "1"})
    assert response.json()["errors"] == {
        "inbound_queue": ["Required when enable_inbound is 1."],
        "inbound_lead_list": ["Required when enable_inbound is 1."],
    }
    # 40003 has both stored: turning inbound off and on again passes
    assert api("PUT", f"{CAMPAIGN}/{INBOUND}", json={"enable_inbound": 0}).status_code == 200
    assert api("PUT", f"{CAMPAIGN}/{INBOUND}", json={"enable_inbound": 1}).status_code == 200


def _map(*active_flags):
    return [{"list_id": 5001 + i, "list_status": flag} for i, flag in enumerate(active_flags)]


def test_at_most_three_active_lead_lists(api):
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"lead_list_map": _map(1, 1, 1, 0, 0)}).status_code == 200
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"lead_list_map": _map(1, 1, 1, 1)})
    assert response.status_code == 422
    assert response.json()["errors"]["lead_list_map"] == [
        "At most 3 lead lists may be active (list_status 1); got 4."
    ]
    assert _get(api, PREVIEW)["lead_list_map"] == _map(1, 1, 1, 0, 0)


def test_lead_list_map_entries_are_checked(api):
    body = {
        "lead_list_map": [
            {"list_id": 5001},
            {"list_id": "abc", "list_status": 2},
            7,
            {"list_id": 999, "list_status": 1},
        ]
    }
    problems = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body).json()["errors"]["lead_list_map"]
    assert problems == [
        "[0].list_status: Missing data for required field.",
        "[1].list_id: Must be a lead list id (a whole number such as 5001).",
        "[1].list_status: Must be 0 or 1.",
        "[2]: Invalid input type.",
        "No lead list with id 999 in this account.",
    ]


# ----- enums, flags, numbers, URLs

ENUMS = {
    "dial_method": ("1", "2"),
    "list_traversal_order": ("1", "2", "3"),
    "ring_strategy": ("1", "2", "3"),
    "connect_agent_through": ("1", "2", "3"),
    "dial_in_type": ("1", "2", "3"),
}


@pytest.mark.parametrize("field", sorted(ENUMS))
def test_enumerations_take_only_their_documented_values(api, field):
    extra = {"auto_dial_duration": "5", "dial_ratio": "2"}
    for value in ENUMS[field]:
        assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: value, **extra}).status_code == 200
    for bad in ("0", "4", "x", 9):
        response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: bad})
        assert response.status_code == 422 and field in response.json()["errors"], bad


FLAGS = [
    "agent_wise_caller_id", "agent_wise_lead_list", "hide_lead_details", "update_lead_details",
    "automatic_schedule_call_enabled", "enable_hangup", "enable_external_transfer", "enable_web_form",
    "enable_transfer", "agent_only_callback", "enforce_agent_pause_code", "enable_agent_opt_out",
    "enable_auto_answer",
]  # fmt: skip


@pytest.mark.parametrize("field", FLAGS)
def test_flags_take_php_like_zero_and_one_stored_as_integers(api, field):
    for sent, stored in [(1, 1), ("0", 0), (True, 1), (False, 0), ("1", 1), (0, 0)]:
        assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: sent}).status_code == 200
        assert _get(api, PREVIEW)[field] == stored
    for bad in (2, "2", "yes", -1, None, 0.5):
        response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: bad})
        assert response.status_code == 422 and field in response.json()["errors"], bad


NUMBERS = [
    "auto_dial_duration", "number_of_retry", "retry_after_minutes", "auto_disposition_cancel_duration",
    "ring_timeout", "after_call_work_duration", "dial_ratio", "call_qualification_duration", "queue_timeout",
]  # fmt: skip


@pytest.mark.parametrize("field", NUMBERS)
def test_numbers_are_whole_non_negative_stored_as_strings(api, field):
    for sent, stored in [(30, "30"), ("45", "45"), ("0", "0"), (12.0, "12")]:
        assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: sent}).status_code == 200
        assert _get(api, PREVIEW)[field] == stored
    for bad in (-1, "-5", "1.5", 2.5, "ten", True, [1]):
        response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: bad})
        assert response.status_code == 422 and field in response.json()["errors"], bad


def test_webform_url_must_be_http_or_https(api):
    for good in ("https://crm.example.in/form?id=1", "http://localhost:8080/f"):
        assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"webform_url": good}).status_code == 200
    for bad in ("ftp://x.example/f", "not a url", "javascript:alert(1)", 5):
        response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"webform_url": bad})
        assert response.json()["errors"] == {"webform_url": ["Must be an http or https URL."]}, bad


def test_arrays_must_be_arrays(api):
    body = {"dial_status": "0", "agent": 100002, "manual_lead_list": "5001", "lead_list_map": {"list_id": 1}}
    errors = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body).json()["errors"]
    assert errors == {k: ["Must be an array."] for k in body}


def test_lenient_numbers_for_ids_are_stored_as_strings(api):
    body = {
        "outbound_caller_id": 1002,
        "agent": ["100004", 100005],
        "manual_lead_list": [5002],
        "dial_status": [0, "1"],
    }
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body).status_code == 200
    data = _get(api, PREVIEW)
    assert data["outbound_caller_id"] == "1002" and data["agent"] == [100004, 100005]
    assert data["manual_lead_list"] == ["5002"] and data["dial_status"] == ["0", "1"]


def test_unknown_fields_are_ignored_in_lenient_mode(api):
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"name": "Kept", "colour": "blue", "id": "1"})
    assert response.status_code == 200
    data = _get(api, PREVIEW)
    assert data["name"] == "Kept" and "colour" not in data and data["id"] == PREVIEW


# ----- references


REFERENCES = {
    "outbound_caller_id": "1002",
    "disposition_list": "3002",
    "time_group": "4002",
    "time_group_recording": "9003",
    "agent_script": "6002",
    "quick_transfer_list": "8001",
    "account_dnd_list": "8802",
    "music_on_hold": "9001",
    "announcement_recording": "9002",
    "break_list": "7002",
    "inbound_queue": "8502",
    "inbound_lead_list": "5005",
}


@pytest.mark.parametrize("field", sorted(REFERENCES))
def test_each_reference_must_exist_in_the_account(api, field):
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: REFERENCES[field]}).status_code == 200
    assert _get(api, PREVIEW)[field] == REFERENCES[field]
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={field: "777777"})
    assert response.status_code == 422
    [problem] = response.json()["errors"][field]
    assert problem.startswith("No ") and problem.endswith("with id 777777 in this account.")


def test_the_other_accounts_ids_do_not_exist_here(api):
    body = {
        "outbound_caller_id": "2001",
        "disposition_list": "23001",
        "agent": [200002],
        "manual_lead_list": ["25001"],
        "lead_list_map": [{"list_id": 25002, "list_status": 1}],
    }
    errors = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body).json()["errors"]
    assert set(errors) == set(body)


def test_every_problem_is_reported_at_once_and_nothing_is_stored(api):
    before = _get(api, PREVIEW)
    body = {
        "name": "Should not be stored",
        "dial_method": "2",
        "ring_strategy": "9",
        "hide_lead_details": 3,
        "agent": [424242],
        "webform_url": "nope",
    }
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"errors", "message", "success"}
    assert set(body["errors"]) == {"dial_ratio", "ring_strategy", "hide_lead_details", "agent", "webform_url"}
    assert body["message"] == "hide_lead_details: Must be 0 or 1."  # the first problem in the page's order
    assert _get(api, PREVIEW) == before


def test_lenient_null_unsets_an_optional_scalar_only(api):
    unset = {"time_group": None, "description": None}
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=unset).status_code == 200
    data = _get(api, PREVIEW)
    assert data["time_group"] is None and data["description"] is None
    body = {"name": None, "hide_lead_details": None, "agent": None, "dial_status": [None]}
    errors = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body).json()["errors"]
    assert set(errors) == set(body)
    # the rule still holds: Preview without auto_dial_duration
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"auto_dial_duration": None})
    assert response.json()["errors"] == {"auto_dial_duration": ["Required when dial_method is 1 (Preview)."]}


def test_lead_list_ids_read_back_as_sent_and_may_not_repeat(api):
    sent = [{"list_id": "5001", "list_status": 1}, {"list_id": 5002, "list_status": 0}]
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"lead_list_map": sent}).status_code == 200
    assert _get(api, PREVIEW)["lead_list_map"] == sent
    twice = [{"list_id": "5001", "list_status": 1}, {"list_id": 5001, "list_status": 0}]
    response = api("PUT", f"{CAMPAIGN}/{PREVIEW}", json={"lead_list_map": twice})
    assert response.json()["errors"] == {"lead_list_map": ["list_id 5001 appears twice."]}


def test_lenient_enumerations_take_numbers_and_blank_unsets_an_optional_field(api):
    body = {"ring_strategy": 2, "list_traversal_order": 3, "dial_in_type": "2", "time_group": ""}
    assert api("PUT", f"{CAMPAIGN}/{PREVIEW}", json=body).status_code == 200
    data = _get(api, PREVIEW)
    assert (data["ring_strategy"], data["list_traversal_order"], data["dial_in_type"]) == ("2", "3", "2")
    assert data["time_group"] == ""
