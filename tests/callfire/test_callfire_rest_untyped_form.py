"""A CallFire REST write whose form body has no Content-Type, as CallFire's Node SDK sends it (chunked,
``qs``-encoded indexed keys): lenient mode reads it as a form, strict mode answers 415 (docs/callfire.md)."""

from __future__ import annotations

import base64
import socket
from urllib.parse import urlsplit

import pytest
from callfire_helpers import DEMO, NS, xml
from lxml import etree

from mockdialer import create_app
from mockdialer.testing.live_server import LiveServer

AUTH = "Basic " + base64.b64encode(":".join(DEMO).encode()).decode()
# what the Node SDK's ``qs.stringify(..., {arrayFormat: 'indices'})`` writes for a campaign
NODE_FORM = (
    "Name=Node%20SDK%20campaign&FromNumber=12132212384&MaxAttempts=2&RetryResults%5B0%5D=BUSY"
    "&RetryResults%5B1%5D=NO_ANS&Question%5B0%5D%5Blabel%5D=Pick%20one"
    "&Question%5B0%5D%5BresponseType%5D=CHOICE&Question%5B0%5D%5Bchoices%5D%5B0%5D=a"
    "&Question%5B0%5D%5Bchoices%5D%5B1%5D=b"
)


def chunked(url: str, method: str, path: str, body: str) -> tuple[int, bytes]:
    """``body`` sent chunked with no Content-Type and no Content-Length, as node's http module does."""
    parts = urlsplit(url)
    data = body.encode()
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: {AUTH}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    payload = head + f"{len(data):x}\r\n".encode() + data + b"\r\n0\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(payload)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer.split(b"\r\n\r\n", 1)[1]


def test_a_chunked_form_without_content_type_creates_a_campaign(live, api):
    status, body = chunked(live.url, "POST", "/api/1.1/rest/ccc", NODE_FORM)
    assert status == 201, body
    new_id = etree.fromstring(body).findtext("r:Id", namespaces=NS)
    campaign = xml(api.get(f"/ccc/{new_id}")).find("d:CccCampaign", NS)
    assert campaign.findtext("d:Name", namespaces=NS) == "Node SDK campaign"
    assert campaign.findtext("d:RetryConfig/d:RetryResults", namespaces=NS) == "BUSY NO_ANS"
    assert campaign.findtext("d:Question/d:Label", namespaces=NS) == "Pick one"
    assert campaign.findtext("d:Question/d:Choices", namespaces=NS) == "a b"


def test_a_put_without_content_type_updates_and_bad_fields_are_still_named(live, api):
    form = "Name=Renamed%20by%20Node&MaxAttempts=3"
    status, body = chunked(live.url, "PUT", "/api/1.1/rest/ccc/1002", form)
    assert status == 204, body
    campaign = xml(api.get("/ccc/1002")).find("d:CccCampaign", NS)
    assert campaign.findtext("d:Name", namespaces=NS) == "Renamed by Node"
    assert campaign.findtext("d:RetryConfig/d:MaxAttempts", namespaces=NS) == "3"
    status, body = chunked(live.url, "PUT", "/api/1.1/rest/ccc/1002", "Name=x&MaxAttempts=many")
    assert status == 400 and b"MaxAttempts" in body


def test_the_test_client_without_content_type(client):
    response = client.post(
        "/api/1.1/rest/ccc/agent-group",
        data=b"Name=Node%20group&AgentEmails%5B0%5D=node%40example.com",
        headers={"Authorization": AUTH},
    )
    assert "Content-Type" not in response.request.headers
    assert response.status_code == 201, response.text
    group_id = etree.fromstring(response.data).findtext("r:Id", namespaces=NS)
    group = etree.fromstring(
        client.get(f"/api/1.1/rest/ccc/agent-group/{group_id}", headers={"Authorization": AUTH}).data
    ).find("d:AgentGroup", NS)
    assert group.findtext("d:AgentEmails", namespaces=NS) == "node@example.com"


def test_a_body_without_content_type_must_be_utf8(client):
    response = client.post("/api/1.1/rest/ccc", data=b"Name=%FF", headers={"Authorization": AUTH})
    assert response.status_code == 400 and b"Name is not valid UTF-8" in response.data


@pytest.fixture(scope="module")
def strict_live():
    with LiveServer(create_app({"DB": ":memory:", "STRICT": True})) as server:
        yield server


def test_strict_mode_refuses_a_form_without_content_type(strict_live):
    status, body = chunked(strict_live.url, "POST", "/api/1.1/rest/ccc", NODE_FORM)
    assert status == 415
    assert b"application/x-www-form-urlencoded" in body
