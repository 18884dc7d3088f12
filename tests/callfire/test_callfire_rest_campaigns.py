"""CallFire REST over real HTTP: create, get, query and update campaigns as CallFire's PHP and Java
clients send them; RequestId de-dup; ARCHIVED campaigns."""

from __future__ import annotations

from callfire_helpers import NS, RES, xml

PHP_CREATE = (  # http_build_query of the PHP SDK's request object: bracketed lists, 1/0 booleans
    "Name=PHP+Campaign&FromNumber=12132212384&LocalRestrictBegin=09%3A00%3A00&LocalRestrictEnd=17%3A30%3A00"
    "&Script=Hi&Question%5B0%5D%5Blabel%5D=Happy%3F&Question%5B0%5D%5BresponseType%5D=CHOICE"
    "&Question%5B0%5D%5Bchoices%5D=Yes+No&Question%5B1%5D%5Blabel%5D=Why&Question%5B1%5D%5BresponseType%5D=STRING"
    "&TransferNumber%5B0%5D%5Bname%5D=Desk&TransferNumber%5B0%5D%5Bnumber%5D=18558214046"
    "&TransferNumber%5B0%5D%5BallowAssistedTransfer%5D=1&MaxAttempts=3&MinutesBetweenAttempts=15"
    "&RetryResults%5B0%5D=BUSY&RetryResults%5B1%5D=NO_ANS&RetryPhoneTypes=HOME_PHONE+MOBILE_PHONE"
    "&AgentGroupId=3001&SmartDropSoundId=2002&AllowAnyTransfer=0&Recorded=1&MultilineDialingRatio=3"
    "&MultilineDialingEnabled=1&ScrubLevel=2&NumberOfRings=6&Label=php&TransferCallerId=12132212384"
)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _campaign(api, cid, json=True):
    response = api.get(f"/ccc/{cid}.json")
    assert response.status_code == 200, response.text
    return response.json()["Resource"]["CccCampaign"]


def test_create_php_style_returns_reference_and_stores_every_field(api):
    response = api.post("/ccc", data=PHP_CREATE, headers=FORM)
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == f"{{{RES}}}ResourceReference" and root.prefix == "r"
    new_id = int(root.findtext("r:Id", namespaces=NS))
    assert root.findtext("r:Location", namespaces=NS) == response.headers["Location"]
    assert response.headers["Location"].endswith(f"/api/1.1/rest/ccc/{new_id}")
    c = _campaign(api, new_id)
    assert c["@id"] == new_id and c["Name"] == "PHP Campaign" and c["Status"] == "STOPPED"
    assert c["LocalRestrictBegin"] == "09:00:00Z" and c["LocalRestrictEnd"] == "17:30:00Z"
    assert c["Question"] == [
        {"Label": "Happy?", "ResponseType": "CHOICE", "Choices": ["Yes", "No"]},
        {"Label": "Why", "ResponseType": "STRING"},
    ]
    assert c["TransferNumber"] == [{"Name": "Desk", "Number": "18558214046", "AllowAssistedTransfer": True}]
    assert c["RetryConfig"] == {
        "MaxAttempts": 3,
        "MinutesBetweenAttempts": 15,
        "RetryResults": "BUSY NO_ANS",
        "RetryPhoneTypes": "HOME_PHONE MOBILE_PHONE",
    }
    assert (c["AgentGroupId"], c["AgentGroupName"], c["SmartDropSoundId"]) == (3001, "Demo Sales Team", 2002)
    assert (c["AllowAnyTransfer"], c["Recorded"], c["MultilineDialingEnabled"]) == (False, True, True)
    assert (c["MultilineDialingRatio"], c["ScrubLevel"], c["NumberOfRings"], c["Label"]) == (3, 2, 6, "php")


def test_create_java_style_repeated_keys_and_defaults(api):
    data = [("Name", "Java"), ("RetryResults", "BUSY"), ("RetryResults", "AM"), ("Recorded", "true")]
    data += [("Question[0][label]", "Pick"), ("Question[0][responseType]", "CHOICE")]
    data += [("Question[0][choices]", "a"), ("Question[0][choices]", "b")]
    response = api.post("/ccc.json", data=data)
    assert response.status_code == 201
    new_id = response.json()["ResourceReference"]["Id"]
    c = _campaign(api, new_id)
    assert c["RetryConfig"] == {"MaxAttempts": 1, "MinutesBetweenAttempts": 60, "RetryResults": "BUSY AM"}
    assert (c["NumberOfRings"], c["MultilineDialingRatio"], c["Recorded"]) == (4, 1, True)
    assert c["Question"][0]["Choices"] == ["a", "b"]  # a JSON array: Java reads a List<String>


