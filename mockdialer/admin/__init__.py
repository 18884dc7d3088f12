"""The admin API under /__admin/ (``routes``) and its Python clients (``client``): reset and seed the
state, read the request journal, add fault rules, move the clock. ``actions`` holds what the routes,
the pytest plugin and the command line all do.

The clients are imported on first use (PEP 562 ``__getattr__``): serving the app needs none of them."""

from typing import TYPE_CHECKING, Any

from flask import Flask

from .. import pipeline
from ..lazy import on_first_use
from . import routes
from .auth import guard_prefix

if TYPE_CHECKING:
    from . import client as _clients
    from .client import AdminClient, AdminClock, AdminError, LocalAdmin
else:
    _clients = on_first_use(__package__ + ".client")

__all__ = ["AdminClient", "AdminClock", "AdminError", "LocalAdmin", "init_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(_clients, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def init_app(app: Flask) -> None:
    pipeline.install(app, routes.SURFACE, routes.bp)
    guard_prefix(app, routes.SURFACE.prefix)  # every path under /__admin/, a route or not
