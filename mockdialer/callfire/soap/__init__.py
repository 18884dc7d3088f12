"""CallFire API 1.1 over SOAP 1.2 (document/literal): one port per service (the CccService at
/api/1.1/soap12/ccc, WSDL at ?wsdl) and where CallFire publishes the WSDL
(/api/1.1/wsdl/callfire-service-http-soap12.wsdl)."""

from flask import Flask

from ... import pipeline
from . import routes


def init_app(app: Flask) -> None:
    pipeline.install(app, routes.SURFACE, routes.bp, routes.published)
