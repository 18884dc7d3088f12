"""A real SOAP client (zeep) built from nothing but the served WSDL URL drives every CccService operation."""

from __future__ import annotations

import pytest
import zeep
from soap_helpers import NS, OTHER, soap_client
from zeep.exceptions import Fault


def fault_info(exc: Fault) -> tuple[str, str]:
    return (
        exc.detail.findtext("svc:ServiceFaultInfo/svc:FaultCode", namespaces=NS),
        exc.detail.findtext("svc:ServiceFaultInfo/svc:Message", namespaces=NS),
    )


def test_client_from_wsdl_url_targets_the_mock(live):
    client = soap_client(live.url)
    ports = [port for service in client.wsdl.services.values() for port in service.ports.values()]
    assert {port.binding_options["address"] for port in ports} == {live.url + "/api/1.1/soap12/ccc"}
    ops = {name for port in ports for name in port.binding.all()}
    assert {"UpdateCccCampaign", "CreateCccCampaign", "GetCccCampaign", "QueryCccCampaigns"} <= ops


def test_update_then_get(soap):
    result = soap.UpdateCccCampaign(
        RequestId="upd-1",
        CccCampaign={
            "id": 1001,
            "Name": "Renamed survey",
            "NumberOfRings": 6,
            "RetryConfig": {"MaxAttempts": 3, "RetryResults": ["BUSY", "AM"]},
            "Question": [{"Label": "Pick", "ResponseType": "CHOICE", "Choices": ["Red", "Blue"]}],
        },
    )
    assert result is None  # the Empty output message
    got = soap.GetCccCampaign(Id=1001)
    assert got.id == 1001
    assert got.Name == "Renamed survey"
    assert got.NumberOfRings == 6
    assert got.RetryConfig.MaxAttempts == 3
    assert got.RetryConfig.RetryResults == ["BUSY", "AM"]
    assert got.RetryConfig.MinutesBetweenAttempts == 30  # omitted: kept
    assert [(q.Label, q.Choices) for q in got.Question] == [("Pick", ["Red", "Blue"])]
    assert got.Script.startswith("Hello, this is Demo Co.")  # omitted: kept


def test_create_returns_created_id_and_reads_back(soap):
    new_id = soap.CreateCccCampaign(
        CccCampaign={"Name": "Fresh", "FromNumber": "12132212384", "LocalRestrictBegin": "09:00:00"}
    )
    assert isinstance(new_id, int)
    got = soap.GetCccCampaign(Id=new_id)
    assert (got.Name, got.Status, got.FromNumber) == ("Fresh", "STOPPED", "12132212384")
    assert got.LocalRestrictBegin.strftime("%H:%M:%S") == "09:00:00"
    assert (got.NumberOfRings, got.MultilineDialingRatio) == (4, 1)


def test_create_with_same_request_id_is_deduplicated(soap):
    first = soap.CreateCccCampaign(RequestId="dup-1", CccCampaign={"Name": "Once"})
    second = soap.CreateCccCampaign(RequestId="dup-1", CccCampaign={"Name": "Once"})
    assert first == second
    assert soap.QueryCccCampaigns(Name="Once").TotalResults == 1


def test_query_with_total_results_and_paging(soap):
    everything = soap.QueryCccCampaigns()
    page = soap.QueryCccCampaigns(MaxResults=1, FirstResult=1)
    assert everything.TotalResults == len(everything.CccCampaign) >= 2
    assert page.TotalResults == everything.TotalResults
    assert [c.id for c in page.CccCampaign] == [everything.CccCampaign[1].id]
    running = soap.QueryCccCampaigns(Running=True)
    assert running.CccCampaign and all(c.Status == "RUNNING" for c in running.CccCampaign)


def test_control_start_stop_archive(soap):
    soap.ControlCccCampaign(Id=1001, Command="START")
    assert soap.GetCccCampaign(Id=1001).Status == "RUNNING"
    soap.ControlCccCampaign(Id=1001, Command="STOP")
    assert soap.GetCccCampaign(Id=1001).Status == "STOPPED"
    soap.ControlCccCampaign(Id=1001, Command="ARCHIVE")
    assert soap.GetCccCampaign(Id=1001).Status == "ARCHIVED"
    with pytest.raises(Fault) as exc:
        soap.UpdateCccCampaign(CccCampaign={"id": 1001, "Name": "Too late"})
    assert exc.value.code == "env:Sender"
    assert fault_info(exc.value) == ("BAD_REQUEST", "CccCampaign 1001 is ARCHIVED and cannot be updated")


