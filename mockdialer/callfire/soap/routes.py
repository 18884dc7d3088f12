"""The SOAP 1.2 ports (``POST /api/1.1/soap12/ccc`` for the CccService) and their definitions
(``GET ...ccc?wsdl``); in lenient mode a port also answers SOAP 1.1 envelopes in SOAP 1.1
(``envelope.speaks_soap11``).

``declare(operations)`` puts every declared operation that has a SOAP binding on the SOAP surface; one
URL per service serves all its operations, so the route names the operation from the action
(Content-Type ``action`` or ``SOAPAction``) or, without one, from the body's element, and hands the
request to the pipeline under that name. A request that names none runs as ``callfire.unknown``, whose
handler finds and reports what is wrong, after auth like any other.

The WSDL and XSDs are served (``definition.py``) with every import made absolute and the service
address set to the URL the WSDL was fetched from, so a client built from that one URL talks to this
mock. The same WSDL is also served where CallFire publishes it,
``/api/1.1/wsdl/callfire-service-http-soap12.wsdl`` (the PHP SDK's default, docs/vendors/callfire.md
"SOAP"), with its address set to this host's CccService port.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, request

from ... import pipeline
from ...errors import ApiError, BadRequest
from .. import auth
from . import codec, definition, envelope, handlers, render
from .service import CCC, SOAP_PATH, SOAP_PREFIX, Service

Declared = Any  # a ``callfire.operations.Declared`` (that module imports this package)

SURFACE = pipeline.Surface(
    "callfire.soap", "callfire", SOAP_PREFIX + "/", render.render_fault, {"invalid": 400}
)
bp = Blueprint("callfire_soap", __name__)
published = Blueprint("callfire_soap_published", __name__, url_prefix="/api/1.1/wsdl")
PUBLISHED_WSDL = "callfire-service-http-soap12.wsdl"  # CallFire's own name for the SOAP 1.2 WSDL
FILES = (  # in wsdl/
    "ccc-data.xsd", "ccc-service-http-soap12.wsdl", "ccc-service.wsdl", "ccc-service.xsd",
    "calls-data.xsd", "calls-service.xsd",
)  # fmt: skip
DEFINITION = "callfire.wsdl"  # the journal's and fault rules' name for fetching a service definition


def _definition(_caller) -> Response:
    """A service's WSDL (``<port>?wsdl``, or where CallFire publishes it) or one of the files it imports."""
    if request.blueprint == published.name:
        endpoint = request.host_url.rstrip("/") + SOAP_PATH
        return definition.served(CCC.wsdl, endpoint, address=endpoint)
    name = request.path.rsplit("/", 1)[-1]
    if name in FILES:
        return definition.served(name, request.base_url)
    if not any(key.lower() == "wsdl" for key in request.args):
        raise BadRequest("GET serves the service definition only: use ?wsdl, and POST SOAP 1.2 requests")
    return definition.served(SERVICES[request.path].wsdl, request.base_url, address=request.base_url)


SERVICES: dict[str, Service] = {}  # by SOAP path
PORTS: dict[str, dict[str, Declared]] = {}  # SOAP path -> its operations, by name


def _action() -> str | None:
    action = envelope.check_content_type(request.headers.get("Content-Type"))
    return action or request.headers.get("SOAPAction")


def _element():
    return envelope.body_element(envelope.parse_xml(request.get_data()), not envelope.strict())[0]


def _handle(account: str) -> Response:
    """Parse the envelope, check it names an operation of this port, run it."""
    service = SERVICES[request.path]
    action, element = _action(), _element()
    op = envelope.resolve(PORTS[request.path], element, action, service.port_type)
    data = codec.read_request(element, op.soap.request)
    pipeline.record_body(data)
    result = op.soap.handler(account, data)
    items = (result.kind, result.items) if isinstance(result, handlers.Listed) else None
    return render.respond(*handlers.answer(result, op.response), items=items)


UNNAMED = pipeline.Operation(SURFACE, f"callfire.{pipeline.UNMATCHED}", _handle, auth.authenticate)


def _named(ops: Mapping[str, Declared], port_type: str) -> str | None:
    """The operation this request names, if it can be told without failing."""
    try:
        action = (_action() or "").strip().strip('"').rsplit("/", 1)[-1]
        if action:
            return action
        return envelope.resolve(ops, _element(), None, port_type).name
    except ApiError:
        return None


def _port(_caller=None) -> Response:
    service = SERVICES[request.path]
    name = _named(PORTS[request.path], service.port_type)
    op = SURFACE.operations.get(f"callfire.{name}") if name in PORTS[request.path] else None
    return pipeline.run(op or UNNAMED)


def declare(operations: Mapping[str, Declared]) -> None:
    """Declare every operation with a SOAP binding, and each service's port and definition."""
    for op in operations.values():
        if op.soap is None:
            continue
        service = op.service
        if service.soap_path not in SERVICES:
            SERVICES[service.soap_path] = service
            PORTS[service.soap_path] = {}
            bp.add_url_rule(service.soap_path, f"port_{service.name}", _port, methods=["POST"])
            if service.wsdl:
                pipeline.operation(SURFACE, bp, DEFINITION, service.soap_path, ["GET"])(_definition)
        PORTS[service.soap_path][op.name] = op
        pipeline.operation(SURFACE, bp, op.qualified, [], None, op.auth)(_handle)
    pipeline.operation(SURFACE, bp, DEFINITION, [f"{SOAP_PREFIX}/{name}" for name in FILES], ["GET"])(
        _definition
    )
    pipeline.operation(SURFACE, published, DEFINITION, f"/{PUBLISHED_WSDL}", ["GET"])(_definition)
