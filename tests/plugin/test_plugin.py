"""The pytest plugin as a client project sees it: the example project under examples/ run by pytester
(plain and under ``-n 2``), and the fixtures' own promises (reset, URLs, extra fixtures folder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mockdialer import create_app
from mockdialer.config import TestingConfig

# pytest allows pytest_plugins only in the rootdir's conftest or in a test module: here, to keep it local.
pytest_plugins = ["pytester"]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "client_project"


def _example_files() -> list[str]:
    """The example's test files whose vendor routes this build serves."""
    rules = {rule.rule for rule in create_app(TestingConfig).url_map.iter_rules()}
    files = ["tests/test_callfire_client.py"]
    if "/v1/auth/login" in rules:
        files.append("tests/test_acefone_client.py")
    return files


@pytest.fixture
def example(pytester):
    for item in EXAMPLE.iterdir():
        if item.name in {"__pycache__", ".pytest_cache"}:
            continue
        target = pytester.path / item.name
        (shutil.copytree if item.is_dir() else shutil.copy)(item, target)
    return pytester


@pytest.mark.parametrize("workers", [None, "2"], ids=["serial", "xdist-2"])
def test_example_client_project_passes(example, workers):
    files = _example_files()
    args = ["-p", "no:cacheprovider", *files] + (["-n", workers, "-v"] if workers else [])
    result = example.runpytest_subprocess(*args)
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) >= 7 * len(files), result.stdout.str()
    assert "failed" not in outcomes and "error" not in outcomes, result.stdout.str()
    if workers:
        result.stdout.fnmatch_lines(["created: 2/2 workers"])


def test_fixtures_reset_between_tests_and_expose_urls(pytester, tmp_path):
    extra = pytester.mkdir("more")
    (extra / "callfire").mkdir()
    doc = {"account": "acme", "login": "acme", "password": "pw", "sounds": [], "agentGroups": []}
    doc["campaigns"] = []
    (extra / "callfire" / "acme.json").write_text(json.dumps(doc))
    pytester.makeini("[pytest]\nmockdialer_fixtures = more\n")
    pytester.makepyfile(
        """
        import requests

        SEEN = []

        def test_first(mockdialer, mockdialer_server, mockdialer_app):
            SEEN.append(mockdialer_server.url)
            assert mockdialer.url == mockdialer_server.url
            assert mockdialer.callfire_rest_url == mockdialer_server.url + "/api/1.1/rest"
            assert mockdialer.callfire_wsdl_url.endswith("/api/1.1/soap12/ccc?wsdl")
            assert mockdialer.credentials["acefone"]["token"] == "acefone-demo-token"
            assert "acme" in mockdialer.health()["vendors"]["callfire"]  # the ini's extra folder
            requests.put(mockdialer.callfire_rest_url + "/ccc/1001", data={"Name": "x"},
                         auth=mockdialer.callfire_auth)
            mockdialer.fault("error", status=500)
            mockdialer.clock.freeze("2030-01-01T00:00:00Z")
            client = mockdialer_app.test_client()
            assert client.get("/api/1.1/rest/ccc/1001.json").status_code == 500

        def test_second(mockdialer, mockdialer_server):
            assert SEEN == [mockdialer_server.url]  # one server for the session
            assert mockdialer.requests() == [] and mockdialer.faults() == []
            assert mockdialer.clock.state()["frozen"] is False
            r = requests.get(mockdialer.callfire_rest_url + "/ccc/1001.json", auth=mockdialer.callfire_auth)
            assert r.json()["Resource"]["CccCampaign"]["Name"] == "Demo Customer Survey"
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_vendors_fixture_and_verify_in_a_client_suite(pytester):
    """A client's tests: ``mockdialer_vendors`` answers the real hosts, ``verify`` fails with the near
    misses, and the handles' flat fields carry the URLs and credentials."""
    pytester.makepyfile(
        """
        import dataclasses

        import httpx
        import pytest
        import requests

        def test_real_hosts(mockdialer_vendors):
            m = mockdialer_vendors
            r = requests.put("https://www.callfire.com/api/1.1/rest/ccc/1001", data={"Name": "Kit"},
                             auth=m.callfire_auth)
            assert r.status_code == 204
            assert httpx.get(m.callfire_rest_url + "/ccc/1001.json", auth=m.callfire_auth).json()[
                "Resource"]["CccCampaign"]["Name"] == "Kit"
            m.verify(operation="callfire.UpdateCccCampaign", account="demo-callfire", times=1)

        def test_state_is_fresh_and_shared_with_the_server_fixture(mockdialer_vendors, mockdialer):
            assert mockdialer_vendors.count() == 0
            requests.get(mockdialer.callfire_rest_url + "/ccc/1001.json", auth=mockdialer.callfire_auth)
            mockdialer_vendors.verify(operation="callfire.GetCccCampaign", times=1)

        def test_verify_failure_names_the_nearest(mockdialer):
            requests.put(mockdialer.callfire_rest_url + "/ccc/1001", data={"Name": "x"},
                         auth=mockdialer.callfire_auth)
            with pytest.raises(AssertionError, match="account was 'demo-callfire', expected 'acme'"):
                mockdialer.verify(operation="callfire.UpdateCccCampaign", account="acme")

        def test_flat_fields(mockdialer):
            names = [f.name for f in dataclasses.fields(mockdialer)]
            assert names[:6] == ["base_url", "acefone_url", "callfire_rest_url", "callfire_soap_url",
                                 "callfire_wsdl_url", "admin_url"]
            assert mockdialer.base_url == mockdialer.url and mockdialer.callfire_auth == (
                mockdialer.callfire_login, mockdialer.callfire_password)
            assert mockdialer.acefone_email == "demo@acefone.test"
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)
