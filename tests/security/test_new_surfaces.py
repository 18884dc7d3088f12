"""The surfaces added with CallService, SubscriptionService, contact batches and Acefone's webhooks,
tried as an attacker would (issue 23): URLs that are not http(s) refused, cross-site writes to the
webhooks admin API refused, bad bytes and oversized bodies answered in the vendor's shape (never a
500), and what they store (a subscription's Endpoint, a webhook's URL and headers, a contact batch's
name) shown escaped by every console page and fragment."""

from __future__ import annotations

import json

import pytest

from mockdialer.harness import deliveries

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
HTML = {"Accept": "text/html"}
HX = {"HX-Request": "true", "Accept": "text/html"}
FORM = "application/x-www-form-urlencoded"
XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
HOOK = {
    "vendor": "acefone",
    "account": "demo",
    "trigger": "Call hangup (Missed or Answered)",
    "url": "http://127.0.0.1:9/hook",
}
NOT_HTTP = [
    "file:///etc/passwd",
    "gopher://127.0.0.1:25/_HELO",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/x",
    "http:///no-host",
    "//example.com/no-scheme",
]


@pytest.mark.parametrize("url", NOT_HTTP)
def test_an_endpoint_or_webhook_url_that_is_not_http_is_refused(client, url):
    sub = client.post(
        "/api/1.1/rest/subscription.json",
        data={"Endpoint": url, "TriggerEvent": "CAMPAIGN_STARTED"},
        headers=AUTH,
    )
    assert sub.status_code == 400 and "Endpoint" in sub.get_json()["ResourceException"]["Message"]
    hook = client.post("/__admin/webhooks", json={**HOOK, "url": url})
    assert hook.status_code == 422 and "url" in hook.get_json()["error"]["errors"]
    assert client.get("/__admin/webhooks").get_json()["count"] == 0


@pytest.mark.parametrize(
    ("how", "kwargs"),
    [
        ("another Origin", {"json": HOOK, "headers": {"Origin": "https://evil.example"}}),
        ("Origin null", {"json": HOOK, "headers": {"Origin": "null"}}),
        ("Sec-Fetch-Site", {"json": HOOK, "headers": {"Sec-Fetch-Site": "cross-site"}}),
        ("text/plain", {"data": json.dumps(HOOK), "content_type": "text/plain"}),
        ("an HTML form", {"data": HOOK}),
    ],
)
def test_cross_site_writes_to_the_webhooks_api_are_refused(client, how, kwargs):
    assert client.post("/__admin/webhooks", **kwargs).status_code == 403, how
    made = client.post("/__admin/webhooks", json=HOOK).get_json()["webhook"]["id"]
    gone = client.delete(f"/__admin/webhooks/{made}", headers={"Origin": "https://evil.example"})
    assert gone.status_code == 403 and gone.get_json()["ok"] is False
    assert [w["id"] for w in client.get("/__admin/webhooks").get_json()["webhooks"]] == [made]


@pytest.mark.parametrize("value", ["\ud800", "\u20ac uro", "a\r\nInjected: 1", "nul\x00", "c1\x85"])
def test_a_webhook_header_value_http_cannot_carry_is_refused(client, value):
    answer = client.post("/__admin/webhooks", json={**HOOK, "headers": {"X-Note": value}})
    assert answer.status_code == 422 and "headers" in answer.get_json()["error"]["errors"]


REST = "/api/1.1/rest"
SOAP_CALLS = (
    b'<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body>'
    b'<x:QueryCallsRequest xmlns:x="http://api.callfire.com/service/xsd"><x:BroadcastId>\xff\xfe'
    b"</x:BroadcastId></x:QueryCallsRequest></env:Body></env:Envelope>"
)
BAD = [
    (
        "POST",
        f"{REST}/subscription.json",
        b"Endpoint=http://x.example/\xff\xfe&TriggerEvent=CAMPAIGN_STARTED",
        FORM,
    ),
    ("PUT", f"{REST}/subscription/7001.json", b"Endpoint=http://x.example/\xed\xa0\x80", FORM),
    ("POST", f"{REST}/subscription.json", b"Endpoint=" + b"a" * 1_200_000, FORM),
    ("POST", f"{REST}/broadcast/1002/batch.json", b"To=1213555\xff0001&Name=\xff\xfe", FORM),
    ("POST", f"{REST}/broadcast/1002/batch.json", b"To=" + b"1" * 1_100_000, FORM),
    ("GET", f"{REST}/call.json?BroadcastId=%ff%fe&State=%ed%a0%80", None, None),
    ("GET", f"{REST}/call/1%ff.json", None, None),
    ("GET", f"{REST}/broadcast/batch/{'9' * 400}.json", None, None),
    ("POST", "/api/1.1/soap12/call", SOAP_CALLS, "application/soap+xml"),
    (
        "POST",
        "/__admin/webhooks",
        b'{"vendor": "acefone\xff", "url": "http://x\xed\xa0\x80"}',
        "application/json",
    ),
    (
        "POST",
        "/__admin/webhooks",
        json.dumps({**HOOK, "url": "http://x.example/\ud800"}).encode(),
        "application/json",
    ),
    ("POST", "/__admin/webhooks", b'{"vendor": ' * 5000, "application/json"),
    ("GET", "/__admin/webhooks/%ff%fe", None, None),
]


