"""Fixtures for the CallFire SOAP tests: ``soap`` (zeep, built from the served WSDL) and ``raw``
(envelopes over requests), on the session's live server (tests/conftest.py)."""

from __future__ import annotations

import pytest
from soap_helpers import RawSoap, soap_client

from mockdialer import create_app
from mockdialer.testing.live_server import LiveServer


@pytest.fixture
def soap(live):
    """zeep's service proxy for the CccService, as the demo account."""
    return soap_client(live.url).service


@pytest.fixture
def raw(live):
    """Raw envelopes over requests, as the demo account."""
    return RawSoap(live.url)


@pytest.fixture(scope="module")
def strict_soap():
    """Raw envelopes to a strict-mode server (``STRICT``: SOAP 1.1 is a VersionMismatch), as demo."""
    with LiveServer(create_app({"DB": ":memory:", "STRICT": True})) as server:
        yield RawSoap(server.url)
