"""Acefone test helpers: an authenticated ``api`` over real HTTP on the session's live server
(tests/conftest.py), demo credentials, a create body."""

from __future__ import annotations

import pytest
import requests

from mockdialer.harness.clock import get_clock

DEMO_EMAIL, DEMO_PASSWORD = "demo@acefone.test", "demo-password"
DEMO_TOKEN, OTHER_TOKEN, READONLY_TOKEN = (
    "acefone-demo-token",
    "acefone-other-token",
    "acefone-readonly-token",
)
PREVIEW, RATIO, INBOUND, OTHERS = "40001", "40002", "40003", "40901"


class Api:
    """``api("PUT", "/v1/dialer/campaign/40001", json={...})`` against a live server, with a token."""

    def __init__(self, url: str, token: str | None = DEMO_TOKEN) -> None:
        self.url = url
        self.session = requests.Session()
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def __call__(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.session.request(method, self.url + path, timeout=10, **kwargs)

    def as_token(self, token: str | None) -> Api:
        return Api(self.url, token)


@pytest.fixture
def api(live):
    return Api(live.url)


@pytest.fixture
def clock(app):
    return get_clock(app)


def create_body(**overrides) -> dict:
    """The eight fields mandatory on create (and auto_dial_duration, needed by Preview)."""
    body = {
        "name": "Test Campaign",
        "dial_method": "1",
        "auto_dial_duration": "10",
        "outbound_caller_id": "1001",
        "disposition_list": "3001",
        "number_of_retry": "2",
        "retry_after_minutes": "30",
        "auto_disposition_cancel_duration": "15",
        "dial_status": ["0"],
    }
    body.update(overrides)
    return body


def login(api: Api, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> str:
    response = api.as_token(None)("POST", "/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]
