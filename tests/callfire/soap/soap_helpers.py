"""SOAP helpers (imported by the tests as ``soap_helpers``): a zeep client built from the served WSDL,
raw envelopes over requests, fault fields, golden bodies."""

from __future__ import annotations

from pathlib import Path

import requests
import zeep
from goldens import check_golden
from lxml import etree
from zeep.transports import Transport

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "callfire" / "soap"
ENV = "http://www.w3.org/2003/05/soap-envelope"
SVC = "http://api.callfire.com/service/xsd"
DATA = "http://api.callfire.com/data"
NS = {"env": ENV, "svc": SVC, "d": DATA}
ACTION = "http://api.callfire.com/service/wsdl/CccServicePortType/"
SOAP12_TYPE = "application/soap+xml; charset=utf-8"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP11_EMPTY = f'<s:Envelope xmlns:s="{SOAP11}"><s:Body/></s:Envelope>'.encode()
DEMO = ("demo-callfire", "demo-password")
OTHER = ("other-callfire", "other-password")


def soap_client(url: str, auth=DEMO) -> zeep.Client:
    session = requests.Session()
    session.auth = auth
    return zeep.Client(url + "/api/1.1/soap12/ccc?wsdl", transport=Transport(session=session, timeout=10))


def envelope(body: str, header: str = "") -> bytes:
    head = f"<env:Header>{header}</env:Header>" if header else ""
    return (
        f'<env:Envelope xmlns:env="{ENV}" xmlns:svc="{SVC}" xmlns:d="{DATA}">{head}'
        f"<env:Body>{body}</env:Body></env:Envelope>"
    ).encode()


class RawSoap:
    """``raw.post(body_bytes, action=..., headers=...)`` to /api/1.1/soap12/ccc as the demo account."""

    def __init__(self, base: str) -> None:
        self.url = base + "/api/1.1/soap12/ccc"
        self.session = requests.Session()
        self.session.auth = DEMO

    def post(self, data: bytes, *, action: str | None = None, content_type: str = SOAP12_TYPE, **kw):
        headers = {"Content-Type": content_type + (f'; action="{action}"' if action else "")}
        headers.update(kw.pop("headers", {}))
        return self.session.post(self.url, data=data, headers=headers, timeout=10, **kw)


def fault(response) -> dict:
    """Code, reason and ServiceFaultInfo of a SOAP 1.2 Fault response."""
    root = etree.fromstring(response.content)
    f = root.find("env:Body/env:Fault", NS)
    assert f is not None, response.text
    return {
        "code": f.findtext("env:Code/env:Value", namespaces=NS),
        "reason": f.findtext("env:Reason/env:Text", namespaces=NS),
        "FaultCode": f.findtext("env:Detail/svc:ServiceFaultInfo/svc:FaultCode", namespaces=NS),
        "Message": f.findtext("env:Detail/svc:ServiceFaultInfo/svc:Message", namespaces=NS),
    }


def golden(name: str, content: bytes) -> None:
    """The body equals tests/golden/callfire/soap/<name> (``pytest --update-goldens`` rewrites it)."""
    check_golden(GOLDEN / name, content)


def envelope11(body: str) -> bytes:
    """A SOAP 1.1 envelope, as PHP's SoapClient (CallFire's PHP SDK) sends it."""
    return (
        f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{SOAP11}" xmlns:svc="{SVC}" xmlns:d="{DATA}">'
        f"<SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


def post11(raw: RawSoap, body: str, operation: str):
    """``body`` in a SOAP 1.1 envelope with SOAP 1.1's ``text/xml`` and ``SOAPAction`` header."""
    headers = {"SOAPAction": f'"{ACTION}{operation}"'}
    return raw.post(envelope11(body), content_type="text/xml; charset=utf-8", headers=headers)


def fault11(response) -> dict:
    """faultcode, faultstring and ServiceFaultInfo of a SOAP 1.1 Fault response."""
    root = etree.fromstring(response.content)
    f = root.find(f"{{{SOAP11}}}Body/{{{SOAP11}}}Fault")
    assert f is not None, response.text
    return {
        "code": f.findtext("faultcode"),
        "reason": f.findtext("faultstring"),
        "FaultCode": f.findtext("detail/svc:ServiceFaultInfo/svc:FaultCode", namespaces=NS),
        "Message": f.findtext("detail/svc:ServiceFaultInfo/svc:Message", namespaces=NS),
    }
