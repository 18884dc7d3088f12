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
