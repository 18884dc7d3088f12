"""CallFire API 1.1: REST under /api/1.1/rest and SOAP 1.2 under /api/1.1/soap12, two thin transports
(``rest/``, ``soap/``) over one domain (``domain/``), one set of schemas (``schemas.py``), one auth
(``auth.py``) and one description of the resources (``resources.py``; ``render.py`` in XML). Every
operation is declared once, in ``operations.py``; both transports route what it declares."""

from flask import Flask

from ..harness.fixtures import register_seeder
from . import catalog, rest, soap
from .domain import notifications
from .domain.campaigns import seed
from .operations import OPERATIONS

rest.routes.declare(OPERATIONS)
soap.routes.declare(OPERATIONS)


def init_app(app: Flask) -> None:
    register_seeder(app, "callfire", seed)
    rest.init_app(app)
    soap.init_app(app)
    catalog.init_app(app)
    notifications.init_app(app)
