"""Acefone's webhooks: per account, any number, each a trigger, a URL, a method, a body format, custom
headers and an optional repeat; delivered as the calls pass their events on the mock's clock
(docs/acefone.md "Webhooks").

A webhook is a document of table ``webhooks`` (so every worker sees it). Delivery keeps one mark per
account, the clock time its calls' events were delivered up to (``webhook_marks``): ``deliver_due``
moves the mark to now and lists the events in between (``calls.events``) in one store transaction, so
exactly one worker (the one whose transaction moved the mark) submits each event's deliveries to the
app's ``harness.deliveries`` dispatcher. The ticker runs it every tick and the admin API after the clock
moves. Acefone signs nothing (docs/vendors/acefone.md), so neither does the mock.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit, urlunsplit

from flask import Flask

from ..errors import NotFound, ValidationFailed
from ..harness import clock, deliveries, ticker
from ..harness.fixtures import FixtureError
from ..store import Store, get_store
from . import calls, webhook_payloads
from .auth import NAMESPACE, PROFILES

TABLE = "webhooks"
MARKS = "webhook_marks"
MARK = "events"
VENDOR = "acefone"
REGISTRY = "mockdialer.webhooks"  # {vendor: {verb: function}}: what the admin API finds
TRIGGERS = tuple(webhook_payloads.TRIGGERS)
METHODS = ("POST", "GET")
FORMATS = tuple(webhook_payloads.FORMATS)
# The vendor documents no timeout or retries: the mock's contract (docs/acefone.md "Webhooks")
POLICY = deliveries.Policy(timeout=10.0, retry_pauses=(1.0, 3.0))
DEFAULT_BASE_URL = "http://localhost:8000/"  # where recording_url points for a webhook made by a fixture
OPERATION = "acefone.webhook"
CALL_LISTS = "mockdialer.call_lists"  # {vendor: calls of a campaign}: what the console's calls panel reads


class WebhookFixtureError(FixtureError, ValueError):
    """A fixture's webhook the admin API would refuse: a start-up error, a 422 for ``/__admin/seed``."""


def _table() -> str:
    return f"{NAMESPACE}.{TABLE}"


def _now() -> int:
    return int(clock.get_clock().time())


def target(doc: dict) -> str:
    """The delivery target of a webhook: unique even when a reset lets its id be given again."""
    return f"acefone/{doc['account']}/webhook/{doc['id']}/{doc['token']}"


def problems(values: dict, store: Store | None = None) -> dict[str, list[str]]:
    """What Acefone's side refuses in a webhook's settings (the admin schema checked their types)."""
    found: dict[str, list[str]] = {}
    if values.get("trigger") not in TRIGGERS:
        found["trigger"] = [f"One of: {', '.join(repr(t) for t in TRIGGERS)}."]
    account = values.get("account")
    if account is not None and (store or get_store()).peek(PROFILES, f"{account}/profile") is None:
        found["account"] = [f"No Acefone account {account!r}."]
    return found


def check_url(url: str) -> str | None:
    """Why ``url`` cannot receive a webhook (None: it can): http or https with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket
        return "Not a URL."
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "An http:// or https:// URL with a host."
    try:
        parts.port  # noqa: B018 (raises for a port out of range)
    except ValueError:
        return "The port is not a number from 0 to 65535."
    return None


def _doc(values: dict, seq: int, now: int, base_url: str) -> dict:
    return {
        "id": str(seq),
        "vendor": VENDOR,
        "account": str(values["account"]),
        "trigger": values["trigger"],
        "url": values["url"],
        "method": values.get("method", "POST"),
        "format": values.get("format", "json"),
        "headers": dict(values.get("headers") or {}),
        "repeat": bool(values.get("repeat", False)),
        "created_at": now,
        "base_url": base_url,
        "token": secrets.token_hex(4),
    }


def create(values: dict, base_url: str, store: Store | None = None, now: int | None = None) -> dict:
    """Store a webhook (``values`` loaded by the admin schema); 422 naming each problem, nothing stored."""
    store = store or get_store()
    found = problems(values, store)
    if found:
        raise ValidationFailed(errors=found)
    now = _now() if now is None else now
    with store.transaction():
        doc = _doc(values, store.next_id(_table()), now, base_url)
        store.put(_table(), f"{doc['account']}/{doc['id']}", doc)
        view = store.account(NAMESPACE, doc["account"])
        if view.peek(MARKS, MARK) is None:
            view.put(MARKS, MARK, {"upto": now - 1})
    return public(doc)


def public(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "token"}


def list_all(account: str | None = None, store: Store | None = None) -> list[dict]:
    store = store or get_store()
    docs = [doc for _, doc in store.items(_table(), f"{account}/" if account else "")]
    return [public(d) for d in sorted(docs, key=lambda d: int(d["id"]))]


def _find(webhook_id: str, store: Store) -> tuple[str, dict] | None:
    for key, doc in store.items(_table()):
        if doc["id"] == str(webhook_id):
            return key, doc
    return None


def get(webhook_id: str, store: Store | None = None) -> dict:
    found = _find(webhook_id, store or get_store())
    if found is None:
        raise NotFound(f"No webhook {webhook_id}")
    return public(found[1])


def delete(webhook_id: str, app: Flask, store: Store | None = None) -> dict:
    """Remove the webhook and drop its queued deliveries and retries."""
    store = store or get_store(app)
    found = _find(webhook_id, store)
    if found is None:
        raise NotFound(f"No webhook {webhook_id}")
    key, doc = found
    store.delete(_table(), key)
    deliveries.get_dispatcher(app).cancel(target(doc))
    return public(doc)


def seed(store: Store, account: str, items: list[dict]) -> None:
    """The optional ``webhooks`` list of an account's fixture file, as the admin API takes them."""
    for item in items:
        values = {"method": "POST", "format": "json", "headers": {}, "repeat": False, **item}
        values["account"] = account
        bad = problems(values, store)
        reason = check_url(str(values.get("url", "")))
        if reason:
            bad["url"] = [reason]
        if values["method"] not in METHODS:
            bad["method"] = [f"One of: {', '.join(METHODS)}."]
        if values["format"] not in FORMATS:
            bad["format"] = [f"One of: {', '.join(FORMATS)}."]
        if bad:
            raise WebhookFixtureError(f"mockdialer: acefone fixture {account}, webhook {item!r}: {bad}")
        seq = store.next_id(_table())
        doc = _doc(values, seq, 0, str(item.get("base_url") or DEFAULT_BASE_URL))
        store.put(_table(), f"{account}/{doc['id']}", doc)


