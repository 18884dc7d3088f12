"""Regression tests for defects the fuzzers found, one per defect, each naming it."""

from __future__ import annotations

import base64
import json

import pytest
from lxml import etree


@pytest.mark.parametrize(
    "body, field",
    [
        ({"set": 0.3333333333333333, "advance": 3.72723603914632e16}, "advance"),  # schemathesis' find
        ({"set": 1e300}, "set"),
        ({"freeze": -1e12}, "freeze"),
        ({"set": "nan"}, "set"),
        ({"freeze": "inf"}, "freeze"),
        ({"set": 10**400}, "set"),
    ],
)
def test_clock_moved_out_of_range_is_422_not_500(client, body, field):
    """Defect: POST /__admin/clock with a time past datetime's range answered 500 (ValueError)."""
    before = client.get("/__admin/clock").get_json()["clock"]
    response = client.post("/__admin/clock", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["errors"]
    assert client.get("/__admin/clock").get_json()["clock"]["frozen"] == before["frozen"]


def test_journal_since_not_finite_is_422(client):
    """Defect: ``since=inf``/``nan`` was taken as a number (and a huge JSON number overflowed)."""
    for since in ("inf", "nan", "1" + "0" * 400):
        response = client.get("/__admin/requests", query_string={"since": since})
        assert response.status_code == 422, since
        assert "since" in response.get_json()["error"]["errors"]


CALLFIRE = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}


def test_callfire_control_character_is_400_naming_the_field_not_a_later_500(client):
    """Defect: a control character was stored, then every XML rendering of the campaign answered 500."""
    response = client.put("/api/1.1/rest/ccc/1001", data={"Name": "bad\x01name"}, headers=CALLFIRE)
    assert response.status_code == 400
    assert b"<r:Message>Name holds a character XML cannot carry" in response.data
    response = client.put("/api/1.1/rest/ccc/1001", data={"RetryResults": "BUSY \x02"}, headers=CALLFIRE)
    assert response.status_code == 400 and b"RetryConfig.RetryResults holds" in response.data
    assert client.get("/api/1.1/rest/ccc/1001", headers=CALLFIRE).status_code == 200


@pytest.mark.parametrize("path", ["/api/1.1/rest/nope\x01", "/api/1.1/soap12/nope\x01"])
def test_callfire_error_echoing_a_control_character_renders(client, path):
    """Defect: a 404 message echoing a path with a control character broke the XML error renderer (500)."""
    response = client.post(path, headers=CALLFIRE)
    assert response.status_code == (400 if "soap12" in path else 404)  # SOAP 1.2: env:Sender is a 400
    root = etree.fromstring(response.data)
    assert "\ufffd" in "".join(root.itertext())


BIG = "9" * 5000  # past Python's 4300-digit limit of int()
ACEFONE = {"Authorization": "Bearer acefone-demo-token"}


@pytest.mark.parametrize(
    "body, field",
    [
        ({"ring_timeout": BIG}, None),  # a String-typed whole number: taken as its digits
        ({"agent": [BIG]}, "agent"),
        ({"lead_list_map": [{"list_id": BIG, "list_status": 1}]}, "lead_list_map"),
    ],
)
def test_acefone_huge_digit_string_is_not_a_500(client, body, field):
    """Defect: a digit string over 4300 digits reached int() and answered 500 (ValueError)."""
    response = client.put("/v1/dialer/campaign/40001", json=body, headers=ACEFONE)
    if field is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 422
        assert field in response.get_json()["errors"]


def test_acefone_whole_number_keeps_its_normalised_digits(client):
    response = client.put("/v1/dialer/campaign/40001", json={"ring_timeout": "0030"}, headers=ACEFONE)
    assert response.status_code == 200
    data = client.get("/v1/dialer/campaign/40001", headers=ACEFONE).get_json()["data"]
    assert data["ring_timeout"] == "30"


@pytest.mark.parametrize(
    "form, named",
    [
        ({"Name": "x", "NumberOfRings": BIG}, "NumberOfRings is too large"),
        ({"Name": "x", "NumberOfRings": "-" + BIG}, "NumberOfRings must be"),
        ({"Name": "x", "Question[²][label]": "a"}, None),
        ({"Name": "x", "RetryResults[" + BIG + "]": "BUSY"}, None),
    ],
)
def test_callfire_huge_or_odd_numbers_are_400_or_accepted_not_500(client, form, named):
    """Defects: a 5000-digit xs:int, a 5000-digit list index, the index "²" (isdigit, not int): 500s."""
    response = client.put("/api/1.1/rest/ccc/1001", data=form, headers=CALLFIRE)
    if named:
        assert response.status_code == 400
        assert named.encode() in response.data
    else:
        assert response.status_code == 204


@pytest.mark.parametrize("depth", [100_000, 950])
@pytest.mark.parametrize("path", ["/v1/dialer/campaign/40001", "/v1/auth/login", "/__admin/faults"])
def test_deeply_nested_json_is_a_4xx_and_the_journal_still_serves(client, path, depth):
    """Defects: JSON nested past the recursion limit was a RecursionError (500) in Acefone's and the admin
    API's body parsing; nested just under it, the journal's copy of the body blew the stack after the
    view answered (no response at all), and serving that entry again."""
    method = client.post if path != "/v1/dialer/campaign/40001" else client.put
    headers = {**ACEFONE, "Content-Type": "application/json"}
    for body in (b"[" * depth + b"]" * depth, b'{"name":' * depth + b"1" + b"}" * depth):
        response = method(path, data=body, headers=headers)
        assert 400 <= response.status_code < 500, response.data[:200]
    journal = client.get("/__admin/requests")
    assert journal.status_code == 200
    bodies = [entry["body"] for entry in journal.get_json()["requests"]]
    assert all(len(json.dumps(body)) < 10_000 for body in bodies)


@pytest.mark.parametrize("body", [b"Name=caf\xe9\xff", b"Name=%ff%fe"])
def test_callfire_form_invalid_utf8_is_400_naming_the_field(client, body):
    """Defect: invalid UTF-8 in a form value was stored as its escapes ("%FF%FE") or the pair dropped."""
    headers = {**CALLFIRE, "Content-Type": "application/x-www-form-urlencoded"}
    response = client.put("/api/1.1/rest/ccc/1001", data=body, headers=headers)
    assert response.status_code == 400
    assert b"<r:Message>Name is not valid UTF-8 (form body)</r:Message>" in response.data
    assert client.get("/api/1.1/rest/ccc?Name=%ff", headers=CALLFIRE).status_code == 400
