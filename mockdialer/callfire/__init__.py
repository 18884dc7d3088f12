"""CallFire API 1.1 CccService: REST under /api/1.1/rest and SOAP 1.2 under /api/1.1/soap12,
two thin transports over one domain (``domain.py``) and one state."""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import rest, soap

    rest.init_app(app)
    soap.init_app(app)
