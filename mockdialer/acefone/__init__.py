"""Acefone dialer API (JSON REST under /v1/): auth, dialer campaigns, and the account objects they use."""

from __future__ import annotations

import os

from flask import Flask

from ..vendors import Surface, register_seeder, register_surface
from .auth import DEFAULT_SECRET
from .errors import render_error

SETTINGS = {
    # setting: (environment variable, default)
    "ACEFONE_JWT_SECRET": ("MOCKDIALER_ACEFONE_JWT_SECRET", DEFAULT_SECRET),
    "ACEFONE_UNKNOWN_ROUTE_STATUS": ("MOCKDIALER_ACEFONE_UNKNOWN_ROUTE_STATUS", 404),
}


def init_app(app: Flask) -> None:
    from . import object_routes, routes
    from .seed import seed_account

    for name, (env, default) in SETTINGS.items():
        if name not in app.config:
            app.config[name] = os.environ.get(env, default)
    app.register_blueprint(routes.bp)
    app.register_blueprint(object_routes.bp)
    register_surface(app, Surface("acefone", "acefone", "/v1/", render_error, {"invalid": 422}))
    register_seeder(app, "acefone", seed_account)
