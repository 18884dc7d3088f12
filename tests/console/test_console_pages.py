"""The console through the Flask test client: pages for browsers (at /console/... and at the admin
API's URLs), fragments for htmx, JSON for clients; forms that refuse bad input with a readable message
and change nothing."""

from __future__ import annotations

import re

import pytest

from .conftest import HTML

ACEFONE = {"Authorization": "acefone-demo-token"}
CALLFIRE = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}
PAGES = {  # the console's URL: the admin API's URL that shows the same page to a browser
    "/": "/__admin/campaigns",
    "/console/campaigns/callfire/demo-callfire/1001": "/__admin/campaigns/callfire/demo-callfire/1001",
    "/console/journal": "/__admin/requests",
    "/console/faults": "/__admin/faults",
    "/console/clock": "/__admin/clock",
    "/console/admin": "/__admin/",
}


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


@pytest.mark.parametrize("path, admin_url", sorted(PAGES.items()))
def test_every_page_is_at_its_console_url_and_at_the_admin_url_for_browsers(client, path, admin_url):
    page = client.get(path, headers=HTML)
    assert page.status_code == 200 and page.mimetype == "text/html", path
    title = re.search(r"<title>(.*?)</title>", page.get_data(as_text=True)).group(1)
    old = client.get(admin_url, headers=HTML)
    assert old.status_code == 200 and old.mimetype == "text/html", admin_url
    assert re.search(r"<title>(.*?)</title>", old.get_data(as_text=True)).group(1) == title


@pytest.mark.parametrize("admin_url", sorted(PAGES.values()))
def test_the_admin_api_answers_json_to_every_other_client(client, admin_url):
    for headers in ({}, {"Accept": "*/*"}, {"Accept": "application/json"}, {"HX-Request": "true"}):
        answer = client.get(admin_url, headers=headers)
        assert answer.mimetype == "application/json" and answer.get_json()["ok"] is True, (admin_url, headers)


def test_an_unknown_campaign_is_a_404_page_for_a_browser_and_json_for_a_client(client):
    missing = client.get("/console/campaigns/acefone/demo/1", headers=HTML)
    assert missing.status_code == 404 and "No dialer campaign with id 1" in missing.get_data(as_text=True)
    assert client.get("/__admin/campaigns/acefone/demo/1", headers=HTML).status_code == 404
    assert client.get("/__admin/campaigns/acefone/demo/1").get_json()["ok"] is False


def test_an_api_change_shows_in_the_campaigns_fragment_with_its_fields_highlighted(client, console):
    client.put("/v1/dialer/campaign/40002", json={"name": "Renamed by a client"}, headers=ACEFONE)
    fragment = console.hx_get("/console/fragments/campaigns").get_data(as_text=True)
    assert "<html" not in fragment
    row = fragment[fragment.index('id="campaign-acefone-demo-40002"') :]
    row = row[: row.index("</tr>")]
    assert 'class="changed"' in row and "Renamed by a client" in row and '<code class="hl">name</code>' in row


def test_campaign_page_has_fields_history_and_the_vendors_commands(client, console):
    client.put("/api/1.1/rest/ccc/1001", data={"Name": "Survey v2"}, headers=CALLFIRE)
    page = console.page("/console/campaigns/callfire/demo-callfire/1001").get_data(as_text=True)
    for command in ("START", "STOP", "ARCHIVE"):
        assert f'data-command="{command}"' in page
    assert "callfire.UpdateCccCampaign" in page and "Survey v2" in page
    assert 'hx-confirm="Archive campaign 1001?' in page
    acefone = console.page("/console/campaigns/acefone/demo/40001").get_data(as_text=True)
    assert 'data-command="start"' in acefone and 'data-command="stop"' in acefone


def test_an_opened_history_or_journal_entry_loads_the_wire(client, console):
    client.put("/api/1.1/rest/ccc/1001", data={"Name": "Survey v3"}, headers=CALLFIRE)
    page = console.page("/console/campaigns/callfire/demo-callfire/1001").get_data(as_text=True)
    entry = re.search(r'hx-get="(/console/fragments/journal/\d+)"', page).group(1)
    wire = console.hx_get(entry).get_data(as_text=True)
    assert "PUT /api/1.1/rest/ccc/1001" in wire and "Authorization: " in wire and "Survey v3" in wire
    assert CALLFIRE["Authorization"].split()[1] not in wire
    assert console.hx_get("/console/fragments/journal/999999").status_code == 404


