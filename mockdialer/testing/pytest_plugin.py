"""pytest plugin (entry point ``pytest11``): fixtures that run mockdialer for a client's test suite.

- ``mockdialer_app`` (session): the Flask app on an in-memory store, seeded from the shipped fixtures
  (plus the folder named by the ``mockdialer_fixtures`` ini option, if any).
- ``mockdialer_server`` (session): that app served on 127.0.0.1, a free port, in a background thread.
  Under pytest-xdist every worker process has its own app and server, so workers never share state.
- ``mockdialer`` (function): puts state, journal, fault rules and clock back to the session's start
  before the test (a snapshot restore), and returns a ``MockDialer`` handle: the URLs and demo
  credentials (flat fields: ``base_url``, ``acefone_url``, ``callfire_rest_url``, ``callfire_auth``...)
  and every admin verb, in process:

  - state: ``reset(vendor=None, account=None)``, ``seed(fixtures | folder=...)``, ``health()``;
  - the journal: ``requests(**filters)``, ``count(**filters)``, ``clear_requests()``,
    ``verify(operation, account, times, body_contains, **match)``;
  - fault rules: ``fault(action, **rule)``, ``faults()``, ``delete_fault(id)``, ``clear_faults()``,
    ``assert_all_faults_fired()``;
  - the clock: ``clock.freeze(at)``, ``unfreeze()``, ``set(at)``, ``advance(seconds)``, ``reset()``,
    ``state()``, ``time()``, ``now()``;
  - campaigns: ``campaigns(vendor, account)``, ``campaign(vendor, account, id)``,
    ``control(vendor, account, id, command)``;
  - webhooks and notifications: ``add_webhook(trigger, url, ...)``, ``webhooks()``, ``webhook(id)``,
    ``delete_webhook(id)``, ``deliveries(**filters)`` (the journal's delivery attempts),
    ``wait_for_deliveries(timeout)`` (send what the clock passed, wait until all is delivered);
  - ``admin_headers``: the admin token's header for your own HTTP calls to ``/__admin/``.
- ``mockdialer_vendors`` (function): the same app, reset the same way, answering the vendors' real
  hosts in process (``mockdialer.mock_vendors``): client code keeps ``https://api.acefone.in`` and
  ``https://www.callfire.com``. Its handle has the same verbs, plus ``deliveries`` as a list of what
  it received (``Delivered``); its URLs are the vendors' own; with ``MOCKDIALER_ADMIN_TOKEN`` set its
  verbs send the token, and ``admin_headers`` is the header for your own HTTP calls to /__admin/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..admin import actions
from ..admin.client import LocalAdmin
from ..app import create_app
from ..config import MEMORY
from .inprocess import VendorMock
from .live_server import LiveServer


class MockDialer(LocalAdmin):
    """The handle the ``mockdialer`` fixture returns: every ``AdminClient`` verb, in process."""

    def __init__(self, server) -> None:
        super().__init__(server.app, url=server.url)
        self.server = server

    def reset(self, vendor: str | None = None, account: str | None = None) -> dict:
        return actions.reset(self.app, vendor, account)

    @property
    def admin_headers(self) -> dict[str, str]:
        """What a request to ``url + "/__admin/..."`` over HTTP needs: the admin token's header when
        ``MOCKDIALER_ADMIN_TOKEN`` is set (the handle's own verbs send it already), else nothing."""
        token = self.app.config.get("ADMIN_TOKEN")
        return {"Authorization": f"Bearer {token}"} if token else {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "mockdialer_fixtures",
        "A fixtures folder (<vendor>/*.json) seeded into mockdialer after the shipped demo accounts.",
        default="",
    )


@pytest.fixture(scope="session")
def mockdialer_app(pytestconfig: pytest.Config):
    """The mockdialer Flask app (``mockdialer_app.test_client()`` for in-process calls)."""
    app = create_app({"DB": MEMORY, "TESTING": True})
    extra = pytestconfig.getini("mockdialer_fixtures")
    if extra:
        actions.seed(app, folder=str(Path(pytestconfig.rootpath, extra)))
    actions.capture_baseline(app)
    return app


@pytest.fixture(scope="session")
def mockdialer_server(mockdialer_app):
    """A live server (``.url``, ``.port``) for the whole session; one per xdist worker."""
    with LiveServer(mockdialer_app) as server:
        yield server


@pytest.fixture
def mockdialer(mockdialer_server) -> MockDialer:
    """A fresh mockdialer for this test: seeded state, empty journal, no fault rules, real time."""
    handle = MockDialer(mockdialer_server)
    handle.reset()
    return handle


@pytest.fixture
def mockdialer_vendors(mockdialer_app):
    """The vendors' real hosts answered in process by the session's app, fresh for this test."""
    with VendorMock(mockdialer_app) as handle:
        yield handle
