"""CallFire REST wire shapes: Resource, ResourceList, ResourceReference, ResourceException, in JSON
(``.json`` path or ``Accept: application/json``) or XML. The JSON shapes are written here; the XML ones
are in ``render_xml.py``, imported on the first XML answer (it loads lxml), so JSON reads never load it.
"""

from __future__ import annotations

import json

import orjson
from flask import Response, request

from ...errors import ApiError
from ..resources import to_json
from . import render_xml


def wants_json() -> bool:
    if request.path.endswith(".json"):
        return True
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["application/xml"]


def _json(doc: dict, status: int) -> Response:
    try:
        body = orjson.dumps(doc)
    except orjson.JSONEncodeError:  # a lone surrogate or an integer past 64 bits: the stdlib writes both
        body = json.dumps(doc, separators=(",", ":"))
    return Response(body, status=status, content_type="application/json")


def resource(kind: str, item: dict, status: int = 200) -> Response:
    if wants_json():
        return _json({"Resource": {kind: to_json(kind, item)}}, status)
    return render_xml.resource(kind, item, status)


def resource_list(kind: str, total: int, items: list[dict]) -> Response:
    if wants_json():
        body = {"@totalResults": total, kind: [to_json(kind, item) for item in items]}
        return _json({"ResourceList": body}, 200)
    return render_xml.resource_list(kind, total, items)


def reference(new_id: int, location: str) -> Response:
    if wants_json():
        response = _json({"ResourceReference": {"Id": new_id, "Location": location}}, 201)
    else:
        response = render_xml.reference(new_id, location)
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
    return render_xml.error(status, err.message)
