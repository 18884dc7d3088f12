"""With MOCKDIALER_ADMIN_TOKEN set, the console asks for it (login form, then Flask's signed session,
never the token itself) and the admin API keeps needing the Bearer token; without it, both stay open.
Every console write needs the session's CSRF token."""

from __future__ import annotations

import base64
import json

from mockdialer import create_app

from .conftest import HTML, Console

TOKEN = "s3cret-token"


def _client(**settings):
    return create_app({"DB": ":memory:", "TESTING": True, "ADMIN_TOKEN": TOKEN, **settings}).test_client()


def test_a_locked_console_answers_401_with_the_login_form_and_changes_nothing():
    client = _client()
    for path in ("/", "/console/faults", "/__admin/faults", "/console/fragments/campaigns"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 401 and 'name="token"' in page.get_data(as_text=True), path
    wrong = client.post("/console/login", data={"token": "guess"})
    assert wrong.status_code == 401 and "not the admin token" in wrong.get_data(as_text=True)
    assert client.get("/__admin/health").status_code == 401
    assert client.post("/console/reset", headers={"X-CSRFToken": "x"}).status_code == 401


def test_the_right_token_opens_the_console_with_a_signed_session_not_the_token():
    client = _client()
    login = client.post("/console/login", data={"token": TOKEN})
    assert login.status_code == 303 and login.headers["Location"] == "/"
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    payload = value.split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert TOKEN.encode() not in decoded and json.loads(decoded)["login"]
    assert client.get("/", headers=HTML).status_code == 200
    assert client.get("/__admin/faults", headers=HTML).status_code == 200  # the page, for a browser
    assert client.get("/__admin/health").status_code == 401  # the JSON API needs the token itself


def test_a_forged_or_stale_session_does_not_open_it():
    client = _client()
    client.set_cookie("mockdialer_console", "eyJsb2dpbiI6InllcyJ9.forged.sig")
    assert client.get("/", headers=HTML).status_code == 401
    client = _client()
    client.post("/console/login", data={"token": TOKEN})
    other = create_app({"DB": ":memory:", "TESTING": True, "ADMIN_TOKEN": "another-token"}).test_client()
    other.set_cookie("mockdialer_console", client.get_cookie("mockdialer_console").value)
    assert other.get("/", headers=HTML).status_code == 401  # a new token logs everyone out


def test_the_bearer_header_works_for_pages_too():
    client = _client()
    page = client.get("/", headers={**HTML, "Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200


def test_without_a_token_the_console_is_open():
    client = create_app({"DB": ":memory:", "TESTING": True}).test_client()
    assert client.get("/", headers=HTML).status_code == 200


def test_console_writes_need_the_sessions_csrf_token():
    client = _client()
    client.post("/console/login", data={"token": TOKEN})
    console = Console(client)
    for token in (None, "", "forged-token"):
        headers = {"HX-Request": "true"} if token is None else {"HX-Request": "true", "X-CSRFToken": token}
        refused = client.post("/console/clock", data={"advance": "60"}, headers=headers)
        assert refused.status_code == 400 and "CSRF" in refused.get_data(as_text=True), token
    before = client.get("/__admin/clock", headers={"Authorization": f"Bearer {TOKEN}"}).get_json()
    assert console.hx_post("/console/clock", {"freeze": "true"}).status_code == 200
    form = client.post("/console/faults", data={"action": "drop", "csrf_token": console.token})
    assert form.status_code == 201
    after = client.get("/__admin/clock", headers={"Authorization": f"Bearer {TOKEN}"}).get_json()
    assert after["clock"]["frozen"] and not before["clock"]["frozen"]


def test_a_token_from_another_session_is_refused():
    first, second = Console(_client(ADMIN_TOKEN=None)), Console(_client(ADMIN_TOKEN=None))
    first.page()
    second.page()
    second.token = first.token
    assert second.hx_post("/console/reset").status_code == 400
