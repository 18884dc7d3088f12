"""Exact wire bodies of SubscriptionService (REST and SOAP), the new SOAP ports' answers and the XML, JSON
and SOAP notifications, against golden files in tests/golden/callfire/; every XML notification is also
validated against the package's notification schema. Regenerate after an intended change with
``--update-goldens``."""

from __future__ import annotations

import base64
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from mockdialer.harness import deliveries

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "callfire"
AUTH = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
SOAP = {**AUTH, "Content-Type": "application/soap+xml; charset=utf-8"}
FROZEN_AT = 1435069199  # 2015-06-23T14:19:59Z
REST = "/api/1.1/rest"
FIELDS = {"Endpoint": "https://example.com/notify?t=1", "TriggerEvent": "OUTBOUND_CALL_FINISHED",
          "BroadcastId": "1001", "ToNumber": "12135551000"}  # fmt: skip
ENVELOPE = (
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:s="http://api.callfire.com/service/xsd"'
    ' xmlns:d="http://api.callfire.com/data"><env:Body>{}</env:Body></env:Envelope>'
)
SOAP_CASES = {
    "call_query.xml": ("call", "<s:QueryCalls><s:MaxResults>2</s:MaxResults>"
                       "<s:BroadcastId>1001</s:BroadcastId></s:QueryCalls>"),
    "call_get.xml": ("call", "<s:GetCall><s:Id>10010000002</s:Id></s:GetCall>"),
    "call_get_404.xml": ("call", "<s:GetCall><s:Id>1</s:Id></s:GetCall>"),
    "batch_get.xml": ("broadcast", "<s:GetContactBatch><s:Id>6001</s:Id></s:GetContactBatch>"),
    "subscription_get.xml": ("subscription", "<s:GetSubscription><s:Id>100000</s:Id></s:GetSubscription>"),
    "subscription_query.xml": ("subscription", "<s:QuerySubscriptions/>"),
}  # fmt: skip


def _schema() -> etree.XMLSchema:
    path = resources.files("mockdialer.callfire.soap").joinpath("wsdl", "notification.xsd")
    with resources.as_file(path) as file:
        return etree.XMLSchema(etree.parse(str(file)))


@pytest.mark.parametrize("suffix", ["", ".json"])
def test_subscription_rest_matches_golden(app, client, golden, suffix):
    created = client.post(f"{REST}/subscription{suffix}", data=FIELDS, headers=AUTH)
    assert created.status_code == 201
    golden(GOLDEN / "rest" / f"subscription_reference{suffix or '.xml'}", created.data)
    for name, path in (("subscription", "/subscription/100000"), ("subscription_list", "/subscription")):
        answer = client.get(f"{REST}{path}{suffix}", headers=AUTH)
        assert answer.status_code == 200
        golden(GOLDEN / "rest" / f"{name}{suffix or '.xml'}", answer.data)
    error = client.post(f"{REST}/subscription{suffix}", data={"Endpoint": "x"}, headers=AUTH)
    assert error.status_code == 400
    golden(GOLDEN / "rest" / f"subscription_error_400{suffix or '.xml'}", error.data)


@pytest.mark.parametrize("name", sorted(SOAP_CASES))
def test_soap_ports_match_golden(app, client, golden, name):
    app.extensions["mockdialer.clock"].freeze(FROZEN_AT)
    assert client.post(f"{REST}/subscription", data=FIELDS, headers=AUTH).status_code == 201
    port, body = SOAP_CASES[name]
    answer = client.post(f"/api/1.1/soap12/{port}", data=ENVELOPE.format(body), headers=SOAP)
    assert answer.status_code == (400 if "404" in name else 200), answer.data
    golden(GOLDEN / "soap" / name, answer.data)


@pytest.mark.parametrize("port", ["call", "broadcast", "subscription"])
def test_wsdl_served_with_this_address(client, port):
    answer = client.get(f"/api/1.1/soap12/{port}?wsdl")
    assert answer.status_code == 200
    root = etree.fromstring(answer.data)
    address = root.find(".//{http://schemas.xmlsoap.org/wsdl/soap12/}address").get("location")
    assert address == f"http://localhost/api/1.1/soap12/{port}"


@pytest.mark.parametrize("fmt", ["XML", "JSON", "SOAP"])
def test_notifications_match_golden_and_schema(app, client, golden, fmt):
    got: list[deliveries.Delivered] = []
    deliveries.set_receiver(got.append, app)
    try:
        for event in ("OUTBOUND_CALL_FINISHED", "CAMPAIGN_STARTED", "CAMPAIGN_STOPPED"):
            fields = {**FIELDS, "TriggerEvent": event, "NotificationFormat": fmt}
            fields.pop("ToNumber")
            assert client.post(f"{REST}/subscription", data=fields, headers=AUTH).status_code == 201
        assert client.post("/__admin/clock", json={"freeze": "2026-03-02T17:30:00Z"}).status_code == 200
        client.put(f"{REST}/ccc/1001/control", data={"Command": "START"}, headers=AUTH)
        client.post("/__admin/clock", json={"advance": 120})
        client.get(f"{REST}/call", headers=AUTH)
        client.put(f"{REST}/ccc/1001/control", data={"Command": "STOP"}, headers=AUTH)
        assert deliveries.get_dispatcher(app).wait(20)
    finally:
        deliveries.set_receiver(None, app)
    events = [d.event for d in got]
    assert "BroadcastStarted" in events and "BroadcastStopped" in events and "CallFinished" in events
    ext = {"XML": "xml", "JSON": "json", "SOAP": "soap.xml"}[fmt]
    for event in ("BroadcastStarted", "CallFinished", "BroadcastStopped"):
        golden(GOLDEN / "notifications" / f"{event}.{ext}", next(d for d in got if d.event == event).body)
    if fmt == "XML":
        schema = _schema()
        for delivered in got:
            assert delivered.headers["Content-Type"] == "text/xml; charset=UTF-8"
            assert delivered.headers["User-Agent"] == "CallFire-HTTP/1.0"
            document = etree.fromstring(delivered.body)
            assert schema.validate(document), schema.error_log.last_error
            assert document.prefix == "n" and document[0].tag.endswith("}SubscriptionId")
