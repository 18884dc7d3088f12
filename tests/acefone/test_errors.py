"""Every error under /v1/ in the vendor's envelope, never HTML or 500 (docs/vendors/acefone.md, issue 2 item
8)."""

from __future__ import annotations

import pytest

from mockdialer import create_app
from mockdialer.config import TestingConfig

from .conftest import PREVIEW

CAMPAIGN = f"/v1/dialer/campaign/{PREVIEW}"
JSON = {"Content-Type": "application/json"}


def _envelope(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["success"] is False and isinstance(body["message"], str) and body["message"]
    return body


@pytest.mark.parametrize("data", [b"{", b"{'a': 1}", b"[1,", b"\xff\xfe", b"NaN", b'{"a": NaN}'])
def test_malformed_json_is_400(api, data):
    body = _envelope(api("PUT", CAMPAIGN, data=data, headers=JSON), 400)
    assert body["message"].startswith("Malformed JSON")


@pytest.mark.parametrize(
    "data,kind", [(b"[]", "array"), (b'"x"', "string"), (b"5", "integer"), (b"null", "null")]
)
def test_a_body_that_is_not_an_object_is_400(api, data, kind):
    body = _envelope(api("POST", "/v1/dialer/campaign", data=data, headers=JSON), 400)
    assert body["message"] == f"Request body must be a JSON object, not {kind}."


def test_an_empty_body_is_400(api):
    assert _envelope(api("PUT", CAMPAIGN, data=b"", headers=JSON), 400)["message"].startswith(
        "Request body is empty"
    )


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_body_that_is_not_json_is_415(api, content_type):
    response = api("PUT", CAMPAIGN, data=b'{"name": "x"}', headers={"Content-Type": content_type})
    assert "Unsupported content type" in _envelope(response, 415)["message"]


def test_a_json_body_without_content_type_is_read(api):
    response = api("PUT", CAMPAIGN, data=b'{"name": "No type"}')
    assert response.status_code == 200


@pytest.mark.parametrize("token", ["acefone-demo-token", None])
def test_a_body_over_one_mib_is_413_even_before_auth(api, token):
    big = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'
    response = api.as_token(token)("PUT", CAMPAIGN, data=big, headers=JSON)
    assert _envelope(response, 413)["message"] == "Request body is larger than the 1 MiB limit"
    login = api.as_token(None)("POST", "/v1/auth/login", data=big, headers=JSON)
    assert _envelope(login, 413)["success"] is False


def test_an_unknown_route_is_404(api):
    body = _envelope(api("GET", "/v1/dialer/campaigns"), 404)
    assert body["message"] == "No such route: GET /v1/dialer/campaigns"


def test_unknown_route_status_is_a_setting(live):
    app = create_app(type("C", (TestingConfig,), {"ACEFONE_UNKNOWN_ROUTE_STATUS": 403}))
    client = app.test_client()
    response = client.get("/v1/nothing/here")
    assert response.status_code == 403 and response.json["success"] is False
    # an unknown campaign stays 404
    headers = {"Authorization": "acefone-demo-token"}
    assert client.get("/v1/dialer/campaign/123", headers=headers).status_code == 404


@pytest.mark.parametrize(
    "method,path,allow",
    [
        ("PATCH", CAMPAIGN, "DELETE, GET, PUT"),
        ("DELETE", "/v1/dialer/campaign", "GET, POST"),
        ("GET", "/v1/auth/login", "POST"),
        ("POST", "/v1/users", "GET"),
    ],
)
def test_a_wrong_method_is_405_with_allow(api, method, path, allow):
    response = api(method, path)
    _envelope(response, 405)
    assert response.headers["Allow"] == allow


def test_trailing_slash_is_the_same_route(api):
    assert api("GET", "/v1/dialer/campaign/").status_code == 200
    assert api("PUT", CAMPAIGN + "/", json={"name": "Slash"}).status_code == 200


def test_no_error_is_html(api):
    for method, path in [
        ("GET", "/v1/"),
        ("GET", "/v1"),
        ("POST", "/v1/dialer/campaign/x/y"),
        ("GET", "/v1/%ff"),
    ]:
        response = api(method, path)
        assert response.status_code in (401, 404, 405)
        assert response.json()["success"] is False


def test_validation_is_422_in_the_envelope(api):
    body = _envelope(api("PUT", CAMPAIGN, json={"dial_method": "7"}), 422)
    assert body["errors"] == {"dial_method": ['Must be one of "1" (Preview), "2" (Ratio).']}
    assert body["message"] == 'dial_method: Must be one of "1" (Preview), "2" (Ratio).'
