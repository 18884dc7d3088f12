"""One domain, one state: SOAP and REST see each other's changes and report the same problems."""

from __future__ import annotations

import pytest
from callfire_helpers import NS as REST_NS
from callfire_helpers import xml
from soap_helpers import NS, envelope, fault
from zeep.exceptions import Fault

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_update_over_soap_reads_back_over_rest(soap, api):
    soap.UpdateCccCampaign(
        CccCampaign={
            "id": 1002,
            "Name": "From SOAP",
            "RetryConfig": {"RetryPhoneTypes": ["WORK_PHONE"]},
            "TransferNumber": [{"Name": "Desk", "Number": "18558214046", "AllowAssistedTransfer": True}],
        }
    )
    c = api.get("/ccc/1002.json").json()["Resource"]["CccCampaign"]
    assert c["Name"] == "From SOAP"
    assert c["RetryConfig"]["RetryPhoneTypes"] == "WORK_PHONE"
    assert c["TransferNumber"] == [{"Name": "Desk", "Number": "18558214046", "AllowAssistedTransfer": True}]


def test_update_over_rest_reads_back_over_soap(soap, api):
    form = (
        "Name=From+REST&RetryResults=BUSY+AM&NumberOfRings=7"
        "&Question%5B0%5D%5Blabel%5D=Q&Question%5B0%5D%5BresponseType%5D=NUMERIC"
    )
    assert api.put("/ccc/1002", data=form, headers=FORM).status_code == 204
    got = soap.GetCccCampaign(Id=1002)
    assert (got.Name, got.NumberOfRings, got.RetryConfig.RetryResults) == ("From REST", 7, ["BUSY", "AM"])
    assert [(q.Label, q.ResponseType) for q in got.Question] == [("Q", "NUMERIC")]


def test_created_over_soap_is_listed_over_rest(soap, api):
    new_id = soap.CreateCccCampaign(CccCampaign={"Name": "Both ways"})
    root = xml(api.get("/ccc", params={"Name": "Both ways"}))
    assert [int(c.get("id")) for c in root.iterfind("d:CccCampaign", REST_NS)] == [new_id]


def test_request_id_is_shared_between_transports(soap, api):
    new_id = soap.CreateCccCampaign(RequestId="shared-1", CccCampaign={"Name": "Once only"})
    response = api.post("/ccc", data="RequestId=shared-1&Name=Once+only", headers=FORM)
    assert int(xml(response).findtext("r:Id", namespaces=REST_NS)) == new_id


BAD = [
    # (REST form, SOAP CccCampaign children)
    ("NumberOfRings=0", "<d:NumberOfRings>0</d:NumberOfRings>"),
    (
        "Name=x&FromNumber=12-34&MultilineDialingRatio=9",
        "<d:Name>x</d:Name><d:FromNumber>12-34</d:FromNumber>"
        "<d:MultilineDialingRatio>9</d:MultilineDialingRatio>",
    ),
    (
        "Name=x&RetryResults=BUSY+NOPE&MaxAttempts=zero",
        "<d:Name>x</d:Name><d:RetryConfig><d:MaxAttempts>zero"
        "</d:MaxAttempts><d:RetryResults>BUSY NOPE</d:RetryResults></d:RetryConfig>",
    ),
    (
        "Name=x&Question%5B0%5D%5Blabel%5D=Q&Question%5B0%5D%5BresponseType%5D=CHOICE",
        "<d:Name>x</d:Name><d:Question><d:Label>Q</d:Label><d:ResponseType>CHOICE</d:ResponseType></d:Question>",
    ),
    (
        "Name=x&LocalRestrictBegin=25%3A00&AgentGroupId=999",
        "<d:Name>x</d:Name>"
        "<d:LocalRestrictBegin>25:00</d:LocalRestrictBegin><d:AgentGroupId>999</d:AgentGroupId>",
    ),
]


@pytest.mark.parametrize("form,children", BAD)
def test_same_bad_input_same_problems(raw, api, form, children):
    rest = api.put("/ccc/1001", data=form, headers=FORM)
    body = (
        f'<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001">{children}</d:CccCampaign>'
        "</svc:UpdateCccCampaignRequest>"
    )
    soap = raw.post(envelope(body))
    assert rest.status_code == soap.status_code == 400
    rest_message = xml(rest).findtext("r:Message", namespaces=REST_NS)
    assert fault(soap)["Message"] == rest_message
    assert fault(soap)["FaultCode"] == "BAD_REQUEST"


def test_archived_refusal_is_the_same(soap, api):
    api.put("/ccc/1001/control", params={"Command": "ARCHIVE"})
    rest = api.put("/ccc/1001", data="Name=x", headers=FORM)
    with pytest.raises(Fault) as exc:
        soap.UpdateCccCampaign(CccCampaign={"id": 1001, "Name": "x"})
    message = exc.value.detail.findtext("svc:ServiceFaultInfo/svc:Message", namespaces=NS)
    assert message == xml(rest).findtext("r:Message", namespaces=REST_NS)
