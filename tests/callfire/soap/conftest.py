"""Fixtures for the CallFire SOAP tests: ``soap`` (zeep, built from the served WSDL) and ``raw``
(envelopes over requests), on the session's live server (tests/conftest.py)."""

from __future__ import annotations

import pytest
from soap_helpers import RawSoap, soap_client


@pytest.fixture
def soap(live):
    """zeep's service proxy for the CccService, as the demo account."""
    return soap_client(live.url).service


@pytest.fixture
def raw(live):
    """Raw envelopes over requests, as the demo account."""
    return RawSoap(live.url)
