"""CallFire API 1.1 CccService over REST: ``/api/1.1/rest`` (routes.py), form parsing (forms.py),
XML/JSON wire shapes (render.py)."""

from flask import Flask

from ... import pipeline
from . import routes


def init_app(app: Flask) -> None:
    pipeline.install(app, routes.SURFACE, routes.bp)
