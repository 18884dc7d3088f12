"""The admin API under /__admin/ (``routes``) and its Python clients (``client``): reset and seed the
state, read the request journal, add fault rules, move the clock. ``actions`` holds what the routes,
the pytest plugin and the command line all do."""

from flask import Flask

from .. import pipeline
from . import routes
from . import webhooks as webhooks  # its routes join routes.bp
from .auth import guard_prefix
from .client import AdminClient, AdminClock, AdminError, LocalAdmin

__all__ = ["AdminClient", "AdminClock", "AdminError", "LocalAdmin", "init_app"]


def init_app(app: Flask) -> None:
    pipeline.install(app, routes.SURFACE, routes.bp)
    guard_prefix(app, routes.SURFACE.prefix)  # every path under /__admin/, a route or not
