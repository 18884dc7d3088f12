"""SOAP 1.1 (what CallFire's PHP SDK sends, docs/vendors/callfire.md): lenient mode answers it in SOAP 1.1
(envelope,
``text/xml``, 1.1 faults with the ServiceFaultInfo detail, HTTP 500); strict mode answers VersionMismatch."""

from __future__ import annotations

import pytest
from lxml import etree
from soap_helpers import DATA, NS, SOAP11, SOAP11_EMPTY, fault, fault11, golden, post11

GET_1001 = "<svc:GetCccCampaignRequest><svc:Id>1001</svc:Id></svc:GetCccCampaignRequest>"


def test_a_soap11_request_gets_a_soap11_answer(raw):
    response = post11(raw, GET_1001, "GetCccCampaign")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{SOAP11}}}Envelope"
    assert root.findtext(f"{{{SOAP11}}}Body/d:CccCampaign/d:Name", namespaces=NS) == "Demo Customer Survey"
    golden("soap11_get_ccc_campaign.xml", response.content)


def test_a_soap11_empty_output_is_an_empty_soap11_body(raw):
    body = (
        "<svc:RemoveAgentRequest><svc:CampaignId>1001</svc:CampaignId><svc:Id>4001</svc:Id>"
        "</svc:RemoveAgentRequest>"
    )
    response = post11(raw, body, "RemoveAgent")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert len(root.find(f"{{{SOAP11}}}Body")) == 0


def test_a_soap11_fault_has_the_11_shape_and_names_the_field(raw):
    body = '<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001"/></svc:UpdateCccCampaignRequest>'
    response = post11(raw, body, "UpdateCccCampaign")
    assert response.status_code == 500  # SOAP 1.1 section 6.2, WS-I BP R1126
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert fault11(response) == {
        "code": "soap:Client",
        "reason": "Name is required",
        "FaultCode": "BAD_REQUEST",
        "Message": "Name is required",
    }
    golden("soap11_fault_name_required.xml", response.content)


def test_a_soap11_not_found_fault(raw):
    response = post11(raw, GET_1001.replace("1001", "999999"), "GetCccCampaign")
    assert fault11(response)["FaultCode"] == "NOT_FOUND"


def test_soap11_bad_credentials_are_a_soap11_fault(raw):
    raw.session.auth = ("demo-callfire", "nope")
    response = post11(raw, GET_1001, "GetCccCampaign")
    assert fault11(response)["FaultCode"] == "FORBIDDEN"


@pytest.mark.parametrize("id_element", ["", "<d:Id>1001</d:Id>"])
def test_an_update_without_the_id_attribute_is_the_fault_of_a_request_without_an_id(raw, id_element):
    """CallFire's PHP SOAP SDK renames the resource's ``id`` to ``Id``; with CallFire's definitions (no ``Id``
    element) PHP's SoapClient drops it and the update carries no id: the fault that request gets
    (docs/callfire-contract.md). An ``Id`` element is not an id."""
    body = (
        f"<svc:UpdateCccCampaignRequest><d:CccCampaign><d:Name>Renamed by PHP</d:Name>{id_element}"
        "</d:CccCampaign></svc:UpdateCccCampaignRequest>"
    )
    response = post11(raw, body, "UpdateCccCampaign")
    assert response.status_code == 500  # SOAP 1.1 section 6.2
    assert fault11(response)["FaultCode"] == "BAD_REQUEST"
    assert fault11(response)["Message"] == "CccCampaign.id is required"
    response = post11(raw, GET_1001, "GetCccCampaign")
    name = etree.fromstring(response.content).findtext(".//d:Name", namespaces={"d": DATA})
    assert name != "Renamed by PHP"


def test_an_agent_group_update_with_only_an_id_element_names_no_group(raw):
    body = (
        "<svc:UpdateAgentGroupRequest><d:AgentGroup><d:Name>x</d:Name><d:Id>3002</d:Id>"
        "</d:AgentGroup></svc:UpdateAgentGroupRequest>"
    )
    assert fault11(post11(raw, body, "UpdateAgentGroup"))["Message"] == "AgentGroup.id is required"


def test_strict_mode_answers_soap11_with_version_mismatch(strict_soap):
    response = post11(strict_soap, GET_1001, "GetCccCampaign")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/soap+xml; charset=utf-8"
    assert fault(response)["code"] == "env:VersionMismatch"
    response = strict_soap.post(SOAP11_EMPTY)
    golden("fault_soap11_envelope.xml", response.content)
