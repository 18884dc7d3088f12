"""In-process mode: client code that hard-codes the vendors' URLs talks to mockdialer with no server,
through requests, zeep (from CallFire's published WSDL URL) and httpx (sync and async); other hosts
pass through unless blocked; faults, journal and accounts behave as on the server."""

from __future__ import annotations

import asyncio
import dataclasses
import time

import httpx
import pytest
import requests
import zeep

import mockdialer
from mockdialer.testing.inprocess import VendorMock, current_mock, mock_vendors

REST = "https://www.callfire.com/api/1.1/rest"
WSDL = "http://callfire.com/api/1.1/wsdl/callfire-service-http-soap12.wsdl"
AUTH = ("demo-callfire", "demo-password")


@pytest.fixture(scope="module")
def vendors():
    """One in-process mock for the module (a fresh app costs ~0.5 s); reset on every entry."""
    return mock_vendors()


def test_requests_reaches_both_vendors_on_their_real_hosts(vendors):
    with vendors as mock:
        r = requests.get(f"{REST}/ccc/1001.json", auth=AUTH, timeout=5)
        assert r.status_code == 200 and r.json()["Resource"]["CccCampaign"]["Name"] == "Demo Customer Survey"
        login = requests.post(
            "https://api.acefone.in/v1/auth/login",
            json={"email": mock.acefone_email, "password": mock.acefone_password},
            timeout=5,
        )
        assert login.status_code == 200 and login.json()["success"] is True
        for host in ("http://callfire.com", "https://api.callfire.com"):
            assert requests.get(f"{host}/api/1.1/rest/ccc/1001.json", auth=AUTH).status_code == 200
        ops = [(e["operation"], e["account"]) for e in mock.requests()]
        assert ops[:2] == [("callfire.GetCccCampaign", "demo-callfire"), ("acefone.login", "demo")]


def test_httpx_sync_and_async(vendors):
    with vendors as mock:
        r = httpx.put(f"{REST}/ccc/1001", data={"Name": "From httpx"}, auth=AUTH)
        assert r.status_code == 204

        async def rename_then_read():
            async with httpx.AsyncClient(auth=AUTH) as client:
                put = await client.put(f"{REST}/ccc/1001", data={"Name": "From async httpx"})
                got = await client.get(f"{REST}/ccc/1001.json")
            return put, got

        put, got = asyncio.run(rename_then_read())
        assert put.status_code == 204
        assert got.json()["Resource"]["CccCampaign"]["Name"] == "From async httpx"
        mock.verify(operation="callfire.UpdateCccCampaign", times=2)
        mock.verify(operation="callfire.UpdateCccCampaign", body_contains="From async httpx", times=1)


def test_zeep_from_callfires_published_wsdl_url(vendors):
    with vendors as mock:
        assert mock.callfire_wsdl_url == WSDL
        session = requests.Session()
        session.auth = AUTH
        client = zeep.Client(WSDL, transport=zeep.Transport(session=session))
        ports = [port for service in client.wsdl.services.values() for port in service.ports.values()]
        assert {port.binding_options["address"] for port in ports} == {"http://callfire.com/api/1.1/soap12/ccc"}
        client.service.UpdateCccCampaign(CccCampaign={"id": 1001, "Name": "Over SOAP"})
        assert client.service.GetCccCampaign(Id=1001).Name == "Over SOAP"
        mock.verify(operation="callfire.Update*", transport="callfire.soap", body_contains="Over SOAP")
        assert mock.count(operation="callfire.wsdl") >= 1


def test_state_is_reset_on_every_entry(vendors):
    with vendors:
        requests.put(f"{REST}/ccc/1001", data={"Name": "Changed"}, auth=AUTH)
    with vendors as mock:
        assert mock.requests() == []
        r = requests.get(f"{REST}/ccc/1001.json", auth=AUTH)
        assert r.json()["Resource"]["CccCampaign"]["Name"] == "Demo Customer Survey"


def test_other_hosts_pass_through(vendors, live):
    with vendors:
        assert requests.get(live.url + "/__admin/health", timeout=5).json()["ok"] is True
        assert httpx.get(live.url + "/__admin/health", timeout=5).json()["ok"] is True


def test_block_other_hosts(live):
    with mock_vendors(block_other_hosts=True):
        with pytest.raises(requests.ConnectionError):
            requests.get(live.url + "/__admin/health", timeout=5)
        with pytest.raises(httpx.ConnectError, match="block_other_hosts"):
            httpx.get(live.url + "/__admin/health", timeout=5)
        assert requests.get(f"{REST}/ccc/1001.json", auth=AUTH).status_code == 200


def test_faults_drop_and_error_in_the_vendors_shape(vendors):
    with vendors as mock:
        mock.fault("drop", operation="callfire.GetCccCampaign", times=1)
        with pytest.raises(requests.ConnectionError, match="dropped"):
            requests.get(f"{REST}/ccc/1001.json", auth=AUTH)
        mock.fault("drop", operation="callfire.GetCccCampaign", times=1)
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(f"{REST}/ccc/1001.json", auth=AUTH)
        mock.fault("error", status=503, vendor="acefone", times=1)
        token = {"Authorization": mock.acefone_token}
        r = requests.get("https://api.acefone.in/v1/dialer/campaign", headers=token)
        assert r.status_code == 503 and r.json()["success"] is False
        mock.assert_all_faults_fired()


