"""What the current request is, as the vendor code knows it: operation name and calling account.

Vendor views call ``set_operation`` / ``set_account`` (auth does the latter); the journal and the
fault rules read them. Outside a vendor route both are ``None``.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, g

HOOKS = "mockdialer.requestinfo_hooks"


def on_change(app: Flask, hook: Callable[[], None]) -> None:
    """Call ``hook()`` whenever a view reports its operation or account (fault rules wait for them)."""
    app.extensions.setdefault(HOOKS, []).append(hook)


def _changed() -> None:
    for hook in current_app.extensions.get(HOOKS, ()):
        hook()


def set_operation(name: str) -> None:
    """``"acefone.update_campaign"``, ``"callfire.UpdateCccCampaign"``, ..."""
    g.mockdialer_operation = name
    _changed()


def set_account(account: str) -> None:
    g.mockdialer_account = account
    _changed()


def operation() -> str | None:
    return g.get("mockdialer_operation")


def account() -> str | None:
    return g.get("mockdialer_account")


def set_body(parsed: object) -> None:
    """The request body as the vendor code parsed it (dict), for the journal."""
    g.mockdialer_body = parsed


def reported() -> tuple[str | None, str | None, object]:
    """The operation, the account and the parsed body (``set_body``), in one look at ``g``."""
    bag = g._get_current_object()
    return bag.get("mockdialer_operation"), bag.get("mockdialer_account"), bag.get("mockdialer_body")
