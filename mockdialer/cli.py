"""The command line: ``mockdialer run|seed|reset|accounts`` (console script and ``python -m mockdialer``)
and the same commands under ``flask --app mockdialer`` (``flask run`` serves as always).

``seed`` and ``reset`` work on the configured DB (``MOCKDIALER_DB`` or ``--db``) while no server holds
it; a running server is reset through ``POST /__admin/reset`` (or ``AdminClient(url).reset()``).
A problem the user can fix (a DB path that cannot be used, a port in use, an unknown account) is one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import socket
import threading
from collections.abc import Callable, Mapping
from importlib import metadata
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, with_appcontext

from . import http_server
from .admin import accounts, actions
from .config import MEMORY, StartupError
from .errors import ApiError
from .harness.fixtures import FixtureError, load_folder
from .store import get_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
VENDOR_NAMES = {"acefone": "Acefone", "callfire": "CallFire"}


# -- what the commands do, on an app (shared by the flask commands and the console script)


def seed(app: Flask, folder: str | None) -> None:
    folder = folder or app.config["FIXTURES"]
    try:
        data = load_folder(folder)
    except FixtureError as exc:
        raise click.ClickException(str(exc)) from exc
    seeded = actions.seed(app, data)
    for vendor, n in sorted(seeded.items()):
        click.echo(f"seeded {n} {vendor} account(s) from {folder}")
    if not seeded:
        click.echo(f"nothing to seed in {folder}")


def reset(app: Flask, vendor: str | None, account: str | None) -> None:
    try:
        actions.reset_state(app, vendor, account)
    except ApiError as exc:
        problems = [p for values in exc.errors.values() for p in values] or [exc.message]
        raise click.ClickException(" ".join(problems)) from exc
    what = " ".join(f"{k} {v}" for k, v in (("vendor", vendor), ("account", account)) if v) or "everything"
    click.echo(f"reset {what} in {app.config['DB']}")


def account_lines(app: Flask) -> list[str]:
    """Every account in the DB, with the credentials a client logs in with."""
    store = get_store(app)
    lines = []
    for vendor, names in actions.accounts(app).items():
        lines.append(f"{VENDOR_NAMES.get(vendor, vendor)} accounts")
        for name in names:
            lines.append(f"  {name:<16} {_credentials(store, vendor, name)}")
    return lines


def _credentials(store: Any, vendor: str, account: str) -> str:
    prefix = f"{account}/"
    if vendor == "acefone":
        profiles = [doc for _, doc in store.items("acefone.profiles", prefix)]
        tokens = [doc.get("token") for _, doc in store.items("acefone.api_tokens", prefix)]
        login = f"{profiles[0].get('email')} / {profiles[0].get('password')}" if profiles else "(no login)"
        return login + (f"  tokens: {', '.join(tokens)}" if tokens else "")
    if vendor == "callfire":
        docs = [doc for _, doc in store.items("callfire.logins", prefix)]
        logins = [f"{doc.get('login')} / {doc.get('password')}" for doc in docs]
        return "HTTP Basic " + (", ".join(logins) or "(no login)")
    return ""


def banner(app: Flask, url: str) -> str:
    """What ``mockdialer run`` prints when it starts."""
    return "\n".join(
        [
            f"mockdialer {metadata.version('mockdialer')} serving {url}",
            f"DB         {app.config['DB']}",
            f"Docs       {url}/docs  (OpenAPI: {url}/openapi.json)",
            "",
            accounts.describe(url),
            "",
            *account_lines(app),
            "",
            "Press Ctrl+C to stop.",
        ]
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def admin_warning(app: Flask, host: str) -> str | None:
    """A warning when the admin API (reset, seed, faults: no auth) is reachable from other machines."""
    if is_loopback(host) or app.config.get("ADMIN_TOKEN"):
        return None
    return (
        f"WARNING: serving on {host}, reachable from other machines, and MOCKDIALER_ADMIN_TOKEN is not "
        "set: anyone who can reach this port can reset, seed and fault the mock through /__admin/. "
        "Set MOCKDIALER_ADMIN_TOKEN, or bind 127.0.0.1."
    )


def check_port(host: str, port: int) -> None:
    """A one-line StartupError when ``host:port`` cannot be bound (in use, or not an address here)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise StartupError(
            f"mockdialer: cannot serve on {host!r}: {exc.strerror}. Use --host 127.0.0.1 "
            "or an address of this machine."
        ) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as werkzeug's server binds
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise StartupError(
                    f"mockdialer: port {port} on {host} is in use by another program: stop it, or "
                    f"pick another port (--port {port + 1}, or make run PORT={port + 1})."
                ) from None
            raise StartupError(
                f"mockdialer: cannot serve on {host}:{port} ({exc.strerror}): use another --host/--port."
            ) from None


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def serve(app: Flask, host: str, port: int, echo: Callable[[str], None] = click.echo) -> None:
    """Check the port, print the banner (and the admin warning), serve until Ctrl+C."""
    check_port(host, port)
    warning = admin_warning(app, host)
    if warning:
        click.echo(click.style(warning, fg="yellow"), err=True)
    server = http_server.make_server(app, host, port)
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    text = banner(app, f"http://{shown}:{server.server_port}")
    if shown != host:
        text = text.replace("\n", f"  (listening on {host}: every interface)\n", 1)
    echo(text)
    if threading.current_thread() is threading.main_thread():  # a server process of its own
        signal.signal(signal.SIGTERM, _stop)  # docker stop, kill: stop as Ctrl+C does
        http_server.settle_heap()
        http_server.keep_to_one_cpu()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# -- flask --app mockdialer <command>


