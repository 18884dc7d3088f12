"""SOAP responses: result envelopes and Faults carrying CallFire's ``ServiceFaultInfo`` detail.

Every error under /api/1.1/soap12/ (schema violations, unknown ids, bad credentials, no such route, wrong
method, body too large) goes through ``render_fault``: ``env:Sender`` for the caller's mistakes,
``env:Receiver`` for the mock's own. HTTP status as SOAP 1.2 Part 2's HTTP binding pairs them (7.5.2):
400 with ``env:Sender``, 500 with ``env:Receiver`` (JAX-WS, gSOAP and Mono read a fault sent with any other
status, a 404 say, as a transport error: docs/callfire-contract.md), except a 401 (the Basic challenge), a
``SoapFault`` that chose its own, and a status a harness fault rule asked for.

A request answered in SOAP 1.1 (lenient mode, ``envelope.speaks_soap11``) gets a SOAP 1.1 envelope as
``text/xml``; its faults have the 1.1 shape (``faultcode`` ``soap:Client`` / ``soap:Server``,
``faultstring``, ``detail`` holding the same ServiceFaultInfo) and HTTP status 500, as SOAP 1.1 section
6.2 and WS-I Basic Profile R1126 ask of every SOAP 1.1 fault.
"""

from __future__ import annotations

from flask import Response
from lxml import etree

from ...errors import ApiError
from .. import render as resources_xml
from ..render import xml_safe
from .envelope import speaks_soap11
from .service import SOAP11, SOAP12, SVC

CONTENT_TYPE = "application/soap+xml; charset=utf-8"
CONTENT_TYPE11 = "text/xml; charset=utf-8"
ENV = f"{{{SOAP12}}}"
ENV11 = f"{{{SOAP11}}}"
CODES11 = {"Sender": "Client", "Receiver": "Server"}
_SVC = f"{{{SVC}}}"

FAULT_CODES = {
    "bad_request": "BAD_REQUEST",
    "invalid": "BAD_REQUEST",
    "conflict": "BAD_REQUEST",
    "method_not_allowed": "BAD_REQUEST",
    "payload_too_large": "BAD_REQUEST",
    "unsupported_media_type": "BAD_REQUEST",
    "unauthorized": "FORBIDDEN",
    "forbidden": "FORBIDDEN",
    "not_found": "NOT_FOUND",
    "rate_limited": "UNAVAILABLE",
    "internal": "UNAVAILABLE",
    "unavailable": "UNAVAILABLE",
}


def envelope(*body: etree._Element, header: etree._Element | None = None) -> etree._Element:
    root = etree.Element(ENV + "Envelope", nsmap={"env": SOAP12})
    if header is not None:
        root.append(header)
    body_el = etree.SubElement(root, ENV + "Body")
    for element in body:
        body_el.append(element)
    return root


def envelope11(*body: etree._Element) -> etree._Element:
    root = etree.Element(ENV11 + "Envelope", nsmap={"soap": SOAP11})
    body_el = etree.SubElement(root, ENV11 + "Body")
    for element in body:
        body_el.append(element)
    return root


def respond(
    *body: etree._Element, status: int = 200, items: tuple[str, list[dict]] | None = None
) -> Response:
    """A SOAP 1.2 (or 1.1) envelope holding ``body`` (nothing for operations whose output is ``Empty``);
    ``items``, the (kind, resources) of a list answer, are written where its ``list_slot`` is."""
    if speaks_soap11():
        return _response(envelope11(*body), status, CONTENT_TYPE11, items)
    return _response(envelope(*body), status, items=items)


def _response(
    root: etree._Element,
    status: int,
    content_type: str = CONTENT_TYPE,
    items: tuple[str, list[dict]] | None = None,
) -> Response:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if items is not None:
        data = resources_xml.splice(data, *items)
    return Response(data, status=status, content_type=content_type)


def fault_info(err: ApiError) -> etree._Element:
    info = etree.Element(_SVC + "ServiceFaultInfo", nsmap={None: SVC})
    etree.SubElement(info, _SVC + "FaultCode").text = FAULT_CODES.get(err.kind, "BAD_REQUEST")
    etree.SubElement(info, _SVC + "Message").text = xml_safe(err.message)
    return info


def render_fault(err: ApiError, status: int) -> Response:
    """The surface's error renderer: any ApiError as a SOAP 1.2 Fault (or a SOAP 1.1 one, see above)."""
    code = getattr(err, "soap_code", None) or ("Sender" if status < 500 else "Receiver")
    if status != 401 and err.status is None:
        status = 400 if code == "Sender" else 500
    if speaks_soap11():
        return _fault11(err, CODES11.get(code, code))
    header = None
    if getattr(err, "upgrade", False):
        header = etree.Element(ENV + "Header")
        upgrade = etree.SubElement(header, ENV + "Upgrade")
        supported = etree.SubElement(upgrade, ENV + "SupportedEnvelope", nsmap={"ns": SOAP12})
        supported.set("qname", "ns:Envelope")
    fault = etree.Element(ENV + "Fault")
    code_el = etree.SubElement(fault, ENV + "Code")
    etree.SubElement(code_el, ENV + "Value").text = f"env:{code}"
    reason = etree.SubElement(fault, ENV + "Reason")
    text = etree.SubElement(reason, ENV + "Text")
    text.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    text.text = xml_safe(err.message)
    detail = etree.SubElement(fault, ENV + "Detail")
    detail.append(fault_info(err))
    return _response(envelope(fault, header=header), status)


def _fault11(err: ApiError, code: str) -> Response:
    fault = etree.Element(ENV11 + "Fault")
    etree.SubElement(fault, "faultcode").text = f"soap:{code}"
    etree.SubElement(fault, "faultstring").text = xml_safe(err.message)
    etree.SubElement(fault, "detail").append(fault_info(err))
    return _response(envelope11(fault), 500, CONTENT_TYPE11)
