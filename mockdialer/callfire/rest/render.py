"""CallFire REST wire shapes: Resource, ResourceList, ResourceReference, ResourceException, in XML
(literal ``r:`` prefix, FACTS.md "XML wire shapes") or JSON (``.json`` path or ``Accept: application/json``).
"""

from __future__ import annotations

import json

from flask import Response, request
from lxml import etree

from ...errors import ApiError
from .. import render
from ..render import DATA_NS, RESOURCE_NS

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NSMAP = {None: DATA_NS, "r": RESOURCE_NS}


def wants_json() -> bool:
    if request.path.endswith(".json"):
        return True
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["application/xml"]


def _r(name: str) -> str:
    return f"{{{RESOURCE_NS}}}{name}"


def _xml(root: etree._Element, status: int) -> Response:
    body = XML_DECLARATION + etree.tostring(root, encoding="UTF-8")
    return Response(body, status=status, content_type="application/xml")


def _json(doc: dict, status: int) -> Response:
    return Response(json.dumps(doc, ensure_ascii=False), status=status, content_type="application/json")


def resource(kind: str, item: dict, status: int = 200) -> Response:
    if wants_json():
        return _json({"Resource": {kind: render.to_json(kind, item)}}, status)
    root = etree.Element(_r("Resource"), nsmap=NSMAP)
    render.element(kind, item, root)
    return _xml(root, status)


def resource_list(kind: str, total: int, items: list[dict]) -> Response:
    if wants_json():
        body = {"@totalResults": total, kind: [render.to_json(kind, item) for item in items]}
        return _json({"ResourceList": body}, 200)
    root = etree.Element(_r("ResourceList"), nsmap=NSMAP)
    root.set("totalResults", str(total))
    for item in items:
        render.element(kind, item, root)
    return _xml(root, 200)


def reference(new_id: int, location: str) -> Response:
    if wants_json():
        response = _json({"ResourceReference": {"Id": new_id, "Location": location}}, 201)
    else:
        root = etree.Element(_r("ResourceReference"), nsmap=NSMAP)
        etree.SubElement(root, _r("Id")).text = str(new_id)
        etree.SubElement(root, _r("Location")).text = location
        response = _xml(root, 201)
    response.headers["Location"] = location
    return response


def empty() -> Response:
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response


def render_error(err: ApiError, status: int) -> Response:
    """ResourceException with HttpStatus and a Message naming the field, for every error under the prefix."""
    if wants_json():
        return _json({"ResourceException": {"HttpStatus": status, "Message": err.message}}, status)
    root = etree.Element(_r("ResourceException"), nsmap=NSMAP)
    etree.SubElement(root, _r("HttpStatus")).text = str(status)
    etree.SubElement(root, _r("Message")).text = render.xml_safe(err.message)
    return _xml(root, status)
