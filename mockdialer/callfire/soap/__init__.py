"""CallFire API 1.1 CccService over SOAP 1.2 (document/literal) at /api/1.1/soap12/ccc, WSDL at ?wsdl."""

from flask import Flask


def init_app(app: Flask) -> None:
    from ... import vendors
    from .render import render_fault
    from .routes import bp

    app.register_blueprint(bp)
    vendors.register_surface(
        app, vendors.Surface("callfire.soap", "callfire", "/api/1.1/soap12/", render_fault, {"invalid": 400})
    )
