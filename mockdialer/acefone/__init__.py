"""Acefone dialer API (JSON REST under /v1/): auth, dialer campaigns, and the account objects they use."""

from __future__ import annotations

from flask import Flask

from ..vendors import Surface, register_seeder, register_surface
from .errors import render_error


def init_app(app: Flask) -> None:
    from . import object_routes, routes
    from .seed import seed_account

    app.register_blueprint(routes.bp)
    app.register_blueprint(object_routes.bp)
    register_surface(app, Surface("acefone", "acefone", "/v1/", render_error, {"invalid": 422}))
    register_seeder(app, "acefone", seed_account)
