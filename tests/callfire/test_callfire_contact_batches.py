"""A CCC campaign's contact batches listed and controlled (BroadcastService), over REST (XML and JSON)
and SOAP through the Flask test client and a zeep client of the served WSDL: what a client reads back
after each write, the dialing a disabled batch holds back, CallFire's error shapes, and the exact wire
bodies against golden files in tests/golden/callfire/ (regenerate after an intended change with
``--update-goldens``)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import requests
import zeep
from lxml import etree
from zeep.transports import Transport

from mockdialer.harness.clock import get_clock

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "callfire"
AUTH = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
OTHER = {"Authorization": "Basic " + base64.b64encode(b"other-callfire:other-password").decode()}
SOAP = {**AUTH, "Content-Type": "application/soap+xml; charset=utf-8"}
REST = "/api/1.1/rest"
FROZEN_AT = 1435069199  # 2015-06-23T14:19:59Z
MONDAY_0930_PST = "2026-03-02T17:30:00Z"  # inside campaign 1001's calling hours
ENVELOPE = (
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:s="http://api.callfire.com/service/xsd">'
    "<env:Body>{}</env:Body></env:Envelope>"
)
NS = {
    "env": "http://www.w3.org/2003/05/soap-envelope",
    "s": "http://api.callfire.com/service/xsd",
    "d": "http://api.callfire.com/data",
    "r": "http://api.callfire.com/resource",
}


def _json(client, path, headers=AUTH, **query):
    answer = client.get(f"{REST}{path}.json", headers=headers, query_string=query)
    return answer.status_code, answer.get_json()


def _batch(client, batch_id) -> dict:
    status, body = _json(client, f"/broadcast/batch/{batch_id}")
    assert status == 200, body
    return body["Resource"]["ContactBatch"]


def _create(client, campaign_id=1001, **data) -> int:
    answer = client.post(f"{REST}/broadcast/{campaign_id}/batch.json", data=data, headers=AUTH)
    assert answer.status_code == 201, answer.data
    return answer.get_json()["ResourceReference"]["Id"]


def _control(client, batch_id, **data):
    return client.put(f"{REST}/broadcast/batch/{batch_id}/control", data=data, headers=AUTH)


def _batch_calls(client, batch_id) -> list[dict]:
    status, body = _json(client, "/call", BatchId=batch_id)
    assert status == 200, body
    return body["ResourceList"].get("Call", [])


def _soap(client, body: str, port="broadcast"):
    answer = client.post(f"/api/1.1/soap12/{port}", data=ENVELOPE.format(body), headers=SOAP)
    return answer, etree.fromstring(answer.data)


# ----- QueryContactBatches
def test_a_campaigns_batches_are_listed_by_id_with_paging(client):
    first = _create(client, Name="First", To="12135559000 12135559001")
    second = _create(client, Name="Second", To="12135559002")
    status, body = _json(client, "/broadcast/1001/batch")
    assert status == 200
    listed = body["ResourceList"]
    assert listed["@totalResults"] == 2
    assert [(b["@id"], b["Name"], b["Size"], b["BroadcastId"]) for b in listed["ContactBatch"]] == [
        (first, "First", 2, 1001),
        (second, "Second", 1, 1001),
    ]
    status, body = _json(client, "/broadcast/1001/batch", FirstResult=1, MaxResults=5)
    assert body["ResourceList"]["@totalResults"] == 2
    assert [b["@id"] for b in body["ResourceList"]["ContactBatch"]] == [second]
    status, body = _json(client, "/broadcast/1002/batch")  # a campaign without batches
    assert status == 200 and body["ResourceList"]["@totalResults"] == 0
    assert body["ResourceList"]["ContactBatch"] == []


def test_the_list_over_xml_holds_what_get_shows(client):
    batch_id = _create(client, Name="Xml list", To="12135559000")
    answer = client.get(f"{REST}/broadcast/1001/batch", headers=AUTH)
    root = etree.fromstring(answer.data)
    assert root.tag == "{http://api.callfire.com/resource}ResourceList" and root.get("totalResults") == "1"
    (batch,) = root.findall("d:ContactBatch", NS)
    assert batch.get("id") == str(batch_id)
    assert batch.findtext("d:Name", namespaces=NS) == "Xml list"
    assert batch.findtext("d:Status", namespaces=NS) == "ACTIVE"


@pytest.mark.parametrize(
    "path, headers, status, field",
    [
        ("/broadcast/1099/batch", AUTH, 404, "CccCampaign 1099"),
        ("/broadcast/1001/batch", OTHER, 404, "CccCampaign 1001"),
    ],
)
def test_the_batches_of_an_unknown_or_anothers_campaign_are_a_404(client, path, headers, status, field):
    code, body = _json(client, path, headers=headers)
    assert code == status
    assert body["ResourceException"]["HttpStatus"] == 404
    assert body["ResourceException"]["Message"].startswith(field)


def test_bad_paging_is_a_400_naming_each_field(client):
    code, body = _json(client, "/broadcast/1001/batch", MaxResults="5000", FirstResult="-1")
    assert code == 400
    message = body["ResourceException"]["Message"]
    assert "MaxResults" in message and "FirstResult" in message


# ----- ControlContactBatch
def test_a_renamed_batch_reads_back_renamed(client):
    batch_id = _create(client, Name="Before", To="12135559000")
    answer = _control(client, batch_id, Name="After")
    assert answer.status_code == 204 and answer.data == b""
    assert _batch(client, batch_id)["Name"] == "After"
    status, body = _json(client, "/broadcast/1001/batch")
    assert [b["Name"] for b in body["ResourceList"]["ContactBatch"]] == ["After"]


def test_a_disabled_batch_is_held_back_until_enabled(client):
    assert client.post("/__admin/clock", json={"freeze": MONDAY_0930_PST}).status_code == 200
    batch_id = _create(client, Name="Held", To="12135559000 12135559001", Start="true")
    assert _control(client, batch_id, Enabled="false").status_code == 204
    assert client.post("/__admin/clock", json={"advance": 600}).status_code == 200
    status, body = _json(client, "/call", BroadcastId=1001)
    assert body["ResourceList"]["@totalResults"] > 0  # the campaign dials its own contacts meanwhile
    assert _batch_calls(client, batch_id) == []
    assert _batch(client, batch_id)["Remaining"] == 2
    assert _control(client, batch_id, Enabled="true").status_code == 204
    assert client.post("/__admin/clock", json={"advance": 3 * 3600}).status_code == 200
    calls = _batch_calls(client, batch_id)
    assert sorted(c["ToNumber"]["value"] for c in calls) == ["12135559000", "12135559001"]
    assert _batch(client, batch_id)["Remaining"] == 0


def test_a_campaign_with_only_a_disabled_batch_left_waits_for_it(client):
    assert client.post("/__admin/clock", json={"freeze": MONDAY_0930_PST}).status_code == 200
    fields = {"Name": "Two lists", "FromNumber": "12132212384", "AgentGroupId": "3001"}
    made = client.post(f"{REST}/ccc.json", data=fields, headers=AUTH)
    campaign_id = made.get_json()["ResourceReference"]["Id"]
    _create(client, campaign_id, To="12135557001", Start="true")
    held = _create(client, campaign_id, To="12135557002")
    assert _control(client, held, Enabled="false").status_code == 204
    assert client.post("/__admin/clock", json={"advance": 3600}).status_code == 200
    status, body = _json(client, f"/ccc/{campaign_id}")
    assert body["Resource"]["CccCampaign"]["Status"] == "RUNNING"
    status, body = _json(client, "/call", BroadcastId=campaign_id)
    assert [c["ToNumber"]["value"] for c in body["ResourceList"]["Call"]] == ["12135557001"]
    assert _control(client, held, Enabled="true").status_code == 204
    assert client.post("/__admin/clock", json={"advance": 3600}).status_code == 200
    assert [c["ToNumber"]["value"] for c in _batch_calls(client, held)] == ["12135557002"]
    status, body = _json(client, f"/ccc/{campaign_id}")
    assert body["Resource"]["CccCampaign"]["Status"] == "FINISHED"


def test_the_php_sdks_empty_enabled_is_false(client):
    assert client.post("/__admin/clock", json={"freeze": MONDAY_0930_PST}).status_code == 200
    batch_id = _create(client, To="12135559000", Start="true")
    assert _control(client, batch_id, Enabled="").status_code == 204
    assert client.post("/__admin/clock", json={"advance": 3 * 3600}).status_code == 200
    assert _batch_calls(client, batch_id) == []
    assert _batch(client, batch_id)["Remaining"] == 1


@pytest.mark.parametrize(
    "data, field",
    [({}, "Enabled"), ({"Enabled": "maybe"}, "Enabled"), ({"Name": "Changed", "Enabled": "yes"}, "Enabled")],
)
def test_a_bad_control_is_a_400_naming_the_field_and_changes_nothing(client, data, field):
    batch_id = _create(client, Name="Kept", To="12135559000")
    answer = client.put(f"{REST}/broadcast/batch/{batch_id}/control.json", data=data, headers=AUTH)
    assert answer.status_code == 400
    assert answer.get_json()["ResourceException"]["Message"].startswith(field)
    assert _batch(client, batch_id)["Name"] == "Kept"


def test_control_of_an_unknown_or_anothers_batch_is_a_404(client):
    assert _control(client, 999999, Enabled="true").status_code == 404
    answer = client.put(f"{REST}/broadcast/batch/6001/control", data={"Name": "x"}, headers=OTHER)
    assert answer.status_code == 404
    assert _batch(client, 6001)["Name"] == "Archived leads"


# ----- SOAP (BroadcastService port)
def test_soap_lists_and_controls_what_rest_created(client):
    batch_id = _create(client, Name="Soap", To="12135559000")
    query = "<s:QueryContactBatches><s:BroadcastId>1001</s:BroadcastId></s:QueryContactBatches>"
    answer, root = _soap(client, query)
    assert answer.status_code == 200, answer.data
    result = root.find("env:Body/s:ContactBatchQueryResult", NS)
    assert result.findtext("s:TotalResults", namespaces=NS) == "1"
    assert [b.get("id") for b in result.findall("d:ContactBatch", NS)] == [str(batch_id)]
    answer, root = _soap(
        client,
        f"<s:ControlContactBatch><s:Id>{batch_id}</s:Id><s:Name>Soap renamed</s:Name>"
        "<s:Enabled>false</s:Enabled></s:ControlContactBatch>",
    )
    assert answer.status_code == 200, answer.data
    assert len(root.find("env:Body", NS)) == 0  # the Empty output
    assert _batch(client, batch_id)["Name"] == "Soap renamed"


@pytest.mark.parametrize(
    "body, status, code, text",
    [
        ("<s:ControlContactBatch><s:Id>999999</s:Id><s:Enabled>true</s:Enabled></s:ControlContactBatch>",
         400, "NOT_FOUND", "ContactBatch 999999"),
        ("<s:QueryContactBatches><s:BroadcastId>1099</s:BroadcastId></s:QueryContactBatches>",
         400, "NOT_FOUND", "CccCampaign 1099"),
        ("<s:QueryContactBatches><s:MaxResults>10</s:MaxResults></s:QueryContactBatches>",
         400, "BAD_REQUEST", "BroadcastId"),
        ("<s:ControlContactBatch><s:Id>6001</s:Id></s:ControlContactBatch>", 400, "BAD_REQUEST", "Enabled"),
    ],
)  # fmt: skip
def test_soap_faults_in_callfires_shape(client, body, status, code, text):
    answer, root = _soap(client, body)
    assert answer.status_code == status
    info = root.find(".//s:ServiceFaultInfo", NS)
    assert info.findtext("s:FaultCode", namespaces=NS) == code
    assert text in info.findtext("s:Message", namespaces=NS)


# ----- wire bodies
@pytest.mark.parametrize("suffix", ["", ".json"])
def test_rest_bodies_match_golden(app, client, golden, suffix):
    get_clock(app).freeze(FROZEN_AT)
    for name, path in (("contact_batch_list", "/broadcast/1003/batch"),):
        answer = client.get(f"{REST}{path}{suffix}", headers=AUTH)
        assert answer.status_code == 200
        golden(GOLDEN / "rest" / f"{name}{suffix or '.xml'}", answer.data)
    error = client.put(
        f"{REST}/broadcast/batch/6001/control{suffix}", data={"Enabled": "maybe"}, headers=AUTH
    )
    assert error.status_code == 400
    golden(GOLDEN / "rest" / f"contact_batch_control_400{suffix or '.xml'}", error.data)


SOAP_CASES = {
    "batch_query.xml": "<s:QueryContactBatches><s:BroadcastId>1003</s:BroadcastId></s:QueryContactBatches>",
    "batch_control.xml": "<s:ControlContactBatch><s:Id>6001</s:Id><s:Enabled>true</s:Enabled>"
                         "</s:ControlContactBatch>",
    "batch_control_404.xml": "<s:ControlContactBatch><s:Id>1</s:Id><s:Name>x</s:Name>"
                             "</s:ControlContactBatch>",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SOAP_CASES))
def test_soap_bodies_match_golden(app, client, golden, name):
    get_clock(app).freeze(FROZEN_AT)
    answer, _ = _soap(client, SOAP_CASES[name])
    assert answer.status_code == (400 if "404" in name else 200), answer.data
    golden(GOLDEN / "soap" / name, answer.data)


def test_a_client_made_from_the_served_wsdl_lists_and_controls_batches(live):
    session = requests.Session()
    session.auth = ("demo-callfire", "demo-password")
    wsdl = live.url + "/api/1.1/soap12/broadcast?wsdl"
    batches = zeep.Client(wsdl, transport=Transport(session=session, timeout=10)).service
    made = batches.CreateContactBatch(BroadcastId=1001, Name="Zeep", ToNumber=["12135559000", "12135559001"])
    found = batches.QueryContactBatches(BroadcastId=1001, MaxResults=10)
    assert found.TotalResults == 1 and [(b.id, b.Size) for b in found.ContactBatch] == [(made, 2)]
    assert batches.ControlContactBatch(Id=made, Name="Zeep renamed", Enabled=False) is None
    assert batches.GetContactBatch(Id=made).Name == "Zeep renamed"
    with pytest.raises(zeep.exceptions.Fault) as fault:
        batches.ControlContactBatch(Id=999999, Enabled=True)
    assert fault.value.detail.find(".//{http://api.callfire.com/service/xsd}FaultCode").text == "NOT_FOUND"
