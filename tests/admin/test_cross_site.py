"""Cross-site writes to the admin API are refused, a token set or not (docs/security.md): what a web
page on another site could send (an HTML form, a ``text/plain`` or body-less fetch, anything with a
foreign ``Origin`` or ``Sec-Fetch-Site: cross-site``) is a 403 in the admin envelope and changes
nothing; what clients, curl as documented, AdminClient and the pytest plugin send still works."""

from __future__ import annotations

import pytest
import requests

from mockdialer import create_app
from mockdialer.admin import AdminClient, LocalAdmin

EVIL = "http://evil.example"


def _refused(response) -> None:
    assert response.status_code == 403, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] is False and body["error"]["status"] == 403


def _state(client) -> tuple:
    faults = client.get("/__admin/faults").get_json()["faults"]
    clock = client.get("/__admin/clock").get_json()["clock"]["frozen"]
    return len(faults), clock, client.get("/__admin/requests/count").get_json()["count"]


WRITES = [
    ("POST", "/__admin/faults", {"action": "drop"}),
    ("POST", "/__admin/clock", {"freeze": "true"}),
    ("POST", "/__admin/reset", {}),
    ("POST", "/__admin/seed", {"callfire": "[]"}),
    ("POST", "/__admin/campaigns/callfire/demo-callfire/1001/control", {"command": "START"}),
]


@pytest.mark.parametrize("method, path, form", WRITES)
def test_a_form_or_text_post_from_a_page_is_refused(client, method, path, form):
    before = _state(client)
    _refused(client.open(path, method=method, data=form))  # an HTML form, no Origin (an old browser)
    _refused(client.open(path, method=method, data='{"action": "drop"}', content_type="text/plain"))
    _refused(client.open(path, method=method, data=form, content_type="multipart/form-data"))
    _refused(client.open(path, method=method))  # a body-less fetch(..., {method: "POST"})
    assert _state(client) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Origin": "http://localhost:3000"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": EVIL, "Authorization": "Bearer anything"},
    ],
    ids=str,
)
def test_a_foreign_origin_or_sec_fetch_site_is_refused_whatever_it_sends(client, headers):
    before = _state(client)
    _refused(client.post("/__admin/faults", json={"action": "drop"}, headers=headers))
    _refused(client.post("/__admin/reset", json={}, headers=headers))
    _refused(client.delete("/__admin/faults", headers=headers))
    _refused(client.delete("/__admin/requests", headers=headers))
    assert _state(client) == before


def test_reads_are_not_refused(client):
    headers = {"Origin": EVIL, "Sec-Fetch-Site": "cross-site"}
    assert client.get("/__admin/health", headers=headers).status_code == 200


def test_json_an_authorization_header_or_this_servers_own_page_pass(client):
    assert client.post("/__admin/faults", json={"action": "delay", "ms": 1, "vendor": "x"}).status_code == 201
    assert client.post("/__admin/reset", content_type="application/json").status_code == 200
    assert client.post("/__admin/reset", headers={"Authorization": "Bearer any"}).status_code == 200
    own = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/__admin/reset", headers=own).status_code == 200  # Swagger UI's "Try it out"
    assert client.post("/__admin/reset", headers={"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert client.post("/__admin/verify").status_code == 200  # reads only
    assert client.delete("/__admin/faults").status_code == 200  # no page can send DELETE cross-site


def test_with_a_token_a_cross_site_write_is_refused_before_the_token_is_asked_for():
    client = create_app({"DB": ":memory:", "TESTING": True, "ADMIN_TOKEN": "t0ken"}).test_client()
    _refused(client.post("/__admin/reset", data={"a": "b"}))
    signed = {"Origin": EVIL, "Authorization": "Bearer t0ken"}
    _refused(client.post("/__admin/reset", json={}, headers=signed))
    assert client.post("/__admin/reset", json={}).status_code == 401
    assert client.post("/__admin/reset", headers={"Authorization": "Bearer t0ken"}).status_code == 200


def test_the_clients_and_documented_curls_still_work(live):
    admin = AdminClient(live.url)
    admin.reset()
    admin.fault("drop", times=1, vendor="nobody")
    admin.clock.freeze()
    admin.clock.reset()
    assert admin.clear_faults() == 1
    admin.clear_requests()
    local = LocalAdmin(live.app)
    local.reset()
    local.clear_requests()
    # curl -X POST ... -H 'Content-Type: application/json' -d '{...}' (README, docs/admin-api.md)
    json_type = {"Content-Type": "application/json"}
    answer = requests.post(live.url + "/__admin/clock", data='{"advance": 60}', headers=json_type, timeout=5)
    assert answer.status_code == 200
    plain = requests.post(live.url + "/__admin/reset", timeout=5)  # no type, no header: refused
    assert plain.status_code == 403 and "Content-Type: application/json" in plain.json()["error"]["message"]
