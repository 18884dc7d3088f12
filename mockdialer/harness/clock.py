"""The mock's clock: real time, or frozen / moved for tests. Every timestamp comes from here.

With a DB file the clock's state (offset, frozen instant) is a document of the store (``STATE``), so
every process serving that file keeps one time; with ``:memory:`` it is held by the app's ``Clock``.
"""

from __future__ import annotations

import threading
import time
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from flask import Flask, current_app

from ..store import Store

STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
STATE = ("_harness.clock", "state")  # the store's document of a shared clock
EXTENSION = "mockdialer.clock"


class Clock:
    """Real time plus an offset, or a frozen instant; kept in ``store`` when one is given (shared by
    every process on its DB file), else in this object."""

    def __init__(self, store: Store | None = None) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen: float | None = None

    def _state(self) -> tuple[float, float | None]:
        if self._store is None:
            return self._offset, self._frozen
        doc = self._store.peek(*STATE)
        return (doc["offset"], doc["frozen"]) if doc else (0.0, None)

    def _save(self, offset: float, frozen: float | None) -> None:
        if self._store is None:
            self._offset, self._frozen = offset, frozen
        else:
            self._store.put(*STATE, {"offset": offset, "frozen": frozen})

    def _changing(self) -> AbstractContextManager:
        return self._lock if self._store is None else self._store.transaction()

    def time(self) -> float:
        """Seconds since the epoch, as the mock sees it."""
        offset, frozen = self._state()
        return frozen if frozen is not None else time.time() + offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def stamp(self) -> str:
        """Now as ``2026-11-22T22:49:34Z`` (UTC, whole seconds)."""
        return time.strftime(STAMP_FORMAT, time.gmtime(self.time()))

    def freeze(self, at: float | None = None) -> None:
        with self._changing():
            offset, _ = self._state()
            self._save(offset, self.time() if at is None else float(at))

    def set(self, at: float) -> None:
        """Move to ``at`` (epoch seconds), keeping the clock frozen or running as it was."""
        with self._changing():
            offset, frozen = self._state()
            if frozen is not None:
                self._save(offset, float(at))
            else:
                self._save(float(at) - time.time(), None)

    def advance(self, seconds: float) -> None:
        with self._changing():
            offset, frozen = self._state()
            if frozen is not None:
                self._save(offset, frozen + seconds)
            else:
                self._save(offset + seconds, None)

    def reset(self) -> None:
        with self._changing():
            self._save(0.0, None)

    @property
    def frozen(self) -> bool:
        return self._state()[1] is not None


def init_app(app: Flask, store: Store | None = None) -> None:
    """``store``: the shared store the clock's state lives in (None: this app's memory)."""
    app.extensions[EXTENSION] = Clock(store)


def get_clock(app: Flask | None = None) -> Clock:
    return (app or current_app).extensions[EXTENSION]


def now() -> datetime:
    return get_clock().now()


def stamp() -> str:
    return get_clock().stamp()
