"""The CallFire REST part of the document, a loop over the operations' declarations
(``callfire/operations.py``: summary, answer, form or query schema, example) and their routes in the URL
map (each rule's path with and without ``.json``, methods, path parameters). Form fields are written
from the marshmallow schema that validates them (``form_properties``): a form value is always a string,
so each field is a string with the pattern its schema accepts (blank = not sent; XML whitespace trimmed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Flask
from marshmallow import Schema, fields

from ..callfire import schemas as cf
from ..callfire.operations import OPERATIONS, Rest
from ..callfire.rest import routes as rest
from ..pipeline import Operation, operation_at
from .operations import ref

XML, JSON, FORM = "application/xml", "application/json", "application/x-www-form-urlencoded"
WS = "[ \\t\\n\\r]*"  # XML whitespace, trimmed from every value
COMMON = (400, 401, 403, 431)  # 400: invalid UTF-8 in the query string, or a field; 431: headers
BODY = (413, 415)
RESOURCE = "http://api.callfire.com/resource"


# ----- form fields from the marshmallow schemas: each field says what one value may be (``form_pattern``)
def _scalar(f: fields.Field, required: bool) -> dict:
    value = f.form_pattern()
    if value is None:  # free text: any characters XML can carry; blank is "not sent"
        body = f"{cf.TEXT_CHAR}*{cf.NON_BLANK}{cf.TEXT_CHAR}*" if required else f"{cf.TEXT_CHAR}*"
        return {"type": "string", "pattern": f"^{body}$"}
    return {"type": "string", "pattern": f"^{WS}{value}{WS}$" if required else f"^{WS}({value})?{WS}$"}


def _property(f: fields.Field, required: bool) -> dict:
    if isinstance(f, cf.XsdList):
        item = f.form_pattern()
        one = f"^{WS}({item}([ \\t\\n\\r]+{item})*)?{WS}$"
        return {
            "type": "array",
            "items": {"type": "string", "pattern": one},
            "description": "Space-separated in one value, or the key repeated",
        }
    return _scalar(f, required)


def form_properties(schema: type[Schema], request_id: bool = False) -> tuple[dict, list[str]]:
    """(properties, required) of a form: scalars and lists; a nested structure of one (RetryConfig)
    is flattened, as CallFire's clients send it; lists of structures are bracketed keys, left to the
    operation's description."""
    props, required = {}, []
    for name, f in schema().fields.items():
        if isinstance(f, fields.Nested):
            inner, _ = form_properties(type(f.schema))
            props.update(inner)
        elif isinstance(f, fields.List):
            continue
        else:
            props[name] = _property(f, f.required)
            if f.required:
                required.append(name)
    if request_id:
        props["RequestId"] = _property(cf.RequestIdSchema().fields["RequestId"], False)
    return props, required


# ----- responses
def _answered(shape: str) -> list[str]:
    """The kinds the table's REST operations answer as ``<shape>:<Kind>`` ("resource", "list")."""
    answers = (OPERATIONS[name].rest.answer for name in OPERATIONS if OPERATIONS[name].rest is not None)
    return list(dict.fromkeys(a.partition(":")[2] for a in answers if a.startswith(shape + ":")))


def _json_schemas() -> dict[str, dict]:
    obj = {"type": "object"}
    return {
        "CallFireReference": {
            "type": "object",
            "required": ["ResourceReference"],
            "properties": {
                "ResourceReference": {
                    "type": "object",
                    "required": ["Id", "Location"],
                    "properties": {"Id": {"type": "integer"}, "Location": {"type": "string"}},
                }
            },
        },
        "CallFireException": {
            "type": "object",
            "required": ["ResourceException"],
            "additionalProperties": False,
            "properties": {
                "ResourceException": {
                    "type": "object",
                    "required": ["HttpStatus", "Message"],
                    "additionalProperties": False,
                    "properties": {"HttpStatus": {"type": "integer"}, "Message": {"type": "string"}},
                }
            },
        },
        **{
            f"CallFire{kind}": {
                "type": "object",
                "required": ["Resource"],
                "properties": {"Resource": {"type": "object", "required": [kind], "properties": {kind: obj}}},
            }
            for kind in _answered("resource")
        },
        **{
            f"CallFire{kind}List": {
                "type": "object",
                "required": ["ResourceList"],
                "properties": {
                    "ResourceList": {
                        "type": "object",
                        "required": ["@totalResults", kind],
                        "properties": {
                            "@totalResults": {"type": "integer", "minimum": 0},
                            kind: {"type": "array", "items": obj},
                        },
                    }
                },
            }
            for kind in _answered("list")
        },
    }


def _content(schema_name: str, json_only: bool) -> dict:
    json_media = {"schema": ref("schemas", schema_name)}
    if json_only:
        return {JSON: json_media}
    xml_media = {"schema": {"type": "string", "description": f"XML in {RESOURCE} (docs/vendors/callfire.md)"}}
    return {XML: xml_media, JSON: json_media}


