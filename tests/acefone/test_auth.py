"""Acefone auth over real HTTP: login, refresh, logout, and every 401/403 (docs/vendors/acefone.md "Base,
format, auth")."""

from __future__ import annotations

import jwt
import pytest

from mockdialer import create_app
from mockdialer.acefone.auth import signing_secret
from mockdialer.config import TestingConfig

from .conftest import DEMO_EMAIL, DEMO_PASSWORD, PREVIEW, READONLY_TOKEN, login


def _claims(token: str) -> dict:
    return jwt.decode(
        token,
        algorithms=["HS256"],
        options={"verify_signature": False, "verify_exp": False, "verify_iat": False, "verify_nbf": False},
    )


def test_login_answers_the_vendors_keys_and_a_signed_jwt(api, clock):
    clock.freeze(1_800_000_000)
    response = api.as_token(None)(
        "POST", "/v1/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"success", "access_token", "token_type", "expires_in", "number_of_days_left"}
    assert (body["success"], body["token_type"], body["expires_in"], body["number_of_days_left"]) == (
        True,
        "bearer",
        3600,
        30,
    )
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "HS256"
    claims = _claims(body["access_token"])
    assert set(claims) == {"iss", "iat", "exp", "nbf", "jti", "sub"}
    assert claims["iat"] == claims["nbf"] == 1_800_000_000
    assert claims["exp"] == claims["iat"] + 3600
    assert claims["sub"] == "100001" and claims["sub"].isdigit()


def test_two_logins_give_different_tokens(api):
    assert _claims(login(api))["jti"] != _claims(login(api))["jti"]


def test_wrong_password_counts_failures_until_a_success(api):
    anon = api.as_token(None)
    bad = {"email": DEMO_EMAIL, "password": "nope"}
    first = anon("POST", "/v1/auth/login", json=bad)
    assert first.status_code == 401
    assert first.json() == {
        "success": False,
        "message": "The username or password is incorrect.",
        "login_failed_count": 1,
    }
    assert anon("POST", "/v1/auth/login", json=bad).json()["login_failed_count"] == 2
    login(api)
    assert anon("POST", "/v1/auth/login", json=bad).json()["login_failed_count"] == 1


def test_unknown_email_reads_like_a_wrong_password(api):
    response = api.as_token(None)("POST", "/v1/auth/login", json={"email": "x@y.test", "password": "p"})
    assert response.status_code == 401
    assert response.json()["message"] == "The username or password is incorrect."


@pytest.mark.parametrize(
    "body", [{}, {"email": DEMO_EMAIL}, {"password": DEMO_PASSWORD}, {"email": 5, "password": DEMO_PASSWORD}]
)
def test_login_without_both_strings_is_invalid_credentials(api, body):
    response = api.as_token(None)("POST", "/v1/auth/login", json=body)
    assert response.status_code == 401
    assert response.json() == {"success": False, "message": "Invalid credentials"}


def test_login_token_works_as_bearer_and_raw(api):
    token = login(api)
    assert (
        api.as_token(None)("GET", "/v1/dialer/campaign", headers={"Authorization": token}).status_code == 200
    )
    assert api.as_token(token)("GET", "/v1/dialer/campaign").status_code == 200


def test_api_token_works_raw_and_never_expires(api, clock):
    clock.advance(400 * 24 * 3600)
    raw = api.as_token(None)("GET", "/v1/dialer/campaign", headers={"Authorization": "acefone-demo-token"})
    assert raw.status_code == 200


def test_login_token_expires_after_an_hour(api, clock):
    clock.freeze()  # a running clock would add the test's own duration to the 3599 s
    token = login(api)
    clock.advance(3599)
    assert api.as_token(token)("GET", "/v1/dialer/campaign").status_code == 200
    clock.advance(1)
    response = api.as_token(token)("GET", "/v1/dialer/campaign")
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_refresh_gives_a_new_token_and_ends_the_old_one(api):
    old = login(api)
    response = api.as_token(old)("POST", "/v1/auth/refresh")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"success", "access_token", "token_type", "expires_in", "number_of_days_left"}
    assert api.as_token(body["access_token"])("GET", "/v1/dialer/campaign").status_code == 200
    again = api.as_token(old)("GET", "/v1/dialer/campaign")
    assert again.status_code == 401 and "logged out" in again.json()["message"]


