"""The test harness around the vendors: the request journal, fault rules, the mock's clock, fixture
seeding, and the admin API (``admin/``) that drives them."""

from flask import Flask

from . import clock, faults, journal


def init_app(app: Flask) -> None:
    """The services every surface's requests go through (the admin API is installed on its own)."""
    clock.init_app(app)
    journal.init_app(app)
    faults.init_app(app)
