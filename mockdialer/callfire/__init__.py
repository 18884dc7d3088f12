"""CallFire API 1.1 CccService: REST under /api/1.1/rest and SOAP 1.2 under /api/1.1/soap12, two thin
transports (``rest/``, ``soap/``) over one domain (``domain/``), one set of schemas (``schemas.py``),
one auth (``auth.py``) and one description of the resources (``resources.py``; ``render.py`` in XML).

Start-up and JSON reads load no marshmallow and no lxml: the schemas (writes, fixtures), the XML
renderers and the SOAP envelope, codec and renderer are bound ``on_first_use`` (``mockdialer/lazy.py``);
reads type their parameters with ``params.py`` and ``xsd.py``."""

from flask import Flask

from ..harness.fixtures import register_seeder
from . import catalog, rest, soap
from .domain.campaigns import seed


def init_app(app: Flask) -> None:
    register_seeder(app, "callfire", seed)
    rest.init_app(app)
    soap.init_app(app)
    catalog.init_app(app)