def test_control_from_the_page_runs_the_vendors_state_change(client, console):
    answer = console.hx_post("/console/campaigns/callfire/demo-callfire/1001/control", {"command": "START"})
    assert answer.status_code == 200 and "RUNNING" in answer.get_data(as_text=True)
    status = client.get("/api/1.1/rest/ccc/1001.json", headers=CALLFIRE).get_json()["Resource"]["CccCampaign"]
    assert status["Status"] == "RUNNING"


def test_bad_form_input_gets_a_readable_message_and_changes_nothing(client, console):
    answer = console.hx_post(
        "/console/faults", {"action": "error", "operation": "acefone.get_campaign", "status": ""}
    )
    assert answer.status_code == 422
    assert answer.headers["HX-Retarget"] == "#flash"
    assert "An error needs status" in answer.get_data(as_text=True)
    assert client.get("/__admin/faults").get_json()["faults"] == []
    moved = console.hx_post("/console/clock", {"advance": "soon"})
    assert moved.status_code == 422 and "Not a number" in moved.get_data(as_text=True)
    archived = console.hx_post("/console/campaigns/callfire/demo-callfire/1003/control", {"command": "START"})
    assert archived.status_code == 400 and "ARCHIVED" in archived.get_data(as_text=True)


def test_a_fault_added_from_the_form_fails_the_next_call(client, console):
    added = console.hx_post(
        "/console/faults",
        {"action": "error", "operation": "acefone.get_campaign", "status": "503", "times": "1"},
    )
    rule = client.get("/__admin/faults").get_json()["faults"][0]["id"]
    assert added.status_code == 201 and f'id="fault-{rule}"' in added.get_data(as_text=True)
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).status_code == 503
    listed = console.hx_get("/console/fragments/faults").get_data(as_text=True)
    assert re.search(r'class="fired">1<', listed)
    removed = console.hx_post(f"/console/faults/{rule}/remove")
    assert removed.status_code == 200 and "No fault rules" in removed.get_data(as_text=True)
    assert console.hx_post(f"/console/faults/{rule}/remove").status_code == 404


def test_remove_all_faults_and_clear_the_journal_from_the_page(client, console):
    client.post("/__admin/faults", json={"action": "delay", "ms": 1, "vendor": "nobody"})
    assert "No fault rules" in console.hx_post("/console/faults/remove-all").get_data(as_text=True)
    client.get("/v1/dialer/campaign/40001", headers=ACEFONE)
    assert "No requests yet" in console.hx_post("/console/journal/clear").get_data(as_text=True)
    assert client.get("/__admin/requests/count").get_json()["count"] == 0


def test_the_fault_form_offers_every_operation_by_its_real_name(client, console):
    page = console.page("/console/faults").get_data(as_text=True)
    names = client.get("/__admin/operations").get_json()["operations"]
    assert "acefone.update_campaign" in names and "callfire.ControlCccCampaign" in names
    for name in names:
        assert f"<option>{name}</option>" in page


def test_journal_fragment_filters_and_ignores_empty_filters(client, console):
    client.get("/v1/dialer/campaign/40001", headers=ACEFONE)
    rows = console.hx_get("/console/fragments/journal?vendor=acefone&account=&operation=&status=")
    assert rows.status_code == 200
    assert 'data-operation="acefone.get_campaign"' in rows.get_data(as_text=True)
    none = console.hx_get("/console/fragments/journal?vendor=callfire&status=").get_data(as_text=True)
    assert "acefone.get_campaign" not in none
    bad = console.hx_get("/console/fragments/journal?status=42")
    assert bad.status_code == 422 and bad.headers["HX-Retarget"] == "#flash"


def test_clock_form_moves_the_clock_and_tells_the_page(client, console):
    answer = console.hx_post("/console/clock", {"freeze": "true"})
    assert answer.status_code == 200 and answer.headers["HX-Trigger"] == "clock-moved"
    assert "frozen" in answer.get_data(as_text=True)
    before = client.get("/__admin/clock").get_json()["clock"]["time"]
    console.hx_post("/console/clock", {"advance": "600"})
    assert client.get("/__admin/clock").get_json()["clock"]["time"] == before + 600
    real = console.hx_post("/console/clock/real")
    assert real.status_code == 200 and client.get("/__admin/clock").get_json()["clock"]["frozen"] is False


def test_reset_from_the_page_reseeds_and_tells_the_page(client, console):
    client.put("/v1/dialer/campaign/40001", json={"name": "Renamed"}, headers=ACEFONE)
    answer = console.hx_post("/console/reset")
    assert answer.status_code == 200 and answer.headers["HX-Trigger"] == "state-reset"
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).get_json()["data"]["name"] != "Renamed"


@pytest.mark.parametrize("path", ["/docs"])
def test_docs_is_swagger_ui_with_the_wsdl_linked(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in page and "/api/1.1/soap12/ccc?wsdl" in page
