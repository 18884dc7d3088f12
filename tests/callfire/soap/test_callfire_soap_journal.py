"""The SOAP endpoint reports its operation, account and parsed body to the journal, and fault rules
naming a CallFire operation hit SOAP calls too, answered as SOAP Faults before any state changes."""

from __future__ import annotations

import pytest
from soap_helpers import envelope, fault
from zeep.exceptions import Fault

from mockdialer.harness.faults import get_faults
from mockdialer.harness.journal import get_journal


def test_journal_records_operation_account_and_parsed_body(app, soap):
    soap.UpdateCccCampaign(RequestId="j-1", CccCampaign={"id": 1001, "Name": "Logged", "Recorded": False})
    (entry,) = get_journal(app).entries(operation="callfire.UpdateCccCampaign")
    assert entry["transport"] == "callfire.soap" and entry["account"] == "demo-callfire"
    assert entry["body"] == {
        "RequestId": "j-1",
        "CccCampaign": {"id": "1001", "Name": "Logged", "Recorded": "false"},
    }
    assert entry["status"] == 200


def test_journal_keeps_the_raw_envelope_of_a_request_that_did_not_parse(app, raw):
    raw.post(b"<not-xml")
    (entry,) = get_journal(app).entries(transport="callfire.soap")
    assert entry["body"] == "<not-xml" and entry["status"] == 400


def test_error_rule_on_an_operation_is_a_soap_fault_and_changes_nothing(app, soap, raw):
    get_faults(app).add(action="error", status=503, operation="callfire.UpdateCccCampaign", times=1)
    with pytest.raises(Fault) as exc:
        soap.UpdateCccCampaign(CccCampaign={"id": 1001, "Name": "Never stored"})
    assert exc.value.code == "env:Receiver"
    assert soap.GetCccCampaign(Id=1001).Name == "Demo Customer Survey"
    body = "<svc:GetCccCampaignRequest><svc:Id>1001</svc:Id></svc:GetCccCampaignRequest>"
    get_faults(app).add(action="rate_limit", operation="callfire.GetCccCampaign", times=1, retry_after=2)
    response = raw.post(envelope(body))
    assert response.status_code == 429 and response.headers["Retry-After"] == "2"
    assert fault(response)["FaultCode"] == "UNAVAILABLE"
