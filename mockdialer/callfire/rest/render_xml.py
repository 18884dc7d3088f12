"""CallFire REST wire shapes in XML: Resource, ResourceList, ResourceReference and ResourceException
with the literal ``r:`` prefix (docs/vendors/callfire.md "XML wire shapes"). ``render.py`` chooses between
these and
JSON; this module (and lxml with it) loads with the first XML answer."""

from __future__ import annotations

from flask import Response
from lxml import etree

from .. import render
from ..render import DATA_NS, RESOURCE_NS

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NSMAP = {None: DATA_NS, "r": RESOURCE_NS}


def _r(name: str) -> str:
    return f"{{{RESOURCE_NS}}}{name}"


def _xml(root: etree._Element, status: int) -> Response:
    body = XML_DECLARATION + etree.tostring(root, encoding="UTF-8")
    return Response(body, status=status, content_type="application/xml")


def _xml_list(root: etree._Element, kind: str, items: list[dict]) -> Response:
    body = XML_DECLARATION + render.splice(etree.tostring(root, encoding="UTF-8"), kind, items)
    return Response(body, status=200, content_type="application/xml")


def resource(kind: str, item: dict, status: int) -> Response:
    root = etree.Element(_r("Resource"), nsmap=NSMAP)
    render.element(kind, item, root)
    return _xml(root, status)


def resource_list(kind: str, total: int, items: list[dict]) -> Response:
    root = etree.Element(_r("ResourceList"), nsmap=NSMAP)
    root.set("totalResults", str(total))
    render.list_slot(root, items)
    return _xml_list(root, kind, items)


def reference(new_id: int, location: str) -> Response:
    root = etree.Element(_r("ResourceReference"), nsmap=NSMAP)
    etree.SubElement(root, _r("Id")).text = str(new_id)
    etree.SubElement(root, _r("Location")).text = location
    return _xml(root, 201)


def error(status: int, message: str) -> Response:
    root = etree.Element(_r("ResourceException"), nsmap=NSMAP)
    etree.SubElement(root, _r("HttpStatus")).text = str(status)
    etree.SubElement(root, _r("Message")).text = render.xml_safe(message)
    return _xml(root, status)
