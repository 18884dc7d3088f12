"""CallFire API 1.1 over REST: ``/api/1.1/rest`` (routes.py), the handlers (handlers.py), form parsing
(forms.py), XML/JSON wire shapes (render.py)."""

from flask import Flask

from ... import pipeline
from . import routes


def init_app(app: Flask) -> None:
    for prefix, surface in routes.SURFACES.items():
        pipeline.install(app, surface, routes.BLUEPRINTS[prefix])
