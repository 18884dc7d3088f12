"""The SOAP 1.2 endpoint ``POST /api/1.1/soap12/ccc`` and its definition (``GET ...ccc?wsdl``).

The WSDL and XSDs are served with every import made absolute and the service address set to the URL
the WSDL was fetched from, so a client built from that one URL talks to this mock.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import urljoin

from flask import Blueprint, Response, request
from lxml import etree

from ... import requestinfo
from ...errors import BadRequest
from .. import auth
from . import codec, envelope, render
from .operations import HANDLERS, OPERATIONS

bp = Blueprint("callfire_soap", __name__, url_prefix="/api/1.1/soap12")

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


@bp.get("/ccc")
def wsdl():
    if not any(key.lower() == "wsdl" for key in request.args):
        raise BadRequest("GET serves the service definition only: use ?wsdl, and POST SOAP 1.2 requests")
    return _served(WSDL, request.base_url, address=request.base_url)


def _definition_route(name: str) -> None:
    endpoint = "file_" + name.replace(".", "_").replace("-", "_")
    bp.add_url_rule(f"/{name}", endpoint, lambda: _served(name, request.base_url), methods=["GET"])


for _name in sorted(FILES):
    _definition_route(_name)


@bp.post("/ccc")
def call():
    action = envelope.check_content_type(request.headers.get("Content-Type"))
    action = action or request.headers.get("SOAPAction")
    early = (action or "").strip().strip('"').rsplit("/", 1)[-1]
    if early in OPERATIONS:
        requestinfo.set_operation(f"callfire.{early}")
    account = auth.authenticate()
    root = envelope.parse_xml(request.get_data())
    element, _ = envelope.body_element(root)
    op = envelope.resolve(OPERATIONS, element, action)
    requestinfo.set_operation(f"callfire.{op.name}")
    data = codec.read_request(element)
    requestinfo.set_body(data)
    return render.respond(*HANDLERS[op.name](account, data))
