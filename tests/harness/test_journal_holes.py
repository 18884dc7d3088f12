"""The journal against bytes and strings that are not valid text, secrets in every part of a request,
and bodies of any size, through HTTP (the Flask test client), as a careless client or an attacker
sends them: the JSON API, ``verify`` and the console's Journal always answer, secrets never show."""

from __future__ import annotations

import base64
import json

import pytest

CALLFIRE = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
ACEFONE = {"Authorization": "Bearer acefone-demo-token"}
SOAP = "/api/1.1/soap12/ccc"
ENVELOPE = (
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
    'xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">'
    "<env:Header><wsse:Security><wsse:UsernameToken><wsse:Username>demo-callfire</wsse:Username>"
    '<wsse:Password Type="PasswordText">{password}</wsse:Password></wsse:UsernameToken></wsse:Security>'
    "</env:Header><env:Body><GetCccCampaign><Id>1001</Id></GetCccCampaign></env:Body></env:Envelope>"
)


def journal_answers(client) -> list[dict]:
    """Every surface that shows the journal answers; the JSON API's entries."""
    api = client.get("/__admin/requests")
    assert api.status_code == 200, api.data[:300]
    for path in ("/__admin/requests?limit=5", "/__admin/requests/count"):
        assert client.get(path).status_code == 200
    page = client.get("/__admin/requests", headers={"Accept": "text/html"})
    assert page.status_code == 200
    fragment = client.get("/__admin/requests", headers={"Accept": "text/html", "HX-Request": "true"})
    assert fragment.status_code == 200
    assert client.post("/__admin/verify", json={"body_contains": "x"}).status_code == 200
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    return api.get_json()["requests"]


def test_a_form_body_that_is_not_utf8_is_refused_and_the_journal_still_answers(client):
    bad = b"Name=caf\xe9\xff\xfe"
    headers = {**CALLFIRE, "Content-Type": "application/x-www-form-urlencoded"}
    assert client.put("/api/1.1/rest/ccc/1001", data=bad, headers=headers).status_code == 400
    (entry,) = journal_answers(client)
    assert entry["status"] == 400
    json.dumps(entry).encode("utf-8")  # valid text throughout


def test_a_raw_body_that_is_not_utf8_is_shown_escaped_and_round_trips(client):
    from mockdialer.harness.journal import unescape

    raw = b"caf\xe9 \\x41 \xff"
    headers = {**CALLFIRE, "Content-Type": "text/plain"}
    client.put("/api/1.1/rest/ccc/1001", data=raw, headers=headers)
    (entry,) = journal_answers(client)
    assert entry["body"] == "caf\\xe9 \\\\x41 \\xff"
    assert unescape(entry["body"]) == raw


def test_a_lone_surrogate_in_a_stored_name_and_a_login_keeps_every_page_up(client):
    body = '{"name": "Lone \\ud800 surrogate"}'
    headers = {**ACEFONE, "Content-Type": "application/json"}
    assert client.put("/v1/dialer/campaign/40001", data=body, headers=headers).status_code == 200
    login = '{"email": "\\ud800@x", "password": "\\udfff"}'
    assert client.post("/v1/auth/login", data=login, content_type="application/json").status_code == 401
    entries = journal_answers(client)
    dump = json.dumps(entries, ensure_ascii=False)
    dump.encode("utf-8")
    assert entries[0]["body"]["name"] == "Lone \\xed\\xa0\\x80 surrogate"
    for path in ("/__admin/campaigns", "/__admin/campaigns/acefone/demo/40001"):
        assert client.get(path, headers={"Accept": "text/html"}).status_code in (200, 404)
        assert client.get(path).status_code in (200, 404)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"email": "demo@acefone.test", "password": "hunter2-secret"'),  # malformed
        ("text/plain", b'{"email": "demo@acefone.test", "password": "hunter2-secret"}'),
        ("application/x-www-form-urlencoded", b"email=demo%40acefone.test&password=hunter2-secret"),
    ],
)
def test_an_unparsed_login_body_is_journaled_with_its_password_masked(client, content_type, body):
    answer = client.post("/v1/auth/login", data=body, content_type=content_type)
    assert answer.status_code >= 400
    (entry,) = journal_answers(client)
    assert "hunter2" not in json.dumps(entry)
    assert "hunter2" not in client.get("/__admin/requests", headers={"Accept": "text/html"}).get_data(True)


@pytest.mark.parametrize("content_type", ["application/soap+xml; charset=utf-8", "text/xml"])
def test_a_refused_soap_request_shows_no_wsse_password(client, content_type):
    body = ENVELOPE.format(password="hunter2-secret").encode()
    answer = client.post(SOAP, data=body, content_type=content_type)
    assert answer.status_code >= 400
    (entry,) = journal_answers(client)
    assert "hunter2" not in json.dumps(entry)
    assert "demo-callfire" in json.dumps(entry)  # only the secret is masked
    assert "hunter2" not in client.get("/__admin/requests", headers={"Accept": "text/html"}).get_data(True)


def test_secrets_in_the_query_string_are_masked_whatever_their_case(client):
    query = "access_token=s1&TOKEN=s2&Password=s3&api_key=s4&secret=s5&keep=visible"
    client.get(f"/api/1.1/rest/ccc/1001.json?{query}", headers=CALLFIRE)
    (entry,) = journal_answers(client)
    assert entry["query"]["keep"] == "visible"
    dump = json.dumps(entry)
    for n in range(1, 6):
        assert f'"s{n}"' not in dump
    assert {entry["query"][k] for k in ("access_token", "TOKEN", "Password", "api_key", "secret")} == {"***"}


def test_a_huge_parsed_field_is_capped_with_its_size_and_pages_stay_small(client):
    script = "x" * 900_000
    headers = {**CALLFIRE, "Content-Type": "application/x-www-form-urlencoded"}
    for _ in range(10):
        client.put("/api/1.1/rest/ccc/1001", data={"Script": script}, headers=headers)
        client.get("/api/1.1/rest/ccc/1001.json", headers=CALLFIRE)
    api = client.get("/__admin/requests")
    assert len(api.data) < 512 * 1024
    entries = api.get_json()["requests"]
    assert all(len(json.dumps(e)) < 20_000 for e in entries)
    capped = json.dumps(entries[0]["body"])
    assert "truncated" in capped and "900000" in capped
    for headers in ({"Accept": "text/html"}, {"Accept": "text/html", "HX-Request": "true"}):
        assert len(client.get("/__admin/requests", headers=headers).data) < 256 * 1024
    campaign = client.get("/__admin/campaigns/callfire/demo-callfire/1001", headers={"Accept": "text/html"})
    assert len(campaign.data) < 256 * 1024
