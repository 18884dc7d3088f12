"""The admin token (``MOCKDIALER_ADMIN_TOKEN``, setting ``ADMIN_TOKEN``): when set, every admin route,
and every console page that uses ``admin_required``, needs ``Authorization: Bearer <token>``.

``require_admin_token()`` raises ``Unauthorized`` (401, rendered by the surface that owns the path:
the admin shape under /__admin/) when the token is set and the request does not carry it; it does
nothing when no token is set (the default: a mock on loopback for one developer). ``admin_required``
wraps a view with it; ``protect(bp)`` guards a whole blueprint; ``guard_prefix(app, "/__admin/")`` every
path under a prefix, no such route included.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable

from flask import Blueprint, Flask, current_app, request

from ..errors import Unauthorized

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="mockdialer admin"'}
COOKIE = "mockdialer_admin_token"  # set by the console's login form (SameSite=Strict, HttpOnly)


def admin_token() -> str | None:
    return current_app.config.get("ADMIN_TOKEN") or None


def require_admin_token() -> None:
    """401 unless no admin token is configured or the request sends it as a Bearer token."""
    expected = admin_token()
    if expected is None:
        return
    auth = request.headers.get("Authorization", "")
    scheme, _, given = auth.partition(" ")
    cookie = request.cookies.get(COOKIE)
    if not auth and cookie is not None and hmac.compare_digest(cookie.encode(), expected.encode()):
        return  # a browser that logged in on the console
    if not auth:
        raise Unauthorized(
            "The admin API needs the admin token: send 'Authorization: Bearer <MOCKDIALER_ADMIN_TOKEN>'",
            headers=CHALLENGE,
        )
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("The admin token is wrong", headers=CHALLENGE)


def admin_required(view: Callable) -> Callable:
    """Decorator for a view (a console page) that only the admin token holder may see."""

    @functools.wraps(view)
    def guarded(*args, **kwargs):
        require_admin_token()
        return view(*args, **kwargs)

    return guarded


def protect(bp: Blueprint) -> Blueprint:
    """Every route of ``bp`` needs the admin token (when one is set)."""
    bp.before_request(require_admin_token)
    return bp


def guard_prefix(app: Flask, prefix: str) -> None:
    """Every request under ``prefix`` (``/__admin/``) needs the admin token, whether a route matches."""
    bare = prefix.rstrip("/")

    def guard() -> None:
        if request.path == bare or request.path.startswith(prefix):
            require_admin_token()

    app.before_request(guard)
