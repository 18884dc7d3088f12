"""The SOAP 1.2 endpoint ``POST /api/1.1/soap12/ccc`` and its definition (``GET ...ccc?wsdl``); in
lenient mode the endpoint also answers SOAP 1.1 envelopes in SOAP 1.1 (``envelope.speaks_soap11``).

Every CccService operation is declared on the SOAP surface; one URL serves them all, so the route
names the operation from the action (Content-Type ``action`` or ``SOAPAction``) or, without one, from
the body's element, and hands the request to the pipeline under that name. A request that names none
runs as ``callfire.unknown``, whose handler finds and reports what is wrong, after auth like any other.

The WSDL and XSDs are served (``definition.py``) with every import made absolute and the service
address set to the URL the WSDL was fetched from, so a client built from that one URL talks to this
mock. The same WSDL is also served where CallFire publishes it,
``/api/1.1/wsdl/callfire-service-http-soap12.wsdl`` (the PHP SDK's default, FACTS.md "SOAP"), with its
address set to this host's ``/api/1.1/soap12/ccc``.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from ... import pipeline
from ...errors import ApiError, BadRequest
from .. import auth
from . import codec, definition, envelope, operations, render
from .service import OPERATIONS


def render_fault(err: ApiError, status: int) -> Response:
    """The surface's error renderer (``render.render_fault``), bound at start-up."""
    return render.render_fault(err, status)


SURFACE = pipeline.Surface("callfire.soap", "callfire", "/api/1.1/soap12/", render_fault, {"invalid": 400})
bp = Blueprint("callfire_soap", __name__, url_prefix="/api/1.1/soap12")
published = Blueprint("callfire_soap_published", __name__, url_prefix="/api/1.1/wsdl")
PUBLISHED_WSDL = "callfire-service-http-soap12.wsdl"  # CallFire's own name for the SOAP 1.2 WSDL

WSDL = "ccc-service-http-soap12.wsdl"
FILES = {WSDL, "ccc-service.wsdl", "ccc-service.xsd", "ccc-data.xsd"}  # in wsdl/


DEFINITION = "callfire.wsdl"  # the journal's and fault rules' name for fetching the service definition


@pipeline.operation(SURFACE, bp, DEFINITION, "/ccc", ["GET"])
def wsdl(_caller):
    if not any(key.lower() == "wsdl" for key in request.args):
        raise BadRequest("GET serves the service definition only: use ?wsdl, and POST SOAP 1.2 requests")
    return definition.served(WSDL, request.base_url, address=request.base_url)


@pipeline.operation(SURFACE, published, DEFINITION, f"/{PUBLISHED_WSDL}", ["GET"])
def published_wsdl(_caller):
    endpoint = request.host_url + "api/1.1/soap12/ccc"
    return definition.served(WSDL, endpoint, address=endpoint)


@pipeline.operation(SURFACE, bp, DEFINITION, [f"/{name}" for name in sorted(FILES)], ["GET"])
def definition_file(_caller):
    return definition.served(request.path.rsplit("/", 1)[-1], request.base_url)


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
    return render.respond(*operations.HANDLERS[op.name](account, data))


for _name in OPERATIONS:
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
