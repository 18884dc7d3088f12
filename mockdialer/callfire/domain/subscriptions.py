"""CallFire SubscriptionService: the five operations, shared by REST and SOAP, and who receives an event
(docs/vendors/callfire.md "SubscriptionService", "Notifications").

A subscription is stored as ``{"id", "Enabled", "NonStrictSsl", "Endpoint", "NotificationFormat",
"TriggerEvent", "SubscriptionFilter": {"BroadcastId"?, "BatchId"?, "FromNumber"?, "ToNumber"?,
"Inbound"?}}`` (the XSD's order), one account's own.

    create_subscription(account, fields, request_id=None) -> id
    query_subscriptions(account, params) -> (total, [subscription])
    get_subscription(account, id) -> subscription
    update_subscription(account, id, fields, request_id=None) -> None
    delete_subscription(account, id) -> None (queued notifications of it are dropped)
    receivers(view, event, facts) -> [subscription]: enabled, TriggerEvent event, every filter matched
"""

from __future__ import annotations

import uuid

from ...errors import ValidationFailed
from ...harness import deliveries
from ...store import AccountView, get_store
from .. import subscription_schemas as ss
from ..schemas import load
from ..xsd import failed
from .tables import FIRST_NEW_ID, once_per_request_id, stored, view_for

SUBSCRIPTIONS = "subscriptions"
MAX_PER_ACCOUNT = 10_000  # CallFire's 1.1 guide
BOOLEANS = ("Enabled", "NonStrictSsl", "Inbound")


def target(account: str, doc: dict) -> str:
    """The deliveries' target of one subscription (its notifications keep their order); unique to this
    subscription, so a cancelled one never holds back a later one with the same id (after a reset)."""
    return f"callfire/{account}/subscription/{doc['id']}/{doc.get('token', '')}"


def _typed(fields: dict) -> dict:
    # an empty boolean is the PHP SDK's false (docs/vendors/callfire.md "SubscriptionService")
    raw = {k: ("false" if k in BOOLEANS and v == "" else v) for k, v in (fields or {}).items()}
    return load(ss.SubscriptionSchema(), raw)


def _doc(id_: int, values: dict, base: dict | None = None) -> dict:
    base = base or {"Enabled": True, "NonStrictSsl": False, "NotificationFormat": "XML"}
    flt = dict(base.get("SubscriptionFilter") or {})
    flt.update({k: values[k] for k in ss.FILTER_FIELDS if k in values})
    doc = {"id": id_}
    for name in ("Enabled", "NonStrictSsl", "Endpoint", "NotificationFormat", "TriggerEvent"):
        value = values.get(name, base.get(name))
        if value is not None:
            doc[name] = value
    if flt:
        doc["SubscriptionFilter"] = {k: flt[k] for k in ss.FILTER_FIELDS if k in flt}
    return doc


@once_per_request_id
def create_subscription(account: str, fields: dict) -> int:
    given = {name for name, value in (fields or {}).items() if str(value or "").strip()}
    missing = {name: ["is required"] for name in ("Endpoint", "TriggerEvent") if name not in given}
    try:
        values = _typed(fields)
    except ValidationFailed as exc:  # every problem at once: the missing fields too
        raise failed({**missing, **(exc.errors or {})}) from None
    if missing:
        raise failed(missing)
    view = view_for(account)
    with view.transaction():
        if view.count(SUBSCRIPTIONS) >= MAX_PER_ACCOUNT:
            raise failed({"Subscription": [f"exceeds the maximum of {MAX_PER_ACCOUNT} per account"]})
        new_id = get_store().next_id("callfire.subscription", start=FIRST_NEW_ID)
        view.put(SUBSCRIPTIONS, new_id, {**_doc(new_id, values), "token": uuid.uuid4().hex})
    return new_id


def query_subscriptions(account: str, params=None) -> tuple[int, list[dict]]:
    q = load(ss.QuerySubscriptionsSchema(), params or {})
    found = sorted(view_for(account).peek_list(SUBSCRIPTIONS), key=lambda d: d["id"])
    return len(found), found[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]


def get_subscription(account: str, id_) -> dict:
    return stored(view_for(account), SUBSCRIPTIONS, id_, "Subscription")


@once_per_request_id
def update_subscription(account: str, id_, fields: dict) -> None:
    values = _typed(fields)
    view = view_for(account)
    with view.transaction():
        doc = stored(view, SUBSCRIPTIONS, id_, "Subscription")
        if "Endpoint" not in values and "NotificationFormat" in values:
            load(ss.SubscriptionSchema(), {"Endpoint": doc.get("Endpoint"), **fields})
        view.put(SUBSCRIPTIONS, doc["id"], {**_doc(doc["id"], values, doc), "token": doc.get("token", "")})


def delete_subscription(account: str, id_) -> None:
    view = view_for(account)
    with view.transaction():
        doc = stored(view, SUBSCRIPTIONS, id_, "Subscription")
        view.delete(SUBSCRIPTIONS, doc["id"])
    deliveries.get_dispatcher().cancel(target(account, doc))


def _number(value) -> str:
    value = str(value or "")
    return value[1:] if value.startswith("+") else value


def receivers(view: AccountView, event: str, facts: dict) -> list[dict]:
    """The subscriptions enabled now whose TriggerEvent is ``event`` and whose every filter field equals
    the event's (``facts``: BroadcastId, BatchId, FromNumber, ToNumber; a field the event lacks does not
    match)."""
    found = []
    for doc in sorted(view.peek_list(SUBSCRIPTIONS), key=lambda d: d["id"]):
        if not doc.get("Enabled") or doc.get("TriggerEvent") != event:
            continue
        flt = doc.get("SubscriptionFilter") or {}
        if flt.get("Inbound") is True:
            continue
        ok = True
        for name in ("BroadcastId", "BatchId", "FromNumber", "ToNumber"):
            if name in flt:
                have = facts.get(name)
                if have is None or (
                    _number(have) != _number(flt[name]) if name.endswith("Number") else have != flt[name]
                ):
                    ok = False
        if ok:
            found.append(doc)
    return found


def seed(view: AccountView, docs: list[dict]) -> None:
    """``subscriptions`` of a fixture file: Subscriptions as stored (ids below 100,000)."""
    for raw in docs:
        doc = _doc(raw["id"], {**raw, **(raw.get("SubscriptionFilter") or {})})
        view.put(SUBSCRIPTIONS, doc["id"], {**doc, "token": uuid.uuid4().hex})
