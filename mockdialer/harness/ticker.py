"""The mock's heartbeat: what must happen as time passes, even when no client asks.

A vendor registers a *hook* with ``on_tick``: a function of the app that brings its running campaigns up
to the mock's clock (so their calls end, and the webhooks and notifications of those calls go out, within
a second of the clock passing them). ``tick`` runs every hook once; the harness calls it after the clock
moves, and a served app runs it every ``TICK_SECONDS`` from a daemon thread started by its first request
(``TICK_SECONDS = 0`` turns the thread off: the in-process mock and the test client tick on each request
and clock move instead). A hook that fails is logged and the others still run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import Flask

log = logging.getLogger(__name__)

HOOKS = "mockdialer.tick_hooks"
THREAD = "mockdialer.tick_thread"
Hook = Callable[[Flask], None]


def on_tick(app: Flask, hook: Hook) -> None:
    app.extensions.setdefault(HOOKS, []).append(hook)


def tick(app: Flask) -> None:
    """Run every hook once, in an app context."""
    with app.app_context():
        for hook in app.extensions.get(HOOKS, ()):
            try:
                hook(app)
            except Exception:  # noqa: BLE001 (one vendor's failure must not stop the others' deliveries)
                log.exception("tick hook %r failed", hook)


class Heartbeat:
    """A daemon thread that ticks the app every ``interval`` seconds until ``stop``."""

    def __init__(self, app: Flask, interval: float) -> None:
        self.app, self.interval = app, interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mockdialer-heartbeat", daemon=True)

    def start(self) -> Heartbeat:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            tick(self.app)


def _start_once(app: Flask) -> None:
    if THREAD in app.extensions:
        return
    interval = float(app.config.get("TICK_SECONDS", 1.0) or 0)
    app.extensions[THREAD] = Heartbeat(app, interval).start() if interval > 0 else None


def init_app(app: Flask) -> None:
    app.before_request(lambda: _start_once(app))