@click.command("seed")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@with_appcontext
def seed_command(folder: str | None) -> None:
    """Add the accounts of a fixtures folder (default: MOCKDIALER_FIXTURES) to the DB."""
    seed(current_app, folder)


@click.command("reset")
@click.option("--vendor", help="Only this vendor's objects.")
@click.option("--account", help="Only this account's objects.")
@with_appcontext
def reset_command(vendor: str | None, account: str | None) -> None:
    """Put the DB back to the fixtures' state (all of it, or one vendor/account)."""
    reset(current_app, vendor, account)


@click.command("accounts")
@click.option("--url", "base_url", help="Where the mock is served (default: FLASK_RUN_HOST/PORT).")
@with_appcontext
def accounts_command(base_url: str | None) -> None:
    """Print the URLs to point a client at and every account in the DB with its credentials."""
    if not base_url:
        host = os.environ.get("FLASK_RUN_HOST", DEFAULT_HOST)
        base_url = f"http://{host}:{os.environ.get('FLASK_RUN_PORT', str(DEFAULT_PORT))}"
    click.echo(accounts.describe(base_url))
    click.echo("")
    click.echo("\n".join(account_lines(current_app)))


def flask_run_host() -> str | None:
    """The host ``flask run`` binds when the app is being created by that command (its click context is
    the current one: the command loads the app before it serves); None otherwise."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or ctx.info_name != "run" or ctx.find_object(ScriptInfo) is None:
        return None
    return str(ctx.params.get("host") or DEFAULT_HOST)


def init_app(app: Flask) -> None:
    for command in (seed_command, reset_command, accounts_command):
        app.cli.add_command(command)
    host = flask_run_host()
    if host is None:
        return
    # flask run's own command cannot be replaced: its server is set up here, and warned about
    http_server.serve_flask_run()
    warning = admin_warning(app, host)
    if warning:
        click.echo(warning, err=True)


# -- the console script: mockdialer [--db PATH] run|seed|reset|accounts (``mockdialer.__main__:main``
#    runs this group with ``obj={"factory": create_app}``)


def _app(ctx: click.Context) -> Flask:
    """The app, from the factory ``mockdialer.__main__`` hands over in ``obj`` (nothing in the package
    imports the root package)."""
    obj = ctx.find_object(dict) or {}
    factory: Callable[[Mapping[str, Any]], Flask] = obj["factory"]
    return factory(obj.get("settings", {}))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mockdialer", prog_name="mockdialer")
@click.option(
    "--db",
    metavar="PATH",
    help=f"The DB file (default: MOCKDIALER_DB, else instance/mockdialer.json; {MEMORY}: in memory).",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """mockdialer: a local mock of Acefone and CallFire API 1.1 for client tests and demos."""
    ctx.ensure_object(dict)["settings"] = {"DB": db} if db else {}


@main.command("run")
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    envvar="MOCKDIALER_HOST",
    help="Address to bind (0.0.0.0: every interface, e.g. in a container).",
)
@click.option(
    "--port",
    default=DEFAULT_PORT,
    show_default=True,
    type=click.IntRange(0, 65535),
    envvar="MOCKDIALER_PORT",
    help="Port to serve on (0: any free port).",
)
@click.pass_context
def run_command(ctx: click.Context, host: str, port: int) -> None:
    """Serve the mock (state in the DB file, seeded from the fixtures on first start)."""
    serve(_app(ctx), host, port)


@main.command("seed")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.pass_context
def main_seed(ctx: click.Context, folder: str | None) -> None:
    """Add the accounts of a fixtures folder (default: MOCKDIALER_FIXTURES) to the DB."""
    app = _app(ctx)
    with app.app_context():
        seed(app, folder)


@main.command("reset")
@click.option("--vendor", help="Only this vendor's objects.")
@click.option("--account", help="Only this account's objects.")
@click.pass_context
def main_reset(ctx: click.Context, vendor: str | None, account: str | None) -> None:
    """Put the DB back to the fixtures' state (all of it, or one vendor/account)."""
    app = _app(ctx)
    with app.app_context():
        reset(app, vendor, account)


@main.command("accounts")
@click.option(
    "--url",
    "base_url",
    help="Where the mock is served.",
    default=f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
    show_default=True,
)
@click.pass_context
def main_accounts(ctx: click.Context, base_url: str) -> None:
    """Print the URLs to point a client at and every account in the DB with its credentials."""
    app = _app(ctx)
    with app.app_context():
        click.echo(accounts.describe(base_url))
        click.echo("")
        click.echo("\n".join(account_lines(app)))
