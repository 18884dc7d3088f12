"""The test-harness surface: admin API under /__admin/, request journal, fault injection, clock.

``AdminClient(base_url)`` drives a mockdialer running elsewhere over HTTP; ``LocalAdmin(app)`` does the
same in process; ``ops`` holds the operations both reach.
"""

from flask import Flask

from .client import AdminClient, AdminClock, AdminError, LocalAdmin

__all__ = ["AdminClient", "AdminClock", "AdminError", "LocalAdmin", "init_app"]


def init_app(app: Flask) -> None:
    from .. import cli, faults, journal
    from . import routes

    journal.init_app(app)
    faults.init_app(app)
    routes.init_app(app)
    cli.init_app(app)
