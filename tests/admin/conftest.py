"""Admin tests drive the app over real HTTP (``live``) with the stdlib AdminClient, and the
CallFire REST routes with ``requests`` as a client would."""

from __future__ import annotations

import pytest

from mockdialer.admin import AdminClient


@pytest.fixture
def admin(live):
    return AdminClient(live.url)


@pytest.fixture
def rest(admin):
    """``rest("GET", "/ccc/1001.json", **requests_kwargs)`` against CallFire REST as the demo login."""
    import requests

    session = requests.Session()
    session.auth = admin.callfire_auth

    def call(method, path, **kwargs):
        return session.request(method, admin.callfire_rest_url + path, timeout=10, **kwargs)

    yield call
    session.close()
