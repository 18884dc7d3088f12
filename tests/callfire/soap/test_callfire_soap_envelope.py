"""Raw SOAP 1.2 envelopes: dispatch, namespaces by URI, and every error path as a Fault (golden bodies)."""

from __future__ import annotations

import pytest
import requests
from lxml import etree
from soap_helpers import ACTION, DATA, ENV, NS, SOAP11_EMPTY, SVC, envelope, fault, golden

GET_1001 = "<svc:GetCccCampaignRequest><svc:Id>1001</svc:Id></svc:GetCccCampaignRequest>"


def campaign_name(response) -> str:
    assert response.status_code == 200, response.text
    return etree.fromstring(response.content).findtext("env:Body/d:CccCampaign/d:Name", namespaces=NS)


# ----- success shapes
def test_get_wire_body(raw):
    response = raw.post(envelope(GET_1001))
    assert response.headers["Content-Type"] == "application/soap+xml; charset=utf-8"
    golden("get_ccc_campaign.xml", response.content)


def test_update_answers_an_empty_body(raw):
    body = (
        '<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001"><d:Name>Wire</d:Name>'
        "</d:CccCampaign></svc:UpdateCccCampaignRequest>"
    )
    response = raw.post(envelope(body))
    assert response.status_code == 200
    golden("update_ccc_campaign.xml", response.content)
    assert campaign_name(raw.post(envelope(GET_1001))) == "Wire"


def test_create_answers_created_id(raw):
    body = (
        "<svc:CreateCccCampaignRequest><d:CccCampaign><d:Name>Wire</d:Name></d:CccCampaign>"
        "</svc:CreateCccCampaignRequest>"
    )
    response = raw.post(envelope(body))
    assert response.status_code == 200 and b"CreatedId" in response.content
    golden("create_ccc_campaign.xml", response.content)


def test_query_wire_body(raw):
    body = "<svc:QueryCccCampaignsRequest><svc:MaxResults>1</svc:MaxResults></svc:QueryCccCampaignsRequest>"
    response = raw.post(envelope(body))
    assert response.status_code == 200 and b"TotalResults" in response.content
    golden("query_ccc_campaigns.xml", response.content)


# ----- dispatch
def test_dispatch_by_root_element_without_any_action(raw):
    assert campaign_name(raw.post(envelope(GET_1001))) == "Demo Customer Survey"


def test_dispatch_by_content_type_action(raw):
    assert campaign_name(raw.post(envelope(GET_1001), action=ACTION + "GetCccCampaign")) is not None


def test_dispatch_by_soapaction_header(raw):
    response = raw.post(
        envelope(GET_1001), content_type="text/xml", headers={"SOAPAction": f'"{ACTION}GetCccCampaign"'}
    )
    assert campaign_name(response) == "Demo Customer Survey"


def test_namespaces_are_matched_by_uri_not_prefix(raw):
    body = (
        f'<S:Envelope xmlns:S="{ENV}"><S:Body><x:GetCccCampaignRequest xmlns:x="{SVC}">'
        "<x:Id>1001</x:Id></x:GetCccCampaignRequest></S:Body></S:Envelope>"
    ).encode()
    assert campaign_name(raw.post(body)) == "Demo Customer Survey"
    update = (
        f'<Envelope xmlns="{ENV}"><Body><UpdateCccCampaignRequest xmlns="{SVC}">'
        f'<CccCampaign xmlns="{DATA}" id="1001"><Name>Default ns</Name></CccCampaign>'
        "</UpdateCccCampaignRequest></Body></Envelope>"
    ).encode()
    assert raw.post(update).status_code == 200
    assert campaign_name(raw.post(envelope(GET_1001))) == "Default ns"


def test_header_blocks_without_must_understand_are_ignored(raw):
    header = '<h:Trace xmlns:h="urn:example">1</h:Trace>'
    assert campaign_name(raw.post(envelope(GET_1001, header))) == "Demo Customer Survey"


