"""Flask commands: ``flask --app mockdialer seed [FOLDER]``, ``reset``, ``accounts``.

``seed`` and ``reset`` work on the configured DB (``MOCKDIALER_DB``) while no server holds it; a running
server is reset through ``POST /__admin/reset`` (or ``AdminClient(url).reset()``).
"""

from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .admin import actions
from .admin.accounts import describe
from .errors import ApiError
from .harness.fixtures import FixtureError, load_folder


@click.command("seed")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@with_appcontext
def seed_command(folder: str | None) -> None:
    """Add the accounts of a fixtures folder (default: MOCKDIALER_FIXTURES) to the DB."""
    folder = folder or current_app.config["FIXTURES"]
    try:
        data = load_folder(folder)
    except FixtureError as exc:
        raise click.ClickException(str(exc)) from exc
    seeded = actions.seed(current_app, data)
    for vendor, n in sorted(seeded.items()):
        click.echo(f"seeded {n} {vendor} account(s) from {folder}")
    if not seeded:
        click.echo(f"nothing to seed in {folder}")


@click.command("reset")
@click.option("--vendor", help="Only this vendor's objects.")
@click.option("--account", help="Only this account's objects.")
@with_appcontext
def reset_command(vendor: str | None, account: str | None) -> None:
    """Put the DB back to the fixtures' state (all of it, or one vendor/account)."""
    try:
        actions.reset_state(current_app, vendor, account)
    except ApiError as exc:
        raise click.ClickException(f"{exc.message} {exc.errors or ''}".strip()) from exc
    what = " ".join(f"{k} {v}" for k, v in (("vendor", vendor), ("account", account)) if v) or "everything"
    click.echo(f"reset {what} in {current_app.config['DB']}")


@click.command("accounts")
@click.option("--url", "base_url", help="Where the mock is served (default: FLASK_RUN_HOST/PORT).")
def accounts_command(base_url: str | None) -> None:
    """Print the demo credentials and the URLs to point a client at."""
    if not base_url:
        host = os.environ.get("FLASK_RUN_HOST", "127.0.0.1")
        base_url = f"http://{host}:{os.environ.get('FLASK_RUN_PORT', '5000')}"
    click.echo(describe(base_url))


def init_app(app: Flask) -> None:
    for command in (seed_command, reset_command, accounts_command):
        app.cli.add_command(command)
