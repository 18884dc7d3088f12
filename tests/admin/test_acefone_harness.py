"""The harness on Acefone routes: login secrets redacted both ways, faults in the Acefone envelope,
account rules decided after the token check, token expiry following the clock."""

from __future__ import annotations

import json

import pytest
import requests


@pytest.fixture
def acefone(admin):
    def call(method, path, token="acefone-demo-token", **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.request(method, admin.acefone_url + path, headers=headers, timeout=10, **kwargs)

    return call


def test_login_password_and_token_never_reach_the_journal(admin, acefone):
    body = {"email": admin.acefone_email, "password": admin.acefone_password}
    token = acefone("POST", "/v1/auth/login", token=None, json=body).json()["access_token"]
    (entry,) = admin.requests(operation="acefone.login")
    assert entry["account"] == "demo" and entry["status"] == 200
    assert entry["body"]["password"] == "***" and entry["response_body"]["access_token"] == "***"
    assert entry["response_body"]["token_type"] == "bearer"
    dump = json.dumps(entry)
    assert admin.acefone_password not in dump and token not in dump


def test_error_fault_uses_the_acefone_envelope(admin, acefone):
    admin.fault("error", status=503, vendor="acefone", times=1)
    r = acefone("GET", "/v1/dialer/campaign")
    assert r.status_code == 503
    assert r.json() == {"success": False, "message": "Service unavailable"}
    assert acefone("GET", "/v1/dialer/campaign").status_code == 200


def test_account_rule_spares_other_accounts(admin, acefone):
    admin.fault("rate_limit", account="other", retry_after=9)
    assert acefone("GET", "/v1/dialer/campaign").status_code == 200
    limited = acefone("GET", "/v1/dialer/campaign", token="acefone-other-token")
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "9"
    assert limited.json()["success"] is False
    assert [e["account"] for e in admin.requests(status=429)] == ["other"]


def test_login_token_expires_when_the_clock_moves(admin, acefone):
    body = {"email": admin.acefone_email, "password": admin.acefone_password}
    token = acefone("POST", "/v1/auth/login", token=None, json=body).json()["access_token"]
    assert acefone("GET", "/v1/dialer/campaign", token=token).status_code == 200
    admin.clock.advance(3600)
    assert acefone("GET", "/v1/dialer/campaign", token=token).status_code == 401
    admin.clock.reset()
    assert acefone("GET", "/v1/dialer/campaign", token=token).status_code == 200
