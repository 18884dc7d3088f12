"""A CCC campaign run end to end by the mock's clock, in each notification format with its own client
surface (REST XML, REST JSON, SOAP 1.2), its notifications received by a real local endpoint: the
notifications, the calls (QueryCalls, GetCall) and the stats (GetCccCampaignStats) checked against each
other and against the contract (docs/vendors/callfire.md "Calls, subscriptions and notifications",
docs/callfire-contract.md "Calls", "Stats", "Notifications").

The clock moves in steps shorter than the campaign's retry pause, so no attempt can begin between a
call's notification and the end of the step: GetCall read after the step is GetCall "at that moment"."""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime, timedelta
from importlib import resources
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree
from receivers import Receiver
from story_wires import WIRES, call_of

from mockdialer.harness import deliveries

START_AT = "2026-03-02T17:30:00Z"
STEP = 30  # seconds; below MinutesBetweenAttempts (1 minute)
MAX_STEPS = 400
NUMBERS = [f"1213555{n:04d}" for n in range(2000, 2024)]
AGENTS = ["story-a@example.com", "story-b@example.com"]
CAMPAIGN = {
    "Name": "Story campaign",
    "FromNumber": "14155550100",
    "RetryConfig": {"MaxAttempts": "3", "MinutesBetweenAttempts": "1", "RetryResults": "BUSY NO_ANS"},
    "MultilineDialingRatio": "3",
    "MultilineDialingEnabled": "true",
    "NumberOfRings": "3",
}
MAX_ATTEMPTS, RETRY_PAUSE, RETRIED = 3, 60, {"BUSY", "NO_ANS"}
EVENTS = ("OUTBOUND_CALL_FINISHED", "CAMPAIGN_STARTED", "CAMPAIGN_STOPPED", "CAMPAIGN_FINISHED")
ROOTS = {"CallFinished", "BroadcastStarted", "BroadcastStopped", "BroadcastFinished"}


@pytest.fixture(params=sorted(WIRES))
def wire(request, live):
    return WIRES[request.param](live.url)


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    path = resources.files("mockdialer.callfire.soap").joinpath("wsdl", "notification.xsd")
    with resources.as_file(path) as file:
        return etree.XMLSchema(etree.parse(str(file)))


def _clock(client, **move) -> None:
    assert client.post("/__admin/clock", json=move).status_code == 200


def _subscription(wire, url: str, event: str, **filters) -> dict:
    fields: dict = {"Enabled": "true", "Endpoint": url, "NotificationFormat": wire.fmt, "TriggerEvent": event}
    if filters:
        order = ("BroadcastId", "BatchId", "FromNumber", "ToNumber")
        fields["SubscriptionFilter"] = {k: str(filters[k]) for k in order if k in filters}
    return fields


