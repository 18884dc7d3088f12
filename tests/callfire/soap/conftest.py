"""Fixtures for the CallFire SOAP tests: one live server for the directory, put back to the seeded
state before every test (a snapshot restore, far faster than a server per test); ``soap`` (zeep,
built from the served WSDL) and ``raw`` (envelopes over requests)."""

from __future__ import annotations

import pytest
from soap_helpers import RawSoap, soap_client

from mockdialer import create_app
from mockdialer.admin import ops
from mockdialer.config import TestingConfig
from mockdialer.server import LiveServer


@pytest.fixture(scope="session")
def _soap_server():
    app = create_app(TestingConfig)
    ops.capture_baseline(app)
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def app(_soap_server):
    ops.reset(_soap_server.app)
    return _soap_server.app


@pytest.fixture
def live(_soap_server, app):
    return _soap_server


@pytest.fixture
def soap(live):
    """zeep's service proxy for the CccService, as the demo account."""
    return soap_client(live.url).service


@pytest.fixture
def raw(live):
    """Raw envelopes over requests, as the demo account."""
    return RawSoap(live.url)