@pytest.mark.parametrize(("method", "path", "body", "content_type"), BAD)
def test_bad_bytes_and_oversized_bodies_are_refused_in_the_surface_s_shape(
    client, method, path, body, content_type
):
    answer = client.open(path, method=method, data=body, content_type=content_type, headers=AUTH)
    assert 400 <= answer.status_code < 500, answer.data[:300]
    if path.startswith("/__admin"):
        assert answer.get_json()["ok"] is False
    elif "soap12" in path:
        assert b"env:Fault" in answer.data
    else:
        assert "ResourceException" in answer.get_json()
    assert len(answer.data) < 4096
    for after in ("/__admin/requests", "/console/journal", "/"):
        assert client.get(after, headers=HTML).status_code == 200


def test_what_the_new_surfaces_store_is_shown_escaped_on_every_console_page(client):
    got = []
    deliveries.set_receiver(lambda d: got.append(d) or 200, client.application)
    try:
        assert client.post("/__admin/clock", json={"freeze": "2026-03-02T05:30:00Z"}).status_code == 200
        url = f"http://127.0.0.1:9/{XSS.replace(' ', '%20')}"
        hook = client.post("/__admin/webhooks", json={**HOOK, "url": url, "headers": {"X-Note": XSS}})
        assert hook.status_code == 201
        endpoint = f"http://127.0.0.1:9/cf/{XSS.replace(' ', '%20')}"
        sub = client.post(
            f"{REST}/subscription.json",
            data={"Endpoint": endpoint, "TriggerEvent": "CAMPAIGN_STARTED"},
            headers=AUTH,
        )
        assert sub.status_code == 201
        batch = client.post(
            f"{REST}/broadcast/1002/batch.json",
            data={"To": "12135550001 12135550002", "Name": XSS, "Start": "true"},
            headers=AUTH,
        )
        assert batch.status_code == 201
        client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"})
        client.post("/__admin/clock", json={"advance": 1200})
        assert deliveries.get_dispatcher(client.application).wait(30)
    finally:
        deliveries.set_receiver(None, client.application)
    assert any(XSS in d.url.replace("%20", " ") for d in got)  # delivered as configured
    outbound = client.get("/__admin/requests?direction=outbound").get_json()["requests"]
    assert outbound
    pages = [
        "/",
        "/console/journal",
        "/console/campaigns/acefone/demo/40002",
        "/console/campaigns/callfire/demo-callfire/1002",
        "/console/fragments/journal",
        "/console/fragments/campaigns",
        "/console/fragments/campaigns/acefone/demo/40002/calls",
        "/console/fragments/campaigns/callfire/demo-callfire/1002/calls",
        "/console/fragments/campaigns/callfire/demo-callfire/1002",
        *(f"/console/fragments/journal/{e['id']}" for e in outbound[:3]),
    ]
    for page in pages:
        answer = client.get(page, headers=HX if "fragments" in page else HTML)
        html = answer.get_data(as_text=True)
        assert answer.status_code == 200, page
        assert "<script>alert" not in html and "<img src=x" not in html, page
    panel = client.get("/console/fragments/campaigns/acefone/demo/40002/calls", headers=HX).get_data(
        as_text=True
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel  # shown, as text


UNKNOWN_IDS = " ".join(str(900_000 + i) for i in range(100_000))


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("GET", f"{REST}/call.json?" + "&".join(f"State=BAD{i}" for i in range(20_000)), None),
        ("GET", f"{REST}/call.json?Result=" + "%20".join(f"BAD{i}" for i in range(20_000)), None),
        ("POST", f"{REST}/ccc/1001/agent-group.json", {"AgentGroupIds": UNKNOWN_IDS}),
        ("POST", f"{REST}/ccc/agent-group.json", {"Name": "g", "AgentIds": UNKNOWN_IDS}),
        ("PUT", f"{REST}/ccc/agent-group/3001.json", {"Name": "g", "AgentIds": UNKNOWN_IDS}),
    ],
)
def test_an_error_naming_thousands_of_bad_values_stays_small(client, method, path, data):
    answer = client.open(path, method=method, data=data, headers=AUTH)
    assert answer.status_code == 400
    message = answer.get_json()["ResourceException"]["Message"]
    assert "more" in message and len(answer.data) < 2048