class Story:
    """One campaign with its subscriptions, and what the receiver got, sorted by subscription."""

    def __init__(self, wire, receiver, client, app, schema) -> None:
        self.wire, self.receiver, self.client, self.app, self.schema = wire, receiver, client, app, schema
        _clock(client, freeze=START_AT)
        self.campaign = wire.create_campaign(CAMPAIGN)
        wire.add_agents(self.campaign, AGENTS)
        self.batch = wire.add_batch(self.campaign, NUMBERS, "Story batch")
        self.subs: dict[str, int] = {}
        plans = {
            **{event: (event, {"BroadcastId": self.campaign}) for event in EVENTS},
            "to": ("OUTBOUND_CALL_FINISHED", {"ToNumber": "+" + NUMBERS[3]}),  # a leading + ignored
            "batch": (
                "OUTBOUND_CALL_FINISHED",
                {"BatchId": self.batch, "FromNumber": CAMPAIGN["FromNumber"]},
            ),
            "elsewhere": ("OUTBOUND_CALL_FINISHED", {"BroadcastId": self.campaign + 999}),
            "started-elsewhere": ("CAMPAIGN_STARTED", {"BroadcastId": 1002}),
        }
        for token, (event, filters) in plans.items():
            self.subs[token] = wire.subscribe(_subscription(wire, receiver.url(token), event, **filters))
        self.by_token: dict[str, list[tuple[str, str, dict]]] = {token: [] for token in self.subs}
        self.seen = 0

    def step(self, seconds: int = STEP) -> None:
        _clock(self.client, advance=seconds)
        self.collect()

    def collect(self) -> list:
        """Take what arrived since the last look, checking each against the contract and GetCall."""
        assert deliveries.get_dispatcher(self.app).wait(30)
        new = self.receiver.got[self.seen :]
        self.seen += len(new)
        for got in new:
            assert got.method == "POST"
            token = parse_qs(urlsplit(got.path).query)["token"][0]
            assert urlsplit(got.path).path == "/notify"
            assert got.headers["Content-Type"] == self.wire.content_type
            assert got.headers["User-Agent"] == "CallFire-HTTP/1.0"
            assert int(got.headers["Content-Length"]) == len(got.body)
            assert "Transfer-Encoding" not in got.headers
            if self.wire.fmt != "JSON":
                assert got.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
                element = self.wire.notification_element(got.body)
                assert self.schema.validate(element), self.schema.error_log
            root, sub_id, kind, resource = self.wire.notification(got.body)
            assert root in ROOTS and sub_id == self.subs[token]
            if kind == "Call":
                assert root == "CallFinished"
                if self.wire.fmt == "JSON":  # numbers as numbers, CallRecord always a list
                    assert isinstance(resource["@id"], int) and isinstance(resource["CallRecord"], list)
                    assert all(isinstance(r["@id"], int) for r in resource["CallRecord"])
                # GetCall now is GetCall at the notification's moment (no attempt begins within a step)
                assert resource == self.wire.get_call_raw(int(resource["@id"])), token
            else:
                assert kind == "Broadcast" and root.startswith("Broadcast")
            self.by_token[token].append((root, kind, resource))
        return new

    def calls(self, **query) -> list[dict]:
        total, calls = self.wire.query_calls(BroadcastId=self.campaign, **query)
        assert total == len(calls)
        return calls

    def status(self) -> str:
        return self.wire.campaign(self.campaign)["Status"]

    def records_notified(self, token: str) -> list[tuple[int, int, str]]:
        """(call id, record id, FinishTime) of each CallFinished the subscription got, in arrival order."""
        out = []
        for _root, _kind, call in self.by_token[token]:
            last = call["CallRecord"][-1]
            out.append((int(call["@id"]), int(last["@id"]), last["FinishTime"]))
        return out


def consistent(story: Story, **interval) -> tuple[list[dict], dict]:
    """The calls and the stats at one clock reading add up (docs/callfire-contract.md "Stats"); with
    ``IntervalBegin``/``IntervalEnd``, the stats of the attempts begun in that interval."""
    calls = story.calls()
    stats = story.wire.stats(story.campaign, **interval)
    begin, end = interval.get("IntervalBegin", ""), interval.get("IntervalEnd", "~")
    if interval:
        calls = [
            {**c, "CallRecord": [r for r in c["CallRecord"] if begin <= r["OriginateTime"] < end]}
            for c in calls
        ]
        calls = [c for c in calls if c["CallRecord"]]
    records = [r for call in calls for r in call["CallRecord"]]
    attempts = Counter(r["Result"] for r in records)
    actions = Counter(result for call in calls for result in {r["Result"] for r in call["CallRecord"]})
    assert {s["Result"]: s["Attempts"] for s in stats["ResultStat"]} == dict(attempts)
    assert {s["Result"]: s["Actions"] for s in stats["ResultStat"]} == dict(actions)
    under_way = sum(1 for call in calls if call["State"] == "SELECTED")  # none in an interval that ended
    assert stats["CallsAttempted"] == len(records) + under_way
    assert stats["CallsLiveAnswer"] == attempts["LA"]
    assert stats["CallsPlaced"] == len(records) - attempts["CARRIER_ERROR"]
    assert stats["CallsDuration"] == sum(r["Duration"] for r in records)
    assert math.isclose(stats["BilledAmount"], sum(r["BilledAmount"] for r in records), abs_tol=0.005)
    assert stats["AgentCount"] == len(AGENTS)
    if interval:
        return calls, stats
    assert stats["CallsAwaitingRedial"] == sum(1 for call in calls if call["State"] == "READY")
    for call in calls:
        assert call["BroadcastId"] == story.campaign and call["BatchId"] == story.batch
        assert call["FromNumber"] == CAMPAIGN["FromNumber"] and call["Inbound"] is False
        if call["CallRecord"]:
            assert call["FinalResult"] == call["CallRecord"][-1]["Result"]
            assert call["Modified"] == call["CallRecord"][-1]["FinishTime"]
            assert call["Created"] == call["CallRecord"][0]["OriginateTime"]
        else:
            assert call["State"] == "SELECTED" and "FinalResult" not in call
    return calls, stats


