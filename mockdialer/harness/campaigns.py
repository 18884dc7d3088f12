"""What each vendor shows the admin API and the console of its campaigns, behind one interface.

A vendor registers a ``Campaigns`` (``register``) from its ``init_app``; the admin API and the console,
which must not import the vendors, find it here by vendor name. A row is the same for every vendor:

    {"vendor", "account", "id", "name", "status", "last_change", "fields": {the vendor's own fields},
     "simulation": {"status", "counts", "series", ...} or None}

``control`` runs the vendor's own state change through its domain code (CallFire: its control operation),
``sync`` brings every running campaign's simulated dialing up to the mock's clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from ..errors import NotFound, ValidationFailed

REGISTRY = "mockdialer.campaigns"


@dataclass(frozen=True)
class Campaigns:
    vendor: str
    accounts: Callable[[], list[str]]
    rows: Callable[[str], list[dict]]  # account -> every campaign's row
    row: Callable[[str, str], dict]  # (account, id) -> one row; raises NotFound
    commands: tuple[str, ...]  # what ``control`` takes, as the vendor spells it
    control: Callable[[str, str, str], None]  # (account, id, command)
    sync: Callable[[], None]  # every account's running campaigns up to the clock's now
    command_help: str = ""


def register(app: Flask, campaigns: Campaigns) -> None:
    app.extensions.setdefault(REGISTRY, {})[campaigns.vendor] = campaigns


def registered(app: Flask | None = None) -> dict[str, Campaigns]:
    return (app or current_app).extensions.get(REGISTRY, {})


def of(vendor: str, app: Flask | None = None) -> Campaigns:
    found = registered(app).get(vendor)
    if found is None:
        names = ", ".join(sorted(registered(app))) or "none"
        raise NotFound(f"No vendor {vendor!r} with campaigns; vendors: {names}")
    return found


def control(vendor: str, account: str, campaign_id: str, command: str, app: Flask | None = None) -> dict:
    """Run ``command`` (case as the vendor spells it; any case accepted) and return the row after it."""
    campaigns = of(vendor, app)
    wanted = {c.upper(): c for c in campaigns.commands}
    if str(command).upper() not in wanted:
        raise ValidationFailed(errors={"command": [f"One of: {', '.join(campaigns.commands)}."]})
    campaigns.control(account, str(campaign_id), wanted[str(command).upper()])
    return campaigns.row(account, str(campaign_id))


def sync_all(app: Flask | None = None) -> None:
    for campaigns in registered(app).values():
        campaigns.sync()
