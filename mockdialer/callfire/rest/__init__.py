"""CallFire API 1.1 CccService over REST: ``/api/1.1/rest`` (routes.py), form parsing (forms.py),
XML/JSON wire shapes (render.py)."""

from flask import Flask

from ...vendors import Surface, register_surface


def init_app(app: Flask) -> None:
    from . import render, routes

    app.register_blueprint(routes.bp)
    register_surface(
        app, Surface("callfire.rest", "callfire", routes.PREFIX + "/", render.render_error, {"invalid": 400})
    )
