"""The console in a real browser: seeded campaigns of both vendors, live updates from API changes,
simulated dialing moved by the clock, faults added from the page, the journal, reset; its pages at
the console's URLs and at the admin API's; a form on another site cannot write to the admin API."""

from __future__ import annotations

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from .conftest import wait_for, wait_text

pytestmark = pytest.mark.e2e  # make e2e runs them; make test deselects them

ACEFONE = {"Authorization": "acefone-demo-token"}
CALLFIRE = ("demo-callfire", "demo-password")
MONDAY_0930_PST = "2026-03-02T17:30:00Z"  # inside 1001's LocalRestrictBegin/End (08:00-20:00, LA numbers)


def _row(vendor: str, account: str, campaign_id: str) -> str:
    return f"#campaign-{vendor}-{account}-{campaign_id}"


def test_console_shows_seeded_campaigns_of_both_vendors(page, live):
    page.get(live.url + "/")
    wait_text(page, _row("acefone", "demo", "40001") + " .name", "Home Loan Preview - Bengaluru")
    wait_text(page, _row("callfire", "demo-callfire", "1001") + " .name", "Demo Customer Survey")
    vendors = [h.text for h in page.find_elements(By.CSS_SELECTOR, ".vendor h2")]
    assert vendors == ["Acefone", "CallFire"]
    assert (
        page.find_element(By.CSS_SELECTOR, _row("callfire", "demo-callfire", "1003")).get_attribute(
            "data-status"
        )
        == "ARCHIVED"
    )


def test_an_api_change_shows_without_reload_highlighted(page, live):
    page.get(live.url + "/")
    wait_text(page, _row("acefone", "demo", "40002") + " .name", "EMI Collections")
    page.execute_script("window.notReloaded = true")
    body = {"name": "EMI Collections - Pune (changed by a client)", "dial_ratio": "2"}
    answer = requests.put(f"{live.url}/v1/dialer/campaign/40002", json=body, headers=ACEFONE, timeout=10)
    assert answer.status_code == 200, answer.text
    cf = requests.put(
        f"{live.url}/api/1.1/rest/ccc/1001",
        data={"Name": "Demo Customer Survey (v2)", "NumberOfRings": "6"},
        auth=CALLFIRE,
        timeout=10,
    )
    assert cf.status_code == 204, cf.text
    wait_text(page, _row("acefone", "demo", "40002") + " .name", "changed by a client")
    wait_text(page, _row("callfire", "demo-callfire", "1001") + " .name", "(v2)")
    assert page.execute_script("return window.notReloaded") is True
    row = page.find_element(By.CSS_SELECTOR, _row("acefone", "demo", "40002"))
    changed = [c.text for c in row.find_elements(By.CSS_SELECTOR, ".fields-changed code")]
    assert changed == ["name", "dial_ratio"]
    assert "hl" in row.find_element(By.CSS_SELECTOR, ".name").get_attribute("class")


def test_start_a_campaign_and_advance_the_clock(page, live):
    requests.post(f"{live.url}/__admin/clock", json={"freeze": MONDAY_0930_PST}, timeout=10)
    renamed = {"Name": "Demo Customer Survey (spring)", "NumberOfRings": "4"}
    requests.put(f"{live.url}/api/1.1/rest/ccc/1001", data=renamed, auth=CALLFIRE, timeout=10)
    page.get(f"{live.url}/__admin/campaigns/callfire/demo-callfire/1001")
    wait_text(page, "#campaign-live .entry summary", "callfire.UpdateCccCampaign")
    start = wait_for(page, EC.element_to_be_clickable((By.CSS_SELECTOR, 'button.cmd[data-command="START"]')))
    start.click()
    wait_text(page, "#campaign-live h1 .status", "RUNNING")
    page.execute_script("window.notReloaded = true")
    page.find_element(By.CSS_SELECTOR, 'button.advance[data-seconds="600"]').click()
    wait_for(page, lambda d: d.find_element(By.CSS_SELECTOR, ".calls-ended").text not in ("", "0"))
    page.find_element(By.CSS_SELECTOR, 'button.advance[data-seconds="3600"]').click()
    stats = requests.get(f"{live.url}/api/1.1/rest/ccc/1001/stats.json", auth=CALLFIRE, timeout=10).json()
    stats = stats["Resource"]["CccCampaignStats"]
    assert stats["CallsPlaced"] > 0
    ended = str(sum(r["Attempts"] for r in stats.get("ResultStat", [])))
    wait_text(page, ".calls-ended", ended)
    assert page.find_element(By.CSS_SELECTOR, "svg.chart") is not None
    assert page.execute_script("return window.notReloaded") is True


