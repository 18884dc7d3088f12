"""Hostile input over real HTTP, for every vendor surface: XXE, billion laughs, DTDs, deep nesting, a
10 MiB body, invalid UTF-8, wrong content types, CRLF and ../ in ids. Each gets a 4xx in its vendor's
shape, reads no file, and the server keeps serving."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest
import requests
from lxml import etree
from strategies import CALLFIRE_AUTH

from mockdialer.callfire.soap.envelope import SOAP12

TIMEOUT = 30  # generous: a hung server fails the test instead of the run
PASSWD = "/etc/passwd"
SECRET = b"root:"  # the first line of /etc/passwd
ENV = f"{{{SOAP12}}}"
ACEFONE_AUTH = {"Authorization": "Bearer acefone-demo-token"}

XXE = f"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{PASSWD}">]><r>&x;</r>"""
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><r>&f;&f;</r>'
)
EXTERNAL_DTD = f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file://{PASSWD}"><r/>'
PARAMETER_ENTITY = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file://{PASSWD}"> %p;]><r/>'


def soap(inner: str) -> str:
    """``inner`` (a DTD attack) placed around a SOAP envelope that would otherwise be valid."""
    head, _, body = inner.partition("<r")
    return head.replace("DOCTYPE r", "DOCTYPE env:Envelope") + (
        f"<env:Envelope xmlns:env='{SOAP12}'><env:Body><GetCccCampaignRequest "
        f"xmlns='http://api.callfire.com/service/xsd'><Id>1001{'&x;' if '&x;' in body else ''}</Id>"
        "</GetCccCampaignRequest></env:Body></env:Envelope>"
    )


XML_ATTACKS = {
    "xxe": XXE,
    "billion-laughs": LAUGHS,
    "external-dtd": EXTERNAL_DTD,
    "parameter-entity": PARAMETER_ENTITY,
}


# ----- the four surfaces: where a body goes, how an error looks, a request that must still work
class Answer:
    """An answer read off a raw socket, with what the shape checks read of a ``requests`` response."""

    def __init__(self, status: int, content: bytes) -> None:
        self.status_code, self.content = status, content

    def json(self):
        return json.loads(self.content)


def acefone_shape(response) -> None:
    body = response.json()
    assert body["success"] is False and body["message"]


def rest_shape(response) -> None:
    root = etree.fromstring(response.content)
    assert root.tag == "{http://api.callfire.com/resource}ResourceException"
    assert root.findtext("{http://api.callfire.com/resource}HttpStatus") == str(response.status_code)


def soap_shape(response) -> None:
    root = etree.fromstring(response.content)
    assert root.find(f"{ENV}Body/{ENV}Fault") is not None


def admin_shape(response) -> None:
    body = response.json()
    assert body["ok"] is False and body["error"]["status"] == response.status_code


SURFACES = {
    "acefone": (
        "PUT",
        "/v1/dialer/campaign/40001",
        ACEFONE_AUTH,
        "application/json",
        acefone_shape,
        ("GET", "/v1/dialer/campaign/40001"),
    ),
    "callfire.rest": (
        "PUT",
        "/api/1.1/rest/ccc/1001",
        CALLFIRE_AUTH,
        "application/x-www-form-urlencoded",
        rest_shape,
        ("GET", "/api/1.1/rest/ccc/1001"),
    ),
    "callfire.soap": (
        "POST",
        "/api/1.1/soap12/ccc",
        CALLFIRE_AUTH,
        "application/soap+xml; charset=utf-8",
        soap_shape,
        ("GET", "/api/1.1/soap12/ccc?wsdl"),
    ),
    "admin": ("POST", "/__admin/faults", {}, "application/json", admin_shape, ("GET", "/__admin/health")),
}


@pytest.fixture(scope="module")
def server():
    from mockdialer import create_app
    from mockdialer.config import TestingConfig
    from mockdialer.testing.live_server import LiveServer

    with LiveServer(create_app(TestingConfig)) as live:
        yield live


def send(server, surface: str, body: bytes | str, content_type: str | None = "default", **kwargs):
    method, path, auth, default_type, _, _ = SURFACES[surface]
    headers = dict(auth)
    if content_type:
        headers["Content-Type"] = default_type if content_type == "default" else content_type
    data = body.encode() if isinstance(body, str) else body
    return requests.request(method, server.url + path, data=data, headers=headers, timeout=TIMEOUT, **kwargs)


def assert_refused(server, surface: str, response, statuses=range(400, 500)) -> None:
    """A 4xx in the vendor's shape, no file content in it, and the server still answers."""
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    SURFACES[surface][4](response)
    assert SECRET not in response.content
    method, path = SURFACES[surface][5]
    follow_up = requests.request(method, server.url + path, headers=SURFACES[surface][2], timeout=TIMEOUT)
    assert follow_up.status_code == 200


@pytest.mark.parametrize("attack", sorted(XML_ATTACKS))
@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_entity_and_dtd_attacks(server, surface, attack):
    body = XML_ATTACKS[attack]
    if surface == "callfire.soap":
        body = soap(body)
        response = send(server, surface, body)
    else:
        response = send(server, surface, body, content_type="application/xml")
    assert_refused(server, surface, response)


@pytest.mark.parametrize("attack", sorted(XML_ATTACKS))
@pytest.mark.parametrize("surface", ["acefone", "callfire.rest", "admin"])
def test_entity_attacks_sent_as_the_surfaces_own_type(server, surface, attack):
    """The XML sent as JSON or as form values: read as text, never expanded."""
    response = send(server, surface, XML_ATTACKS[attack] if surface != "callfire.rest" else {"Name": XXE})
    if surface == "callfire.rest":
        assert response.status_code in (204, 400)  # Name is free text; the entity is never expanded
        if response.status_code == 204:
            got = requests.get(server.url + "/api/1.1/rest/ccc/1001", headers=CALLFIRE_AUTH, timeout=TIMEOUT)
            assert SECRET not in got.content and b"ENTITY" in got.content
        return
    assert_refused(server, surface, response)


