"""The demo console: its own blueprint of server-rendered pages (Jinja templates, htmx for live
updates) at ``/`` and ``/console/...``, which call the harness's actions directly (``routes.py``);
a browser also gets its pages at the admin API's URLs (``/__admin/faults`` ...). Front-end assets come
from installed packages (``assets.py``), never from a CDN. Who may use the console and the CSRF check
of its forms are decided in one place, ``auth.py``; ``render.py`` keeps every fragment bounded.
"""

from flask import Flask

from . import auth, calls, routes


def init_app(app: Flask) -> None:
    auth.init_app(app)
    routes.init_app(app)
    calls.init_app(app)
