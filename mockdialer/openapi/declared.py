"""The Acefone and admin paths of the document: a loop over the app's URL map, each route written from the
``documented.Doc`` it was declared with (``acefone/routes.py``, ``acefone/call_routes.py``,
``admin/routes.py``). A route declared without one (the recording download, outside /v1/) is left out.

Request bodies and query parameters are the marshmallow schemas that validate them (apispec writes their
fields); answers are response schemas of ``schemas.py`` by component name; errors are the surface's
shared responses. With an admin token set, every admin operation needs it (and may answer 401).
"""

from __future__ import annotations

import re

from apispec import APISpec
from flask import Flask

from ..acefone.routes import DOCS as ACEFONE
from ..admin.routes import DOCS as ADMIN
from ..admin.routes import bp as admin_bp
from ..documented import Doc
from ..pipeline import operation_at
from .operations import error_refs, json_content, path_param, ref

ADMIN_BLUEPRINTS = admin_bp.name  # mockdialer_admin, and any admin blueprint named mockdialer_admin_<part>


def _declared(app: Flask, rule, method: str) -> tuple[str, Doc, bool] | None:
    """(operation id, its Doc, whether it is an admin route) of ``method`` on ``rule``."""
    op = operation_at(app, rule, method)
    if op is not None:
        doc = ACEFONE.get(op.name)
        return (op.name, doc, False) if doc else None
    blueprint, _, view = rule.endpoint.rpartition(".")
    if blueprint == ADMIN_BLUEPRINTS or blueprint.startswith(ADMIN_BLUEPRINTS + "_"):
        name = f"admin.{view}"
        return (name, ADMIN[name], True) if name in ADMIN else None
    return None


def _operation(name: str, doc: Doc, admin: bool, token: bool) -> dict:
    answer = {"description": doc.answered or doc.summary, **json_content(ref("schemas", doc.answer))}
    if doc.links:
        answer["links"] = {
            label: {
                "operationId": link.operation,
                "parameters": {link.parameter: f"$response.body#/{link.pointer}"},
            }
            for label, link in doc.links.items()
        }
    errors = doc.errors + (((401, 431) if token else (431,)) if admin else ())
    prefix = "Admin" if admin else "Acefone"
    written = {
        "operationId": name,
        "tags": [doc.tag],
        "summary": doc.summary,
        "responses": {str(doc.status): answer, **error_refs(prefix, sorted(set(errors)))},
    }
    if admin:
        written["security"] = [{"adminToken": []}] if token else []
    elif doc.public:
        written["security"] = []
    if doc.description:
        written["description"] = doc.description
    if doc.body is not None:
        schema = ref("schemas", doc.body) if isinstance(doc.body, str) else doc.body
        written["requestBody"] = {"required": doc.body_required, **json_content(schema, doc.example)}
    if doc.query is not None:
        written["parameters"] = (
            doc.query if isinstance(doc.query, list) else [{"in": "query", "schema": doc.query}]
        )
    return written


def paths(spec: APISpec, app: Flask, token: bool = False) -> None:
    by_path: dict[str, dict] = {}
    params: dict[str, list] = {}
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found = _declared(app, rule, method)
            if found is None:
                continue
            name, doc, admin = found
            path = re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule.rule)
            by_path.setdefault(path, {})[method.lower()] = _operation(name, doc, admin, token)
            if rule.arguments and (doc.params or path not in params):
                params[path] = [
                    path_param(
                        arg,
                        doc.params.get(arg, {}).get("description", arg),
                        doc.params.get(arg, {}).get("schema"),
                    )
                    for arg in sorted(rule.arguments, key=rule.rule.index)
                ]
    for path, operations in by_path.items():
        spec.path(path, parameters=params.get(path), operations=operations)