def test_delete_questions_transfer_numbers_and_campaign(soap):
    soap.DeleteCccCampaignQuestions(Id=1001)
    soap.DeleteCccCampaignTransferNumbers(Id=1001)
    got = soap.GetCccCampaign(Id=1001)
    assert got.Question == [] and got.TransferNumber == []
    soap.DeleteCccCampaign(Id=1001)
    with pytest.raises(Fault) as exc:
        soap.GetCccCampaign(Id=1001)
    assert fault_info(exc.value) == ("NOT_FOUND", "CccCampaign 1001 not found")


def test_stats(soap):
    stats = soap.GetCccCampaignStats(CampaignId=1001)
    assert stats.CallsPlaced == 40  # campaign 1001's seeded history (fixtures/callfire/demo.json)
    assert [r.Result for r in stats.ResultStat] == [
        "LA",
        "AM",
        "BUSY",
        "NO_ANS",
        "ABANDONED",
        "CARRIER_ERROR",
    ]


def test_agent_groups(soap):
    gid = soap.CreateAgentGroup(AgentGroup={"Name": "Night shift", "AgentEmails": ["a@example.com"]})
    soap.UpdateAgentGroup(AgentGroup={"id": gid, "Name": "Night crew", "AgentEmails": ["b@example.com"]})
    group = soap.GetAgentGroup(Id=gid)
    assert (group.Name, group.AgentEmails) == ("Night crew", ["b@example.com"])
    soap.UpdateCccCampaign(CccCampaign={"id": 1001, "Name": "Demo Customer Survey", "AgentGroupId": gid})
    assert soap.GetCccCampaign(Id=1001).AgentGroupName == "Night crew"
    found = soap.QueryAgentGroups(CampaignId=1001)
    assert [g.id for g in found.AgentGroup] == [gid] and found.TotalResults == 1
    soap.DeleteAgentGroup(Id=gid)
    with pytest.raises(Fault) as exc:
        soap.GetAgentGroup(Id=gid)
    assert fault_info(exc.value)[0] == "NOT_FOUND"


def test_validation_fault_names_every_field(soap):
    with pytest.raises(Fault) as exc:
        soap.UpdateCccCampaign(
            CccCampaign={"id": 1001, "NumberOfRings": 0, "RetryConfig": {"RetryResults": ["NOPE"]}}
        )
    assert exc.value.code == "env:Sender"
    code, message = fault_info(exc.value)
    assert code == "BAD_REQUEST"
    assert "Name is required" in message
    assert "NumberOfRings must be 1 or more" in message
    assert "RetryConfig.RetryResults NOPE not one of" in message
    assert exc.value.message == message


def test_unknown_id_fault(soap):
    with pytest.raises(Fault) as exc:
        soap.UpdateCccCampaign(CccCampaign={"id": 999999, "Name": "x"})
    assert fault_info(exc.value) == ("NOT_FOUND", "CccCampaign 999999 not found")


def test_other_accounts_campaign_is_not_found(live):
    other = soap_client(live.url, OTHER).service
    with pytest.raises(Fault) as exc:
        other.GetCccCampaign(Id=1001)
    assert fault_info(exc.value)[0] == "NOT_FOUND"


def test_bad_credentials_fault(live):
    client = soap_client(live.url)  # the WSDL is public; the calls are not
    client.transport.session.auth = ("demo-callfire", "wrong")
    with pytest.raises(Fault) as exc:
        client.service.GetCccCampaign(Id=1001)
    assert exc.value.code == "env:Sender"
    assert fault_info(exc.value) == ("FORBIDDEN", "Invalid API login or password")


def test_zeep_sees_the_fault_type_in_the_wsdl(live):
    client = soap_client(live.url)
    info = client.get_element("{http://api.callfire.com/service/xsd}ServiceFaultInfo")
    assert [name for name, _ in info.type.elements] == ["FaultCode", "Message", "Detail"]
    assert isinstance(client, zeep.Client)
