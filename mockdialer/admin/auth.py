"""Who may call the admin API: ``guard`` runs before every request under /__admin/ (a route or not)
and is the one check of that surface, in this order (docs/security.md says what each part protects):

1. A browser's GET of an admin URL the console shows as a page (``pages.serve``) is the console's:
   its own login decides, and the page is the answer.
2. Cross-site writes are refused (403), a token set or not: a POST, PUT, PATCH or DELETE whose
   ``Origin`` is not this server's own or whose ``Sec-Fetch-Site`` is ``cross-site``; and a POST that
   a page on another site could send without a CORS preflight (no ``Authorization`` header, a body
   that is not ``application/json``, no same-origin marker), except the read-only ``verify``.
3. The admin token (``MOCKDIALER_ADMIN_TOKEN``, setting ``ADMIN_TOKEN``): when set, ``Authorization:
   Bearer <token>`` (compared in constant time), else 401; nothing when no token is set (the default:
   a mock on loopback for one developer).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from flask import Flask, current_app, request

from ..errors import Forbidden, Unauthorized
from . import pages

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="mockdialer admin"'}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
READ_ONLY = "mockdialer_reads_only"  # attribute of a view that takes a POST but changes nothing


def admin_token() -> str | None:
    return current_app.config.get("ADMIN_TOKEN") or None


def token_matches(given: str) -> bool:
    """Whether ``given`` is the admin token (constant time); False when none is set."""
    expected = admin_token()
    return expected is not None and hmac.compare_digest(given.strip().encode(), expected.encode())


def reads_only(view: Callable) -> Callable:
    """Mark a POST view that changes nothing (``verify``): it needs no JSON type or header."""
    setattr(view, READ_ONLY, True)
    return view


def _origin(url: str) -> str:
    return url.strip().rstrip("/").lower()


def refuse_cross_site() -> None:
    """403 for a write another site's page could have sent (see the module docstring)."""
    if request.method not in WRITES:
        return
    origin = request.headers.get("Origin")
    own = _origin(request.host_url)
    if origin is not None and _origin(origin) != own:
        raise Forbidden(
            f"Cross-site request refused: Origin {origin[:200]!r} is not this server's ({own})."
        )
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if fetch_site == "cross-site":
        raise Forbidden("Cross-site request refused: Sec-Fetch-Site is cross-site.")
    if request.method != "POST" or request.headers.get("Authorization"):
        return
    if request.mimetype == "application/json":
        return
    if origin is not None or fetch_site == "same-origin":
        return  # the browser says the page is this server's own (Swagger UI at /docs)
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, READ_ONLY, False):
        return
    raise Forbidden(
        "A write to the admin API needs a JSON body (Content-Type: application/json) or an "
        "Authorization header: another site's page can send neither (docs/security.md)."
    )


def require_admin_token() -> None:
    """401 unless no admin token is configured or the request sends it as a Bearer token."""
    if admin_token() is None:
        return
    auth = request.headers.get("Authorization", "")
    if not auth:
        raise Unauthorized(
            "The admin API needs the admin token: send 'Authorization: Bearer <MOCKDIALER_ADMIN_TOKEN>'",
            headers=CHALLENGE,
        )
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not token_matches(given):
        raise Unauthorized("The admin token is wrong", headers=CHALLENGE)


def guard_prefix(app: Flask, prefix: str) -> None:
    """Run the admin API's check before every request under ``prefix`` (``/__admin/``)."""
    bare = prefix.rstrip("/")

    def guard():
        path = request.path
        if path != bare and not path.startswith(prefix):
            return None
        page = pages.serve()
        if page is not None:
            return page
        refuse_cross_site()
        require_admin_token()
        return None

    app.before_request(guard)
