"""CallService (QueryCalls, GetCall) and contact batches over REST, through the Flask test client: a
campaign run by the mock's clock, its calls and records checked against GetCccCampaignStats."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from lxml import etree

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
OTHER = {"Authorization": "Basic b3RoZXItY2FsbGZpcmU6b3RoZXItcGFzc3dvcmQ="}  # other-callfire
REST = "/api/1.1/rest"
MONDAY_0930_PST = "2026-03-02T17:30:00Z"  # inside 1001's calling hours
DATA = "http://api.callfire.com/data"


def _get(client, path, headers=AUTH, **query):
    return client.get(REST + path, headers=headers, query_string=query)


def _calls(client, **query) -> tuple[int, list[dict]]:
    answer = _get(client, "/call.json", **query)
    assert answer.status_code == 200, answer.data
    body = answer.get_json()["ResourceList"]
    return body["@totalResults"], body.get("Call", [])


def _stats(client, campaign_id=1001) -> dict:
    return _get(client, f"/ccc/{campaign_id}/stats.json").get_json()["Resource"]["CccCampaignStats"]


def _control(client, command, campaign_id=1001):
    answer = client.put(f"{REST}/ccc/{campaign_id}/control", data={"Command": command}, headers=AUTH)
    assert answer.status_code == 204, answer.data


def _clock(client, **move):
    assert client.post("/__admin/clock", json=move).status_code == 200


def _started(client):
    _clock(client, freeze=MONDAY_0930_PST)
    _control(client, "START")


def _consistent(client, campaign_id=1001) -> tuple[list[dict], dict]:
    """The campaign's calls and stats at one clock reading, checked against each other
    (docs/callfire-contract.md "Calls": the stats are what the calls add up to)."""
    total, calls = _calls(client, BroadcastId=campaign_id)
    assert total == len(calls)
    stats = _stats(client, campaign_id)
    records = [r for call in calls for r in call["CallRecord"]]
    attempts = Counter(r["Result"] for r in records)
    actions = Counter(result for call in calls for result in {r["Result"] for r in call["CallRecord"]})
    assert {s["Result"]: s["Attempts"] for s in stats.get("ResultStat", [])} == dict(attempts)
    assert {s["Result"]: s["Actions"] for s in stats.get("ResultStat", [])} == dict(actions)
    under_way = sum(1 for call in calls if call["State"] == "SELECTED")
    assert stats["CallsAttempted"] == len(records) + under_way
    assert stats["CallsLiveAnswer"] == attempts["LA"]
    assert stats["CallsPlaced"] == len(records) - attempts["CARRIER_ERROR"]
    assert stats["CallsDuration"] == sum(r["Duration"] for r in records)
    assert math.isclose(stats["BilledAmount"], sum(r["BilledAmount"] for r in records), abs_tol=0.005)
    assert stats["CallsAwaitingRedial"] == sum(1 for call in calls if call["State"] == "READY")
    return calls, stats


def test_seeded_calls_agree_with_the_seeded_stats(client):
    calls, stats = _consistent(client)
    assert stats["CallsAttempted"] > 0 and len(calls) > 0
    assert {call["BroadcastId"] for call in calls} == {1001}


def test_start_keeps_the_stats_and_the_calls_carry_on(client):
    before = _stats(client)
    _started(client)
    assert _stats(client)["CallsAttempted"] == before["CallsAttempted"]  # START wipes nothing
    _clock(client, advance=600)
    calls, stats = _consistent(client)
    assert stats["CallsAttempted"] > before["CallsAttempted"]
    _clock(client, advance=3 * 3600)
    calls, stats = _consistent(client)
    assert {call["State"] for call in calls} == {"FINISHED"}
    assert _get(client, "/ccc/1001.json").get_json()["Resource"]["CccCampaign"]["Status"] == "FINISHED"


def test_each_attempt_is_a_record_and_retries_follow_the_retry_config(client):
    _started(client)
    _clock(client, advance=4 * 3600)
    calls, _ = _consistent(client)
    # 1001: MaxAttempts 2, RetryResults BUSY NO_ANS, 30 minutes apart
    for call in calls:
        records = call["CallRecord"]
        assert 1 <= len(records) <= 2
        assert call["FinalResult"] == records[-1]["Result"]
        assert call["Created"] == records[0]["OriginateTime"]
        assert call["Modified"] == records[-1]["FinishTime"]
        if len(records) == 2:
            assert records[0]["Result"] in ("BUSY", "NO_ANS")
            assert records[1]["OriginateTime"] >= records[0]["FinishTime"]
        for record in records:
            connected = record["Result"] in ("LA", "AM")
            assert ("AnswerTime" in record) == connected
            assert (record["Duration"] > 0) == connected
            if record["Result"] == "ABANDONED":
                assert record["BilledAmount"] == 0.0 and record["Duration"] == 0
    assert any(len(call["CallRecord"]) == 2 for call in calls)
    assert "ABANDONED" in {r["Result"] for call in calls for r in call["CallRecord"]}


def test_a_running_campaign_shows_calls_under_way_as_selected(client):
    _started(client)
    _clock(client, advance=5)
    calls, stats = _consistent(client)
    selected = [call for call in calls if call["State"] == "SELECTED"]
    assert selected and all("FinalResult" not in call or call["CallRecord"] for call in selected)


def test_filters_combine_and_page(client):
    _started(client)
    _clock(client, advance=1800)
    total, everything = _calls(client, BroadcastId=1001)
    by_result = Counter(call.get("FinalResult") for call in everything)
    result, count = by_result.most_common(1)[0]
    assert _calls(client, BroadcastId=1001, Result=result)[0] == count
    both = _calls(client, BroadcastId=1001, Result=f"{result} BUSY")[0]
    assert both == count + (by_result["BUSY"] if result != "BUSY" else 0)
    indexed = client.get(f"{REST}/call.json?BroadcastId=1001&Result[0]={result}&Result[1]=BUSY", headers=AUTH)
    assert indexed.get_json()["ResourceList"]["@totalResults"] == both
    finished = [call for call in everything if call["State"] == "FINISHED"]
    assert _calls(client, State="FINISHED", BroadcastId=1001)[0] == len(finished)
    page_total, page = _calls(client, BroadcastId=1001, MaxResults=3, FirstResult=2)
    assert page_total == total and [c["@id"] for c in page] == [c["@id"] for c in everything[2:5]]
    assert [c["@id"] for c in everything] == sorted(c["@id"] for c in everything)
    one = everything[0]
    assert _calls(client, ToNumber="+" + one["ToNumber"]["value"])[1][0]["@id"] == one["@id"]
    assert _calls(client, FromNumber="12132212384", BroadcastId=1001)[0] == total
    assert _calls(client, Inbound="true")[0] == 0
    assert _calls(client, LabelName="x")[0] == 0
    assert _calls(client, BroadcastId=999999)[0] == 0
    # the seeded calls were first dialed in 2015, the others since START (no zone: UTC)
    late = _calls(client, BroadcastId=1001, IntervalBegin="2026-03-02T17:30:00")[1]
    assert late and all(call["Created"] >= MONDAY_0930_PST for call in late)
    early = _calls(client, BroadcastId=1001, IntervalEnd="2026-03-02T17:30:00Z")[1]
    assert early and all(call["Created"] < "2016-01-01T00:00:00Z" for call in early)
    assert len(early) + len(late) == total


@pytest.mark.parametrize(
    "query, field",
    [
        ({"State": "RINGING"}, "State"),
        ({"Result": "LA OOPS"}, "Result"),
        ({"MaxResults": "1001"}, "MaxResults"),
        ({"BroadcastId": "abc"}, "BroadcastId"),
        ({"IntervalBegin": "yesterday"}, "IntervalBegin"),
        ({"Inbound": "maybe"}, "Inbound"),
        ({"ToNumber": "12-34"}, "ToNumber"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(client, query, field):
    answer = _get(client, "/call.json", **query)
    assert answer.status_code == 400
    assert answer.get_json()["ResourceException"]["Message"].startswith(field)


def test_get_call_is_what_query_calls_lists(client):
    _, calls = _calls(client, BroadcastId=1001, MaxResults=1)
    answer = _get(client, f"/call/{calls[0]['@id']}.json")
    assert answer.status_code == 200
    assert answer.get_json() == {"Resource": {"Call": calls[0]}}
    xml = etree.fromstring(_get(client, f"/call/{calls[0]['@id']}").data)
    call = xml.find(f"{{{DATA}}}Call")
    assert call.get("id") == str(calls[0]["@id"])
    assert [etree.QName(child).localname for child in call][-1] == "AgentCall"
    assert call.find(f"{{{DATA}}}CallRecord").get("id") == str(calls[0]["CallRecord"][0]["@id"])


def test_another_accounts_calls_are_not_found_nor_listed(client):
    _, calls = _calls(client, BroadcastId=1001, MaxResults=1)
    assert _get(client, f"/call/{calls[0]['@id']}.json", headers=OTHER).status_code == 404
    assert _calls_of_other(client) == 0
    assert _get(client, "/call/42.json").status_code == 404


def _calls_of_other(client) -> int:
    return _get(client, "/call.json", headers=OTHER).get_json()["ResourceList"]["@totalResults"]


def test_a_contact_batch_is_dialed_after_the_campaigns_own_contacts(client):
    _clock(client, freeze=MONDAY_0930_PST)
    answer = client.post(
        f"{REST}/broadcast/1001/batch.json",
        data={"Name": "Late adds", "To": "12135559000,12135559001 12135559002", "Start": "true"},
        headers=AUTH,
    )
    assert answer.status_code == 201, answer.data
    batch_id = answer.get_json()["ResourceReference"]["Id"]
    assert answer.headers["Location"].endswith(f"/rest/broadcast/batch/{batch_id}")
    batch = _get(client, f"/broadcast/batch/{batch_id}.json").get_json()["Resource"]["ContactBatch"]
    assert batch == {
        "Name": "Late adds",
        "Status": "ACTIVE",
        "BroadcastId": 1001,
        "Created": MONDAY_0930_PST,
        "Size": 3,
        "Remaining": 3,
        "@id": batch_id,
    }
    _clock(client, advance=3 * 3600)
    total, calls = _calls(client, BatchId=batch_id)
    assert total == 3 and {c["ToNumber"]["value"] for c in calls} == {
        "12135559000",
        "12135559001",
        "12135559002",
    }
    assert all(call["BatchId"] == batch_id and call["BroadcastId"] == 1001 for call in calls)
    _consistent(client)
    batch = _get(client, f"/broadcast/batch/{batch_id}.json").get_json()["Resource"]["ContactBatch"]
    assert batch["Remaining"] == 0


def test_scrub_broadcast_duplicates_skips_numbers_the_campaign_has(client):
    answer = client.post(
        f"{REST}/broadcast/1001/batch.json",
        data={"To": ["12135551000", "12135559999"], "ScrubBroadcastDuplicates": "true"},
        headers=AUTH,
    )
    batch_id = answer.get_json()["ResourceReference"]["Id"]
    assert (
        _get(client, f"/broadcast/batch/{batch_id}.json").get_json()["Resource"]["ContactBatch"]["Size"] == 1
    )


@pytest.mark.parametrize(
    "data, status, field",
    [
        ({}, 400, "To"),
        ({"To": "12ab"}, 400, "To"),
        ({"ContactListId": "5"}, 400, "ContactListId"),
        ({"To": "12135559000", "ToNumber": "faxPhone"}, 400, "ToNumber"),
    ],
)
def test_a_bad_contact_batch_is_refused_and_stores_nothing(client, data, status, field):
    answer = client.post(f"{REST}/broadcast/1001/batch.json", data=data, headers=AUTH)
    assert answer.status_code == status
    assert answer.get_json()["ResourceException"]["Message"].startswith(field)
    assert _get(client, "/broadcast/batch/100000.json").status_code == 404


def test_a_contact_batch_on_another_accounts_campaign_is_a_404(client):
    answer = client.post(f"{REST}/broadcast/1001/batch.json", data={"To": "12135559000"}, headers=OTHER)
    assert answer.status_code == 404
