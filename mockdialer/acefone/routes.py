"""Acefone HTTP routes: auth and the dialer campaign endpoints (parsing and rendering only)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from .. import requestinfo
from ..store import get_store
from . import auth, campaigns
from .http import data, envelope, json_body, reject_oversized, strict_mode

bp = Blueprint("acefone", __name__)
bp.before_request(reject_oversized)
CAMPAIGNS = "/v1/dialer/campaign"
CAMPAIGN = "/v1/dialer/campaign/<campaign_id>"


@bp.post("/v1/auth/login", strict_slashes=False)
def login():
    requestinfo.set_operation("acefone.login")
    body = json_body()
    return jsonify(auth.login(body.get("email"), body.get("password")))


@bp.post("/v1/auth/refresh", strict_slashes=False)
def refresh():
    requestinfo.set_operation("acefone.refresh")
    caller = auth.authenticate(write=False)
    auth.login_token_only(caller, "refreshed")
    store = get_store()
    with store.transaction():
        # jwt-auth's refresh ends the old token: using it afterwards gets 401 (logged out)
        auth.revoke(caller, "refresh")
        return jsonify(auth.issue(auth.profile_by_user(store, caller.user_id), "refresh"))


@bp.post("/v1/auth/logout", strict_slashes=False)
def logout():
    requestinfo.set_operation("acefone.logout")
    caller = auth.authenticate(write=False)
    auth.login_token_only(caller, "logged out")
    auth.revoke(caller, "logout")
    return envelope("Successfully logged out")


@bp.post(CAMPAIGNS, strict_slashes=False)
def create_campaign():
    requestinfo.set_operation("acefone.create_campaign")
    caller = auth.authenticate()
    body = json_body()
    campaign_id = campaigns.create(caller.view(), body, strict_mode())
    return envelope("Campaign created successfully", campaign_id=campaign_id)


@bp.get(CAMPAIGNS, strict_slashes=False)
def list_campaigns():
    requestinfo.set_operation("acefone.list_campaigns")
    caller = auth.authenticate()
    found = campaigns.list_all(caller.view())
    return data(found, count=len(found))


@bp.get(CAMPAIGN, strict_slashes=False)
def get_campaign(campaign_id: str):
    requestinfo.set_operation("acefone.get_campaign")
    caller = auth.authenticate()
    return data(campaigns.get(caller.view(), campaign_id))


@bp.put(CAMPAIGN, strict_slashes=False)
def update_campaign(campaign_id: str):
    requestinfo.set_operation("acefone.update_campaign")
    caller = auth.authenticate()
    body = json_body()
    campaigns.update(caller.view(), campaign_id, body, strict_mode())
    return envelope("Campaign updated successfully")


@bp.delete(CAMPAIGN, strict_slashes=False)
def delete_campaign(campaign_id: str):
    requestinfo.set_operation("acefone.delete_campaign")
    caller = auth.authenticate()
    campaigns.delete(caller.view(), campaign_id)
    return envelope("Campaign deleted successfully")
