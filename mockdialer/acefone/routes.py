"""Acefone's operations under /v1/: auth, dialer campaigns, and the account objects a campaign points at.

Each operation is declared once (``pipeline.operation``): its name, its routes and its auth.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..pipeline import Surface, operation, record_account
from ..store import get_store
from . import auth, campaigns, objects
from .body import json_body, strict_mode
from .objects import ObjectKind
from .render import data, envelope, render_error

SURFACE = Surface("acefone", "acefone", "/v1/", render_error, {"invalid": 422})
bp = Blueprint("acefone", __name__)
CAMPAIGNS = "/v1/dialer/campaign"
CAMPAIGN = "/v1/dialer/campaign/<campaign_id>"
OPTIONS = {"strict_slashes": False}


def _declare(name: str, rule: str, method: str, authenticate=auth.authenticate):
    parse = json_body if method in ("POST", "PUT") and name not in ("refresh", "logout") else None
    return operation(SURFACE, bp, f"acefone.{name}", rule, [method], authenticate, parse, **OPTIONS)


def _token_owner() -> auth.Caller:
    """Refresh and logout act on a login token, whatever the method (they change no campaign)."""
    return auth.authenticate(write=False)


@_declare("login", "/v1/auth/login", "POST", authenticate=None)
def login(_caller, body: dict):
    return jsonify(auth.login(body.get("email"), body.get("password"), on_account=record_account))


@_declare("refresh", "/v1/auth/refresh", "POST", authenticate=_token_owner)
def refresh(caller: auth.Caller):
    auth.login_token_only(caller, "refreshed")
    store = get_store()
    with store.transaction():
        # jwt-auth's refresh ends the old token: using it afterwards gets 401 (logged out)
        auth.revoke(caller, "refresh")
        return jsonify(auth.issue(auth.profile_by_user(store, caller.user_id), "refresh"))


@_declare("logout", "/v1/auth/logout", "POST", authenticate=_token_owner)
def logout(caller: auth.Caller):
    auth.login_token_only(caller, "logged out")
    auth.revoke(caller, "logout")
    return envelope("Successfully logged out")


@_declare("create_campaign", CAMPAIGNS, "POST")
def create_campaign(caller: auth.Caller, body: dict):
    campaign_id = campaigns.create(caller.view(), body, strict_mode())
    return envelope("Campaign created successfully", campaign_id=campaign_id)


@_declare("list_campaigns", CAMPAIGNS, "GET")
def list_campaigns(caller: auth.Caller):
    found = campaigns.list_all(caller.view())
    return data(found, count=len(found))


@_declare("get_campaign", CAMPAIGN, "GET")
def get_campaign(caller: auth.Caller, campaign_id: str):
    return data(campaigns.get(caller.view(), campaign_id))


@_declare("update_campaign", CAMPAIGN, "PUT")
def update_campaign(caller: auth.Caller, body: dict, campaign_id: str):
    campaigns.update(caller.view(), campaign_id, body, strict_mode())
    return envelope("Campaign updated successfully")


@_declare("delete_campaign", CAMPAIGN, "DELETE")
def delete_campaign(caller: auth.Caller, campaign_id: str):
    campaigns.delete(caller.view(), campaign_id)
    return envelope("Campaign deleted successfully")


def _sentence(kind: ObjectKind, verb: str) -> str:
    return f"{kind.label[0].upper()}{kind.label[1:]} {verb} successfully"


LISTED_BY_CALLS_API = {"users", "my_numbers"}  # call_routes.py lists them as integrations read them


def _declare_kind(kind: ObjectKind) -> None:
    """The routes of one kind of account object (``objects.KINDS``)."""

    if kind.plural not in LISTED_BY_CALLS_API:

        @_declare(f"list_{kind.plural}", kind.list_path, "GET")
        def list_view(caller: auth.Caller):
            found = objects.list_all(caller.view(), kind)
            return data(found, count=len(found), **({"has_more": False} if kind.paged else {}))

    if kind.create_path:

        @_declare(f"create_{kind.singular}", kind.create_path, "POST")
        def create_view(caller: auth.Caller, body: dict):
            new_id = objects.create(caller.view(), kind, body, strict_mode())
            return envelope(_sentence(kind, "created"), id=new_id)

    def get_view(caller: auth.Caller, id: str):
        return data(objects.get(caller.view(), kind, id))

    def update_view(caller: auth.Caller, body: dict, id: str):
        objects.update(caller.view(), kind, id, body, strict_mode())
        return envelope(_sentence(kind, "updated"))

    def delete_view(caller: auth.Caller, id: str):
        objects.delete(caller.view(), kind, id)
        return envelope(_sentence(kind, "deleted"))

    views = {"GET": ("get", get_view), "PUT": ("update", update_view), "DELETE": ("delete", delete_view)}
    for method in kind.item_methods:
        verb, view = views[method]
        _declare(f"{verb}_{kind.singular}", kind.item_path, method)(view)


for _kind in objects.KINDS:
    _declare_kind(_kind)
