"""The shared request limits on every surface (``mockdialer/limits.py``, the pipeline's limits step):
bodies over 1 MiB (chunked or not) are 413 with nothing stored, non-finite and out-of-range numbers are
refused like any invalid value, bracket keys deeper than CallFire's are 400 naming the key, ids are
ASCII digits of any length (404, never 405 or 500), and oversized headers are 431 in the vendor's shape
behind werkzeug's server (flask run, LiveServer) and gunicorn."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from lxml import etree
from strategies import CALLFIRE_AUTH
from test_hostile_input import SURFACES, admin_shape, rest_shape, soap_shape

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.testing.live_server import LiveServer

REPO = Path(__file__).resolve().parents[2]
ACEFONE = {"Authorization": "Bearer acefone-demo-token"}
FORM = {**CALLFIRE_AUTH, "Content-Type": "application/x-www-form-urlencoded"}
SOAP = {**CALLFIRE_AUTH, "Content-Type": "application/soap+xml; charset=utf-8"}
LIMIT = 1024 * 1024
TIMEOUT = 30


def acefone_shape(response) -> None:
    body = response.json()
    assert body["success"] is False and body["message"]


SHAPES = {
    "acefone": acefone_shape,
    "callfire.rest": rest_shape,
    "callfire.soap": soap_shape,
    "admin": admin_shape,
}


@pytest.fixture(scope="module")
def server():
    with LiveServer(create_app(TestingConfig)) as live:
        yield live


def campaign_name(url: str) -> str:
    return requests.get(url + "/v1/dialer/campaign/40001", headers=ACEFONE, timeout=TIMEOUT).json()["data"][
        "name"
    ]


def ccc_name(url: str) -> str:
    response = requests.get(url + "/api/1.1/rest/ccc/1001.json", headers=CALLFIRE_AUTH, timeout=TIMEOUT)
    return response.json()["Resource"]["CccCampaign"]["Name"]


def chunks(payload: bytes, size: int = 65536):
    """A generator body: requests sends it chunked, without a Content-Length."""
    for start in range(0, len(payload), size):
        yield payload[start : start + size]


# ----- bodies over the limit, chunked or not: 413 in the vendor's shape, nothing stored
BIG = {
    "acefone": ("PUT", "/v1/dialer/campaign/40001", ACEFONE, lambda n: b'{"name": "' + b"a" * n + b'"}'),
    "callfire.rest": ("PUT", "/api/1.1/rest/ccc/1001", FORM, lambda n: b"Name=" + b"a" * n),
    "callfire.soap": ("POST", "/api/1.1/soap12/ccc", SOAP, lambda n: b"<a>" + b"a" * n + b"</a>"),
    "admin": (
        "POST",
        "/__admin/clock",
        {"Content-Type": "application/json"},
        lambda n: b'{"x": "' + b"a" * n + b'"}',
    ),
}


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "sized"])
@pytest.mark.parametrize("surface", sorted(BIG))
def test_body_over_the_limit_is_413_and_nothing_is_stored(server, surface, chunked):
    method, path, headers, body = BIG[surface]
    before = (campaign_name(server.url), ccc_name(server.url))
    payload = body(LIMIT)  # a little over 1 MiB with its framing
    data = chunks(payload) if chunked else payload
    response = requests.request(method, server.url + path, data=data, headers=headers, timeout=TIMEOUT)
    # a SOAP 1.2 fault is env:Sender, which goes with 400 (SOAP 1.2 Part 2, 7.5.2; docs/callfire.md)
    assert response.status_code == (400 if surface == "callfire.soap" else 413), response.content[:300]
    SHAPES[surface](response)
    assert (campaign_name(server.url), ccc_name(server.url)) == before


def test_a_chunked_body_within_the_limit_is_read_whole(server):
    name = "Chunked " + "b" * 100_000
    data = chunks(b"Name=" + name.encode(), size=4096)
    response = requests.put(server.url + "/api/1.1/rest/ccc/1001", data=data, headers=FORM, timeout=TIMEOUT)
    assert response.status_code == 204, response.content[:300]
    assert ccc_name(server.url) == name
    response = requests.put(
        server.url + "/api/1.1/rest/ccc/1001", data=b"Name=Back", headers=FORM, timeout=30
    )
    assert response.status_code == 204


# ----- numbers: non-finite and out of range are invalid values (Acefone 422, CallFire 400), nothing stored
@pytest.fixture
def client():
    return create_app(TestingConfig).test_client()


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1E400"])
def test_acefone_non_finite_number_is_422_naming_the_field(client, number):
    body = '{"name": "x", "ring_timeout": ' + number + "}"
    response = client.put(
        "/v1/dialer/campaign/40001", data=body, headers={**ACEFONE, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json["success"] is False and "ring_timeout" in response.json["errors"]
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).json["data"]["name"] != "x"


@pytest.mark.parametrize(
    "field, value",
    [("agent", [2147483648]), ("agent", [-1]), ("lead_list_map", [{"list_id": 10**40, "list_status": 1}])],
)
def test_acefone_number_outside_its_range_is_422_and_nothing_stored(client, field, value):
    response = client.put("/v1/dialer/campaign/40001", json={"name": "x", field: value}, headers=ACEFONE)
    assert response.status_code == 422 and field in str(response.json["errors"])
    assert client.get("/v1/dialer/campaign/40001", headers=ACEFONE).json["data"]["name"] != "x"


@pytest.mark.parametrize("number", [2**63 - 1, 2**64 + 1, 10**25])
def test_acefone_integer_of_19_digits_or_more_reads_back_as_that_integer(client, number):
    body = '{"ring_timeout": ' + str(number) + "}"  # the same request through json and orjson alike
    response = client.put(
        "/v1/dialer/campaign/40001", data=body, headers={**ACEFONE, "Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.json
    stored = client.get("/v1/dialer/campaign/40001", headers=ACEFONE).json["data"]["ring_timeout"]
    assert stored == str(number) or stored == number, stored


def test_acefone_non_finite_number_inside_a_list_is_422(client):
    body = '{"name": "x", "lead_list_map": [{"list_id": 1e999, "list_status": 1}]}'
    response = client.post(
        "/v1/dialer/campaign", data=body, headers={**ACEFONE, "Content-Type": "application/json"}
    )
    assert response.status_code == 422 and "lead_list_map[0].list_id" in response.json["errors"]


@pytest.mark.parametrize("body", ['{"advance": 1e999}', '{"set": 1e999}', '{"action": "delay", "ms": 1e999}'])
def test_admin_non_finite_number_is_422(client, body):
    path = "/__admin/faults" if "action" in body else "/__admin/clock"
    response = client.post(path, data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json["ok"] is False and response.json["error"]["errors"]
    assert client.get("/__admin/faults").json["faults"] == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("MultilineDialingRatio", "1e999"),
        ("MultilineDialingRatio", "5"),
        ("NumberOfRings", "99999999999999999999"),
        ("NumberOfRings", "Infinity"),
        ("ScrubLevel", "NaN"),
        ("MaxAttempts", "0"),
    ],
)
def test_callfire_rest_numbers_out_of_range_are_400_and_nothing_stored(client, field, value):
    response = client.put(
        "/api/1.1/rest/ccc/1001", data={"Name": "changed", field: value}, headers=CALLFIRE_AUTH
    )
    assert response.status_code == 400
    root = etree.fromstring(response.data)
    assert field in root.findtext("{http://api.callfire.com/resource}Message")
    assert (
        client.get("/api/1.1/rest/ccc/1001.json", headers=CALLFIRE_AUTH).json["Resource"]["CccCampaign"][
            "Name"
        ]
        != "changed"
    )


def test_callfire_soap_number_out_of_range_is_a_fault_and_nothing_stored(client):
    envelope = (
        "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body>"
        "<UpdateCccCampaignRequest xmlns='http://api.callfire.com/service/xsd'>"
        "<CccCampaign xmlns='http://api.callfire.com/data' id='1001'><Name>changed</Name>"
        "<NumberOfRings>1e999</NumberOfRings></CccCampaign></UpdateCccCampaignRequest></env:Body></env:Envelope>"
    )
    response = client.post("/api/1.1/soap12/ccc", data=envelope, headers=SOAP)
    root = etree.fromstring(response.data)
    env = "{http://www.w3.org/2003/05/soap-envelope}"
    assert root.find(f"{env}Body/{env}Fault") is not None
    assert root.findtext(f"{env}Body/{env}Fault/{env}Code/{env}Value") == "env:Sender"
    assert b"NumberOfRings" in response.data
    assert (
        client.get("/api/1.1/rest/ccc/1001.json", headers=CALLFIRE_AUTH).json["Resource"]["CccCampaign"][
            "Name"
        ]
        != "changed"
    )


# ----- bracket nesting deeper than CallFire's keys
def test_bracket_bomb_is_400_naming_the_key(client):
    key = "RetryResults" + "[0]" * 1000
    response = client.put("/api/1.1/rest/ccc/1001", data=f"{key}=BUSY&Name=x", headers=FORM)
    assert response.status_code == 400
    message = etree.fromstring(response.data).findtext("{http://api.callfire.com/resource}Message")
    assert message.startswith("RetryResults[0][0]") and "nests 1000 brackets deep" in message


def test_the_deepest_key_callfire_writes_still_works(client):
    data = "Name=Q&Question[0][label]=Color&Question[0][responseType]=CHOICE&Question[0][choices][]=red"
    assert client.put("/api/1.1/rest/ccc/1001", data=data, headers=FORM).status_code == 204


# ----- ids: ASCII digits only, any length on a known path is 404
ITEM_PATHS = {
    "/api/1.1/rest/ccc/{}": ("GET", "PUT", "DELETE"),
    "/api/1.1/rest/ccc/{}.json": ("GET", "PUT", "DELETE"),
    "/api/1.1/rest/ccc/{}/stats": ("GET",),
    "/api/1.1/rest/ccc/{}/control": ("PUT",),
    "/api/1.1/rest/ccc/{}/questions": ("DELETE",),
    "/api/1.1/rest/ccc/{}/transfer-numbers": ("DELETE",),
    "/api/1.1/rest/ccc/agent-group/{}": ("GET", "PUT", "DELETE"),
    "/v1/dialer/campaign/{}": ("GET", "PUT", "DELETE"),
    "/v1/dialer/agent_script/{}": ("GET", "PUT", "DELETE"),
    "/__admin/faults/{}": ("DELETE",),
}
ODD_IDS = ["9" * 5000, "9" * 20, "١٠٠٢", "1002²", "٣", "-1", "0x10", "1e3"]


@pytest.mark.parametrize("odd", ODD_IDS, ids=lambda s: f"{s[:8]}-{len(s)}")
@pytest.mark.parametrize("template", sorted(ITEM_PATHS))
def test_any_id_on_a_known_path_is_404_never_405_or_500(client, template, odd):
    headers = ACEFONE if template.startswith("/v1") else CALLFIRE_AUTH
    surface = "acefone" if template.startswith("/v1") else "admin" if "admin" in template else "callfire.rest"
    for method in ITEM_PATHS[template]:
        kwargs = (
            {"json": {"name": "x"}} if surface == "acefone" and method == "PUT" else {"data": {"Name": "x"}}
        )
        response = client.open(template.format(odd), method=method, headers=headers, **kwargs)
        assert response.status_code in (400, 404), (method, response.status_code, response.data[:200])
        if surface == "callfire.rest" and not template.endswith(".json"):
            root = etree.fromstring(response.data)
            assert root.findtext("{http://api.callfire.com/resource}HttpStatus") == str(response.status_code)


def test_unicode_digits_do_not_alias_an_id(client):
    response = client.delete("/api/1.1/rest/ccc/١٠٠٢", headers=CALLFIRE_AUTH)
    assert response.status_code == 404
    assert client.get("/api/1.1/rest/ccc/1002", headers=CALLFIRE_AUTH).status_code == 200


# ----- oversized headers: 431 in the vendor's shape, from the app, behind each server
HEADER_TARGETS = {
    "acefone": ("GET", "/v1/dialer/campaign/40001", ACEFONE),
    "callfire.rest": ("GET", "/api/1.1/rest/ccc/1001", CALLFIRE_AUTH),
    "callfire.soap": ("POST", "/api/1.1/soap12/ccc", SOAP),
    "admin": ("GET", "/__admin/health", {}),
    "unknown route": ("GET", "/v1/no/such/route", ACEFONE),
}


def _oversized(base: dict, how: str) -> dict:
    if how == "one line":
        return {**base, "X-Padding": "p" * 70_000}
    return {**base, **{f"X-Pad-{i}": "p" * 600 for i in range(150)}}  # 150 fields, 90 KB


def _check_431(url: str, surface: str, how: str) -> None:
    method, path, headers = HEADER_TARGETS[surface]
    response = requests.request(method, url + path, headers=_oversized(headers, how), timeout=TIMEOUT)
    assert response.status_code == (400 if surface == "callfire.soap" else 431), response.content[:300]
    SHAPES.get(surface, acefone_shape)(response)
    assert requests.request(method, url + path, headers=headers, timeout=TIMEOUT).status_code < 500


@pytest.mark.parametrize("how", ["one line", "many fields"])
@pytest.mark.parametrize("surface", sorted(HEADER_TARGETS))
def test_oversized_headers_are_431_in_the_vendors_shape_behind_werkzeug(server, surface, how):
    _check_431(server.url, surface, how)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    binary = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, "MOCKDIALER_DB": ":memory:"}
    config = "python:mockdialer.gunicorn_conf"
    cmd = [str(binary), "-c", config, "-w", "1", "-b", f"127.0.0.1:{port}", "mockdialer:create_app()"]
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(url + "/__admin/health", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.2)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.parametrize("how", ["one line", "many fields"])
@pytest.mark.parametrize("surface", ["acefone", "callfire.rest", "admin"])
def test_oversized_headers_are_431_in_the_vendors_shape_behind_gunicorn(gunicorn, surface, how):
    """gunicorn with ``-c python:mockdialer.gunicorn_conf`` (the limits the docs tell gunicorn users)."""
    _check_431(gunicorn, surface, how)


def test_surfaces_table_is_the_hostile_input_one():
    assert set(SHAPES) == set(SURFACES)


def test_without_a_body_limit_a_body_past_drain_max_is_still_413(monkeypatch):
    from mockdialer import limits

    monkeypatch.setattr(limits, "DRAIN_MAX", 4096)
    app = create_app(TestingConfig)
    app.config["MAX_CONTENT_LENGTH"] = None
    client = app.test_client()
    path, headers = "/v1/dialer/campaign/40001", {**ACEFONE, "Content-Type": "application/json"}
    response = client.put(path, data=b'{"description": "' + b"d" * 5000 + b'"}', headers=headers)
    assert response.status_code == 413, response.data[:300]
    assert response.get_json()["success"] is False
    assert client.get(path, headers=ACEFONE).get_json()["data"]["description"] != "d" * 5000
    assert client.put(path, json={"description": "d" * 100}, headers=ACEFONE).status_code == 200


# ----- the body, read once by read_body: werkzeug and the journal read the same bytes again
def test_read_body_reads_the_content_length_and_leaves_the_bytes_for_werkzeug():
    from werkzeug.wrappers import Request

    from mockdialer.limits import read_body

    environ = {"CONTENT_LENGTH": "7", "wsgi.input": io.BytesIO(b'{"a":1}and the next request')}
    assert read_body(environ) == b'{"a":1}'
    assert read_body(environ) == b'{"a":1}'  # once: the second call reads nothing from the stream
    assert Request(environ).get_data() == b'{"a":1}'


def test_read_body_of_a_client_that_stopped_sending_is_what_came():
    from mockdialer.limits import read_body

    assert read_body({"CONTENT_LENGTH": "50", "wsgi.input": io.BytesIO(b'{"a":1}')}) == b'{"a":1}'
    assert read_body({"wsgi.input": io.BytesIO(b"ignored")}) == b""  # no Content-Length: no body


def test_a_malformed_acefone_body_is_journaled_as_sent(client):
    headers = {**ACEFONE, "Content-Type": "application/json"}
    response = client.put("/v1/dialer/campaign/40001", data=b'{"name": ', headers=headers)
    assert response.status_code == 400
    entry = client.get("/__admin/requests?limit=1").json["requests"][0]
    assert entry["body"] == '{"name": '
