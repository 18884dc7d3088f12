"""Shared fixtures: an app on an in-memory store seeded from the shipped fixtures, its test client,
and the same app served over real HTTP on a free port (contract tests use ``live``)."""

from __future__ import annotations

import pytest

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.server import LiveServer


@pytest.fixture
def app():
    return create_app(TestingConfig)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def live(app):
    """The app over real HTTP: ``live.url`` is ``http://127.0.0.1:<free port>``."""
    with LiveServer(app) as server:
        yield server
