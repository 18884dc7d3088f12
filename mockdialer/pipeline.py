"""The one path every vendor request takes, and the surfaces that own the URL space.

A *surface* (Acefone, CallFire REST, CallFire SOAP, the admin API) owns a path prefix and renders every
error under it in its vendor's shape, Flask's own 404/405/413 included. An *operation* is declared once
on its surface (name, routes, auth) with ``operation(...)``; ``run`` takes every request of every
operation through the same steps, in this order:

1. route match: the operation's name is known (a request no route matches is the surface's 404);
2. limits (``limits.py``): a body over ``MAX_CONTENT_LENGTH``, declared or chunked, is 413 and headers
   over ``MAX_HEADER_BYTES`` 431, whoever sends them (a request outside any operation too);
3. auth: the surface's scheme names the caller and its account (401/403 in the vendor's shape);
4. fault rules: delay, error, rate limit or drop, decided once on surface, operation and account;
   a rule that names no account also fails a request whose auth failed (an outage answers everyone),
   which then gets its 401/403 only if no rule fired;
5. parse: the operation's parser reads the body (JSON, form with bracketed keys, SOAP envelope);
6. handler: validates it with the vendor's schemas (``record_body`` shows the journal what it
   understood), runs the domain, renders the vendor's success shape;
7. journal: one entry naming the operation, whatever happened in 2-6.

Any step raises typed errors (``errors.ApiError``); the surface's renderer answers them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Rule

from . import limits
from .errors import STATUS, ApiError, Internal, from_http_exception
from .harness import faults, journal

log = logging.getLogger(__name__)

Renderer = Callable[[ApiError, int], Response]
SURFACES = "mockdialer.surfaces"
OPERATIONS = "mockdialer.operations"
UNMATCHED = "unknown"  # operation name (after the vendor) of a request no route or SOAP action matches


class DuplicateOperation(ValueError):
    """An operation name declared twice on a surface (or in a vendor's table): raised at import."""


@dataclass
class Surface:
    """A path prefix, the vendor it speaks for, and how it renders errors."""

    name: str  # "acefone", "callfire.rest", "callfire.soap", "admin"
    vendor: str  # "acefone", "callfire", "admin"
    prefix: str  # the path prefix it owns, e.g. "/v1/"
    render_error: Renderer
    statuses: Mapping[str, int] = field(default_factory=dict)  # error kind -> vendor's status
    journaled: bool = True
    operations: dict[str, Operation] = field(default_factory=dict)
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)  # (blueprint, rule): its route

    def owns(self, path: str) -> bool:
        return path == self.prefix.rstrip("/") or path.startswith(self.prefix)

    def error_response(self, err: ApiError) -> Response:
        response = self.render_error(err, err.status or self.statuses.get(err.kind) or STATUS[err.kind])
        for name, value in err.headers.items():
            response.headers[name] = value
        return response


@dataclass(frozen=True)
class Operation:
    """One vendor operation: ``auth() -> caller``, ``parse() -> body``, then
    ``handler(caller, body, **view_args) -> Response`` (without ``body`` when there is no parser)."""

    surface: Surface
    name: str  # "<vendor>.<name>": "acefone.update_campaign", CallFire's names as its table declares them
    handler: Callable[..., Response]
    auth: Callable[[], Any] | None = None
    parse: Callable[[], Any] | None = None


@dataclass
class Route:
    """One URL rule and the operation each of its methods runs: one rule per path, however many
    operations share it, so that a wrong method on a known path is the surface's 405."""

    by_method: dict[str, Operation] = field(default_factory=dict)

    def operation(self, method: str) -> Operation:
        return self.by_method.get(method) or self.by_method["GET"]  # HEAD is GET's (Flask adds it)

    def view(self, **view_args: Any) -> Response:
        return run(self.operation(request.method), **view_args)


def operation(
    surface: Surface,
    bp: Blueprint,
    name: str,
    rules: str | list[str],
    methods: list[str] | None = None,
    auth: Callable[[], Any] | None = None,
    parse: Callable[[], Any] | None = None,
    **options: Any,
) -> Callable:
    """Declare ``name`` on ``surface`` and route ``methods`` of each of ``rules`` to it
    (``methods=None``: no route; the surface dispatches to ``surface.operations[name]`` itself, as
    SOAP does). Operations on one path share its rule (and the first one's ``options``)."""

    def declare(handler: Callable[..., Response]) -> Callable[..., Response]:
        op = Operation(surface, name, handler, auth, parse)
        if name in surface.operations and surface.operations[name].handler is not handler:
            raise DuplicateOperation(f"{name} is declared twice on the {surface.name} surface")
        surface.operations[name] = op
        for rule in [rules] if isinstance(rules, str) else rules:
            for method in methods or ():
                route = _route(surface, bp, rule, options)
                if method in route.by_method:
                    raise DuplicateOperation(f"{method} {rule} is declared twice on {surface.name}")
                route.by_method[method] = op
        return handler

    return declare