# ----- delivery


def outbound(doc: dict, trigger: str, call: dict, at: int) -> deliveries.Outbound:
    """The request Acefone would send for ``call`` at ``at`` to the webhook ``doc``."""
    payload = webhook_payloads.render(trigger, call, at, doc["base_url"])
    body, content_type = webhook_payloads.encode(payload, doc["format"])
    url, headers = doc["url"], [("Content-Type", content_type)]
    if doc["method"] == "GET":  # the payload in the query string, as a form's fields
        form, _ = webhook_payloads.encode(payload, "form")
        parts = urlsplit(url)
        query = f"{parts.query}&{form.decode()}" if parts.query else form.decode()
        url = urlunsplit(parts._replace(query=query, fragment=""))
        body, headers = b"", []
    headers += [(str(k), str(v)) for k, v in doc["headers"].items()]
    return deliveries.Outbound(
        vendor=VENDOR,
        account=doc["account"],
        operation=OPERATION,
        event=trigger,
        target=target(doc),
        method=doc["method"],
        url=url,
        headers=tuple(headers),
        body=body,
        policy=POLICY,
    )


def _accounts(store: Store) -> list[str]:
    return sorted({key.partition("/")[0] for key in store.keys(_table())})


def due(store: Store, account: str, now: int) -> list[deliveries.Outbound]:
    """Move the account's mark to the last whole second before ``now`` (a call placed later in the
    current second still fires its events of this second) and return the deliveries of the events in
    between (the caller submits them: its transaction moved the mark). A clock set back moves the mark
    back."""
    view = store.account(NAMESPACE, account)
    now -= 1
    with store.transaction():
        hooks = [doc for _, doc in store.items(_table(), f"{account}/")]
        if not hooks:
            return []
        mark = view.get(MARKS, MARK)
        after = int(mark["upto"]) if mark else now  # a fixture's webhooks: from the first look on
        if mark is not None and now == after:
            return []
        view.put(MARKS, MARK, {"upto": now})
        if now < after:
            return []
        events = calls.events(view, after, now)
    out = []
    for event in events:
        for trigger in webhook_payloads.triggers_for(event.kind, event.call):
            for doc in hooks:
                if doc["trigger"] == trigger and event.t >= int(doc["created_at"]):
                    sent = outbound(doc, trigger, event.call, event.t)
                    out += [sent, sent] if doc["repeat"] else [sent]
    return out


def deliver_due(app: Flask) -> int:
    """Submit what every account's calls fired up to the clock's now; the number submitted."""
    with app.app_context():
        store, now = get_store(app), _now()
        submitted = 0
        for account in _accounts(store):
            for sent in due(store, account, now):
                deliveries.submit(sent, app)
                submitted += 1
        return submitted


def campaign_calls(account: str, campaign_id: str, limit: int) -> tuple[int, list[dict]]:
    """A dialer campaign's calls up to the clock, newest first, as the console's calls panel lists
    them (``console/calls.py``): the calls its call records show, and the ones under way."""
    view = get_store().account(NAMESPACE, account)
    now = _now()
    found = [c for c in calls.all_calls(view, now) if c["campaign_id"] == str(campaign_id)]
    rows = [
        {
            "id": c["call_id"],
            "number": c["customer"],
            "status": (c["disposition"] or c["status"]) if c["ended"] <= now else "under way",
            "started": c["started"],
            "ended": c["ended"] if c["ended"] <= now else None,
            "agent": (c["agent"] or {}).get("name") or "",
        }
        for c in found[:limit]
    ]
    return len(found), rows


def init_app(app: Flask) -> None:
    app.extensions.setdefault(REGISTRY, {})[VENDOR] = {
        "triggers": TRIGGERS,
        "problems": problems,
        "create": create,
        "list": list_all,
        "get": get,
        "delete": delete,
        "deliver_due": deliver_due,
    }
    ticker.on_tick(app, deliver_due)
    app.extensions.setdefault(CALL_LISTS, {})[VENDOR] = campaign_calls
