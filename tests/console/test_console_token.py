"""With MOCKDIALER_ADMIN_TOKEN set, the console asks for it (login form, then a SameSite cookie) and the
admin API takes the same cookie; without it, both stay open."""

from __future__ import annotations

from mockdialer import create_app

TOKEN = "s3cret-token"


def _client():
    return create_app({"DB": ":memory:", "TESTING": True, "ADMIN_TOKEN": TOKEN}).test_client()


def test_a_locked_console_answers_401_with_the_login_form_and_changes_nothing():
    client = _client()
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 401
    assert 'name="token"' in page.get_data(as_text=True)
    wrong = client.post("/console/login", data={"token": "guess"})
    assert wrong.status_code == 401 and "not the admin token" in wrong.get_data(as_text=True)
    assert client.get("/__admin/health").status_code == 401


def test_the_right_token_opens_the_console_and_the_admin_api_for_that_browser():
    client = _client()
    login = client.post("/console/login", data={"token": TOKEN})
    assert login.status_code == 303 and login.headers["Location"] == "/"
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/__admin/health").get_json()["ok"] is True


def test_the_bearer_header_works_for_pages_too():
    client = _client()
    page = client.get("/", headers={"Accept": "text/html", "Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200


def test_without_a_token_the_console_is_open():
    client = create_app({"DB": ":memory:", "TESTING": True}).test_client()
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
