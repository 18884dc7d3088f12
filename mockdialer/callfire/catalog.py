"""CallFire's campaigns as the admin API and the console list them (``harness.campaigns``): rows of
the API's own CccCampaign fields, the campaign control commands, and the simulated dialing."""

from __future__ import annotations

from flask import Flask

from ..harness.campaigns import Campaigns, register
from .domain import campaigns as domain
from .domain import dialing
from .domain.tables import CAMPAIGNS, parse_id, view_for

COMMANDS = ("START", "STOP", "ARCHIVE")


def _row(account: str, doc: dict) -> dict:
    simulated = dialing.summary(account, doc)
    fields = domain.get_campaign(account, doc["id"])  # after the simulation may have FINISHED it
    return {
        "vendor": "callfire",
        "account": account,
        "id": str(fields["id"]),
        "name": fields.get("Name"),
        "status": fields.get("Status"),
        "last_change": fields.get("LastModified"),
        "fields": fields,
        "simulation": simulated,
    }


def rows(account: str) -> list[dict]:
    docs = sorted(view_for(account).list(CAMPAIGNS), key=lambda d: d["id"])
    return [_row(account, doc) for doc in docs]


def row(account: str, campaign_id: str) -> dict:
    domain.get_campaign(account, campaign_id)  # NotFound in CallFire's words
    return _row(account, view_for(account).get(CAMPAIGNS, parse_id(campaign_id)))


def control(account: str, campaign_id: str, command: str) -> None:
    """The campaign control operation, as the API runs it; the simulation notes the change at once."""
    dialing.refresh_campaign(account, campaign_id)
    domain.control_campaign(account, campaign_id, command=command)
    dialing.refresh_campaign(account, campaign_id)


def init_app(app: Flask) -> None:
    register(
        app,
        Campaigns(
            vendor="callfire",
            accounts=dialing.accounts,
            rows=rows,
            row=row,
            commands=COMMANDS,
            control=control,
            sync=dialing.sync,
            command_help="The API's control: START makes it RUNNING, STOP STOPPED, ARCHIVE ARCHIVED.",
        ),
    )
