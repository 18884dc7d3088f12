"""XML attacks get a fault at once: no entity expansion, no file read, no network fetch; the server
keeps serving afterwards."""

from __future__ import annotations

import socket
import threading

import pytest
from soap_helpers import DATA, ENV, SVC, envelope, fault, golden

NO_DTD = "Document type declarations (DTDs) and entities are not allowed"


def update_with_name(name_xml: str, doctype: str = "") -> bytes:
    body = (
        f'<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001"><d:Name>{name_xml}</d:Name>'
        "</d:CccCampaign></svc:UpdateCccCampaignRequest>"
    )
    return doctype.encode() + envelope(body)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE env:Envelope [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)


@pytest.fixture
def listener():
    """A TCP port that records whether anything connected to it (an external DTD or entity fetch)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join(timeout=2)
    server.close()


def still_serving(raw, soap) -> None:
    response = raw.session.get(raw.url + "?wsdl", timeout=10)
    assert response.status_code == 200
    assert soap.GetCccCampaign(Id=1001).Name == "Demo Customer Survey"


def test_billion_laughs(raw, soap):
    response = raw.post(update_with_name("&lol9;", LAUGHS))
    assert response.status_code == 400
    assert fault(response)["Message"] == NO_DTD
    golden("fault_dtd.xml", response.content)
    still_serving(raw, soap)


def test_billion_laughs_in_utf16_is_refused_by_the_parser(raw, soap):
    doc = update_with_name("&lol9;", LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"'))
    data = doc.decode().encode("utf-16")
    response = raw.post(data)
    assert response.status_code == 400
    assert fault(response)["FaultCode"] == "BAD_REQUEST"
    still_serving(raw, soap)


def test_external_file_entity_is_never_read(raw, soap, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    doctype = f'<!DOCTYPE env:Envelope [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    response = raw.post(update_with_name("&xxe;", doctype))
    assert response.status_code == 400
    assert "TOP-SECRET" not in response.text
    assert fault(response)["Message"] == NO_DTD
    still_serving(raw, soap)


def test_external_dtd_and_parameter_entities_are_never_fetched(raw, soap, listener):
    url, hits = listener
    for doctype in (
        f'<!DOCTYPE env:Envelope SYSTEM "{url}/evil.dtd">',
        f'<!DOCTYPE env:Envelope [<!ENTITY % remote SYSTEM "{url}/p.dtd"> %remote;]>',
        f'<!DOCTYPE env:Envelope [<!ENTITY net SYSTEM "{url}/x">]>',
    ):
        response = raw.post(update_with_name("&net;", doctype))
        assert response.status_code == 400
        assert fault(response)["Message"] == NO_DTD
    assert hits == []
    still_serving(raw, soap)


def test_xinclude_is_not_processed(raw, soap, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" parse="text"/>'
    )
    response = raw.post(update_with_name(include))
    assert response.status_code == 400
    assert "TOP-SECRET" not in response.text
    assert soap.GetCccCampaign(Id=1001).Name == "Demo Customer Survey"


def test_deep_nesting_is_refused(raw, soap):
    depth = 20000
    body = f'<svc:GetCccCampaignRequest xmlns:svc="{SVC}">' + "<a>" * depth + "</a>" * depth
    body += "</svc:GetCccCampaignRequest>"
    data = f'<env:Envelope xmlns:env="{ENV}"><env:Body>{body}</env:Body></env:Envelope>'
    response = raw.post(data.encode())
    assert response.status_code == 400
    assert fault(response)["Message"].startswith("Malformed XML")
    still_serving(raw, soap)


def test_many_attributes_and_a_wide_body_stay_under_the_size_limit(raw, soap):
    """A flood of elements within 1 MiB is parsed and refused as an unknown field shape, quickly."""
    flood = "".join(f"<d:Name{i}>x</d:Name{i}>" for i in range(30000))
    body = f'<svc:UpdateCccCampaignRequest><d:CccCampaign id="1001" xmlns:d="{DATA}">{flood}'
    data = envelope(body + "</d:CccCampaign></svc:UpdateCccCampaignRequest>")
    assert len(data) < 1024 * 1024
    response = raw.post(data)
    assert response.status_code == 400
    assert fault(response)["Message"] == "Name is required"
    still_serving(raw, soap)
