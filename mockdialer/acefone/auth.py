"""Acefone auth: login JWTs (HS256, 1 hour) and the dashboard's long-lived API tokens with access control.

docs/vendors/acefone.md "Base, format, auth". A request's token comes from ``Authorization: Bearer <t>`` or
the raw
token in that header. 401 names what was wrong (missing, malformed, unknown, expired, logged out);
403 when an API token's access control does not cover the call.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import jwt
from flask import current_app, request

from ..errors import Forbidden, Unauthorized
from ..harness import clock
from ..store import AccountView, Store, get_store
from .errors import LoginFailed

NAMESPACE = "acefone"
PROFILES = "acefone.profiles"  # key "<account>/profile": login email, password, user id
API_TOKENS = "acefone.api_tokens"  # key "<account>/<token>": {"token", "name", "access": {"read", "write"}}
REVOKED = "acefone.revoked_tokens"  # key "<account>/<jti>": logged out or replaced by a refresh
LOGIN_FAILURES = "acefone.login_failures"  # key "<account>/<email>": failed logins since the last success
UNKNOWN_ACCOUNT = "_unknown"
LIFETIME = 3600
ISSUER = "https://api.acefone.in/v1/auth/"
SECRETS = "mockdialer.secrets"  # outside every vendor's namespace: a vendor or account reset keeps it
JWT_SECRET_KEY = "acefone/jwt"
JWT_SHAPE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
TOKEN_CHARS = re.compile(r"^[\x21-\x7e]+$")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

MISSING = "Authorization token is missing (not provided): send the header 'Authorization: Bearer <token>'."
MALFORMED = "Authorization token is malformed: expected 'Bearer <token>' or the raw token."
UNKNOWN = "Authorization token is unknown (invalid): it was not issued by this server."
EXPIRED = "Authorization token has expired: log in again or refresh it before it expires."
LOGGED_OUT = "Authorization token has been logged out (or replaced by /v1/auth/refresh)."


@dataclass(frozen=True, slots=True)
class Caller:
    account: str
    user_id: int
    kind: str  # "jwt" or "api_token"
    jti: str | None = None
    exp: int | None = None
    access: tuple[str, ...] = ("read", "write")

    def view(self) -> AccountView:
        return get_store().account(NAMESPACE, self.account)


def signing_secret() -> str:
    """``MOCKDIALER_ACEFONE_JWT_SECRET`` when set; otherwise a random secret made on first use and kept
    in the DB, so login tokens survive a restart on the same DB and no two DBs share one."""
    configured = current_app.config.get("ACEFONE_JWT_SECRET")
    if configured:
        return configured
    store = get_store()
    doc = store.get(SECRETS, JWT_SECRET_KEY)
    if doc is None:
        with store.transaction():
            doc = store.get(SECRETS, JWT_SECRET_KEY)
            if doc is None:
                doc = {"secret": secrets.token_urlsafe(32)}
                store.put(SECRETS, JWT_SECRET_KEY, doc)
    return doc["secret"]


def _profiles(store: Store) -> list[dict]:
    return [doc for key, doc in store.items(PROFILES) if key.endswith("/profile")]


def profile_by_email(store: Store, email: str) -> dict | None:
    wanted = email.strip().lower()
    return next((p for p in _profiles(store) if p["email"].lower() == wanted), None)


def profile_by_user(store: Store, user_id) -> dict | None:
    return next((p for p in _profiles(store) if str(p["user_id"]) == str(user_id)), None)


def issue(profile: dict, path: str) -> dict:
    """A new login token and the response keys the vendor sends with it."""
    iat = int(clock.get_clock().time())
    claims = {
        "iss": ISSUER + path,
        "iat": iat,
        "exp": iat + LIFETIME,
        "nbf": iat,
        "jti": secrets.token_urlsafe(12),
        "sub": str(profile["user_id"]),  # a numeric user id; a string, as RFC 7519 (and PyJWT) require
    }
    token = jwt.encode(claims, signing_secret(), algorithm="HS256")
    return {
        "success": True,
        "access_token": token,
        "token_type": "bearer",
        "expires_in": LIFETIME,
        "number_of_days_left": profile.get("number_of_days_left", 30),
    }


def login(email, password, on_account=lambda account: None) -> dict:
    """The token for a right email and password. A wrong password or an unknown email both get the
    vendor's "incorrect" body with a per-email failure count (reset by a successful login), so the
    answer does not tell whether the email exists; a body without both strings gets "Invalid credentials"."""
    store = get_store()
    if not isinstance(email, str) or not isinstance(password, str) or not email.strip() or not password:
        raise LoginFailed("Invalid credentials")
    profile = profile_by_email(store, email)
    account = profile["account"] if profile else UNKNOWN_ACCOUNT
    if profile:
        on_account(account)
    key = f"{account}/{email.strip().lower()}"
    with store.transaction():
        failures = (store.get(LOGIN_FAILURES, key) or {}).get("count", 0)
        if profile and password == profile["password"]:
            if failures:
                store.delete(LOGIN_FAILURES, key)
            return issue(profile, "login")
        store.put(LOGIN_FAILURES, key, {"count": failures + 1})
    raise LoginFailed("The username or password is incorrect.", login_failed_count=failures + 1)


def _token_from_header(environ: dict) -> str:
    header = environ.get("HTTP_AUTHORIZATION")
    if header is None or not header.strip():
        raise Unauthorized(MISSING)
    parts = header.strip().split()
    if len(parts) == 2 and parts[0].lower() == "bearer":
        token = parts[1]
    elif len(parts) == 1 and parts[0].lower() != "bearer":
        token = parts[0]
    else:
        raise Unauthorized(MALFORMED)
    if not TOKEN_CHARS.match(token):
        raise Unauthorized(MALFORMED)
    return token


TOKEN_KEYS = "mockdialer.acefone.token_keys"


def _profile_key(token_key: str) -> str:
    """The profile's store key of the account an API token's key (``<account>/<token>``) names."""
    return f"{token_key.partition('/')[0]}/profile"


def _api_token(store: Store, token_keys: dict[str, str], token: str) -> Caller | None:
    """``token_keys``: the app's cache of the store key each token was last found under, checked against
    the store on every use (a token deleted or reset away is looked up again)."""
    key = token_keys.get(token)
    doc = profile = None
    if key is not None:
        doc, profile = store.peek_each((API_TOKENS, key), (PROFILES, _profile_key(key)))
    if doc is None or doc.get("token") != token:
        suffix = f"/{token}"
        key = next((k for k in store.keys(API_TOKENS) if k.endswith(suffix)), None)
        doc = store.peek(API_TOKENS, key) if key is not None else None
        if doc is None or doc.get("token") != token:
            return None
        token_keys[token] = key
        profile = store.peek(PROFILES, _profile_key(key))
    account = key.partition("/")[0]
    profile = profile or {}
    access = tuple(name for name in ("read", "write") if doc.get("access", {}).get(name, True))
    return Caller(account, int(profile.get("user_id", 0)), "api_token", access=access)


def _jwt_caller(store: Store, token: str) -> Caller:
    try:
        claims = jwt.decode(
            token,
            signing_secret(),
            algorithms=["HS256"],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_iss": False},
        )
    except jwt.InvalidSignatureError as exc:
        raise Unauthorized(UNKNOWN) from exc
    except jwt.DecodeError as exc:
        raise Unauthorized(MALFORMED) from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthorized(UNKNOWN) from exc
    profile = profile_by_user(store, claims.get("sub"))
    if profile is None or not isinstance(claims.get("exp"), int) or not claims.get("jti"):
        raise Unauthorized(UNKNOWN)
    if clock.get_clock().time() >= claims["exp"]:
        raise Unauthorized(EXPIRED)
    if store.get(REVOKED, f"{profile['account']}/{claims['jti']}") is not None:
        raise Unauthorized(LOGGED_OUT)
    return Caller(profile["account"], int(profile["user_id"]), "jwt", jti=claims["jti"], exp=claims["exp"])


def authenticate(write: bool | None = None) -> Caller:
    """The caller of this request, or 401/403. ``write`` defaults to "the method changes state"."""
    req, app = request._get_current_object(), current_app._get_current_object()
    token = _token_from_header(req.environ)
    store = get_store(app)
    if JWT_SHAPE.match(token):
        caller = _jwt_caller(store, token)
    else:
        caller = _api_token(store, app.extensions.setdefault(TOKEN_KEYS, {}), token)
    if caller is None:
        raise Unauthorized(UNKNOWN)
    needed = "write" if (req.method in WRITE_METHODS if write is None else write) else "read"
    if needed not in caller.access:
        raise Forbidden(
            f"This API token's access control does not allow {needed} calls "
            f"({req.method} {req.path})."
        )
    return caller


def revoke(caller: Caller, reason: str) -> None:
    store = get_store()
    store.put(
        REVOKED, f"{caller.account}/{caller.jti}", {"jti": caller.jti, "exp": caller.exp, "reason": reason}
    )


def login_token_only(caller: Caller, what: str) -> None:
    if caller.kind != "jwt":
        raise Forbidden(f"API tokens are long-lived and cannot be {what}; manage them in the dashboard.")
