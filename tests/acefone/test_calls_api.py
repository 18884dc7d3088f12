"""The calls API through the Flask test client: click-to-call (JSON and form) on the clock, call records
of click-to-calls and dialer calls, users with agent paging, departments, numbers, recordings."""

from __future__ import annotations

import io
import re
import wave

import pytest

AUTH = {"Authorization": "Bearer acefone-demo-token"}
RAHUL = "0500000100002"  # user 100002's agent.id (fixtures/acefone/demo.json)
MONDAY_1100_IST = "2026-03-02T05:30:00Z"


@pytest.fixture
def at_monday(client):
    assert client.post("/__admin/clock", json={"freeze": MONDAY_1100_IST}).status_code == 200
    return client


def _advance(client, seconds):
    assert client.post("/__admin/clock", json={"advance": seconds}).status_code == 200


def _records(client, **query):
    response = client.get("/v1/call/records", headers=AUTH, query_string=query)
    assert response.status_code == 200, response.data
    return response.get_json()


def _call(client, **body):
    return client.post("/v1/click_to_call", json={"agent_number": RAHUL, **body}, headers=AUTH)


def test_click_to_call_is_queued_then_recorded_once_it_ends(at_monday):
    client = at_monday
    answer = _call(
        client, destination_number="9812345678", custom_identifier="lead-7", caller_id="8069451001"
    )
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    body = answer.get_json()
    assert body["success"] is True and body["message"] == "Originate successfully queued" and body["ref_id"]
    assert _records(client)["count"] == 0  # still ringing
    _advance(client, 900)
    records = _records(client)
    assert records["count"] == 1 and records["size"] == 1 and records["page"] == 1 and records["limit"] == 10
    row = records["results"][0]
    assert row["ref_id"] == body["ref_id"] and row["custom_identifier"] == "lead-7"
    assert row["call_hint"] == "clicktocall" and row["direction"] == "outbound"
    assert row["client_number"] == "9812345678" and row["did_number"] == "918069451001"
    assert row["agent_number"] == RAHUL and row["agent_name"] == "Rahul Verma"
    assert row["status"] in ("answered", "missed")
    assert re.fullmatch(r"\d+\.\d+", row["call_id"]) and re.fullmatch(r"[0-9a-f]{13}", row["uuid"])
    assert row["date"] == "2026-03-02" and row["time"].startswith("11:00:")  # India time
    assert re.fullmatch(r"2026-03-02 11:\d\d:\d\d", row["end_stamp"])
    assert row["call_flow"][0] == {
        "type": "init",
        "value": row["call_id"],
        "time": row["call_id"].split(".")[0],
    }
    assert (row["answered_seconds"] > 0) == (row["status"] == "answered")


def test_click_to_call_accepts_a_form(at_monday):
    form = {"agent_number": RAHUL, "destination_number": "9812345679"}
    answer = at_monday.post("/v1/click_to_call", data=form, headers=AUTH)
    assert answer.status_code == 200, answer.data
    _advance(at_monday, 900)
    assert _records(at_monday)["results"][0]["client_number"] == "9812345679"


@pytest.mark.parametrize(
    ("body", "fields", "message"),
    [
        ({"destination_number": "+919812345678"}, {"destination_number"}, "Unable to process this request"),
        ({"destination_number": "98123"}, {"destination_number"}, None),
        ({"destination_number": "9812345678901234"}, {"destination_number"}, None),
        ({"agent_number": "0599999999999", "destination_number": "9812345678"}, {"agent_number"}, None),
        ({"destination_number": "9812345678", "caller_id": "9999999999"}, {"caller_id"}, None),
        (
            {"agent_number": "+91", "destination_number": "12", "call_timeout": "x"},
            {"agent_number", "destination_number", "call_timeout"},
            "Unable to process this request",
        ),
    ],
)
def test_click_to_call_refusals_name_every_field_and_store_nothing(at_monday, body, fields, message):
    answer = _call(at_monday, **body)
    assert answer.status_code == 422, answer.data
    error = answer.get_json()
    assert error["success"] is False and set(error["errors"]) == fields
    if message:
        assert error["message"] == message
    _advance(at_monday, 900)
    assert _records(at_monday)["count"] == 0


def test_click_to_call_needs_a_write_token(client):
    answer = client.post(
        "/v1/click_to_call",
        json={"agent_number": RAHUL, "destination_number": "9812345678"},
        headers={"Authorization": "Bearer acefone-readonly-token"},
    )
    assert answer.status_code == 403 and answer.get_json()["success"] is False


def test_same_seed_same_course(at_monday):
    for n in range(3):
        assert _call(at_monday, destination_number=f"981234567{n}").status_code == 200
    _advance(at_monday, 900)
    first = _records(at_monday)["results"]
    assert [r["call_id"] for r in first] == [r["call_id"] for r in _records(at_monday)["results"]]
    assert first == _records(at_monday)["results"]