def test_get_xml_by_namespace_and_by_literal_root_name(api):
    response = api.get("/ccc/1001")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/xml")
    assert response.text.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
    assert "<r:Resource " in response.text  # the PHP SDK matches the root name with its prefix
    root = xml(response)
    campaign = root.find("d:CccCampaign", NS)
    assert campaign.get("id") == "1001"
    assert campaign.findtext("d:Name", namespaces=NS) == "Demo Customer Survey"
    assert [q.findtext("d:Label", namespaces=NS) for q in campaign.findall("d:Question", NS)] == [
        "Satisfied?",
        "Comments",
        "Score",
    ]
    assert campaign.findtext("d:RetryConfig/d:RetryResults", namespaces=NS) == "BUSY NO_ANS"
    assert campaign.findtext("d:LocalRestrictBegin", namespaces=NS) == "08:00:00Z"
    assert campaign.findtext("d:AllowAnyTransfer", namespaces=NS) == "false"


def test_json_by_suffix_or_accept_header(api):
    by_suffix = api.get("/ccc/1001.json")
    by_accept = api.get("/ccc/1001", headers={"Accept": "application/json"})
    assert by_suffix.headers["Content-Type"].startswith("application/json")
    assert by_suffix.json() == by_accept.json()
    assert by_suffix.json()["Resource"]["CccCampaign"]["@id"] == 1001
    assert (
        api.get("/ccc/1001", headers={"Accept": "*/*"}).headers["Content-Type"].startswith("application/xml")
    )


def test_query_paging_filters_and_total(api):
    everything = api.get("/ccc.json").json()["ResourceList"]
    assert everything["@totalResults"] == 3
    assert [c["@id"] for c in everything["CccCampaign"]] == [1001, 1002, 1003]
    page = api.get("/ccc.json", params={"MaxResults": 1, "FirstResult": 1}).json()["ResourceList"]
    assert page["@totalResults"] == 3 and [c["@id"] for c in page["CccCampaign"]] == [1002]
    running = api.get("/ccc.json", params={"Running": "true"}).json()["ResourceList"]
    assert [c["@id"] for c in running["CccCampaign"]] == [1002]
    not_running = api.get("/ccc.json", params={"Running": "false"}).json()["ResourceList"]
    assert [c["@id"] for c in not_running["CccCampaign"]] == [1001, 1003]
    by_name = api.get("/ccc.json", params={"Name": "Demo Archived Campaign"}).json()["ResourceList"]
    assert [c["@id"] for c in by_name["CccCampaign"]] == [1003]
    by_label = api.get("/ccc.json", params={"LabelName": "survey"}).json()["ResourceList"]
    assert [c["@id"] for c in by_label["CccCampaign"]] == [1001]
    none = api.get("/ccc.json", params={"Name": "nope"}).json()["ResourceList"]
    assert none == {"@totalResults": 0, "CccCampaign": []}
    root = xml(api.get("/ccc", params={"MaxResults": 2}))
    assert root.tag == f"{{{RES}}}ResourceList" and root.get("totalResults") == "3"
    assert len(root.findall("d:CccCampaign", NS)) == 2


def test_query_max_results_limited_to_1000(api):
    response = api.get("/ccc.json", params={"MaxResults": 1001})
    assert response.status_code == 400 and "MaxResults" in response.json()["ResourceException"]["Message"]


def test_update_replaces_sent_keeps_omitted_and_moves_timestamps(api, clock):
    before = _campaign(api, 1001)
    clock.advance(3600)
    data = {"Name": "Renamed", "NumberOfRings": "7", "RetryResults": "AM", "Status": "RUNNING"}
    data["Created"] = "2000-01-01T00:00:00Z"
    response = api.put("/ccc/1001", data=data)
    assert response.status_code == 204 and response.content == b""
    after = _campaign(api, 1001)
    assert (after["Name"], after["NumberOfRings"]) == ("Renamed", 7)
    assert after["RetryConfig"] == {**before["RetryConfig"], "RetryResults": "AM"}  # omitted kept
    assert after["Question"] == before["Question"] and after["Script"] == before["Script"]
    assert after["Status"] == before["Status"] and after["Created"] == before["Created"]  # response-only
    assert after["LastModified"] > before["LastModified"] and after["ConfigUpdated"] > before["ConfigUpdated"]


def test_update_replaces_questions_and_transfer_numbers_when_sent(api):
    data = {"Name": "x", "Question[0][label]": "Only", "Question[0][responseType]": "NUMERIC"}
    data.update({"TransferNumber[0][number]": "67076"})
    assert api.put("/ccc/1001", data=data).status_code == 204
    c = _campaign(api, 1001)
    assert c["Question"] == [{"Label": "Only", "ResponseType": "NUMERIC"}]
    assert c["TransferNumber"] == [{"Number": "67076", "AllowAssistedTransfer": False}]


def test_update_requires_name_and_stores_nothing_on_failure(api):
    before = _campaign(api, 1001)
    response = api.put("/ccc/1001.json", data={"Script": "changed", "NumberOfRings": "2"})
    assert response.status_code == 400
    assert response.json() == {"ResourceException": {"HttpStatus": 400, "Message": "Name is required"}}
    bad = api.put("/ccc/1001", data={"Name": "ok", "Script": "changed", "MultilineDialingRatio": "5"})
    assert bad.status_code == 400
    assert _campaign(api, 1001) == before


