"""Seeding from fixture folders: ``<folder>/<vendor>/*.json``, one file per account."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from ..config import StartupError
from ..store import Store, get_store

SEEDERS = "mockdialer.seeders"
Seeder = Callable[[Store, dict], None]


class FixtureError(StartupError, RuntimeError):
    """A fixture file cannot be read; the message names it."""


def load_folder(folder: str | Path) -> dict[str, list[dict]]:
    """{vendor: [account document, ...]} from every ``<vendor>/*.json`` under ``folder``."""
    root = Path(folder)
    if not root.is_dir():
        raise FixtureError(f"mockdialer: fixtures folder {root} does not exist")
    found: dict[str, list[dict]] = {}
    for path in sorted(root.glob("*/*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FixtureError(f"mockdialer: fixture file {path} cannot be read: {exc}") from exc
        found.setdefault(path.parent.name, []).append(doc)
    return found


def register_seeder(app: Flask, vendor: str, seeder: Seeder) -> None:
    """``seeder(store, account_doc)`` is called once per fixture file under ``<folder>/<vendor>/``."""
    app.extensions.setdefault(SEEDERS, {})[vendor] = seeder


def seed(app: Flask, store: Store, data: dict[str, list[dict]]) -> dict[str, int]:
    """Load fixture documents through each vendor's seeder; returns accounts seeded per vendor."""
    seeders = app.extensions.get(SEEDERS, {})
    counts: dict[str, int] = {}
    with store.transaction():
        for vendor, accounts in data.items():
            seeder = seeders.get(vendor)
            if seeder is None:
                continue
            for account in accounts:
                seeder(store, account)
            counts[vendor] = len(accounts)
    return counts


def init_app(app: Flask) -> None:
    """An empty or new DB is seeded on start; an existing one is kept as it is."""
    store = get_store(app)
    folder = app.config.get("FIXTURES")
    if folder and store.is_empty():
        seed(app, store, load_folder(folder))
