"""CallFire API 1.1 REST routes: ``declare(operations)`` routes every declared operation that has a REST
binding at its path under its service's REST prefix (``/api/1.1/rest``). Every rule also answers with
``.json`` (one URL rule each: the suffix is the ``json_suffix`` converter, dropped before the handler
runs; docs/vendors/callfire.md: ``/ccc/123.json`` returns JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint
from werkzeug.routing import BaseConverter

from ...pipeline import Surface, operation
from . import forms
from . import render as out

Declared = Any  # a ``callfire.operations.Declared`` (that module imports this package)

PREFIX = "/api/1.1/rest"
SUFFIX = "<json_suffix:suffix>"
SURFACES: dict[str, Surface] = {}  # by REST prefix: each renders the errors under its prefix
BLUEPRINTS: dict[str, Blueprint] = {}


class JsonSuffix(BaseConverter):
    """``.json`` or nothing at the end of a path (the answer's format is read from the path)."""

    regex = r"(?:\.json)?"


def _blueprint(prefix: str) -> tuple[Surface, Blueprint]:
    if prefix not in BLUEPRINTS:
        name = "callfire.rest" if prefix == PREFIX else f"callfire.rest{prefix}"
        SURFACES[prefix] = Surface(name, "callfire", prefix + "/", out.render_error, {"invalid": 400})
        bp = BLUEPRINTS[prefix] = Blueprint(f"callfire_rest_{len(BLUEPRINTS)}", __name__, url_prefix=prefix)
        bp.record_once(lambda state: state.app.url_map.converters.setdefault("json_suffix", JsonSuffix))
        bp.url_value_preprocessor(lambda _endpoint, values: values.pop("suffix", None))
    return SURFACES[prefix], BLUEPRINTS[prefix]


SURFACE, bp = _blueprint(PREFIX)


def declare(operations: Mapping[str, Declared]) -> None:
    """Route each operation's REST binding (``handler(account, params, **path_ids)``)."""
    for op in operations.values():
        if op.rest is None:
            continue
        surface, blueprint = _blueprint(op.service.rest_prefix)
        rule = op.rest.path + SUFFIX
        operation(surface, blueprint, op.qualified, rule, [op.rest.method], op.auth, forms.request_params)(
            op.rest.handler
        )
