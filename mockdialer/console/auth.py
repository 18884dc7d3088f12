"""Who may use the console: the one place that checks it.

Without an admin token (``MOCKDIALER_ADMIN_TOKEN``) everyone on the mock's address may. With one, a
page needs the token as ``Authorization: Bearer <token>`` or the login form's cookie
(``admin.auth.COOKIE``: SameSite=Strict and HttpOnly, so another site cannot send it for a visitor);
without either, the page answers 401 with the login form. ``allowed()`` runs before every console
page and fragment; it returns None to go on, or the response that refuses the request.
"""

from __future__ import annotations

import hmac

from flask import Response, redirect, render_template, request

from ..admin.auth import COOKIE, admin_token, require_admin_token
from ..errors import Unauthorized

LOGIN = "/console/login"


def allowed() -> Response | None:
    if request.path == LOGIN or request.path.startswith("/console/static/"):
        return None
    try:
        require_admin_token()
    except Unauthorized:
        return login_page(401, "This mock is locked: enter its admin token.")
    return None


def login_page(status: int, message: str) -> Response:
    page = render_template("console/login.html", message=message, action=LOGIN)
    return Response(page, status=status, content_type="text/html; charset=utf-8")


def log_in() -> Response:
    """The login form's POST: the right token sets the cookie and goes to the console."""
    expected, given = admin_token(), request.form.get("token", "")
    if expected is None:
        return redirect("/", code=303)
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        return login_page(401, "That is not the admin token; nothing changed.")
    response = redirect("/", code=303)
    response.set_cookie(COOKIE, expected, httponly=True, samesite="Strict")
    return response