def test_add_a_fault_from_the_page_and_the_next_call_fails(page, live):
    page.get(f"{live.url}/console/faults")
    Select(page.find_element(By.ID, "fault-operation")).select_by_visible_text("acefone.get_campaign")
    Select(page.find_element(By.ID, "fault-action")).select_by_visible_text("error")
    page.find_element(By.ID, "fault-add").click()  # no status: refused, nothing added
    wait_text(page, "#flash .error", "An error needs status")
    assert requests.get(f"{live.url}/__admin/faults", timeout=10).json()["faults"] == []
    page.find_element(By.ID, "fault-status").send_keys("503")
    page.find_element(By.ID, "fault-times").send_keys("1")
    page.find_element(By.ID, "fault-add").click()
    wait_for(page, EC.presence_of_element_located((By.CSS_SELECTOR, "#faults tr#fault-1")))
    failed = requests.get(f"{live.url}/v1/dialer/campaign/40001", headers=ACEFONE, timeout=10)
    assert failed.status_code == 503
    assert failed.json()["success"] is False
    wait_text(page, "#fault-1 .fired", "1")  # the page polls the rules: hit counts move
    assert (
        requests.get(f"{live.url}/v1/dialer/campaign/40001", headers=ACEFONE, timeout=10).status_code == 200
    )


def test_the_journal_is_live_and_shows_the_wire(page, live):
    page.get(f"{live.url}/console/journal")
    page.execute_script("window.notReloaded = true")
    requests.get(f"{live.url}/v1/dialer/campaign/40003", headers=ACEFONE, timeout=10)
    requests.get(f"{live.url}/api/1.1/rest/ccc/1002.json", auth=CALLFIRE, timeout=10)
    wait_text(page, "#journal-rows", "callfire.GetCccCampaign")
    wait_text(page, "#journal-rows", "acefone.get_campaign")
    Select(page.find_element(By.NAME, "vendor")).select_by_visible_text("acefone")
    wait_for(page, lambda d: "callfire.GetCccCampaign" not in d.find_element(By.ID, "journal-rows").text)
    entry = page.find_element(By.CSS_SELECTOR, '#journal-rows details[data-operation="acefone.get_campaign"]')
    entry.find_element(By.TAG_NAME, "summary").click()
    wait_text(page, "#journal-rows details[open] .wire", "Support Blended - Delhi")
    assert "Authorization: ***" in entry.find_element(By.CSS_SELECTOR, ".wire").text
    assert page.execute_script("return window.notReloaded") is True


def test_reset_asks_first_then_puts_everything_back(page, live):
    requests.put(
        f"{live.url}/v1/dialer/campaign/40001", json={"name": "Renamed"}, headers=ACEFONE, timeout=10
    )
    page.get(f"{live.url}/__admin/clock")
    page.find_element(By.ID, "reset").click()
    wait_for(page, EC.alert_is_present()).accept()
    wait_text(page, "#flash .notice", "Reset")
    name = requests.get(f"{live.url}/v1/dialer/campaign/40001", headers=ACEFONE, timeout=10).json()
    assert name["data"]["name"] == "Home Loan Preview - Bengaluru"


def test_both_vendors_dialing_side_by_side(page, live):
    """The presenter's overview: campaigns of both vendors running, counts moving with the clock."""
    admin = f"{live.url}/__admin"
    requests.post(f"{admin}/clock", json={"freeze": "2026-03-02T12:00:00Z"}, timeout=10)  # 17:30 IST
    for campaign_id in ("40001", "40002"):
        requests.post(
            f"{admin}/campaigns/acefone/demo/{campaign_id}/control", json={"command": "start"}, timeout=10
        )
    requests.post(f"{admin}/clock", json={"advance": 3600 * 5.5}, timeout=10)  # 17:30 UTC: 09:30 in LA
    requests.put(
        f"{live.url}/api/1.1/rest/ccc/1001/control", data={"Command": "START"}, auth=CALLFIRE, timeout=10
    )
    page.get(live.url + "/")
    wait_text(page, _row("callfire", "demo-callfire", "1001"), "RUNNING")
    page.find_element(By.CSS_SELECTOR, "#clock-bar")  # the header shows the frozen clock
    requests.post(f"{admin}/clock", json={"advance": 1800}, timeout=10)
    wait_for(
        page,
        lambda d: (
            d.find_element(By.CSS_SELECTOR, _row("callfire", "demo-callfire", "1001") + " .count").text
            not in ("", "0")
        ),
    )
    body = {"name": "EMI Collections Ratio - Mumbai (weekend)", "dial_ratio": "4"}
    requests.put(f"{live.url}/v1/dialer/campaign/40002", json=body, headers=ACEFONE, timeout=10)
    wait_text(page, _row("acefone", "demo", "40002") + " .name", "(weekend)")
    counts = [e.text for e in page.find_elements(By.CSS_SELECTOR, "td.calls .count")]
    assert len([c for c in counts if c not in ("", "0")]) >= 3


def test_a_form_on_another_site_cannot_write_to_the_admin_api(page, live):
    form = (
        f'<form method="post" action="{live.url}/__admin/faults">'
        '<input name="action" value="drop"><button id="go">go</button></form>'
    )
    page.get("data:text/html," + form)
    page.find_element(By.ID, "go").click()
    wait_for(page, lambda d: "403" in d.page_source or "Cross-site" in d.page_source)
    assert requests.get(f"{live.url}/__admin/faults", timeout=10).json()["faults"] == []
