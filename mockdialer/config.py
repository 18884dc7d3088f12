"""Settings: Config classes and the MOCKDIALER_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

PACKAGE_DIR = Path(__file__).resolve().parent
# A symlink to the top-level fixtures/, shipped as package data so a plain pip install seeds too.
SHIPPED_FIXTURES = PACKAGE_DIR / "shipped_fixtures"

MEMORY = ":memory:"


class Config:
    """Defaults; every setting can be overridden from the environment or create_app(config)."""

    DB: str | None = None  # None: <instance folder>/mockdialer.json
    FIXTURES: str = str(SHIPPED_FIXTURES)
    STRICT: bool = False
    MAX_CONTENT_LENGTH: int = 1024 * 1024  # 1 MiB: larger bodies get 413 in the vendor's shape
    JOURNAL_MAX: int = 1000  # recorded vendor requests kept by the journal; the oldest are dropped
    JSON_SORT_KEYS = False


class TestingConfig(Config):
    TESTING = True
    DB = MEMORY


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def config_from_env() -> type[Config]:
    """A Config subclass carrying whatever MOCKDIALER_* variables are set."""
    overrides: dict[str, object] = {}
    if "MOCKDIALER_DB" in os.environ:
        overrides["DB"] = os.environ["MOCKDIALER_DB"]
    if "MOCKDIALER_FIXTURES" in os.environ:
        overrides["FIXTURES"] = os.environ["MOCKDIALER_FIXTURES"]
    if "MOCKDIALER_STRICT" in os.environ:
        overrides["STRICT"] = _flag(os.environ["MOCKDIALER_STRICT"])
    if "MOCKDIALER_JOURNAL_MAX" in os.environ:
        overrides["JOURNAL_MAX"] = int(os.environ["MOCKDIALER_JOURNAL_MAX"])
    return type("EnvConfig", (Config,), overrides)


def finalize(app: Flask) -> None:
    """Resolve derived settings once all sources are applied."""
    if not app.config.get("DB"):
        app.config["DB"] = os.path.join(app.instance_path, "mockdialer.json")