def _answer(row: Rest, json_only: bool) -> tuple[str, dict]:
    if row.answer == "empty":
        return "204", {"description": "Done (no body)"}
    if row.answer == "reference":
        response = {
            "description": "Created: a ResourceReference (Location header too)",
            "headers": {"Location": {"schema": {"type": "string"}}},
            "content": _content("CallFireReference", json_only),
        }
        return "201", response
    shape, kind = row.answer.split(":")
    name = f"CallFire{kind}" + ("List" if shape == "list" else "")
    return "200", {
        "description": f"A {'ResourceList' if shape == 'list' else 'Resource'} of {kind}",
        "content": _content(name, json_only),
    }


def _errors(statuses, json_only: bool) -> dict:
    return {
        str(status): ref("responses", f"CallFire{'Json' if json_only else ''}{status}")
        for status in sorted(set(statuses))
    }


ERRORS = {
    400: "A field is wrong (Message names it), or the request is (invalid UTF-8, keys nested too deep)",
    401: "Missing or wrong HTTP Basic credentials (WWW-Authenticate: Basic)",
    403: "The login's API access is off",
    404: "No such object in the account (or an id past any long)",
    413: "Body larger than 1 MiB (chunked or not)",
    415: "A body that is not application/x-www-form-urlencoded (or multipart/form-data)",
    431: "Request headers over 64 KiB",
}


def components(spec) -> None:
    for name, schema in _json_schemas().items():
        spec.components.schema(name, schema)
    for status, description in ERRORS.items():
        spec.components.response(
            f"CallFire{status}", {"description": description, "content": _content("CallFireException", False)}
        )
        spec.components.response(
            f"CallFireJson{status}",
            {"description": description, "content": _content("CallFireException", True)},
        )
    spec.components.security_scheme(
        "callfireBasic",
        {
            "type": "http",
            "scheme": "basic",
            "description": "API login and password (demo-callfire / demo-password)",
        },
    )


@dataclass(frozen=True)
class Served:
    """One documented path of a rule of the ``callfire.rest`` surface, with or without ``.json``."""

    path: str  # OpenAPI form: /ccc/{Id}.json
    arguments: tuple[str, ...]  # path parameters
    json_only: bool
    method: str
    op: Operation


def _served(app: Flask) -> list[Served]:
    """Every path and method of the callfire.rest surface, in URL-map order."""
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            op = operation_at(app, rule, method)
            if op is None or op.surface not in rest.SURFACES.values():
                continue
            arguments = tuple(sorted(rule.arguments - {"suffix"}))
            for suffix in ("", ".json"):
                path = re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule.rule.replace(rest.SUFFIX, suffix))
                found.append(Served(path, arguments, bool(suffix), method, op))
    return found


def _links(served: list[Served], create: Served) -> dict:
    """A create's links to every operation on what it made (a path one id below its own): the new id
    is ``ResourceReference.Id`` of the JSON answer (the XML one is not JSON)."""
    links = {}
    base = create.path.removesuffix(".json") + "/{"
    for other in served:
        if other.path.startswith(base) and len(other.arguments) == 1:
            name = other.op.name.removeprefix("callfire.") + ("Json" if other.json_only else "")
            links[name] = {
                "operationId": other.op.name + (".json" if other.json_only else ""),
                "parameters": {other.arguments[0]: "$response.body#/ResourceReference/Id"},
            }
    return links


def paths(spec, app: Flask) -> None:
    by_path: dict[str, dict] = {}
    params: dict[str, list] = {}
    served = _served(app)
    for item in served:
        op, path, json_only = item.op, item.path, item.json_only
        declared = OPERATIONS[op.name.removeprefix("callfire.")]
        row = declared.rest
        params[path] = [
            {
                "name": arg,
                "in": "path",
                "required": True,
                "schema": {"type": "integer", "minimum": 0, "example": row.ids.get(arg, 1001)},
            }
            for arg in item.arguments
        ]
        status, answer = _answer(row, json_only)
        if row.answer == "reference" and json_only:
            answer["links"] = _links(served, item)
        statuses = COMMON + ((404,) if item.arguments else ())
        doc = {
            "operationId": op.name + (".json" if json_only else ""),
            "tags": ["CallFire REST"],
            "summary": declared.summary + (" (JSON)" if json_only else ""),
            "security": [{"callfireBasic": []}],
            "responses": {status: answer},
        }
        if row.note:
            doc["description"] = row.note
        if row.form is not None:
            props, required = form_properties(row.form, declared.request_id)
            schema = {"type": "object", "properties": props, **({"required": required} if required else {})}
            doc["requestBody"] = {
                "required": bool(required),
                "content": {FORM: {"schema": schema, "example": row.example}},
            }
            statuses += BODY
        if row.query is not None:
            props, required = form_properties(row.query)
            doc["parameters"] = [
                {
                    "name": pname,
                    "in": "query",
                    "required": pname in required,
                    "schema": pschema,
                    **({"example": row.example[pname]} if pname in row.example else {}),
                }
                for pname, pschema in props.items()
            ]
        doc["responses"].update(_errors(statuses, json_only))
        by_path.setdefault(path, {})[item.method.lower()] = doc
    for path, operations in by_path.items():
        spec.path(path, parameters=params[path] or None, operations=operations)
