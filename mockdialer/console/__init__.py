"""The demo console: server-rendered pages (Jinja templates, htmx for live updates) at ``/`` and, for
browsers, at the admin API's own URLs under ``/__admin/``.

The pages only call the admin API: htmx requests (header ``HX-Request``) to ``/__admin/...`` are
answered with HTML fragments by ``render.respond``, which the admin routes find under their
``HTML_RENDERER`` key. Front-end assets are served from installed packages (``assets.py``), never
from a CDN. Who may use the console is decided in one place, ``auth.py``.
"""

from flask import Flask

from ..admin.routes import HTML_RENDERER
from . import render, routes


def init_app(app: Flask) -> None:
    app.register_blueprint(routes.bp)
    app.extensions[HTML_RENDERER] = render.respond
