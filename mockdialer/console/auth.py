"""Who may use the console, and the CSRF check of its forms: the one place that decides.

Without an admin token (``MOCKDIALER_ADMIN_TOKEN``) everyone on the mock's address may. With one, a
page needs the login form's session (Flask's signed session cookie, ``SameSite=Strict`` and
``HttpOnly``; it holds a keyed digest of the token, never the token) or the token as
``Authorization: Bearer <token>``; without either it answers 401 with the login form.

Every console write (a POST from a form or a button) carries the session's CSRF token (Flask-WTF:
``csrf_token`` form field or ``X-CSRFToken`` header, which the pages send); without it: 400. The login
form needs none: it changes nothing but the sender's own session, and only with the token itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Flask, Request, Response, current_app, redirect, render_template, request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms.validators import ValidationError

from ..admin.auth import admin_token, token_matches
from ..errors import BadRequest

LOGIN = "/console/login"
SESSION_KEY = "login"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ConsoleSessions(SecureCookieSessionInterface):
    """Flask's signed cookie session, read only from a request that carries its cookie: one without it
    (every vendor call) starts an empty session without building the signer, and an empty session that
    nothing read or changed sends nothing back (Flask's would work out the cookie's attributes first)."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and (
            "HTTP_COOKIE" not in request.environ or self.get_cookie_name(app) not in request.cookies
        ):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SecureCookieSession, response: Response) -> None:
        if session or session.modified or session.accessed:
            super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """The session's signing key: ``SECRET_KEY`` when given; else one derived from the admin token (the
    same in every worker process and after a restart; a new token logs everyone out); else random."""
    if not app.secret_key:
        token = app.config.get("ADMIN_TOKEN")
        app.secret_key = (
            hmac.new(token.encode(), b"mockdialer console session", hashlib.sha256).hexdigest()
            if token
            else secrets.token_hex(32)
        )
    if app.config.get("SESSION_COOKIE_NAME") in (None, "session"):  # Flask's defaults: ours unless set
        app.config["SESSION_COOKIE_NAME"] = "mockdialer_console"
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid as long as the session: a demo runs long
    app.jinja_env.globals["csrf_token"] = generate_csrf
    app.session_interface = ConsoleSessions()


def _digest(token: str) -> str:
    return hmac.new(current_app.secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()


def logged_in() -> bool:
    """No token set, the token as a Bearer header, or the login form's session."""
    token = admin_token()
    if token is None:
        return True
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token_matches(given):
        return True
    remembered = session.get(SESSION_KEY)
    return isinstance(remembered, str) and hmac.compare_digest(remembered, _digest(token))


def check_csrf() -> None:
    """400 for a write without the session's CSRF token."""
    if request.method not in WRITES:
        return
    given = request.form.get("csrf_token") or request.headers.get("X-CSRFToken", "")
    try:
        validate_csrf(given)
    except ValidationError as exc:
        why = exc.args[0] if exc.args else "The CSRF token is missing."
        raise BadRequest(f"Refused: {why} Reload the page.") from None


def login_page(status: int, message: str) -> Response:
    page = render_template("console/login.html", message=message, action=LOGIN)
    return Response(page, status=status, content_type="text/html; charset=utf-8")


def log_in() -> Response:
    """The login form's POST: the right token starts a session and goes to the console."""
    token = admin_token()
    if token is None:
        return redirect("/", code=303)
    if not token_matches(request.form.get("token", "")):
        return login_page(401, "That is not the admin token; nothing changed.")
    session.clear()
    session[SESSION_KEY] = _digest(token)
    return redirect("/", code=303)
