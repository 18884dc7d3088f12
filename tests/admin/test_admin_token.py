"""The admin token (``MOCKDIALER_ADMIN_TOKEN``): when set, /__admin/ needs ``Authorization: Bearer
<token>`` (401 in the admin shape without it); AdminClient, LocalAdmin and the pytest plugin send it;
the vendor surfaces and the OpenAPI document do not need it. A browser's page at an admin URL is the
console's, behind the console's login (tests/console/test_console_token.py)."""

from __future__ import annotations

import pytest

from mockdialer import create_app
from mockdialer.admin import AdminClient, AdminError, LocalAdmin
from mockdialer.config import TestingConfig
from mockdialer.testing.live_server import LiveServer

TOKEN = "s3cret-admin-token"
pytest_plugins = ["pytester"]


@pytest.fixture(scope="module")
def locked():
    app = create_app({**{k: getattr(TestingConfig, k) for k in ("TESTING", "DB")}, "ADMIN_TOKEN": TOKEN})
    with LiveServer(app) as server:
        yield server


def _assert_401(response) -> None:
    assert response.status_code == 401
    body = response.get_json()
    assert (
        body["ok"] is False and body["error"]["status"] == 401 and "admin token" in body["error"]["message"]
    )
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/__admin/health"),
        ("POST", "/__admin/reset"),
        ("GET", "/__admin/requests"),
        ("POST", "/__admin/faults"),
        ("DELETE", "/__admin/faults/1"),
        ("GET", "/__admin/no-such-route"),
    ],
)
@pytest.mark.parametrize(
    "auth", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"], ids=str
)
def test_every_admin_route_needs_the_token(locked, method, path, auth):
    headers = {} if auth is None else {"Authorization": auth}
    response = locked.app.test_client().open(path, method=method, headers=headers, json={})
    _assert_401(response)


def test_the_token_opens_the_admin_api(locked):
    client = locked.app.test_client()
    response = client.get("/__admin/health", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json["ok"] is True


def test_no_token_set_means_no_auth():
    client = create_app(TestingConfig).test_client()
    assert client.get("/__admin/health").status_code == 200


def test_vendor_surfaces_and_the_document_do_not_need_it(locked):
    client = locked.app.test_client()
    assert (
        client.get("/v1/dialer/campaign", headers={"Authorization": "Bearer acefone-demo-token"}).status_code
        == 200
    )
    assert client.get("/openapi.json").status_code == 200
    document = client.get("/openapi.json").json
    assert document["paths"]["/__admin/health"]["get"]["security"] == [{"adminToken": []}]
    assert "401" in document["paths"]["/__admin/health"]["get"]["responses"]


def test_admin_client_sends_its_token(locked):
    assert AdminClient(locked.url, token=TOKEN).health()["ok"] is True
    with pytest.raises(AdminError) as refused:
        AdminClient(locked.url, token="").health()
    assert refused.value.status == 401


def test_admin_client_reads_the_token_from_the_environment(locked, monkeypatch):
    monkeypatch.setenv("MOCKDIALER_ADMIN_TOKEN", TOKEN)
    assert AdminClient(locked.url).health()["ok"] is True
    monkeypatch.delenv("MOCKDIALER_ADMIN_TOKEN")
    with pytest.raises(AdminError):
        AdminClient(locked.url).health()


def test_local_admin_sends_the_apps_token(locked):
    assert LocalAdmin(locked.app).health()["ok"] is True


def test_a_browser_page_at_an_admin_url_does_not_open_the_json_api(locked):
    client = locked.app.test_client()
    page = client.get("/__admin/requests", headers={"Accept": "text/html"})
    assert page.status_code == 401 and 'name="token"' in page.get_data(as_text=True)  # the login form
    for headers in ({"Accept": "application/json"}, {"Accept": "text/html", "HX-Request": "true"}):
        assert client.get("/__admin/health", headers=headers).status_code == 401
    assert client.post("/__admin/reset", headers={"Accept": "text/html"}, json={}).status_code == 401


def test_pytest_plugin_works_with_a_token(pytester, monkeypatch):
    monkeypatch.setenv("MOCKDIALER_ADMIN_TOKEN", TOKEN)
    pytester.makepyfile(
        """
        import requests

        def test_plugin(mockdialer):
            mockdialer.fault("error", status=503, times=1, vendor="acefone")
            assert len(mockdialer.faults()) == 1
            assert mockdialer.health()["ok"] is True
            assert requests.get(mockdialer.url + "/__admin/health", timeout=10).status_code == 401
            headers = mockdialer.admin_headers
            assert requests.get(mockdialer.url + "/__admin/health", headers=headers, timeout=10).ok
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
