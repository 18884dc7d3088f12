"""The campaign page's calls and deliveries panel: a dialer campaign's calls and the webhooks they
fired appear as the clock moves, for both vendors, in a bounded fragment."""

from __future__ import annotations

import re

from acefone.test_webhooks import Receiver

from mockdialer.console.render import FRAGMENT_BUDGET
from mockdialer.harness.deliveries import get_dispatcher

from .conftest import HTML

MONDAY_1100_IST = "2026-03-02T05:30:00Z"
PANEL = "/console/fragments/campaigns/acefone/demo/40002/calls"


def test_the_panel_shows_the_campaigns_calls_and_the_webhooks_they_fired(client, console):
    page = client.get("/console/campaigns/acefone/demo/40002", headers=HTML).get_data(as_text=True)
    assert f'hx-get="{PANEL}"' in page
    empty = console.hx_get(PANEL).get_data(as_text=True)
    assert "No calls yet" in empty and "None yet" in empty
    assert client.post("/__admin/clock", json={"freeze": MONDAY_1100_IST}).status_code == 200
    receiver = Receiver(statuses=(500, 200))
    added = client.post(
        "/__admin/webhooks",
        json={
            "vendor": "acefone",
            "account": "demo",
            "trigger": "Call hangup (Missed or Answered)",
            "url": receiver.url + "/crm",
        },
    )
    assert added.status_code == 201
    client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"})
    client.post("/__admin/clock", json={"advance": 1200})
    try:
        assert get_dispatcher(client.application).wait(30)
    finally:
        receiver.close()
    live = console.hx_get(PANEL)
    html = live.get_data(as_text=True)
    assert len(live.data) < FRAGMENT_BUDGET
    assert len(re.findall(r'<tr class="call">', html)) > 0
    assert "Call hangup (Missed or Answered)" in html and receiver.url + "/crm" in html
    assert ">200<" in html and "older attempt(s)" in html and len(receiver.seen) > 30
    count = client.get("/__admin/requests/count", query_string={"direction": "outbound", "status": 500})
    assert count.get_json()["count"] == 1


def test_a_callfire_campaign_lists_its_calls_too(console):
    html = console.hx_get("/console/fragments/campaigns/callfire/demo-callfire/1001/calls").get_data(
        as_text=True
    )
    assert "This vendor lists no calls" not in html and "Deliveries" in html


def test_an_unknown_campaign_is_a_404(console):
    assert console.hx_get("/console/fragments/campaigns/acefone/demo/999/calls").status_code == 404
