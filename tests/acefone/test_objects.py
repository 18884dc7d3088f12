"""Account objects over real HTTP: list endpoints to discover ids, their writes, and account isolation."""

from __future__ import annotations

import pytest

from mockdialer.acefone.objects import KINDS

from .conftest import OTHER_TOKEN, OTHERS, PREVIEW, create_body

LISTS = {
    "/v1/my_number": {"1001", "1002", "1003"},
    "/v1/broadcast/lists": {"5001", "5002", "5003", "5004", "5005"},
    "/v1/dialer/disposition_list": {"3001", "3002"},
    "/v1/timegroups": {"4001", "4002"},
    "/v1/users": {100001, 100002, 100003, 100004, 100005, 100006},
    "/v1/recordings": {"9001", "9002", "9003", "9004"},
    "/v1/dialer/agent_script": {"6001", "6002"},
    "/v1/dialer/break_list": {"7001", "7002"},
    "/v1/dialer/quick_transfer_list": {"8001"},
    "/v1/dialer/inbound_queue": {"8501", "8502"},
    "/v1/broadcast/dnd/lists": {"8801", "8802"},
}


def test_every_kind_has_a_list_endpoint():
    assert {kind.list_path for kind in KINDS} == set(LISTS)


@pytest.mark.parametrize("path", sorted(LISTS))
def test_list_endpoints_give_the_accounts_objects(api, path):
    response = api("GET", path)
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and body["count"] == len(body["data"])
    assert {item["id"] for item in body["data"]} == LISTS[path]
    assert all(item["name"] for item in body["data"])


def test_users_answer_has_more(api):
    body = api("GET", "/v1/users").json()
    assert body["has_more"] is False
    assert {"id", "name", "email", "role"} <= set(body["data"][0])
    assert "password" not in str(body)


def test_ids_discovered_from_lists_make_a_valid_campaign(api):
    first = {path: api("GET", path).json()["data"][0]["id"] for path in LISTS}
    body = create_body(
        outbound_caller_id=first["/v1/my_number"],
        disposition_list=first["/v1/dialer/disposition_list"],
        time_group=first["/v1/timegroups"],
        agent=[first["/v1/users"]],
        music_on_hold=first["/v1/recordings"],
        agent_script=first["/v1/dialer/agent_script"],
        break_list=first["/v1/dialer/break_list"],
        quick_transfer_list=first["/v1/dialer/quick_transfer_list"],
        account_dnd_list=first["/v1/broadcast/dnd/lists"],
        enable_inbound=1,
        inbound_queue=first["/v1/dialer/inbound_queue"],
        inbound_lead_list=first["/v1/broadcast/lists"],
        lead_list_map=[{"list_id": first["/v1/broadcast/lists"], "list_status": 1}],
    )
    response = api("POST", "/v1/dialer/campaign", json=body)
    assert response.status_code == 200, response.text


def test_lead_list_create_update_delete(api):
    created = api("POST", "/v1/broadcast/list", json={"name": "Fresh Leads", "source": "web"})
    assert created.status_code == 200
    body = created.json()
    assert body["message"] == "Lead list created successfully"
    new_id = body["id"]
    assert api("PUT", "/v1/dialer/campaign/" + PREVIEW, json={"inbound_lead_list": new_id}).status_code == 200
    updated = api("PUT", f"/v1/broadcast/list/{new_id}", json={"name": "Renamed Leads"})
    assert updated.json() == {"success": True, "message": "Lead list updated successfully"}
    listed = {i["id"]: i for i in api("GET", "/v1/broadcast/lists").json()["data"]}
    assert listed[new_id] == {"id": new_id, "name": "Renamed Leads", "source": "web"}
    assert api("DELETE", f"/v1/broadcast/list/{new_id}").json()["message"] == "Lead list deleted successfully"
    assert api("DELETE", f"/v1/broadcast/list/{new_id}").status_code == 404
    response = api("PUT", "/v1/dialer/campaign/" + PREVIEW, json={"inbound_lead_list": new_id})
    assert response.status_code == 422


def test_object_create_needs_a_name(api):
    response = api("POST", "/v1/dialer/disposition_list", json={"description": "no name"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"name": ["Missing data for required field."]}


@pytest.mark.parametrize("kind", [k for k in KINDS if "GET" in k.item_methods], ids=lambda k: k.kind)
def test_dialer_objects_read_one(api, kind):
    first = api("GET", kind.list_path).json()["data"][0]
    path = kind.item_path.replace("<id>", str(first["id"]))
    assert api("GET", path).json()["data"] == first
    assert api("GET", kind.item_path.replace("<id>", "31337")).status_code == 404


def test_did_update(api):
    response = api("PUT", "/v1/my_number/1001", json={"name": "Sales Line"})
    assert response.status_code == 200
    assert api("GET", "/v1/my_number").json()["data"][0]["name"] == "Sales Line"


# ----- isolation: one account never sees or touches another's objects


def test_other_account_sees_only_its_own(api):
    other = api.as_token(OTHER_TOKEN)
    assert [c["id"] for c in other("GET", "/v1/dialer/campaign").json()["data"]] == [OTHERS]
    assert OTHERS not in {c["id"] for c in api("GET", "/v1/dialer/campaign").json()["data"]}
    assert {d["id"] for d in other("GET", "/v1/my_number").json()["data"]} == {"2001"}


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_the_other_accounts_campaign_is_404(api, method):
    response = api(method, f"/v1/dialer/campaign/{OTHERS}", json={"name": "x"} if method == "PUT" else None)
    assert response.status_code == 404
    other = api.as_token(OTHER_TOKEN)
    assert other("GET", f"/v1/dialer/campaign/{OTHERS}").json()["data"]["name"] == "Festive Offer Outbound"
    assert other("GET", f"/v1/dialer/campaign/{PREVIEW}").status_code == 404


def test_other_account_objects_are_404_here(api):
    assert api("PUT", "/v1/my_number/2001", json={"name": "x"}).status_code == 404
    assert api("DELETE", "/v1/broadcast/list/25001").status_code == 404
    assert api.as_token(OTHER_TOKEN)("GET", "/v1/broadcast/lists").json()["count"] == 2