def test_refresh_of_an_expired_token_is_401(api, clock):
    token = login(api)
    clock.advance(3601)
    response = api.as_token(token)("POST", "/v1/auth/refresh")
    assert response.status_code == 401 and "expired" in response.json()["message"]


def test_logout_ends_the_token(api):
    token = login(api)
    response = api.as_token(token)("POST", "/v1/auth/logout")
    assert response.status_code == 200
    assert response.json() == {"success": True, "message": "Successfully logged out"}
    after = api.as_token(token)("GET", "/v1/dialer/campaign")
    assert after.status_code == 401
    assert after.json() == {
        "success": False,
        "message": "Authorization token has been logged out (or replaced by /v1/auth/refresh).",
    }


@pytest.mark.parametrize("path", ["/v1/auth/refresh", "/v1/auth/logout"])
def test_api_tokens_cannot_be_refreshed_or_logged_out(api, path):
    response = api(path=path, method="POST")
    assert response.status_code == 403
    assert api("GET", "/v1/dialer/campaign").status_code == 200


FOREIGN = jwt.encode(
    {"sub": "100001", "jti": "x", "exp": 4_000_000_000}, "another-secret-of-32-bytes-length!", "HS256"
)


@pytest.mark.parametrize(
    "header,word",
    [
        (None, "missing"),
        ("", "missing"),
        ("Bearer", "malformed"),
        ("Bearer a b", "malformed"),
        ("Basic ZGVtbzpkZW1v", "malformed"),
        ("Bearer abc.def.ghi", "malformed"),
        ("Bearer acefone-no-such-token", "unknown"),
        (f"Bearer {FOREIGN}", "unknown"),
    ],
)
def test_every_bad_token_is_401_naming_what_was_wrong(api, header, word):
    headers = {} if header is None else {"Authorization": header}
    response = api.as_token(None)("GET", f"/v1/dialer/campaign/{PREVIEW}", headers=headers)
    assert response.status_code == 401
    body = response.json()
    assert body["success"] is False and word in body["message"]


def test_token_of_a_user_that_does_not_exist_is_unknown(api, app):
    with app.app_context():
        secret = signing_secret()
    token = jwt.encode({"sub": "999", "jti": "j", "exp": 4_000_000_000, "iat": 1}, secret, "HS256")
    response = api.as_token(token)("GET", "/v1/dialer/campaign")
    assert response.status_code == 401 and "unknown" in response.json()["message"]


def test_readonly_token_reads_but_may_not_write(api):
    readonly = api.as_token(READONLY_TOKEN)
    assert readonly("GET", f"/v1/dialer/campaign/{PREVIEW}").status_code == 200
    assert readonly("GET", "/v1/my_number").status_code == 200
    for method, path, body in [
        ("PUT", f"/v1/dialer/campaign/{PREVIEW}", {"name": "x"}),
        ("POST", "/v1/dialer/campaign", {}),
        ("DELETE", f"/v1/dialer/campaign/{PREVIEW}", None),
        ("POST", "/v1/broadcast/list", {"name": "x"}),
    ]:
        response = readonly(method, path, json=body)
        assert response.status_code == 403, (method, path)
        assert response.json()["success"] is False and "write" in response.json()["message"]
    assert api("GET", f"/v1/dialer/campaign/{PREVIEW}").json()["data"]["name"] != "x"


def test_tokens_survive_a_restart_on_the_same_db_and_not_another_db(tmp_path):
    """No secret configured: a random one per DB, kept in it (a restart keeps tokens valid)."""
    db = str(tmp_path / "mock.json")
    first = create_app({"DB": db, "FSYNC": False}).test_client()
    token = first.post("/v1/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}).json
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    restarted = create_app({"DB": db, "FSYNC": False}).test_client()
    assert restarted.get("/v1/dialer/campaign", headers=headers).status_code == 200
    other_db = create_app(TestingConfig).test_client()
    response = other_db.get("/v1/dialer/campaign", headers=headers)
    assert response.status_code == 401 and "unknown" in response.json["message"]


def test_the_secret_is_a_setting(client):
    other = create_app({"DB": ":memory:", "ACEFONE_JWT_SECRET": "a-different-secret-with-32-bytes!!"})
    token = (
        other.test_client()
        .post("/v1/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
        .json["access_token"]
    )
    response = client.get("/v1/dialer/campaign", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and "unknown" in response.json["message"]