def test_records_filters_window_and_paging(at_monday):
    client = at_monday
    for n in range(5):
        assert _call(client, destination_number=f"98765432{n:02d}").status_code == 200
        _advance(client, 600)
    everything = _records(client, limit=100)
    assert everything["count"] == 5
    starts = [f"{r['date']} {r['time']}" for r in everything["results"]]
    assert starts == sorted(starts, reverse=True)  # newest first
    pages = [_records(client, limit=2, page=p) for p in (1, 2, 3)]
    assert [p["size"] for p in pages] == [2, 2, 1] and all(p["count"] == 5 for p in pages)
    assert [r["call_id"] for p in pages for r in p["results"]] == [
        r["call_id"] for r in everything["results"]
    ]
    window = _records(client, from_date="2026-03-02 11:09:00", to_date="2026-03-02 11:21:00")
    assert window["count"] == 2
    one = everything["results"][3]["call_id"]
    assert [r["call_id"] for r in _records(client, call_id=one)["results"]] == [one]
    answered = _records(client, call_type="c", limit=100)["results"]
    missed = _records(client, call_type="m", limit=100)["results"]
    assert len(answered) + len(missed) == 5
    assert {r["status"] for r in answered} <= {"answered"} and {r["status"] for r in missed} <= {"missed"}
    assert (
        _records(client, agents=RAHUL)["count"] == 5
        and _records(client, agents="0500000100003")["count"] == 0
    )
    assert _records(client, did_number="8069451001")["count"] == 5
    assert _records(client, direction="inbound")["count"] == 0


def test_a_raw_space_in_the_dates_is_read(at_monday, live):
    import requests

    url = f"{live.url}/v1/call/records?from_date=2026-03-02 00:00:00&to_date=2026-03-02 23:59:59&limit=100"
    answer = requests.get(url, headers=AUTH, timeout=10)
    assert answer.status_code == 200 and answer.json()["page"] == 1


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({"from_date": "2026-03-03 00:00:00", "to_date": "2026-03-02 00:00:00"}, {"to_date"}),
        ({"from_date": "yesterday", "page": "0", "limit": "x"}, {"from_date", "page", "limit"}),
        ({"call_type": "x", "direction": "sideways"}, {"call_type", "direction"}),
    ],
)
def test_records_refuse_bad_queries_in_the_vendor_shape(client, query, fields):
    answer = client.get("/v1/call/records", headers=AUTH, query_string=query)
    assert answer.status_code == 422
    assert answer.get_json()["success"] is False and set(answer.get_json()["errors"]) == fields


def test_dialer_campaign_calls_become_call_records(client):
    client.post("/__admin/clock", json={"freeze": MONDAY_1100_IST})
    assert (
        client.post("/__admin/campaigns/acefone/demo/40002/control", json={"command": "start"}).status_code
        == 200
    )
    _advance(client, 1800)
    records = _records(client, limit=1000)
    dialer = [r for r in records["results"] if r["call_hint"] == "dialer"]
    assert dialer and len(dialer) == records["count"]
    assert all(r["dialer_call_details"]["campaign_id"] == "40002" for r in dialer)
    assert all(r["client_number"].startswith("+91") and r["broadcast_id"] for r in dialer)
    answered = [r for r in dialer if r["status"] == "answered"]
    assert answered and all(r["agent_number"] and r["recording_url"] for r in answered)
    assert len({r["call_id"] for r in dialer}) == len(dialer)


def test_recording_downloads_a_wav_under_the_same_auth(at_monday):
    client = at_monday
    for n in range(10):
        _call(client, destination_number=f"91234567{n:02d}")
    _advance(client, 900)
    rows = _records(client, call_type="c", limit=100)["results"]
    assert rows, "ten calls and none answered"
    path = rows[0]["recording_url"].split("localhost", 1)[1]
    assert client.get(path).status_code == 401
    audio = client.get(path, headers=AUTH)
    assert audio.status_code == 200 and audio.mimetype == "audio/wav"
    with wave.open(io.BytesIO(audio.data)) as w:
        assert w.getframerate() == 8000 and 1 <= w.getnframes() / 8000 <= 3
    assert client.get("/acefone/recordings/1.2.wav", headers=AUTH).status_code == 404
    other = {"Authorization": "Bearer acefone-other-token"}
    assert client.get(path, headers=other).status_code == 404


def test_users_page_with_limit_and_last_seen_id(client):
    first = client.get("/v1/users", headers=AUTH, query_string={"limit": 4}).get_json()
    assert first["has_more"] is True and first["count"] == 4 and first["last_seen_id"] == 100004
    rest = client.get("/v1/users", headers=AUTH, query_string={"limit": 4, "last_seen_id": 100004}).get_json()
    assert rest["has_more"] is False and [u["id"] for u in rest["data"]] == [100005, 100006]
    agent = first["data"][1]["agent"]
    assert agent == {"id": RAHUL, "name": "Rahul Verma", "status": 0, "follow_me_number": "919812300002"}
    user = first["data"][1]
    assert user["user_role"] == {"id": 3, "name": "Agent"} and user["login_id"] == "rahul.verma@acefone.test"
    assert all(isinstance(u["agent"], dict) for u in first["data"] + rest["data"])


def test_users_last_seen_id_repeated_is_read_as_php_reads_it(client):
    """The last value of a repeated key wins; a user object's key name is no id: 422, never 5xx."""
    answer = client.get("/v1/users?last_seen_id=100001&last_seen_id=100005", headers=AUTH)
    assert [u["id"] for u in answer.get_json()["data"]] == [100006]
    answer = client.get("/v1/users?last_seen_id=id&last_seen_id=name&last_seen_id=agent", headers=AUTH)
    assert answer.status_code == 422 and answer.get_json()["errors"] == {
        "last_seen_id": ["Must be a whole number."]
    }


def test_departments_and_numbers(client):
    departments = client.get("/v1/departments", headers=AUTH).get_json()
    assert isinstance(departments, list) and departments[0]["name"] == "Support Queue"
    assert departments[0]["agent_count"] == 2 and departments[0]["agents"][0]["eid"] == "0500000100004"
    numbers = client.get("/v1/my_number", headers=AUTH).get_json()["data"]
    assert numbers[0]["alias"] == "918069451001" and numbers[0]["destination_name"] == "Dialer"
