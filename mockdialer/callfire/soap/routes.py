"""The SOAP 1.2 endpoint ``POST /api/1.1/soap12/ccc`` and its definition (``GET ...ccc?wsdl``); in
lenient mode the endpoint also answers SOAP 1.1 envelopes in SOAP 1.1 (``envelope.speaks_soap11``).

Every CccService operation is declared on the SOAP surface; one URL serves them all, so the route
names the operation from the action (Content-Type ``action`` or ``SOAPAction``) or, without one, from
the body's element, and hands the request to the pipeline under that name. A request that names none
runs as ``callfire.unknown``, whose handler finds and reports what is wrong, after auth like any other.

The WSDL and XSDs are served with every import made absolute and the service address set to the URL
the WSDL was fetched from, so a client built from that one URL talks to this mock. The same WSDL is
also served where CallFire publishes it, ``/api/1.1/wsdl/callfire-service-http-soap12.wsdl`` (the PHP
SDK's default, FACTS.md "SOAP"), with its address set to this host's ``/api/1.1/soap12/ccc``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import urljoin

from flask import Blueprint, Response, request
from lxml import etree

from ... import pipeline
from ...errors import ApiError, BadRequest
from .. import auth
from . import codec, envelope, render
from .operations import HANDLERS, OPERATIONS

SURFACE = pipeline.Surface(
    "callfire.soap", "callfire", "/api/1.1/soap12/", render.render_fault, {"invalid": 400}
)
bp = Blueprint("callfire_soap", __name__, url_prefix="/api/1.1/soap12")
published = Blueprint("callfire_soap_published", __name__, url_prefix="/api/1.1/wsdl")
PUBLISHED_WSDL = "callfire-service-http-soap12.wsdl"  # CallFire's own name for the SOAP 1.2 WSDL

WSDL = "ccc-service-http-soap12.wsdl"
FILES = {WSDL, "ccc-service.wsdl", "ccc-service.xsd", "ccc-data.xsd"}
_WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
_SOAP12_WSDL = "http://schemas.xmlsoap.org/wsdl/soap12/"
_XS = "http://www.w3.org/2001/XMLSchema"


@cache
def _definition(name: str) -> bytes:
    return resources.files(__package__).joinpath("wsdl", name).read_bytes()


def _served(name: str, base: str, address: str | None = None) -> Response:
    root = etree.fromstring(_definition(name))  # our own file: trusted
    for el in root.iter(f"{{{_WSDL_NS}}}import"):
        el.set("location", urljoin(base, el.get("location")))
    for el in root.iter(f"{{{_XS}}}import", f"{{{_XS}}}include"):
        if el.get("schemaLocation"):
            el.set("schemaLocation", urljoin(base, el.get("schemaLocation")))
    if address:
        for el in root.iter(f"{{{_SOAP12_WSDL}}}address"):
            el.set("location", address)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return Response(body, content_type="text/xml; charset=utf-8")


DEFINITION = "callfire.wsdl"  # the journal's and fault rules' name for fetching the service definition


@pipeline.operation(SURFACE, bp, DEFINITION, "/ccc", ["GET"])
def wsdl(_caller):
    if not any(key.lower() == "wsdl" for key in request.args):
        raise BadRequest("GET serves the service definition only: use ?wsdl, and POST SOAP 1.2 requests")
    return _served(WSDL, request.base_url, address=request.base_url)


@pipeline.operation(SURFACE, published, DEFINITION, f"/{PUBLISHED_WSDL}", ["GET"])
def published_wsdl(_caller):
    endpoint = request.host_url + "api/1.1/soap12/ccc"
    return _served(WSDL, endpoint, address=endpoint)


@pipeline.operation(SURFACE, bp, DEFINITION, [f"/{name}" for name in sorted(FILES)], ["GET"])
def definition_file(_caller):
    return _served(request.path.rsplit("/", 1)[-1], request.base_url)


def _action() -> str | None:
    action = envelope.check_content_type(request.headers.get("Content-Type"))
    return action or request.headers.get("SOAPAction")


def _handle(account: str) -> Response:
    """Parse the envelope, check it names this operation, run it."""
    action = _action()
    element, _ = envelope.body_element(envelope.parse_xml(request.get_data()), not envelope.strict())
    op = envelope.resolve(OPERATIONS, element, action)
    data = codec.read_request(element)
    pipeline.record_body(data)
    return render.respond(*HANDLERS[op.name](account, data))


for _name in HANDLERS:
    pipeline.operation(SURFACE, bp, f"callfire.{_name}", [], None, auth.authenticate)(_handle)
UNNAMED = pipeline.Operation(SURFACE, f"callfire.{pipeline.UNMATCHED}", _handle, auth.authenticate)


def _named() -> str | None:
    """The operation this request names, if it can be told without failing."""
    try:
        action = (_action() or "").strip().strip('"').rsplit("/", 1)[-1]
        if action:
            return action
        element, _ = envelope.body_element(envelope.parse_xml(request.get_data()), not envelope.strict())
        return envelope.resolve(OPERATIONS, element, None).name
    except ApiError:
        return None


@bp.post("/ccc")
def call():
    name = _named()
    return pipeline.run(SURFACE.operations.get(f"callfire.{name}", UNNAMED))