def test_request_id_repeat_returns_first_outcome_and_applies_nothing(api):
    first = api.post("/ccc.json", data={"Name": "Once", "RequestId": "req-1"})
    again = api.post("/ccc.json", data={"Name": "Twice", "RequestId": "req-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert api.get("/ccc.json").json()["ResourceList"]["@totalResults"] == 4
    assert api.put("/ccc/1002", data={"Name": "A", "RequestId": "u-1"}).status_code == 204
    assert api.put("/ccc/1002", data={"Name": "B", "RequestId": "u-1"}).status_code == 204
    assert _campaign(api, 1002)["Name"] == "A"
    assert api.put("/ccc/1002/control", data={"Command": "STOP", "RequestId": "c-1"}).status_code == 204
    assert api.put("/ccc/1002/control", data={"Command": "START"}).status_code == 204
    assert api.put("/ccc/1002/control", data={"Command": "STOP", "RequestId": "c-1"}).status_code == 204
    assert _campaign(api, 1002)["Status"] == "RUNNING"


def test_failed_request_id_is_not_remembered(api):
    assert api.post("/ccc", data={"RequestId": "r-9"}).status_code == 400
    assert api.post("/ccc", data={"Name": "Fixed", "RequestId": "r-9"}).status_code == 201


def test_request_ids_are_per_account(api, other_api):
    ours = api.post("/ccc.json", data={"Name": "Ours", "RequestId": "shared"}).json()
    theirs = other_api.post("/ccc.json", data={"Name": "Theirs", "RequestId": "shared"}).json()
    assert ours["ResourceReference"]["Id"] != theirs["ResourceReference"]["Id"]


def test_archived_campaign_cannot_be_updated_or_started(api):
    assert api.put("/ccc/1001/control", data={"Command": "ARCHIVE"}).status_code == 204
    assert _campaign(api, 1001)["Status"] == "ARCHIVED"
    update = api.put("/ccc/1001.json", data={"Name": "x"})
    assert update.status_code == 400 and "ARCHIVED" in update.json()["ResourceException"]["Message"]
    start = api.put("/ccc/1001/control", data={"Command": "START"})
    assert start.status_code == 400 and b"ARCHIVED" in start.content
    assert api.delete("/ccc/1001").status_code == 204


def test_control_moves_status(api):
    assert api.put("/ccc/1001/control", data={"Command": "START", "MaxActive": "5"}).status_code == 204
    assert _campaign(api, 1001)["Status"] == "RUNNING"
    assert api.put("/ccc/1001/control", data={"Command": "STOP"}).status_code == 204
    assert _campaign(api, 1001)["Status"] == "STOPPED"
    for data, field in [
        ({"Command": "PAUSE"}, "Command"),
        ({}, "Command"),
        ({"MaxActive": "0"}, "MaxActive"),
    ]:
        response = api.put("/ccc/1001/control.json", data=data)
        assert response.status_code == 400 and field in response.json()["ResourceException"]["Message"]
    assert api.post("/ccc/1001/control", data={"Command": "START"}).status_code == 405


def test_deletes(api):
    assert api.delete("/ccc/1001/questions").status_code == 204
    assert api.delete("/ccc/1001/transfer-numbers.json").status_code == 204
    c = _campaign(api, 1001)
    assert "Question" not in c and "TransferNumber" not in c and c["Name"] == "Demo Customer Survey"
    response = api.delete("/ccc/1001")
    assert response.status_code == 204 and response.content == b""
    assert api.get("/ccc/1001").status_code == 404
    assert api.delete("/ccc/1001").status_code == 404


def test_stats_fields_and_interval(api):
    stats = api.get("/ccc/1001/stats.json").json()["Resource"]["CccCampaignStats"]
    assert list(stats) == [
        "AgentCount",
        "ActiveAgentCount",
        "CallsAttempted",
        "CallsPlaced",
        "CallsDuration",
        "BilledDuration",
        "BilledAmount",
        "CallsRemaining",
        "CallsAwaitingRedial",
        "CallsLiveAnswer",
        "ResponseRatePercent",
        "ResultStat",
    ]
    assert stats["ResultStat"][0] == {"Result": "LA", "Attempts": 16, "Actions": 16}  # its seeded history
    params = {"IntervalBegin": "2015-01-01T00:00:00Z", "IntervalEnd": "2015-12-31T23:59:59-08:00"}
    assert api.get("/ccc/1001/stats", params=params).status_code == 200
    for params, field in [
        ({"IntervalBegin": "yesterday"}, "IntervalBegin"),
        ({"IntervalBegin": "2015-02-01T00:00:00Z", "IntervalEnd": "2015-01-01T00:00:00Z"}, "IntervalEnd"),
    ]:
        response = api.get("/ccc/1001/stats.json", params=params)
        assert response.status_code == 400 and field in response.json()["ResourceException"]["Message"]
    fresh = api.post("/ccc.json", data={"Name": "new"}).json()["ResourceReference"]["Id"]
    zero = api.get(f"/ccc/{fresh}/stats.json").json()["Resource"]["CccCampaignStats"]
    assert zero["CallsAttempted"] == 0 and "ResultStat" not in zero
