"""What SOAP names a CallFire API 1.1 service by: its namespaces, its port type (the prefix of every
action) and the path its port answers at. Each operation's request and response elements are declared
with the operation (``callfire/operations.py``)."""

from __future__ import annotations

from dataclasses import dataclass

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SVC = "http://api.callfire.com/service/xsd"
DATA = "http://api.callfire.com/data"
PORT_TYPE = "http://api.callfire.com/service/wsdl/CccServicePortType"
SOAP_PREFIX = "/api/1.1/soap12"  # every SOAP port answers under it
SOAP_PATH = SOAP_PREFIX + "/ccc"  # the CccService port


@dataclass(frozen=True)
class Service:
    """One CallFire service: a SOAP port (path, port type, WSDL) and the REST prefix of its resources."""

    name: str  # "CccService"
    soap_path: str  # where its SOAP port answers: SOAP_PATH
    port_type: str  # the action prefix: PORT_TYPE
    rest_prefix: str = "/api/1.1/rest"
    wsdl: str | None = None  # the WSDL file in wsdl/ served at soap_path?wsdl (None: not served)


CCC = Service("CccService", SOAP_PATH, PORT_TYPE, wsdl="ccc-service-http-soap12.wsdl")
_PORT_TYPES = "http://api.callfire.com/service/wsdl/"
CALL = Service(
    "CallService", SOAP_PREFIX + "/call", _PORT_TYPES + "CallServicePortType", wsdl="call-service.wsdl"
)
BROADCAST = Service(
    "BroadcastService",
    SOAP_PREFIX + "/broadcast",
    _PORT_TYPES + "BroadcastServicePortType",
    wsdl="broadcast-service.wsdl",
)
SUBSCRIPTION = Service(
    "SubscriptionService",
    SOAP_PREFIX + "/subscription",
    _PORT_TYPES + "SubscriptionServicePortType",
    wsdl="subscription-service.wsdl",
)
