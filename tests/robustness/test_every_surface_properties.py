"""Random bytes, random form keys and random XML thrown at every surface (Acefone, CallFire REST, SOAP,
admin), in process: never a 5xx, always the vendor's error shape, and the state is unchanged."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import CALLFIRE_AUTH, urlencode

from mockdialer import create_app
from mockdialer.config import TestingConfig

ACEFONE = {"Authorization": "Bearer acefone-demo-token"}
RES = "{http://api.callfire.com/resource}"
SOAP12 = "{http://www.w3.org/2003/05/soap-envelope}"
SETTINGS = settings(
    max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def acefone_shape(response) -> None:
    body = response.get_json()
    assert body["success"] is False and body["message"], response.data[:200]


def rest_shape(response) -> None:
    root = etree.fromstring(response.data)
    assert root.tag == RES + "ResourceException", response.data[:200]
    assert root.findtext(RES + "HttpStatus") == str(response.status_code)


def soap_shape(response) -> None:
    root = etree.fromstring(response.data)
    assert root.tag in (SOAP12 + "Envelope", "{http://schemas.xmlsoap.org/soap/envelope/}Envelope")
    assert root[-1][0].tag.endswith("Fault"), response.data[:200]


def admin_shape(response) -> None:
    body = response.get_json()
    assert body["ok"] is False and body["error"]["status"] == response.status_code


# surface: (method, path, headers, shape of an error)
SURFACES = {
    "acefone": ("PUT", "/v1/dialer/campaign/40001", ACEFONE, acefone_shape),
    "callfire.rest": ("PUT", "/api/1.1/rest/ccc/1001", CALLFIRE_AUTH, rest_shape),
    "callfire.soap": ("POST", "/api/1.1/soap12/ccc", CALLFIRE_AUTH, soap_shape),
    "admin": ("POST", "/__admin/faults", {}, admin_shape),
}
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/x-www-form-urlencoded",
        "application/soap+xml; charset=utf-8",
        "text/xml",
        "application/xml",
        "text/plain",
        "",
    ]
)

APP = create_app(TestingConfig)


@pytest.fixture
def client():
    from mockdialer.admin import actions

    actions.reset(APP)
    return APP.test_client()


def state(client) -> str:
    """What the random requests could have changed, read through the public API."""
    health = client.get("/__admin/health").get_json()
    acefone = client.get("/v1/dialer/campaign/40001", headers=ACEFONE).get_json()["data"]
    ccc = client.get("/api/1.1/rest/ccc/1001.json", headers=CALLFIRE_AUTH).get_json()
    faults = client.get("/__admin/faults").get_json()["faults"]
    return json.dumps([health["vendors"], acefone, ccc, faults], sort_keys=True)


def check(client, surface: str, body: bytes, content_type: str) -> None:
    method, path, headers, shape = SURFACES[surface]
    before = state(client)
    sent = {**headers, **({"Content-Type": content_type} if content_type else {})}
    response = client.open(path, method=method, data=body, headers=sent)
    assert response.status_code < 500 or surface == "callfire.soap", (
        response.status_code,
        response.data[:300],
    )
    if response.status_code >= 400:
        shape(response)
    if surface == "callfire.soap" and response.status_code >= 500:  # a SOAP fault may be a 500 (Receiver)
        soap_shape(response)
        assert b"env:Receiver" not in response.data, response.data[:300]
    assert state(client) == before


ELEMENT_NAMES = st.sampled_from(
    ["Envelope", "Body", "Header", "UpdateCccCampaignRequest", "CccCampaign", "Name", "Id", "a", "Question"]
)
NAMESPACES = st.sampled_from(
    [
        None,
        "http://www.w3.org/2003/05/soap-envelope",
        "http://api.callfire.com/service/xsd",
        "http://api.callfire.com/data",
        "urn:x",
    ]
)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)


@st.composite
def xml_documents(draw) -> bytes:
    """A random element tree, serialized (sometimes cut short)."""

    def element(depth: int):
        ns, name = draw(NAMESPACES), draw(ELEMENT_NAMES)
        el = etree.Element(f"{{{ns}}}{name}" if ns else name)
        el.text = draw(TEXT)
        if depth < 4:
            for _ in range(draw(st.integers(0, 3))):
                el.append(element(depth + 1))
        return el

    data = etree.tostring(element(0), encoding="UTF-8", xml_declaration=draw(st.booleans()))
    cut = draw(st.integers(0, len(data)))
    return data if draw(st.booleans()) else data[:cut]


FORM_PAIRS = st.lists(
    st.tuples(st.text(st.sampled_from("[]aNQ0me%&=+ \u0660"), max_size=24), st.text(max_size=30)), max_size=10
)


@pytest.mark.parametrize("surface", sorted(SURFACES))
@SETTINGS
@given(body=st.binary(max_size=2000), content_type=CONTENT_TYPES)
def test_random_bytes(client, surface, body, content_type):
    check(client, surface, body, content_type)


@pytest.mark.parametrize("surface", sorted(SURFACES))
@SETTINGS
@given(pairs=FORM_PAIRS)
def test_random_form_keys(client, surface, pairs):
    pairs = [(k, v) for k, v in pairs if k.split("[")[0] != "Name"]  # without a Name nothing is stored
    check(client, surface, urlencode(pairs), "application/x-www-form-urlencoded")


@pytest.mark.parametrize("surface", sorted(SURFACES))
@SETTINGS
@given(body=xml_documents(), content_type=CONTENT_TYPES)
def test_random_xml(client, surface, body, content_type):
    check(client, surface, body, content_type)
