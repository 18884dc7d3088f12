"""CallFire fixtures: REST clients over real HTTP for the demo and other accounts, the clock."""

from __future__ import annotations

import pytest
from callfire_helpers import DEMO, OTHER, CallFireRest

from mockdialer.harness.clock import get_clock


@pytest.fixture
def api(live):
    return CallFireRest(live.url, DEMO)


@pytest.fixture
def other_api(live):
    return CallFireRest(live.url, OTHER)


@pytest.fixture
def clock(app):
    return get_clock(app)
