"""The heartbeat: hooks run on tick, a failing hook does not stop the others, a served app ticks alone."""

from __future__ import annotations

import time

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.harness import ticker


def test_tick_runs_every_hook_and_survives_a_failing_one():
    app = create_app(TestingConfig)
    seen = []

    def broken(_app):
        raise RuntimeError("boom")

    ticker.on_tick(app, broken)
    ticker.on_tick(app, lambda a: seen.append(a))
    ticker.tick(app)
    assert seen == [app]


def test_a_served_app_ticks_by_itself_after_its_first_request():
    app = create_app({"DB": ":memory:", "TICK_SECONDS": 0.05})
    seen = []
    ticker.on_tick(app, lambda a: seen.append(time.monotonic()))
    time.sleep(0.15)
    assert seen == []  # create_app starts no thread
    app.test_client().get("/__admin/health")
    deadline = time.monotonic() + 10  # a loaded machine may hold the heartbeat's thread for a while
    while len(seen) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(seen) >= 3  # it kept ticking with no request


def test_testing_config_starts_no_heartbeat():
    app = create_app(TestingConfig)
    seen = []
    ticker.on_tick(app, lambda a: seen.append(a))
    app.test_client().get("/__admin/health")
    time.sleep(0.1)
    assert seen == []