DEEP = {
    "acefone": b"[" * 50_000 + b"]" * 50_000,
    "admin": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "callfire.rest": ("Question" + "[0]" * 20_000 + "=x").encode(),
    "callfire.soap": (
        f"<env:Envelope xmlns:env='{SOAP12}'><env:Body>"
        + "<a>" * 20_000
        + "</a>" * 20_000
        + "</env:Body></env:Envelope>"
    ).encode(),
}


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_deep_nesting(server, surface):
    response = send(server, surface, DEEP[surface])
    if surface == "callfire.rest":  # the key is not one CallFire reads: the update misses its Name
        assert_refused(server, surface, response, statuses=(400,))
    else:
        assert_refused(server, surface, response)


def too_large(surface: str) -> tuple[int]:
    """413, except a SOAP 1.2 fault: env:Sender goes with 400 (SOAP 1.2 Part 2, 7.5.2; docs/callfire.md)."""
    return (400,) if surface == "callfire.soap" else (413,)


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_ten_mib_body_is_413(server, surface):
    response = send(server, surface, b"x" * (10 * 1024 * 1024))
    assert_refused(server, surface, response, statuses=too_large(surface))


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_chunked_body_over_the_limit_is_refused(server, surface):
    chunks = (b"y" * 65536 for _ in range(40))  # 2.5 MiB without a Content-Length
    response = send(server, surface, chunks)
    assert_refused(server, surface, response, statuses=too_large(surface))


INVALID_UTF8 = {
    "acefone": b'{"name": "\xff\xfe caf\xe9"}',
    "admin": b'{"action": "\xff\xfe"}',
    "callfire.rest": b"Name=caf\xe9\xff",
    "callfire.soap": (
        f"<env:Envelope xmlns:env='{SOAP12}'><env:Body><GetCccCampaignRequest "
        "xmlns='http://api.callfire.com/service/xsd'><Id>\xff\xfe</Id></GetCccCampaignRequest></env:Body>"
        "</env:Envelope>"
    ).encode("latin-1"),
}


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_invalid_utf8(server, surface):
    response = send(server, surface, INVALID_UTF8[surface])
    assert_refused(server, surface, response, statuses=(400, 415, 422))


WRONG_TYPES = ["text/plain", "application/octet-stream", "multipart/form-data; boundary=x", "image/png"]


@pytest.mark.parametrize(
    "surface, content_type",
    [
        (surface, content_type)
        for surface in ("acefone", "callfire.rest", "callfire.soap")
        for content_type in WRONG_TYPES
        if not (surface == "callfire.rest" and content_type.startswith("multipart"))  # a form type it reads
    ],
)
def test_wrong_content_type(server, surface, content_type):
    response = send(server, surface, b'{"name": "x"}', content_type=content_type)
    assert_refused(server, surface, response, statuses=(400, 415))


def raw_request(server, method: str, raw_path: str, headers: dict) -> tuple[int, dict, bytes]:
    """A request with the path exactly as given (no client normalises ../ or escapes)."""
    host = urlsplit(server.url)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=TIMEOUT)
    try:
        conn.putrequest(method, raw_path, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


ID_PATHS = {
    "acefone": ("GET", "/v1/dialer/campaign/{id}", ACEFONE_AUTH),
    "callfire.rest": ("GET", "/api/1.1/rest/ccc/{id}", CALLFIRE_AUTH),
    "callfire.soap": ("GET", "/api/1.1/soap12/{id}", CALLFIRE_AUTH),
    "admin": ("DELETE", "/__admin/faults/{id}", {}),
}
HOSTILE_IDS = [
    "1%0d%0aX-Injected:%20yes",
    "1%0aSet-Cookie:%20a=b",
    "..%2f..%2f..%2fetc%2fpasswd",
    "..%252f..%252fetc%252fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "../../../../etc/passwd",
    "....//....//etc/passwd",
    "%00",
    "1;%20cat%20/etc/passwd",
]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
@pytest.mark.parametrize("surface", sorted(ID_PATHS))
def test_header_injection_and_path_traversal_in_ids(server, surface, hostile):
    method, template, auth = ID_PATHS[surface]
    status, headers, body = raw_request(server, method, template.format(id=hostile), auth)
    assert 400 <= status < 500, (status, body[:300])
    assert "x-injected" not in headers and "set-cookie" not in headers
    assert SECRET not in body
    SURFACES[surface][4](Answer(status, body))
    follow_method, follow_path = SURFACES[surface][5]
    follow = requests.request(follow_method, server.url + follow_path, headers=auth, timeout=TIMEOUT)
    assert follow.status_code == 200


@pytest.mark.parametrize("folder", [PASSWD, "/etc", "../../../../etc", "/proc/self"])
def test_admin_seed_folder_reads_no_file_content_back(server, folder):
    """The harness seeds from a folder by design (``<vendor>/*.json`` in it): a file is a 422, a folder
    without fixtures seeds nothing; neither echoes file content."""
    response = requests.post(server.url + "/__admin/seed", json={"folder": folder}, timeout=TIMEOUT)
    assert SECRET not in response.content
    if response.status_code == 200:
        assert response.json()["seeded"] == {}
    else:
        assert response.status_code == 422
        admin_shape(response)
