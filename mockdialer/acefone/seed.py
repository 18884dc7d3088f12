"""Seeding one Acefone account from its fixture file (``fixtures/acefone/<account>.json``).

The file holds ``account`` (the account id), ``login`` (email, password, user_id, number_of_days_left),
``api_tokens`` (token, name, access {read, write}), ``objects`` ({kind: [object, ...]}, kinds as in
``objects.KINDS``), ``campaigns`` (campaign bodies with ``id`` and timestamps) and, optionally,
``webhooks`` (as ``POST /__admin/webhooks`` takes them, without ``vendor`` and ``account``).
Campaigns are read by the lenient schema and checked against the account's objects, so a fixture
cannot hold a campaign the API would refuse.
"""

from __future__ import annotations

from ..errors import ApiError
from ..harness.fixtures import FixtureError
from ..store import Store
from . import auth, campaigns, webhooks
from .objects import BY_KIND

SEED_TIME = "2026-01-05T09:30:00Z"


def seed_account(store: Store, doc: dict) -> None:
    account = str(doc["account"])
    login = doc["login"]
    store.put(
        auth.PROFILES,
        f"{account}/profile",
        {
            "account": account,
            "email": login["email"],
            "password": login["password"],
            "user_id": int(login["user_id"]),
            "number_of_days_left": login.get("number_of_days_left", 30),
        },
    )
    for token in doc.get("api_tokens", []):
        store.put(auth.API_TOKENS, f"{account}/{token['token']}", token)
    view = store.account(auth.NAMESPACE, account)
    for kind, items in doc.get("objects", {}).items():
        if kind not in BY_KIND:
            raise FixtureError(f"mockdialer: acefone fixture {account}: unknown object kind {kind!r}")
        for item in items:
            view.put(kind, item["id"], item)
    for campaign in doc.get("campaigns", []):
        body = {k: v for k, v in campaign.items() if k not in ("id", "created_at", "updated_at")}
        try:
            stored = {**campaigns.defaults(), **campaigns.validated(view, body, None, strict=False)}
        except ApiError as exc:
            raise FixtureError(
                f"mockdialer: acefone fixture {account}, campaign {campaign.get('id')}: {exc.errors}"
            ) from exc
        campaign_id = str(campaign["id"])
        view.put(
            campaigns.KIND,
            campaign_id,
            {
                **stored,
                "id": campaign_id,
                "created_at": campaign.get("created_at", SEED_TIME),
                "updated_at": campaign.get("updated_at", campaign.get("created_at", SEED_TIME)),
            },
        )
    webhooks.seed(store, account, doc.get("webhooks", []))
