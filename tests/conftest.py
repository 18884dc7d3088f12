"""Shared fixtures: one app on an in-memory store seeded from the shipped fixtures, served over real
HTTP on a free port for the whole session (``live.url``) and put back to its seeded state before every
test (state, journal, fault rules, clock: a snapshot restore, far faster than a server per test);
``client`` is its Flask test client."""

from __future__ import annotations

import os

import pytest
from goldens import check_golden

from mockdialer import create_app
from mockdialer.admin import actions as ops
from mockdialer.config import TestingConfig
from mockdialer.testing.live_server import LiveServer


@pytest.fixture(scope="session")
def _server():
    app = create_app(TestingConfig)
    ops.capture_baseline(app)
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def app(_server):
    ops.reset(_server.app)
    return _server.app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def live(_server, app):
    """The app over real HTTP: ``live.url`` is ``http://127.0.0.1:<free port>``."""
    return _server


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Write tests/golden/ files from what the mock answers now (after an intended change).",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--update-goldens"):
        os.environ["MOCKDIALER_UPDATE_GOLDEN"] = "1"


@pytest.fixture
def golden():
    """``golden(path, content)``: see ``goldens.check_golden``."""
    return check_golden
