"""Acefone's operations under /v1/: auth, dialer campaigns, and the account objects a campaign points at.

Each operation is declared once (``pipeline.operation``): its name, its routes, its auth and what the
OpenAPI document says of it (``documented.Doc``: summary, body schema, answer, errors, example).
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..documented import Doc, Docs, Link, documented
from ..pipeline import Surface, operation, record_account
from ..store import get_store
from . import auth, campaigns, objects
from .body import json_body, strict_mode
from .objects import ObjectKind
from .render import data, envelope, render_error
from .schemas import CampaignSchema, ObjectSchema

SURFACE = Surface("acefone", "acefone", "/v1/", render_error, {"invalid": 422})
bp = Blueprint("acefone", __name__)
CAMPAIGNS = "/v1/dialer/campaign"
CAMPAIGN = "/v1/dialer/campaign/<campaign_id>"
OPTIONS = {"strict_slashes": False}
DOCS = Docs()  # what the OpenAPI document says of each operation of the surface (call_routes.py's too)
READ = (401, 403, 405, 429, 431)  # any call's error statuses
BODY = (400, 413, 415, 422)  # and a JSON body's
AUTH, CAMPAIGN_TAG, OBJECT_TAG = "Acefone auth", "Acefone dialer campaigns", "Acefone account objects"

# Valid for the demo account's fixtures (fixtures/acefone/demo.json): the examples phase and /docs use them.
CAMPAIGN_EXAMPLE = {
    "name": "Home Loan Ratio - Pune",
    "dial_method": "2",
    "dial_ratio": "2",
    "outbound_caller_id": "1001",
    "disposition_list": "3001",
    "number_of_retry": "2",
    "retry_after_minutes": "30",
    "auto_disposition_cancel_duration": "10",
    "dial_status": ["0"],
    "lead_list_map": [{"list_id": 5001, "list_status": 1}],
}
UPDATE_EXAMPLE = {"name": "Home Loan Ratio - Pune (weekend)", "dial_method": "1", "auto_dial_duration": "15"}
OBJECT_EXAMPLE = {"name": "Weekend list", "description": "Made from the docs"}
LOGIN_EXAMPLE = {"email": "demo@acefone.test", "password": "demo-password"}
# an object of each kind in the demo account (fixtures/acefone/demo.json), for the item paths' examples
OBJECT_IDS = {
    "dids": "1001",
    "lead_lists": "5001",
    "disposition_lists": "3001",
    "time_groups": "4001",
    "agent_scripts": "6001",
    "break_lists": "7001",
    "quick_transfer_lists": "8001",
    "inbound_queues": "8501",
    "dnd_lists": "8801",
}
CAMPAIGN_ID = {
    "campaign_id": {
        "description": "Id of a dialer campaign",
        "schema": {"type": "string", "example": "40001"},
    }
}


def _declare(name: str, rule: str, method: str, authenticate=auth.authenticate, doc: Doc | None = None):
    parse = json_body if method in ("POST", "PUT") and name not in ("refresh", "logout") else None
    declare = operation(SURFACE, bp, f"acefone.{name}", rule, [method], authenticate, parse, **OPTIONS)
    document = documented(DOCS, f"acefone.{name}", doc)
    return lambda view: document(declare(view))


def _links(param: str, pointer: str, **operations: str | None) -> dict[str, Link]:
    return {label: Link(op, param, pointer) for label, op in operations.items() if op}


def _token_owner() -> auth.Caller:
    """Refresh and logout act on a login token, whatever the method (they change no campaign)."""
    return auth.authenticate(write=False)


@_declare(
    "login",
    "/v1/auth/login",
    "POST",
    authenticate=None,
    doc=Doc(
        "Log in with email and password: a 1-hour JWT",
        AUTH,
        "Token",
        (400, 401, 405, 413, 415, 429),
        answered="A login token",
        body="LoginBody",
        example=LOGIN_EXAMPLE,
        public=True,
    ),
)
def login(_caller, body: dict):
    return jsonify(auth.login(body.get("email"), body.get("password"), on_account=record_account))


@_declare(
    "refresh",
    "/v1/auth/refresh",
    "POST",
    authenticate=_token_owner,
    doc=Doc(
        "A new token for a login token (the old one ends); send the login example's token",
        AUTH,
        "Token",
        READ,
        answered="A new login token",
    ),
)
def refresh(caller: auth.Caller):
    auth.login_token_only(caller, "refreshed")
    store = get_store()
    with store.transaction():
        # jwt-auth's refresh ends the old token: using it afterwards gets 401 (logged out)
        auth.revoke(caller, "refresh")
        return jsonify(auth.issue(auth.profile_by_user(store, caller.user_id), "refresh"))


@_declare(
    "logout",
    "/v1/auth/logout",
    "POST",
    authenticate=_token_owner,
    doc=Doc(
        "End a login token (send the login example's token)",
        AUTH,
        "AcefoneMessage",
        READ,
        answered="Logged out",
    ),
)
def logout(caller: auth.Caller):
    auth.login_token_only(caller, "logged out")
    auth.revoke(caller, "logout")
    return envelope("Successfully logged out")


@_declare(
    "create_campaign",
    CAMPAIGNS,
    "POST",
    doc=Doc(
        "Add a dialer campaign",
        CAMPAIGN_TAG,
        "CampaignCreated",
        READ + BODY,
        body=CampaignSchema,
        example=CAMPAIGN_EXAMPLE,
        answered="Created",
        links=_links(
            "campaign_id",
            "campaign_id",
            Get="acefone.get_campaign",
            Update="acefone.update_campaign",
            Delete="acefone.delete_campaign",
        ),
    ),
)
def create_campaign(caller: auth.Caller, body: dict):
    campaign_id = campaigns.create(caller.view(), body, strict_mode())
    return envelope("Campaign created successfully", campaign_id=campaign_id)


@_declare(
    "list_campaigns",
    CAMPAIGNS,
    "GET",
    doc=Doc(
        "Fetch dialer campaign details (all)",
        CAMPAIGN_TAG,
        "CampaignList",
        READ,
        answered="Every campaign of the account",
    ),
)
def list_campaigns(caller: auth.Caller):
    found = campaigns.list_all(caller.view())
    return data(found, count=len(found))


@_declare(
    "get_campaign",
    CAMPAIGN,
    "GET",
    doc=Doc(
        "Fetch a particular dialer campaign",
        CAMPAIGN_TAG,
        "CampaignOne",
        READ + (404,),
        params=CAMPAIGN_ID,
        answered="The campaign",
    ),
)
def get_campaign(caller: auth.Caller, campaign_id: str):
    return data(campaigns.get(caller.view(), campaign_id))


@_declare(
    "update_campaign",
    CAMPAIGN,
    "PUT",
    doc=Doc(
        "Update a particular dialer campaign (partial update)",
        CAMPAIGN_TAG,
        "AcefoneMessage",
        READ + BODY + (404,),
        body=CampaignSchema(partial=True),
        example=UPDATE_EXAMPLE,
        params=CAMPAIGN_ID,
        answered="Updated",
    ),
)
def update_campaign(caller: auth.Caller, body: dict, campaign_id: str):
    campaigns.update(caller.view(), campaign_id, body, strict_mode())
    return envelope("Campaign updated successfully")


@_declare(
    "delete_campaign",
    CAMPAIGN,
    "DELETE",
    doc=Doc(
        "Delete a particular dialer campaign",
        CAMPAIGN_TAG,
        "AcefoneMessage",
        READ + (404,),
        params=CAMPAIGN_ID,
        answered="Deleted",
    ),
)
def delete_campaign(caller: auth.Caller, campaign_id: str):
    campaigns.delete(caller.view(), campaign_id)
    return envelope("Campaign deleted successfully")


def _sentence(kind: ObjectKind, verb: str) -> str:
    return f"{kind.label[0].upper()}{kind.label[1:]} {verb} successfully"


LISTED_BY_CALLS_API = {"users", "my_numbers"}  # call_routes.py lists them as integrations read them


def _declare_kind(kind: ObjectKind) -> None:
    """The routes of one kind of account object (``objects.KINDS``)."""
    label = kind.label
    verbs = {"GET": "get", "PUT": "update", "DELETE": "delete"}
    item_ops = {
        verb: f"acefone.{verb}_{kind.singular}"
        for method, verb in verbs.items()
        if method in kind.item_methods
    }
    created = _links(
        "id", "id", Get=item_ops.get("get"), Update=item_ops.get("update"), Delete=item_ops.get("delete")
    )
    item = {
        "id": {
            "description": f"Id of a {label}",
            "schema": {"type": "string", "example": OBJECT_IDS.get(kind.kind)},
        }
    }
    docs = {
        "GET": Doc(
            f"One {label}", OBJECT_TAG, "ObjectOne", READ + (404,), params=item, answered=f"The {label}"
        ),
        "PUT": Doc(
            f"Update a {label} (partial)",
            OBJECT_TAG,
            "AcefoneMessage",
            READ + BODY + (404,),
            body=ObjectSchema(partial=True),
            example=OBJECT_EXAMPLE,
            params=item,
            answered="Updated",
        ),
        "DELETE": Doc(
            f"Delete a {label}", OBJECT_TAG, "AcefoneMessage", READ + (404,), params=item, answered="Deleted"
        ),
    }

    if kind.plural not in LISTED_BY_CALLS_API:

        @_declare(
            f"list_{kind.plural}",
            kind.list_path,
            "GET",
            doc=Doc(
                f"Every {label} of the account", OBJECT_TAG, "ObjectList", READ, answered=f"The {label}s"
            ),
        )
        def list_view(caller: auth.Caller):
            found = objects.list_all(caller.view(), kind)
            return data(found, count=len(found), **({"has_more": False} if kind.paged else {}))

    if kind.create_path:

        @_declare(
            f"create_{kind.singular}",
            kind.create_path,
            "POST",
            doc=Doc(
                f"Add a {label}",
                OBJECT_TAG,
                "ObjectCreated",
                READ + BODY,
                body=ObjectSchema,
                example=OBJECT_EXAMPLE,
                links=created,
                answered="Created",
            ),
        )
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

    views = {"GET": get_view, "PUT": update_view, "DELETE": delete_view}
    for method in kind.item_methods:
        _declare(f"{verbs[method]}_{kind.singular}", kind.item_path, method, doc=docs[method])(views[method])


for _kind in objects.KINDS:
    _declare_kind(_kind)
