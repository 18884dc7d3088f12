"""What clients send cannot break or bloat the console: a lone surrogate in a campaign field renders
(as its escape) on every page; the fragments the pages poll stay under 256 KiB whatever the traffic
(long values shown cut with their size, long lists shown in part with a count of the rest)."""

from __future__ import annotations

import re

import pytest

from mockdialer.console.render import FRAGMENT_BUDGET

from .conftest import HTML

ACEFONE = {"Authorization": "acefone-demo-token"}
CALLFIRE = ("demo-callfire", "demo-password")
BASIC = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}


def test_a_lone_surrogate_in_a_campaign_field_breaks_no_page(client, console):
    stored = client.put(
        "/v1/dialer/campaign/40001",
        data='{"name": "Lone \\ud800 surrogate"}',
        headers={**ACEFONE, "Content-Type": "application/json"},
    )
    assert stored.status_code == 200
    login = client.post("/v1/auth/login", data='{"email": "\\ud800"}', content_type="application/json")
    assert login.status_code < 500
    for path in (
        "/",
        "/__admin/campaigns",
        "/console/campaigns/acefone/demo/40001",
        "/__admin/campaigns/acefone/demo/40001",
        "/console/journal",
        "/__admin/requests",
    ):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200, path
    live = console.hx_get("/console/fragments/campaigns/acefone/demo/40001").get_data(as_text=True)
    assert "Lone \\xed\\xa0\\x80 surrogate" in live  # its UTF-8 bytes, escaped (docs/security.md)
    assert console.hx_get("/console/fragments/campaigns").status_code == 200
    assert console.hx_get("/console/fragments/journal").status_code == 200
    assert client.get("/__admin/campaigns").status_code == 200 and client.get("/").status_code == 200


def _size(response) -> int:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return len(response.data)


def test_huge_field_values_are_shown_cut_with_their_size(client, console):
    script = "a<" * 150_000  # 300 KB (600 KB form-encoded) that escapes to 750 KB of HTML
    form = {"Name": "Long script", "Script": script}
    for _ in range(10):
        answer = client.put("/api/1.1/rest/ccc/1001", data=form, headers=BASIC)
        assert answer.status_code == 204
    fragment = console.hx_get("/console/fragments/campaigns/callfire/demo-callfire/1001")
    assert _size(fragment) < FRAGMENT_BUDGET
    assert "300,000 bytes in all" in fragment.get_data(as_text=True)
    assert _size(console.hx_get("/console/fragments/campaigns")) < FRAGMENT_BUDGET
    rows = console.hx_get("/console/fragments/journal")
    assert _size(rows) < FRAGMENT_BUDGET
    for entry in re.findall(r'hx-get="(/console/fragments/journal/\d+)"', rows.get_data(as_text=True))[:3]:
        assert _size(console.hx_get(entry)) < FRAGMENT_BUDGET
    assert _size(client.get("/console/campaigns/callfire/demo-callfire/1001", headers=HTML)) < FRAGMENT_BUDGET


@pytest.mark.parametrize("count", [130])
def test_many_campaigns_and_fault_rules_are_listed_in_part(client, console, count):
    for i in range(count):
        made = client.post("/api/1.1/rest/ccc", data={"Name": f"Bulk {i} " + "x" * 900}, headers=BASIC)
        assert made.status_code in (200, 201), made.get_data(as_text=True)
        client.post("/__admin/faults", json={"action": "delay", "ms": 1, "path": "/nowhere/" + "p" * 900})
    campaigns = console.hx_get("/console/fragments/campaigns")
    assert _size(campaigns) < FRAGMENT_BUDGET and "more campaign(s)" in campaigns.get_data(as_text=True)
    faults = console.hx_get("/console/fragments/faults")
    assert _size(faults) < FRAGMENT_BUDGET and "more rule(s)" in faults.get_data(as_text=True)
    assert _size(console.hx_get("/console/fragments/journal")) < FRAGMENT_BUDGET
