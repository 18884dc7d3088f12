"""Helpers for the CallFire tests: credentials, namespaces, a REST client over real HTTP."""

from __future__ import annotations

import requests
from lxml import etree

DEMO = ("demo-callfire", "demo-password")
OTHER = ("other-callfire", "other-password")
DATA = "http://api.callfire.com/data"
RES = "http://api.callfire.com/resource"
NS = {"d": DATA, "r": RES}


class CallFireRest:
    """``api.get("/ccc/1001")``: paths under /api/1.1/rest, HTTP Basic as ``auth``."""

    def __init__(self, base: str, auth) -> None:
        self.base = base + "/api/1.1/rest"
        self.session = requests.Session()
        self.session.auth = auth

    def __getattr__(self, method):
        def call(path, **kw):
            return self.session.request(method.upper(), self.base + path, **kw)

        return call


def xml(response) -> etree._Element:
    return etree.fromstring(response.content)