def test_accounts_stay_apart(vendors):
    with vendors as mock:
        other = ("other-callfire", "other-password")
        assert requests.get(f"{REST}/ccc/1001.json", auth=other).status_code == 404
        mock.verify(account="other-callfire", status=404, times=1)


def test_clock_moves_in_process(vendors):
    with vendors as mock:
        mock.clock.freeze("2030-01-01T00:00:00Z")
        requests.get(f"{REST}/ccc/1001.json", auth=AUTH)
        assert mock.requests()[-1]["time"] == "2030-01-01T00:00:00Z"


def test_decorator_forms_and_root_export():
    seen = []

    @mockdialer.mock_vendors
    def plain():
        seen.append(requests.get(f"{REST}/ccc/1001.json", auth=AUTH).status_code)
        seen.append(current_mock().count())

    @mockdialer.mock_vendors(block_other_hosts=True)
    async def coroutine():
        async with httpx.AsyncClient() as client:
            seen.append((await client.get(f"{REST}/ccc/1001.json", auth=AUTH)).status_code)

    plain()
    asyncio.run(coroutine())
    assert seen == [200, 1, 200]
    with pytest.raises(RuntimeError):
        current_mock()


def test_handle_fields_are_flat_and_typed():
    mock = mock_vendors()
    assert isinstance(mock, VendorMock) and dataclasses.is_dataclass(mock)
    fields = {f.name: getattr(mock, f.name) for f in dataclasses.fields(mock)}
    assert fields["acefone_url"] == "https://api.acefone.in"
    assert fields["callfire_rest_url"] == REST
    assert fields["callfire_soap_url"] == "https://www.callfire.com/api/1.1/soap12/ccc"
    assert fields["callfire_wsdl_url"] == WSDL
    assert fields["callfire_auth"] == AUTH
    assert fields["acefone_token"] == "acefone-demo-token"
    assert mock.url == mock.base_url == "http://mockdialer.test"
    assert mock.credentials["callfire"] == {"login": "demo-callfire", "password": "demo-password"}


def test_the_mock_host_serves_the_whole_app(vendors):
    with vendors as mock:
        assert requests.get(mock.admin_url + "/health").json()["ok"] is True
        assert httpx.get(mock.base_url + "/openapi.json").status_code == 200


def test_a_new_mock_vendors_entry_starts_from_the_seeded_state():
    acefone = "https://api.acefone.in/v1/dialer/campaign"
    token = {"Authorization": "Bearer acefone-demo-token"}
    with mock_vendors() as mock:
        seeded = requests.get(acefone, headers=token).json()["data"]
        assert requests.put(f"{acefone}/40001", json={"description": "Changed"}, headers=token).ok
        assert requests.put(f"{REST}/ccc/1001", data={"Name": "Changed"}, auth=AUTH).status_code == 204
        mock.fault("error", status=503, operation="acefone.get_campaign")
        mock.clock.freeze("2030-01-01T00:00:00Z")
        assert requests.get(f"{acefone}/40001", headers=token).status_code == 503
    with mock_vendors() as mock:
        assert mock.requests() == [] and mock.faults() == []
        assert mock.clock.state()["frozen"] is False
        assert abs(mock.clock.time() - time.time()) < 60
        assert requests.get(acefone, headers=token).json()["data"] == seeded
        r = requests.get(f"{REST}/ccc/1001.json", auth=AUTH)
        assert r.json()["Resource"]["CccCampaign"]["Name"] == "Demo Customer Survey"
        operations = [e["operation"] for e in mock.requests()]
        assert operations == ["acefone.list_campaigns", "callfire.GetCccCampaign"]


@pytest.mark.parametrize(
    ("method", "url", "headers", "body"),
    [
        (
            "PUT",
            "https://api.acefone.in/v1/dialer/campaign/40001",
            [("User-Agent", "python-requests"), ("Authorization", "Bearer t"), ("Content-Length", "16"),
             ("Content-Type", "application/json")],
            b'{"description":1}',
        ),
        ("GET", "http://mockdialer.test/__admin/requests", [("Cookie", "a=1"), ("Cookie", "b=2")], b""),
        ("POST", "https://www.callfire.com:8443/api/1.1/a%20b/%E2%82%ac/%FF", [("Host", "other:81")], b""),
        ("DELETE", "https://api.callfire.com", [("Transfer-Encoding", "chunked")], b"abc"),
    ],
)
def test_the_environ_of_a_request_is_the_one_werkzeugs_builder_makes(method, url, headers, body):
    """``wsgi_environ`` against werkzeug's test ``EnvironBuilder`` for the same request; only
    ``REQUEST_URI`` differs, holding the query as a server sends it."""
    from urllib.parse import urlsplit

    from werkzeug.test import EnvironBuilder

    from mockdialer.testing.inprocess import wsgi_environ

    parts = urlsplit(url + "?q=%20x&r=1")
    builder = EnvironBuilder(
        path=parts.path or "/", base_url=f"{parts.scheme}://{parts.netloc}", query_string=parts.query,
        method=method, headers=headers, data=body,
    )
    expected = builder.get_environ()
    built = wsgi_environ(method, url + "?q=%20x&r=1", headers, body)
    assert built.pop("wsgi.input").read() == expected.pop("wsgi.input").read() == body
    assert built.pop("REQUEST_URI") == built.pop("RAW_URI") == f"{parts.path or '/'}?q=%20x&r=1"
    for key in ("REQUEST_URI", "RAW_URI", "wsgi.errors"):
        expected.pop(key)
    built.pop("wsgi.errors")
    assert built == expected
