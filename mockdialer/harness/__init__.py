"""The test harness's services, beneath every surface: the request journal, fault rules, the mock's
clock, fixture seeding, outbound deliveries and the heartbeat that moves simulations on. The admin API
(``mockdialer.admin``) drives them from above."""

from flask import Flask

from . import clock, deliveries, faults, journal, ticker


def init_app(app: Flask) -> None:
    """The services every surface's requests go through."""
    clock.init_app(app)
    journal.init_app(app)
    faults.init_app(app)
    deliveries.init_app(app)
    ticker.init_app(app)