def check_queries(story: Story) -> None:
    """QueryCalls under every filter lists exactly the calls GetCall shows matching it."""
    wire = story.wire
    calls = story.calls()
    assert calls, "nothing dialed yet"
    assert [c["id"] for c in calls] == sorted(c["id"] for c in calls)
    by_get = [wire.get_call_raw(c["id"]) for c in calls]
    assert [call_of(raw) for raw in by_get] == calls

    def ids(**query):
        return [c["id"] for c in story.calls(**query)]

    for state in {c["State"] for c in calls} | {"DNC"}:
        assert ids(State=[state]) == [c["id"] for c in calls if c["State"] == state]
    states = sorted({c["State"] for c in calls})[:2]
    assert ids(State=states) == [c["id"] for c in calls if c["State"] in states]
    results = sorted({c.get("FinalResult") for c in calls} - {None})
    for result in results:
        assert ids(Result=[result]) == [c["id"] for c in calls if c.get("FinalResult") == result]
    assert ids(Result=results[:2]) == [c["id"] for c in calls if c.get("FinalResult") in results[:2]]
    assert ids(Inbound="false") == [c["id"] for c in calls]
    assert ids(Inbound="true") == [] and ids(LabelName="survey") == []  # outbound calls, no labels
    if wire.fmt != "SOAP":  # the PHP SDK's booleans
        assert ids(Inbound="0") == [c["id"] for c in calls]
    assert ids(FromNumber="+" + CAMPAIGN["FromNumber"]) == [c["id"] for c in calls]
    assert ids(FromNumber="19995550000") == []
    one = calls[len(calls) // 2]
    assert ids(ToNumber=one["ToNumber"]) == [c["id"] for c in calls if c["ToNumber"] == one["ToNumber"]]
    assert ids(BatchId=story.batch) == [c["id"] for c in calls]
    created = sorted({c["Created"] for c in calls})
    begin, end = created[len(created) // 3], created[-1]
    assert ids(IntervalBegin=begin, IntervalEnd=end) == [
        c["id"] for c in calls if begin <= c["Created"] < end
    ]
    assert ids(IntervalBegin=begin) == [c["id"] for c in calls if begin <= c["Created"]]
    pages = []
    for first in range(0, len(calls), 4):
        total, page = wire.query_calls(BroadcastId=story.campaign, MaxResults=4, FirstResult=first)
        assert total == len(calls) and len(page) <= 4
        pages += [c["id"] for c in page]
    assert pages == [c["id"] for c in calls]


def check_retries_and_abandons(calls: list[dict]) -> None:
    """One CallRecord per attempt as RetryConfig says; ABANDONED only when every agent was on a call."""
    for call in calls:
        records = call["CallRecord"]
        assert 1 <= len(records) <= MAX_ATTEMPTS
        for earlier, later in zip(records, records[1:], strict=False):
            assert earlier["Result"] in RETRIED
            assert later["OriginateTime"] >= _plus(earlier["FinishTime"], RETRY_PAUSE)
        if call["State"] == "FINISHED" and len(records) < MAX_ATTEMPTS:
            assert records[-1]["Result"] not in RETRIED
        for record in records:
            connected = record["Result"] in ("LA", "AM")
            assert ("AnswerTime" in record) == connected and (record["Duration"] > 0) == connected
    talks = [r for c in calls for r in c["CallRecord"] if r["Result"] == "LA"]
    abandoned = [r for c in calls for r in c["CallRecord"] if r["Result"] == "ABANDONED"]
    assert abandoned, "three lines per agent: some answered calls find no agent free"
    for record in abandoned:
        at = record["FinishTime"]
        busy = [t for t in talks if t["AnswerTime"] <= at < t["FinishTime"]]
        assert len(busy) >= len(AGENTS), f"ABANDONED at {at} with an agent free"
        assert record["BilledAmount"] == 0.0 and record["Duration"] == 0


def _plus(stamp: str, seconds: int) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_campaign_runs_to_its_end_and_everything_agrees(wire, receiver, client, app, schema):
    story = Story(wire, receiver, client, app, schema)
    wire.control(story.campaign, "START")
    story.collect()
    steps = 0
    while story.status() != "FINISHED":
        story.step()
        steps += 1
        assert steps < MAX_STEPS, "the campaign never finished"
        consistent(story)
        if steps == 6:
            check_queries(story)  # mid-run: calls in several states
    story.step(600)  # nothing after the end
    calls, stats = consistent(story)
    check_queries(story)
    check_retries_and_abandons(calls)
    consistent(story, IntervalBegin=_plus(START_AT, 120), IntervalEnd=_plus(START_AT, 420))
    assert {c["State"] for c in calls} == {"FINISHED"} and len(calls) == len(NUMBERS)
    assert stats["CallsRemaining"] == 0

    records = [(c["id"], r["id"], r["FinishTime"]) for c in calls for r in c["CallRecord"]]
    notified = story.records_notified("OUTBOUND_CALL_FINISHED")
    assert sorted(notified) == sorted(records) and len(notified) == len(set(notified))  # each once
    assert [n[2] for n in notified] == sorted(n[2] for n in notified)  # in event order
    to = {c["id"] for c in calls if c["ToNumber"] == NUMBERS[3]}
    assert sorted(story.records_notified("to")) == sorted(r for r in records if r[0] in to)
    assert sorted(story.records_notified("batch")) == sorted(records)
    assert story.by_token["elsewhere"] == [] and story.by_token["started-elsewhere"] == []

    last_end = max(r[2] for r in records)
    campaign = wire.campaign(story.campaign)
    assert campaign["LastModified"] == last_end
    for token, root, status, moment in (
        ("CAMPAIGN_STARTED", "BroadcastStarted", "RUNNING", START_AT),
        ("CAMPAIGN_FINISHED", "BroadcastFinished", "FINISHED", last_end),
    ):
        (got,) = story.by_token[token]  # exactly once
        assert got[0] == root
        broadcast = got[2]
        assert int(broadcast["@id"]) == story.campaign and broadcast["Type"] == "CCC"
        assert (broadcast["Name"], broadcast["Status"], broadcast["LastModified"]) == (
            CAMPAIGN["Name"], status, moment)  # fmt: skip
        config = broadcast["CccBroadcastConfig"]
        assert config["FromNumber"] == CAMPAIGN["FromNumber"]
        assert int(config["RetryConfig"]["MaxAttempts"]) == MAX_ATTEMPTS
    assert story.by_token["CAMPAIGN_STOPPED"] == []


def test_stop_sends_stopped_the_calls_under_way_end_and_start_carries_on(wire, receiver, client, app, schema):
    story = Story(wire, receiver, client, app, schema)
    wire.control(story.campaign, "START")
    for _ in range(4):
        story.step()
    stopped_at = _plus(START_AT, 4 * STEP)
    wire.control(story.campaign, "STOP")
    story.collect()
    (got,) = story.by_token["CAMPAIGN_STOPPED"]
    assert got[0] == "BroadcastStopped" and got[2]["Status"] == "STOPPED"
    assert got[2]["LastModified"] == stopped_at
    for _ in range(12):  # calls under way end; none begins
        story.step()
    calls, stats = consistent(story)
    assert {c["State"] for c in calls} <= {"READY", "FINISHED"}
    assert all(r["OriginateTime"] <= stopped_at for c in calls for r in c["CallRecord"])
    notified = story.records_notified("OUTBOUND_CALL_FINISHED")
    assert sorted(notified) == sorted(
        (c["id"], r["id"], r["FinishTime"]) for c in calls for r in c["CallRecord"]
    )
    assert story.status() == "STOPPED"
    before = stats["CallsAttempted"]
    wire.control(story.campaign, "START")
    story.step()
    assert len(story.by_token["CAMPAIGN_STARTED"]) == 2 and len(story.by_token["CAMPAIGN_STOPPED"]) == 1
    _calls, stats = consistent(story)
    assert stats["CallsAttempted"] > before  # cumulative: nothing reset by START
    wire.control(story.campaign, "ARCHIVE")
    story.collect()
    stopped = story.by_token["CAMPAIGN_STOPPED"]
    assert len(stopped) == 2 and stopped[-1][2]["Status"] == "ARCHIVED"


def test_one_long_clock_move_sends_every_attempt_once_as_it_was_then(wire, receiver, client, app, schema):
    story = Story(wire, receiver, client, app, schema)
    wire.control(story.campaign, "START")
    _clock(client, advance=4 * 3600)  # the whole campaign in one move: its events found at once
    assert deliveries.get_dispatcher(app).wait(30)
    new = story.receiver.got[story.seen :]
    story.seen += len(new)
    calls, _stats = consistent(story)
    assert story.status() == "FINISHED"
    final = {c["id"]: c for c in calls}
    by_call: dict[int, list[dict]] = {}
    for got in new:
        token = parse_qs(urlsplit(got.path).query)["token"][0]
        root, _sub, kind, resource = wire.notification(got.body)
        if token == "OUTBOUND_CALL_FINISHED":
            by_call.setdefault(int(resource["@id"]), []).append(call_of(resource))
        elif token == "CAMPAIGN_FINISHED":
            assert root == "BroadcastFinished"
    assert set(by_call) == set(final)
    for call_id, seen in by_call.items():
        now = final[call_id]
        assert seen[-1] == now  # the last attempt's notification is the call as GetCall shows it now
        for index, earlier in enumerate(seen):  # each earlier one: the call when that attempt ended
            assert earlier["CallRecord"] == now["CallRecord"][: index + 1]
            assert earlier["State"] == ("FINISHED" if index == len(seen) - 1 else "READY")
            assert earlier["FinalResult"] == earlier["CallRecord"][-1]["Result"]
            assert earlier["Modified"] == earlier["CallRecord"][-1]["FinishTime"]


def test_an_attempt_ending_exactly_where_a_clock_move_stops_is_notified(client, app):
    """Campaign 1001 from 17:30:00 in 10-minute moves: one of its attempts ends at 17:40:00 sharp, the
    moment the first move stops at; it is sent (once) when the clock passes it."""
    got: list[deliveries.Delivered] = []
    deliveries.set_receiver(lambda d: got.append(d) or 200, app)
    try:
        _clock(client, freeze=START_AT)
        fields = {"Endpoint": "https://crm.example/n", "TriggerEvent": "OUTBOUND_CALL_FINISHED",
                  "BroadcastId": "1001", "NotificationFormat": "JSON"}  # fmt: skip
        auth = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}
        assert client.post("/api/1.1/rest/subscription.json", data=fields, headers=auth).status_code == 201
        assert (
            client.put("/api/1.1/rest/ccc/1001/control", data={"Command": "START"}, headers=auth).status_code
            == 204
        )
        for _ in range(30):
            _clock(client, advance=600)
        assert deliveries.get_dispatcher(app).wait(20)
    finally:
        deliveries.set_receiver(None, app)
    answer = client.get(
        "/api/1.1/rest/call.json", query_string={"BroadcastId": 1001}, headers=auth
    ).get_json()
    records = sorted(
        (c["@id"], r["@id"], r["FinishTime"])
        for c in answer["ResourceList"]["Call"]
        for r in c["CallRecord"]
        if r["OriginateTime"] >= START_AT
    )
    assert "2026-03-02T17:40:00Z" in {finish for _, _, finish in records}  # the case this test is about
    calls = [d.json()["CallFinished"]["Call"] for d in got]
    seen = sorted((c["@id"], c["CallRecord"][-1]["@id"], c["CallRecord"][-1]["FinishTime"]) for c in calls)
    assert seen == records


def _run_1001(client, app, moves: list[int], check_each_step: bool) -> list[dict]:
    """Campaign 1001 (retried on its contacts' mobile phones) started at START_AT and moved by
    ``moves``; the JSON CallFinished notifications, each checked against GetCall after its move."""
    auth = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}
    got: list[deliveries.Delivered] = []
    deliveries.set_receiver(lambda d: got.append(d) or 200, app)
    try:
        assert client.post("/__admin/reset", json={}).status_code == 200
        _clock(client, freeze=START_AT)
        fields = {"Endpoint": "https://crm.example/n", "TriggerEvent": "OUTBOUND_CALL_FINISHED",
                  "BroadcastId": "1001", "NotificationFormat": "JSON"}  # fmt: skip
        assert client.post("/api/1.1/rest/subscription.json", data=fields, headers=auth).status_code == 201
        retries = {
            "Name": "Demo Customer Survey",
            "MaxAttempts": "3",
            "RetryPhoneTypes": "MOBILE_PHONE FIRST_NUMBER",
        }
        assert client.put("/api/1.1/rest/ccc/1001", data=retries, headers=auth).status_code == 204
        start = client.put("/api/1.1/rest/ccc/1001/control", data={"Command": "START"}, headers=auth)
        assert start.status_code == 204
        seen = 0
        for move in moves:
            _clock(client, advance=move)
            assert deliveries.get_dispatcher(app).wait(20)
            if check_each_step:
                for d in got[seen:]:
                    call = d.json()["CallFinished"]["Call"]
                    now = client.get(f"/api/1.1/rest/call/{call['@id']}.json", headers=auth).get_json()
                    assert call == now["Resource"]["Call"]
            seen = len(got)
    finally:
        deliveries.set_receiver(None, app)
    return [d.json()["CallFinished"]["Call"] for d in got]


