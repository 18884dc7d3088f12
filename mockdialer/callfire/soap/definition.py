"""The service definition as served: the WSDL and XSDs of ``wsdl/`` with every import made absolute
and the service address set, so that a client built from one URL talks to this mock (``routes.py``
says where). Loads lxml: imported with the first definition fetched."""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import urljoin

from flask import Response
from lxml import etree

_WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
_SOAP12_WSDL = "http://schemas.xmlsoap.org/wsdl/soap12/"
_XS = "http://www.w3.org/2001/XMLSchema"


@cache
def _definition(name: str) -> bytes:
    return resources.files(__package__).joinpath("wsdl", name).read_bytes()


def served(name: str, base: str, address: str | None = None) -> Response:
    """File ``name`` of ``wsdl/`` with its imports resolved against ``base``, its SOAP address ``address``."""
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
