"""The mock's clock: real time, or frozen / moved for tests. Every timestamp comes from here."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from flask import Flask, current_app

STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class Clock:
    """Real time plus an offset, or a frozen instant."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen: float | None = None

    def time(self) -> float:
        """Seconds since the epoch, as the mock sees it."""
        frozen = self._frozen
        return frozen if frozen is not None else time.time() + self._offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def stamp(self) -> str:
        """Now as ``2026-11-22T22:49:34Z`` (UTC, whole seconds)."""
        return datetime.fromtimestamp(self.time() // 1, UTC).strftime(STAMP_FORMAT)

    def freeze(self, at: float | None = None) -> None:
        with self._lock:
            self._frozen = self.time() if at is None else float(at)

    def set(self, at: float) -> None:
        """Move to ``at`` (epoch seconds), keeping the clock frozen or running as it was."""
        with self._lock:
            if self._frozen is not None:
                self._frozen = float(at)
            else:
                self._offset = float(at) - time.time()

    def advance(self, seconds: float) -> None:
        with self._lock:
            if self._frozen is not None:
                self._frozen += seconds
            else:
                self._offset += seconds

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
            self._frozen = None

    @property
    def frozen(self) -> bool:
        return self._frozen is not None


def init_app(app: Flask) -> None:
    app.extensions["mockdialer.clock"] = Clock()


def get_clock(app: Flask | None = None) -> Clock:
    return (app or current_app).extensions["mockdialer.clock"]


def now() -> datetime:
    return get_clock().now()


def stamp() -> str:
    return get_clock().stamp()