def test_notifications_do_not_depend_on_how_the_clock_was_moved(client, app):
    """The call in each notification is the call as it was when that attempt ended, however far one
    clock move went: its ToNumber the number that attempt dialed (1001 retried on mobile phones), its
    State READY when a retry followed."""
    stepwise = _run_1001(client, app, [600] * 30, check_each_step=True)  # 10 minutes < 30-minute retries
    at_once = _run_1001(client, app, [5 * 3600], check_each_step=False)
    key = lambda c: (c["CallRecord"][-1]["FinishTime"], c["@id"])  # noqa: E731
    assert sorted(at_once, key=key) == sorted(stepwise, key=key)
    by_call: dict[int, set[str]] = {}
    for call in stepwise:
        by_call.setdefault(call["@id"], set()).add(call["ToNumber"]["value"])
    assert any(len(numbers) == 2 for numbers in by_call.values())  # the case this test is about


def test_a_finished_campaign_started_again_finishes_at_once(client, app):
    """START of a campaign with nothing left to dial: CAMPAIGN_STARTED, then CAMPAIGN_FINISHED at the
    same moment, and its LastModified never goes back before the START."""
    auth = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}
    rest = "/api/1.1/rest"
    got: list[deliveries.Delivered] = []
    deliveries.set_receiver(lambda d: got.append(d) or 200, app)
    try:
        _clock(client, freeze=START_AT)
        made = client.post(
            f"{rest}/ccc.json", data={"Name": "Twice", "FromNumber": "14155550100"}, headers=auth
        )
        campaign = made.get_json()["ResourceReference"]["Id"]
        client.post(f"{rest}/ccc/{campaign}/agent", data={"AgentEmails": "twice@example.com"}, headers=auth)
        for event in ("CAMPAIGN_STARTED", "CAMPAIGN_FINISHED"):
            fields = {"Endpoint": "https://crm.example/n", "TriggerEvent": event,
                      "BroadcastId": str(campaign), "NotificationFormat": "JSON"}  # fmt: skip
            assert client.post(f"{rest}/subscription.json", data=fields, headers=auth).status_code == 201
        batch = {"To": "12135550001 12135550002", "Start": "true"}
        assert (
            client.post(f"{rest}/broadcast/{campaign}/batch.json", data=batch, headers=auth).status_code
            == 201
        )
        for _ in range(20):
            _clock(client, advance=60)
        first = client.get(f"{rest}/ccc/{campaign}.json", headers=auth).get_json()["Resource"]["CccCampaign"]
        assert first["Status"] == "FINISHED"
        _clock(client, advance=600)
        again_at = _plus(START_AT, 20 * 60 + 600)
        control = client.put(f"{rest}/ccc/{campaign}/control", data={"Command": "START"}, headers=auth)
        assert control.status_code == 204
        _clock(client, advance=60)
        assert deliveries.get_dispatcher(app).wait(20)
    finally:
        deliveries.set_receiver(None, app)
    now = client.get(f"{rest}/ccc/{campaign}.json", headers=auth).get_json()["Resource"]["CccCampaign"]
    assert (now["Status"], now["LastModified"]) == ("FINISHED", again_at)
    events = [next(iter(d.json().items())) for d in got]
    moments: dict[str, list[tuple[str, str]]] = {}  # per subscription: each keeps its own order
    for root, body in events:
        moments.setdefault(root, []).append((body["Broadcast"]["Status"], body["Broadcast"]["LastModified"]))
    assert moments == {
        "BroadcastStarted": [("RUNNING", START_AT), ("RUNNING", again_at)],
        "BroadcastFinished": [("FINISHED", first["LastModified"]), ("FINISHED", again_at)],
    }
