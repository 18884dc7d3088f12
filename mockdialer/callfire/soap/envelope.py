"""SOAP requests: hardened XML parsing, envelope checks, and finding the operation to dispatch to.

The endpoint speaks SOAP 1.2. In lenient mode (the default) it also takes SOAP 1.1 envelopes, which is
what CallFire's own PHP SDK sends (docs/vendors/callfire.md: its ``soap_version`` string is ignored by PHP),
and answers
them in SOAP 1.1 (``speaks_soap11``); strict mode (``STRICT``) answers them VersionMismatch.

The parser never loads a DTD, never expands an entity, never touches the network or a file, and refuses
any document type declaration outright, so XXE and billion-laughs bodies get a fault at once. Names are
matched by namespace URI, never by prefix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from email.message import Message
from typing import Any

from flask import current_app, g, request
from lxml import etree
from werkzeug.exceptions import HTTPException

from ...errors import ApiError, BadRequest, UnsupportedMediaType
from .service import PORT_TYPE, SOAP11, SOAP12, SVC

Declared = Any  # a ``callfire.operations.Declared`` (that module imports this package)

XML_TYPES = {"application/soap+xml", "text/xml", "application/xml"}
TRUE = {"true", "1"}
NO_DTD = "Document type declarations (DTDs) and entities are not allowed"
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class SoapFault(ApiError):
    """A fault whose SOAP code is not simply Sender/Receiver (VersionMismatch, MustUnderstand)."""

    kind, default_message = "bad_request", "SOAP fault"

    def __init__(self, code: str, message: str, *, status: int, upgrade: bool = False) -> None:
        super().__init__(message, status=status)
        self.soap_code = code
        self.upgrade = upgrade


class _DenyResolver(etree.Resolver):
    """No external entity, DTD or schema is ever fetched while parsing a request."""

    def resolve(self, url, pubid, context):
        raise BadRequest("External entities are not allowed")


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        collect_ids=False,
    )
    parser.resolvers.add(_DenyResolver())
    return parser


def parse_xml(body: bytes) -> etree._Element:
    """The document's root element; any DTD, entity or malformation is a BAD_REQUEST fault."""
    if not body.strip():
        raise BadRequest("The request body is empty; expected a SOAP 1.2 envelope")
    # A document type declaration is refused before parsing: that is where every entity attack lives.
    first = _FIRST_ELEMENT.search(body)
    if _DOCTYPE.search(body, 0, first.start() if first else len(body)):
        raise BadRequest(NO_DTD)
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise BadRequest(f"Malformed XML: {exc.msg}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise BadRequest(NO_DTD)
    return root


def check_content_type(content_type: str | None) -> str | None:
    """The ``action`` parameter of a SOAP 1.2 Content-Type; a non-XML media type is refused."""
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    if msg.get_content_type() not in XML_TYPES:
        raise UnsupportedMediaType(
            f"Content-Type {msg.get_content_type()} is not supported; use application/soap+xml"
        )
    return msg.get_param("action")


def strict() -> bool:
    return bool(current_app.config.get("STRICT"))


def speaks_soap11() -> bool:
    """Whether this request is answered in SOAP 1.1: lenient mode, and a SOAP 1.1 envelope (or, when the
    body cannot tell, SOAP 1.1's ``text/xml`` with a ``SOAPAction`` header). Decided once per request."""
    found = g.get("callfire_soap11")
    if found is None:
        found = g.callfire_soap11 = not strict() and _soap11_request()
    return found


def _soap11_request() -> bool:
    try:
        root = parse_xml(request.get_data(cache=True))
    except (ApiError, HTTPException):  # unreadable, or over the size limit: the headers decide
        root = None
    name = etree.QName(root) if root is not None else None
    if name is not None and name.localname == "Envelope" and name.namespace in (SOAP11, SOAP12):
        return name.namespace == SOAP11
    return request.mimetype == "text/xml" and "SOAPAction" in request.headers


def body_element(
    root: etree._Element, accept_soap11: bool = False
) -> tuple[etree._Element, etree._Element | None]:
    """(the one element in env:Body, env:Header or None) after checking the envelope: SOAP 1.2, or
    SOAP 1.1 when ``accept_soap11`` (lenient mode)."""
    qname = etree.QName(root)
    if qname.localname == "Envelope" and qname.namespace == SOAP11 and accept_soap11:
        return _body_of(root, SOAP11)
    if qname.localname == "Envelope" and qname.namespace == SOAP11:
        # SOAP 1.2 Part 1, 5.4.7: a SOAP 1.1 envelope gets VersionMismatch with an Upgrade header.
        # Part 2, 7.5.2 pairs it with HTTP 500; we answer 400 (README, fidelity notes): it is the
        # caller's mistake, and a 5xx would send clients' retry logic into a loop.
        raise SoapFault(
            "VersionMismatch",
            f"SOAP 1.1 envelopes are not supported; this endpoint speaks SOAP 1.2 ({SOAP12})",
            status=400,
            upgrade=True,
        )
    if qname.localname != "Envelope" or qname.namespace != SOAP12:
        raise BadRequest(f"The body is not a SOAP 1.2 envelope: root element is {_name(root)}")
    return _body_of(root, SOAP12)


def _body_of(root: etree._Element, soap: str) -> tuple[etree._Element, etree._Element | None]:
    header = body = None
    for child in root:
        if not isinstance(child.tag, str):
            continue
        child_name = etree.QName(child)
        if child_name.namespace == soap and child_name.localname == "Header" and body is None:
            header = child
        elif child_name.namespace == soap and child_name.localname == "Body" and body is None:
            body = child
        else:
            raise BadRequest(f"Unexpected element {_name(child)} in the SOAP envelope")
    if body is None:
        raise BadRequest("The SOAP envelope has no Body")
    if header is not None and soap == SOAP12:
        _check_header(header)
    elif header is not None:
        _check_header11(header)
    elements = [child for child in body if isinstance(child.tag, str)]
    if not elements:
        raise BadRequest("The SOAP Body is empty; expected one request element")
    if len(elements) > 1:
        raise BadRequest("The SOAP Body holds more than one element; send one request per envelope")
    return elements[0], header


def _check_header(header: etree._Element) -> None:
    for block in header:
        if not isinstance(block.tag, str):
            continue
        must = (block.get(f"{{{SOAP12}}}mustUnderstand") or "").strip().lower()
        role = block.get(f"{{{SOAP12}}}role") or f"{SOAP12}/role/ultimateReceiver"
        if must in TRUE and role in {f"{SOAP12}/role/ultimateReceiver", f"{SOAP12}/role/next"}:
            raise SoapFault("MustUnderstand", f"Header block {_name(block)} is not understood", status=400)


def _check_header11(header: etree._Element) -> None:
    """SOAP 1.1 section 4.2: ``mustUnderstand="1"`` for this node (no actor, or the next one)."""
    for block in header:
        if not isinstance(block.tag, str):
            continue
        must = (block.get(f"{{{SOAP11}}}mustUnderstand") or "").strip()
        actor = block.get(f"{{{SOAP11}}}actor") or NEXT_ACTOR11
        if must == "1" and actor == NEXT_ACTOR11:
            raise SoapFault("MustUnderstand", f"Header block {_name(block)} is not understood", status=400)


NEXT_ACTOR11 = "http://schemas.xmlsoap.org/soap/actor/next"


def resolve(
    operations: Mapping[str, Declared],
    element: etree._Element,
    action: str | None,
    port_type: str = PORT_TYPE,
) -> Declared:
    """The operation named by the action (Content-Type parameter or SOAPAction), else by the body."""
    by_input = {op.input: op for op in operations.values()}
    qname = etree.QName(element)
    action = (action or "").strip().strip('"').strip()
    if action:
        name = action[len(port_type) + 1 :] if action.startswith(port_type + "/") else action
        op = operations.get(name)
        if op is None:
            raise BadRequest(f"Unknown operation for action {action!r}")
        if qname.namespace != SVC or qname.localname != op.input:
            raise BadRequest(
                f"The body element {_name(element)} does not match the action {op.name}; "
                f"expected {{{SVC}}}{op.input}"
            )
        return op
    if qname.namespace == SVC and qname.localname in by_input:
        return by_input[qname.localname]
    if qname.localname in by_input:
        raise BadRequest(f"Element {qname.localname} must be in the namespace {SVC}, not {_ns(qname)}")
    raise BadRequest(f"Unknown operation: no CccService operation takes the element {_name(element)}")


def _ns(qname: etree.QName) -> str:
    return qname.namespace or "no namespace"


def _name(element: etree._Element) -> str:
    qname = etree.QName(element)
    return f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
