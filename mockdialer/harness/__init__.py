"""The test harness's services, beneath every surface: the request journal, fault rules, the mock's
clock, fixture seeding, outbound deliveries and the heartbeat that moves simulations on. The admin API
(``mockdialer.admin``) drives them from above."""

from flask import Flask

from ..store import get_store
from . import clock, deliveries, faults, journal, ticker


def init_app(app: Flask) -> None:
    """The services every surface's requests go through: with a DB file and ``SHARED_STATE`` (set by
    ``make serve``), their state is in the store and beside it, shared by every process serving that
    file (docs/architecture.md, "One state across workers"); else in this app."""
    store = get_store(app)
    shared = store if store.shared and app.config.get("SHARED_STATE") else None
    clock.init_app(app, shared)
    journal.init_app(app, shared)
    faults.init_app(app, shared)
    deliveries.init_app(app)
    ticker.init_app(app)