def _route(surface: Surface, bp: Blueprint, rule: str, options: dict[str, Any]) -> Route:
    key = (bp.name, rule)
    if key not in surface.routes:
        route = surface.routes[key] = Route()
        endpoint = re.sub(r"\W+", "_", rule).strip("_") or "root"

        def add(state: BlueprintSetupState) -> None:  # at registration: every method is declared by then
            state.add_url_rule(rule, endpoint, route.view, methods=sorted(route.by_method), **options)

        bp.record(add)
    return surface.routes[key]


def operation_at(app: Flask, rule: Rule, method: str) -> Operation | None:
    """The operation ``method`` on URL rule ``rule`` runs (None: a view outside the pipeline)."""
    route = getattr(app.view_functions.get(rule.endpoint), "__self__", None)
    return route.operation(method) if isinstance(route, Route) and method in route.by_method else None


def account_of(caller: Any) -> str | None:
    """The account of what ``auth`` returned: an account id itself, or an object with ``.account``."""
    account = getattr(caller, "account", caller)
    return None if account is None else str(account)


def run(op: Operation, **view_args: Any) -> Response:
    """The request path of every operation (see the module docstring)."""
    surface = op.surface
    req, app = request._get_current_object(), current_app._get_current_object()
    call = None
    if surface.journaled:
        fields = limits.header_fields(req.environ)
        call = journal.open_call(app, surface.name, surface.vendor, op.name, fields)
    g.mockdialer_call = call
    try:
        limits.check(req.environ)
        caller, refused = None, None
        try:
            caller = op.auth() if op.auth is not None else None
        except ApiError as err:
            refused = err
        if call is not None:
            call.account = account_of(caller) or call.account
            faults.apply(call.facts, call.faults, app)
        if refused is not None:
            raise refused
        if op.parse is None:
            response = op.handler(caller, **view_args)
        else:
            response = op.handler(caller, op.parse(), **view_args)
    except faults.ConnectionDropped:
        call.dropped = True
        response = Response(status=503)
    except Exception as exc:  # noqa: BLE001 (every error, expected or not, leaves in the vendor's shape)
        response = surface.error_response(as_api_error(exc))
    if call is not None:
        journal.close_call(call, req, response)
    return response


def record_body(parsed: Any) -> None:
    """Show the journal the request body as the handler parsed it (instead of the raw bytes)."""
    call = g.get("mockdialer_call")
    if call is not None:
        call.body = parsed


def record_account(account: str) -> None:
    """Name the account of an operation that has no auth step (a login)."""
    call = g.get("mockdialer_call")
    if call is not None:
        call.account = str(account)


def as_api_error(exc: BaseException) -> ApiError:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, HTTPException):
        return from_http_exception(exc)
    log.exception("unexpected error on %s %s", request.method, request.path, exc_info=exc)
    return Internal()


def _render_plain(err: ApiError, status: int) -> Response:
    body: dict = {"error": {"status": status, "message": err.message}}
    if err.errors:
        body["error"]["errors"] = err.errors
    response = jsonify(body)
    response.status_code = status
    return response


DEFAULT_SURFACE = Surface("mockdialer", "mockdialer", "/", _render_plain, journaled=False)


def surfaces(app: Flask) -> list[Surface]:
    return app.extensions.get(SURFACES, [])


def surface_for(path: str, app: Flask | None = None) -> Surface:
    for surface in surfaces(app or current_app):
        if surface.owns(path):
            return surface
    return DEFAULT_SURFACE


def operations(app: Flask) -> dict[str, Operation]:
    """Every declared operation of the app, by name."""
    return app.extensions.get(OPERATIONS, {})


def install(app: Flask, surface: Surface, *blueprints: Blueprint) -> None:
    """Register a surface's blueprints, its error renderer (by prefix) and its operations."""
    for bp in blueprints:
        app.register_blueprint(bp)
    found = app.extensions.setdefault(SURFACES, [])
    found.append(surface)
    found.sort(key=lambda s: len(s.prefix), reverse=True)
    app.extensions.setdefault(OPERATIONS, {}).update(surface.operations)


def _outside_operations(exc: Exception) -> Response:
    """An error no operation caught (no such route, wrong method, an admin view): the surface that owns
    the path renders it; a vendor surface journals it as ``<vendor>.unknown``."""
    surface = surface_for(request.path)
    response = surface.error_response(as_api_error(exc))
    if surface.journaled and g.get("mockdialer_call") is None:
        app, req = current_app._get_current_object(), request._get_current_object()
        fields = limits.header_fields(req.environ)
        call = journal.open_call(app, surface.name, surface.vendor, f"{surface.vendor}.{UNMATCHED}", fields)
        journal.close_call(call, req, response)
    return response


def _limits_outside_operations() -> None:
    """The limits step for a request no operation takes (an admin view, no such route): an operation
    checks them in ``run``, so the journal names it."""
    if limits.REFUSED in request.environ:
        view = current_app.view_functions.get(request.endpoint or "")
        if not isinstance(getattr(view, "__self__", None), Route):
            limits.check()


def init_app(app: Flask) -> None:
    limits.init_app(app)
    app.before_request(_limits_outside_operations)
    app.register_error_handler(Exception, _outside_operations)
