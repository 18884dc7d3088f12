"""HTTP Basic auth for CallFire API 1.1 (API login and password), shared by REST and SOAP.

``authenticate()`` returns the calling account id or raises ``Unauthorized`` (401 with
``WWW-Authenticate: Basic realm="CallFire"``) or ``Forbidden`` (403: a login whose API access is off).
"""

from __future__ import annotations

import hmac

from flask import request

from ..errors import Forbidden, Unauthorized
from ..store import get_store
from .domain.tables import LOGINS, NAMESPACE

CHALLENGE = {"WWW-Authenticate": 'Basic realm="CallFire"'}


def find_login(login: str) -> dict | None:
    for _, doc in get_store().items(f"{NAMESPACE}.{LOGINS}"):
        if hmac.compare_digest(doc["login"].encode(), login.encode()):
            return doc
    return None


def authenticate() -> str:
    auth = request.authorization
    if auth is None or auth.type != "basic" or not auth.username:
        raise Unauthorized(
            "Authentication required: HTTP Basic with your API login and password", headers=CHALLENGE
        )
    doc = find_login(auth.username)
    if doc is None or not hmac.compare_digest(doc["password"].encode(), (auth.password or "").encode()):
        raise Unauthorized("Invalid API login or password", headers=CHALLENGE)
    if not doc.get("apiAccess", True):
        raise Forbidden(f"API access is disabled for login {auth.username}")
    return doc["account"]