# ----- faults
CASES = {
    "malformed_xml": (b"<env:Envelope xmlns:env='x'><unclosed>", {}, 400, "Sender"),
    "not_an_envelope": (b"<CccCampaign><Name>x</Name></CccCampaign>", {}, 400, "Sender"),
    "empty_body": (envelope(""), {}, 400, "Sender"),
    "unknown_operation": (envelope("<svc:GetBroadcastRequest/>"), {}, 400, "Sender"),
    "unknown_action": (envelope(GET_1001), {"action": ACTION + "SendCall"}, 400, "Sender"),
    "action_body_mismatch": (envelope(GET_1001), {"action": ACTION + "DeleteCccCampaign"}, 400, "Sender"),
    "request_in_wrong_namespace": (
        envelope("<GetCccCampaignRequest><Id>1001</Id></GetCccCampaignRequest>"),
        {},
        400,
        "Sender",
    ),
    "field_in_wrong_namespace": (
        envelope(
            '<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001"><svc:Name>x</svc:Name>'
            "</d:CccCampaign></svc:UpdateCccCampaignRequest>"
        ),
        {},
        400,
        "Sender",
    ),
    "schema_violation": (
        envelope(
            '<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001"><d:Name>x</d:Name>'
            "<d:MultilineDialingRatio>9</d:MultilineDialingRatio><d:FromNumber>12-34</d:FromNumber>"
            "</d:CccCampaign></svc:UpdateCccCampaignRequest>"
        ),
        {},
        400,
        "Sender",
    ),
    "missing_campaign_id": (
        envelope(
            "<svc:UpdateCccCampaignRequest><d:CccCampaign><d:Name>x</d:Name></d:CccCampaign>"
            "</svc:UpdateCccCampaignRequest>"
        ),
        {},
        400,
        "Sender",
    ),
    "bad_id": (
        envelope("<svc:GetCccCampaignRequest><svc:Id>abc</svc:Id></svc:GetCccCampaignRequest>"),
        {},
        400,
        "Sender",
    ),
    "unknown_id": (
        envelope("<svc:GetCccCampaignRequest><svc:Id>424242</svc:Id></svc:GetCccCampaignRequest>"),
        {},
        400,  # SOAP 1.2 Part 2 7.5.2: every env:Sender fault goes with 400, NOT_FOUND included
        "Sender",
    ),
    "duplicate_element": (
        envelope(
            '<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001"><d:Name>a</d:Name><d:Name>b</d:Name>'
            "</d:CccCampaign></svc:UpdateCccCampaignRequest>"
        ),
        {},
        400,
        "Sender",
    ),
    "must_understand": (
        envelope(GET_1001, '<h:Security xmlns:h="urn:example" env:mustUnderstand="true"/>'),
        {},
        400,
        "MustUnderstand",
    ),
    "wrong_content_type": (envelope(GET_1001), {"content_type": "application/json"}, 400, "Sender"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_error_paths_are_faults(raw, name):
    data, kw, status, code = CASES[name]
    response = raw.post(data, **kw)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/soap+xml; charset=utf-8"
    assert fault(response)["code"] == f"env:{code}"
    golden(f"fault_{name}.xml", response.content)


def test_version_mismatch_names_the_supported_envelope(strict_soap):
    response = strict_soap.post(SOAP11_EMPTY)
    supported = etree.fromstring(response.content).find("env:Header/env:Upgrade/env:SupportedEnvelope", NS)
    assert supported is not None and supported.get("qname") == "ns:Envelope"


def test_bad_credentials_are_a_401_fault_with_challenge(live):
    response = requests.post(
        live.url + "/api/1.1/soap12/ccc", data=envelope(GET_1001), auth=("demo-callfire", "nope"), timeout=10
    )
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="CallFire"'
    assert fault(response) == {
        "code": "env:Sender",
        "reason": "Invalid API login or password",
        "FaultCode": "FORBIDDEN",
        "Message": "Invalid API login or password",
    }
    golden("fault_bad_credentials.xml", response.content)


def test_missing_credentials_are_a_401_fault(live):
    response = requests.post(live.url + "/api/1.1/soap12/ccc", data=envelope(GET_1001), timeout=10)
    assert response.status_code == 401
    assert fault(response)["FaultCode"] == "FORBIDDEN"


def test_unknown_route_under_the_prefix_is_a_fault(live):
    response = requests.post(live.url + "/api/1.1/soap12/sms", data=envelope(GET_1001), timeout=10)
    assert response.status_code == 400
    assert fault(response)["FaultCode"] == "NOT_FOUND"
    golden("fault_no_such_route.xml", response.content)


def test_wrong_method_is_a_fault_with_allow(live):
    response = requests.put(live.url + "/api/1.1/soap12/ccc", data=b"x", timeout=10)
    assert response.status_code == 400
    assert set(response.headers["Allow"].split(", ")) == {"GET", "POST"}
    assert fault(response)["code"] == "env:Sender"


def test_get_without_wsdl_is_a_fault(live):
    response = requests.get(live.url + "/api/1.1/soap12/ccc", timeout=10)
    assert response.status_code == 400
    assert "?wsdl" in fault(response)["Message"]


def test_body_over_the_limit_is_a_sender_fault(raw):
    padding = "x" * (1024 * 1024)
    response = raw.post(envelope(f"<svc:GetCccCampaignRequest>{padding}</svc:GetCccCampaignRequest>"))
    assert response.status_code == 400
    assert fault(response)["FaultCode"] == "BAD_REQUEST"
    golden("fault_too_large.xml", response.content)
