"""Stored XSS through the surfaces added with webhooks, subscriptions and contact batches, in a real
browser: markup stored in a webhook's URL and headers, a subscription's Endpoint and a contact batch's
name runs nowhere on the console (the campaign page with its polled calls and deliveries panel, the
Journal and an entry's wire view), whatever htmx swaps in."""

from __future__ import annotations

import pytest
import requests
from selenium.webdriver.common.by import By

from .conftest import wait_for, wait_text

pytestmark = pytest.mark.e2e  # make e2e runs them; make test deselects them

CALLFIRE = ("demo-callfire", "demo-password")
RUNS = "<img src=x onerror=\"window.__xss='img'\"><script>window.__xss='script'</script>"


def test_markup_stored_through_the_new_surfaces_runs_nowhere(page, live):
    admin = requests.Session()
    assert admin.post(f"{live.url}/__admin/clock", json={"freeze": "2026-03-02T05:30:00Z"}, timeout=10).ok
    hook = {
        "vendor": "acefone",
        "account": "demo",
        "trigger": "Call hangup (Missed or Answered)",
        "url": "http://127.0.0.1:9/" + RUNS.replace(" ", "%20"),  # a closed port: each attempt fails fast
        "headers": {"X-Note": RUNS},
    }
    assert admin.post(f"{live.url}/__admin/webhooks", json=hook, timeout=10).status_code == 201
    rest = f"{live.url}/api/1.1/rest"
    endpoint = {
        "Endpoint": "http://127.0.0.1:9/cf/" + RUNS.replace(" ", "%20"),
        "TriggerEvent": "CAMPAIGN_STARTED",
    }
    assert (
        requests.post(f"{rest}/subscription.json", data=endpoint, auth=CALLFIRE, timeout=10).status_code
        == 201
    )
    batch = {"To": "12135550001 12135550002", "Name": RUNS, "Start": "true"}
    assert (
        requests.post(f"{rest}/broadcast/1002/batch.json", data=batch, auth=CALLFIRE, timeout=10).status_code
        == 201
    )
    admin.post(
        f"{live.url}/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"}, timeout=10
    )
    admin.post(f"{live.url}/__admin/clock", json={"advance": 1200}, timeout=10)
    wait_for(
        page,
        lambda _: requests.get(f"{live.url}/__admin/requests/count?direction=outbound", timeout=10).json()[
            "count"
        ],
        30,
    )
    for path, shown in (
        ("/console/campaigns/acefone/demo/40002", "Deliveries"),
        ("/console/campaigns/callfire/demo-callfire/1002", "Deliveries"),
        ("/console/journal", "acefone.webhook"),
    ):
        page.get(live.url + path)
        wait_text(page, "body", shown, 20)
        assert page.execute_script("return window.__xss") is None, path
    entry = page.find_element(By.CSS_SELECTOR, 'details.entry[data-operation="acefone.webhook"] summary')
    entry.click()  # its wire view (the headers sent, X-Note among them) is fetched and swapped in
    wait_text(page, "details.entry[open]", "X-Note", 20)
    assert page.execute_script("return window.__xss") is None
    assert "<script>window.__xss" in page.find_element(By.CSS_SELECTOR, "details.entry[open]").text
