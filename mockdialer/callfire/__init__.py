"""CallFire API 1.1 CccService: REST under /api/1.1/rest and SOAP 1.2 under /api/1.1/soap12,
two thin transports over one domain (``domain.py``), one set of schemas (``schemas.py``), one auth
(``auth.py``) and one resource renderer (``render.py``)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from .. import vendors
    from . import domain, rest, soap

    vendors.register_seeder(app, "callfire", domain.seed)
    rest.init_app(app)
    soap.init_app(app)
