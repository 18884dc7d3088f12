"""The surfaces the mock serves (one per vendor transport) and how each renders an error.

A surface owns a path prefix; any error under that prefix, including "no such route" and "wrong
method", is rendered by that surface's ``render_error``. Paths no surface owns get a plain JSON error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask import Flask, Response, current_app, g, jsonify, request

from .errors import STATUS, ApiError

Renderer = Callable[[ApiError, int], Response]
Seeder = Callable[..., None]


@dataclass(frozen=True)
class Surface:
    name: str  # "acefone", "callfire.rest", "callfire.soap", "admin"
    vendor: str  # "acefone", "callfire", "admin"
    prefix: str  # path prefix it owns, e.g. "/v1/"
    render_error: Renderer
    statuses: Mapping[str, int] = field(default_factory=dict)  # kind -> status overrides

    def status_for(self, err: ApiError) -> int:
        return err.status or self.statuses.get(err.kind) or STATUS[err.kind]

    def owns(self, path: str) -> bool:
        return path == self.prefix.rstrip("/") or path.startswith(self.prefix)


def _render_plain(err: ApiError, status: int) -> Response:
    body = {"error": {"status": status, "message": err.message}}
    if err.errors:
        body["error"]["errors"] = err.errors
    response = jsonify(body)
    response.status_code = status
    return response


DEFAULT_SURFACE = Surface("mockdialer", "mockdialer", "/", _render_plain)


def register_surface(app: Flask, surface: Surface) -> None:
    surfaces = app.extensions.setdefault("mockdialer.surfaces", [])
    surfaces.append(surface)
    surfaces.sort(key=lambda s: len(s.prefix), reverse=True)


def register_seeder(app: Flask, vendor: str, seeder: Seeder) -> None:
    """``seeder(store, account_doc)`` is called once per fixture file under ``fixtures/<vendor>/``."""
    app.extensions.setdefault("mockdialer.seeders", {})[vendor] = seeder


def surface_for(path: str) -> Surface:
    for surface in current_app.extensions.get("mockdialer.surfaces", []):
        if surface.owns(path):
            return surface
    return DEFAULT_SURFACE


def request_surface() -> Surface:
    """The current request's surface, looked up once per request (the journal, faults and errors ask)."""
    bag = g._get_current_object()
    surface = bag.get("mockdialer_surface")
    if surface is None:
        surface = bag.mockdialer_surface = surface_for(request.path)
    return surface


def init_app(app: Flask) -> None:
    """Register every vendor package; each one's ``init_app`` adds its blueprints and surfaces."""
    from . import acefone, callfire

    for package in (acefone, callfire):
        package.init_app(app)

    @app.get("/")
    def index():
        return jsonify(
            name="mockdialer",
            surfaces={s.name: s.prefix for s in app.extensions.get("mockdialer.surfaces", [])},
        )
