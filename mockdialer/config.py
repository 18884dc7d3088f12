"""Settings: Config classes and the MOCKDIALER_* environment variables."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click
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
    FSYNC: bool = False  # True: each acknowledged write is also fsync'd (power loss); else the OS has it
    JOURNAL_MAX: int = 1000  # recorded vendor requests kept by the journal; the oldest are dropped
    SHARED_STATE: bool = False  # True: clock, fault rules and journal live in and beside the DB file,
    # one state for every process serving it (make serve sets it; docs/architecture.md)
    ACEFONE_JWT_SECRET: str | None = None  # None: a random secret made once per DB and kept in it
    ADMIN_TOKEN: str | None = None  # set: /__admin/ and the console need "Authorization: Bearer <it>"
    ACEFONE_UNKNOWN_ROUTE_STATUS: int = 404  # 403 answers unknown routes as the live API's gateway does
    MAX_CONTENT_LENGTH: int = 1024 * 1024  # 1 MiB: larger bodies get 413 in the vendor's shape
    MAX_HEADER_BYTES: int = 64 * 1024  # 64 KiB of request headers: more get 431 in the vendor's shape
    TICK_SECONDS: float = 1.0  # how often a served mock moves running campaigns on (0: only on requests)


class TestingConfig(Config):
    TESTING = True
    DB = MEMORY
    TICK_SECONDS = 0.0


class StartupError(click.ClickException):
    """The server cannot start as configured: ``flask run`` prints the message alone, no traceback."""


class ConfigError(StartupError, ValueError):
    """A MOCKDIALER_* variable holds a value the setting cannot take; the message names it."""


def _flag(value: str) -> bool:
    text = value.strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected 1 or 0")


def _status(value: str) -> int:
    if value.strip() not in {"403", "404"}:
        raise ValueError("expected 403 or 404")
    return int(value)


def _whole(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("expected a whole number of at least 1")
    return number


def _seconds(value: str) -> float:
    number = float(value)
    if not (number >= 0 and number != float("inf")):
        raise ValueError("must be a number of seconds, 0 or more")
    return number


# setting: (environment variable, parser); the README's settings table lists them all
ENVIRONMENT = {
    "DB": ("MOCKDIALER_DB", str),
    "FIXTURES": ("MOCKDIALER_FIXTURES", str),
    "STRICT": ("MOCKDIALER_STRICT", _flag),
    "FSYNC": ("MOCKDIALER_FSYNC", _flag),
    "JOURNAL_MAX": ("MOCKDIALER_JOURNAL_MAX", _whole),
    "SHARED_STATE": ("MOCKDIALER_SHARED_STATE", _flag),
    "ACEFONE_JWT_SECRET": ("MOCKDIALER_ACEFONE_JWT_SECRET", str),
    "ADMIN_TOKEN": ("MOCKDIALER_ADMIN_TOKEN", str),
    "ACEFONE_UNKNOWN_ROUTE_STATUS": ("MOCKDIALER_ACEFONE_UNKNOWN_ROUTE_STATUS", _status),
    "TICK_SECONDS": ("MOCKDIALER_TICK_SECONDS", _seconds),
}


def config_from_env() -> type[Config]:
    """A Config subclass carrying whatever MOCKDIALER_* variables are set."""
    overrides: dict[str, object] = {}
    for setting, (variable, parse) in ENVIRONMENT.items():
        if variable in os.environ:
            try:
                overrides[setting] = parse(os.environ[variable])
            except ValueError as exc:
                raise ConfigError(f"mockdialer: {variable}={os.environ[variable]!r}: {exc}") from None
    return type("EnvConfig", (Config,), overrides)


def finalize(app: Flask) -> None:
    """Resolve derived settings once all sources are applied."""
    if not app.config.get("DB"):
        app.config["DB"] = os.path.join(app.instance_path, "mockdialer.json")
    check_db_location(app.config["DB"])


def check_db_location(db: str) -> None:
    """A one-line StartupError when the DB path is a directory, or its folder cannot be created or
    written (the store needs to create the file, its write log and a lock beside it)."""
    if db == MEMORY:
        return
    path = Path(db)
    fix = "point MOCKDIALER_DB (or mockdialer --db) at a file in a writable folder"
    folder = path.parent
    if path.is_dir():
        problem = f"the DB path {path} is a directory: {fix}, e.g. {path / 'mockdialer.json'}"
    else:
        problem = _unusable_folder(folder)
        if problem:
            problem = f"{problem}: {fix}"
        elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
            problem = f"the DB file {path} is read-only: make it writable, or {fix}"
    if problem:
        raise StartupError(f"mockdialer: {problem}")


def _unusable_folder(folder: Path) -> str | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        return f"the DB folder {folder} is (inside) a file, not a folder"
    except OSError as exc:
        return f"the DB folder {folder} cannot be created ({exc.strerror})"
    try:
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as exc:
        return f"the DB folder {folder} is not writable ({exc.strerror})"
    return None
