"""CallFire API 1.1 over REST: ``/api/1.1/rest`` CccService (routes.py), CallService and contact
batches (calls.py), form parsing (forms.py), XML/JSON wire shapes (render.py)."""

from flask import Flask

from ... import pipeline
from . import calls, routes  # noqa: F401 (calls declares its routes on routes.bp)


def init_app(app: Flask) -> None:
    pipeline.install(app, routes.SURFACE, routes.bp)
