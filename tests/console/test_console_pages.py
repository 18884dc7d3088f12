"""The console through the Flask test client: pages for browsers, fragments for htmx, JSON for
clients; forms that refuse bad input with a readable message and change nothing."""

from __future__ import annotations

import re

import pytest

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}  # a browser's
HX = {"HX-Request": "true"}
ACEFONE = {"Authorization": "acefone-demo-token"}


def test_index_shows_every_vendor_and_account_for_a_browser(client):
    page = client.get("/", headers=HTML)
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    for marker in (
        "campaign-acefone-demo-40001",
        "campaign-acefone-other-40901",
        "campaign-callfire-demo-callfire-1001",
        "campaign-callfire-other-callfire-1101",
    ):
        assert f'id="{marker}"' in text
    assert "/console/htmx/htmx.min.js" in text and not re.search(r'(src|href)="(https?:)?//', text)


def test_index_answers_json_to_a_json_client(client):
    answer = client.get("/", headers={"Accept": "application/json"})
    assert answer.mimetype == "application/json"
    index = answer.get_json()
    assert index["vendors"] == ["acefone", "callfire"]
    assert index["callfire_wsdl"].endswith("/api/1.1/soap12/ccc?wsdl") and index["docs"].endswith("/docs")


def test_htmx_is_served_from_its_installed_package(client):
    script = client.get("/console/htmx/htmx.min.js")
    assert script.status_code == 200 and b"htmx" in script.data[:2000]
    assert client.get("/console/static/console.css").status_code == 200


def test_admin_pages_are_html_for_browsers_and_json_for_clients(client):
    for path in ("/__admin/", "/__admin/requests", "/__admin/faults", "/__admin/clock", "/__admin/campaigns"):
        assert client.get(path, headers=HTML).mimetype == "text/html", path
        assert client.get(path).get_json()["ok"] is True, path
    missing = client.get("/__admin/campaigns/acefone/demo/1", headers=HTML)
    assert missing.status_code == 404 and "No dialer campaign with id 1" in missing.get_data(as_text=True)


def test_an_api_change_shows_in_the_campaigns_fragment_with_its_fields_highlighted(client):
    client.put("/v1/dialer/campaign/40002", json={"name": "Renamed by a client"}, headers=ACEFONE)
    fragment = client.get("/__admin/campaigns", headers=HX).get_data(as_text=True)
    assert "<html" not in fragment
    row = fragment[fragment.index('id="campaign-acefone-demo-40002"') :]
    row = row[: row.index("</tr>")]
    assert 'class="changed"' in row and "Renamed by a client" in row and '<code class="hl">name</code>' in row


def test_campaign_page_has_fields_history_and_the_vendors_commands(client):
    client.put(
        "/api/1.1/rest/ccc/1001",
        data={"Name": "Survey v2"},
        headers={"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"},
    )
    page = client.get("/__admin/campaigns/callfire/demo-callfire/1001", headers=HTML).get_data(as_text=True)
    for command in ("START", "STOP", "ARCHIVE"):
        assert f'data-command="{command}"' in page
    assert "callfire.UpdateCccCampaign" in page and "Survey v2" in page
    assert 'hx-confirm="Archive campaign 1001?' in page
    acefone = client.get("/__admin/campaigns/acefone/demo/40001", headers=HTML).get_data(as_text=True)
    assert 'data-command="start"' in acefone and 'data-command="stop"' in acefone


def test_control_from_the_page_runs_the_vendors_state_change(client):
    answer = client.post(
        "/__admin/campaigns/callfire/demo-callfire/1001/control", data={"command": "START"}, headers=HX
    )
    assert answer.status_code == 200 and "RUNNING" in answer.get_data(as_text=True)
    auth = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}
    assert (
        client.get("/api/1.1/rest/ccc/1001.json", headers=auth).get_json()["Resource"]["CccCampaign"][
            "Status"
        ]
        == "RUNNING"
    )


def test_bad_form_input_gets_a_readable_message_and_changes_nothing(client):
    answer = client.post(
        "/__admin/faults",
        data={"action": "error", "operation": "acefone.get_campaign", "status": ""},
        headers=HX,
    )
    assert answer.status_code == 422
    assert answer.headers["HX-Retarget"] == "#flash"
    assert "An error needs status" in answer.get_data(as_text=True)
    assert client.get("/__admin/faults").get_json()["faults"] == []
    moved = client.post("/__admin/clock", data={"advance": "soon"}, headers=HX)
    assert moved.status_code == 422 and "Not a number" in moved.get_data(as_text=True)
    archived = client.post(
        "/__admin/campaigns/callfire/demo-callfire/1003/control", data={"command": "START"}, headers=HX
    )
    assert archived.status_code == 400 and "ARCHIVED" in archived.get_data(as_text=True)


def test_a_fault_added_from_the_form_fails_the_next_call(client):
    added = client.post(
        "/__admin/faults",
        data={
            "action": "error",
            "operation": "acefone.get_campaign",
            "status": "503",
            "times": "1",
            "message": "",
        },
        headers=HX,
    )
    rule = client.get("/__admin/faults").get_json()["faults"][0]["id"]
    assert added.status_code == 201 and f'id="fault-{rule}"' in added.get_data(as_text=True)
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).status_code == 503
    listed = client.get("/__admin/faults", headers=HX).get_data(as_text=True)
    assert re.search(r'class="fired">1<', listed)
    removed = client.delete(f"/__admin/faults/{rule}", headers=HX)
    assert removed.status_code == 200 and "No fault rules" in removed.get_data(as_text=True)


def test_the_fault_form_offers_every_operation_by_its_real_name(client, app):
    page = client.get("/__admin/faults", headers=HTML).get_data(as_text=True)
    names = client.get("/__admin/operations").get_json()["operations"]
    assert "acefone.update_campaign" in names and "callfire.ControlCccCampaign" in names
    for name in names:
        assert f"<option>{name}</option>" in page


def test_journal_fragment_filters_and_ignores_empty_filters(client):
    client.get("/v1/dialer/campaign/40001", headers=ACEFONE)
    rows = client.get("/__admin/requests?vendor=acefone&account=&operation=&status=", headers=HX)
    assert rows.status_code == 200
    text = rows.get_data(as_text=True)
    assert 'data-operation="acefone.get_campaign"' in text and "Authorization: ***" in text
    none = client.get("/__admin/requests?vendor=callfire&status=", headers=HX).get_data(as_text=True)
    assert "acefone.get_campaign" not in none


def test_clock_form_moves_the_clock_and_tells_the_page(client):
    answer = client.post("/__admin/clock", data={"freeze": "true"}, headers=HX)
    assert answer.status_code == 200 and answer.headers["HX-Trigger"] == "clock-moved"
    assert "frozen" in answer.get_data(as_text=True)
    before = client.get("/__admin/clock").get_json()["clock"]["time"]
    client.post("/__admin/clock", data={"advance": "600"}, headers=HX)
    assert client.get("/__admin/clock").get_json()["clock"]["time"] == before + 600


def test_reset_from_the_page_reseeds_and_tells_the_page(client):
    client.put("/v1/dialer/campaign/40001", json={"name": "Renamed"}, headers=ACEFONE)
    answer = client.post("/__admin/reset", headers=HX)
    assert answer.status_code == 200 and answer.headers["HX-Trigger"] == "state-reset"
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).get_json()["data"]["name"] != "Renamed"


@pytest.mark.parametrize("path", ["/docs"])
def test_docs_is_swagger_ui_with_the_wsdl_linked(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in page and "/api/1.1/soap12/ccc?wsdl" in page
