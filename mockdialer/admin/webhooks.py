"""The admin API's webhooks (``/__admin/webhooks``): a vendor's outbound HTTP callbacks per account,
configured here, stored in the store (every worker sees them), delivered by ``harness.deliveries``.

A vendor offers its webhooks through ``app.extensions[REGISTRY][vendor]``, a dict of functions
(``triggers``, ``problems``, ``create``, ``list``, ``get``, ``delete``, ``deliver_due``): Acefone's are
``mockdialer/acefone/webhooks.py``. The body is checked by ``WebhookSchema`` and then by the vendor, and
every problem of both is named at once.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, request
from marshmallow import Schema, ValidationError, fields, validate, validates

from ..documented import Doc
from ..errors import NotFound, ValidationFailed
from ..harness import deliveries, ticker
from .routes import TAG, WITH_BODY, _body, _load, _ok, _query, bp, doc

REGISTRY = "mockdialer.webhooks"
TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$")  # an HTTP header name (RFC 9110 token)
FRAMING = {"content-length", "transfer-encoding", "host", "connection"}  # the sender's to set
MAX_HEADERS = 50
VALUE = re.compile(r"^[\t\x20-\x7e\xa0-\xff]*$")  # a field value HTTP/1.1 sends as is (RFC 9110 5.5)
MAX_WAIT_SECONDS = 10.0  # one wait answers within an HTTP client's usual timeout


def http_url(value: str) -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed IPv6 bracket
        raise ValidationError("Not a URL.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("An http:// or https:// URL with a host.")
    try:
        parts.port  # noqa: B018 (raises for a port out of range)
    except ValueError:
        raise ValidationError("The port is not a number from 0 to 65535.") from None
    if any(c in value for c in "\r\n\t ") or not value.isprintable():
        raise ValidationError("The URL holds spaces or control characters.")


class WebhookSchema(Schema):
    vendor = fields.String(required=True, metadata={"example": "acefone"})
    account = fields.String(required=True, validate=validate.Length(1, 200), metadata={"example": "demo"})
    trigger = fields.String(
        required=True,
        validate=validate.Length(1, 200),
        metadata={"example": "Call hangup (Missed or Answered)"},
    )
    url = fields.String(
        required=True,
        validate=[validate.Length(1, 2048), http_url],
        metadata={"example": "http://127.0.0.1:9000/hook"},
    )
    method = fields.String(load_default="POST", validate=validate.OneOf(["POST", "GET"]))
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "form"]))
    headers = fields.Dict(
        keys=fields.String(), values=fields.String(validate=validate.Length(max=4096)), load_default=dict
    )
    repeat = fields.Boolean(
        load_default=False, metadata={"description": "send each call record a second time (idempotency)"}
    )

    @validates("headers")
    def header_names(self, value: dict, **_kwargs) -> None:
        if len(value) > MAX_HEADERS:
            raise ValidationError(f"At most {MAX_HEADERS} headers.")
        bad = [k for k in value if not TOKEN.match(k) or k.lower() in FRAMING]
        bad += [k for k, v in value.items() if not VALUE.match(v)]
        if bad:
            raise ValidationError(
                f"Not a header a webhook may set (a token, not {', '.join(sorted(FRAMING))}; a value on one "
                f"line, of visible characters, spaces and tabs, Latin-1 at most, which HTTP/1.1 carries): "
                f"{', '.join(sorted(set(map(repr, bad)))[:10])}."
            )


class DeliveriesWaitSchema(Schema):
    timeout = fields.Float(
        load_default=5.0,
        validate=validate.Range(0, MAX_WAIT_SECONDS),
        metadata={"description": "seconds to wait at most (the client repeats the call to wait longer)"},
    )


class WebhookQuerySchema(Schema):
    vendor = fields.String()
    account = fields.String()


def registry(app: Flask | None = None) -> dict[str, dict]:
    return (app or current_app).extensions.get(REGISTRY, {})


def _flat(nested) -> list[str]:
    """A dict field's problems (``{key: {"value": [problem]}}``) as one line per key, ten at most."""
    if not isinstance(nested, dict):
        return [str(nested)]
    lines = []
    for key, problems in list(nested.items())[:10]:
        if isinstance(problems, dict):
            problems = problems.get("value", problems.get("key", problems))
        found = problems
        lines.append(f"{str(key)[:100]}: {' '.join(map(str, found)) if isinstance(found, list) else found}")
    return lines


def validated(body: dict) -> dict:
    """The body loaded by ``WebhookSchema`` and checked by its vendor: a ValidationFailed names all."""
    errors: dict[str, list[str]] = {}
    try:
        values = WebhookSchema().load(body)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        errors = {k: v if isinstance(v, list) else _flat(v) for k, v in messages.items()}
        values = exc.valid_data if isinstance(exc.valid_data, dict) else {}
    vendors = registry()
    vendor = body.get("vendor")
    if isinstance(vendor, str) and vendor in vendors:
        for name, found in vendors[vendor]["problems"](values).items():
            errors.setdefault(name, found)
    elif "vendor" not in errors:
        errors["vendor"] = [f"One of: {', '.join(sorted(vendors)) or 'none'}."]
    if errors:
        raise ValidationFailed(errors=errors)
    return values


def _vendor_of(webhook_id: str) -> dict:
    for verbs in registry().values():
        try:
            verbs["get"](webhook_id)
        except NotFound:
            continue
        return verbs
    raise NotFound(f"No webhook {webhook_id}")


def add(app: Flask, body: dict, base_url: str) -> dict:
    """What ``POST /__admin/webhooks`` does (the pytest handle calls it too)."""
    with app.app_context():
        values = validated(body)
        return registry(app)[values["vendor"]]["create"](values, base_url)


def listed(app: Flask, vendor: str | None = None, account: str | None = None) -> list[dict]:
    with app.app_context():
        found = []
        for name, verbs in sorted(registry(app).items()):
            if vendor in (None, name):
                found += verbs["list"](account)
        return found


def deliver_due(app: Flask) -> None:
    """Every vendor's deliveries of what its calls did up to the clock's now, submitted."""
    for verbs in registry(app).values():
        verbs["deliver_due"](app)


def wait_for_deliveries(app: Flask, timeout: float) -> dict:
    """What ``POST /__admin/deliveries/wait`` does: bring every vendor's campaigns up to the clock (the
    heartbeat's work: webhooks and CallFire notifications of what the clock passed are submitted), then
    wait until this worker has sent them all, retries included, or ``timeout`` passed. With several
    workers, each sends the events it found; this waits for the answering worker's."""
    ticker.tick(app)
    dispatcher = deliveries.get_dispatcher(app)
    done = dispatcher.wait(timeout)
    return {"done": done, "pending": dispatcher.pending()}


EXAMPLE = {
    "vendor": "acefone",
    "account": "demo",
    "trigger": "Call hangup (Missed or Answered)",
    "url": "http://127.0.0.1:9000/acefone/webhook",
    "method": "POST",
    "format": "json",
    "headers": {"X-Api-Key": "secret"},
    "repeat": False,
}
WEBHOOK_ID = {"webhook_id": {"description": "Id of a webhook", "schema": {"type": "string", "example": "1"}}}


@bp.post("/webhooks")
@doc(
    Doc(
        "Add a webhook (Acefone: a trigger, its URL, method, format, headers, repeat)",
        TAG,
        "WebhookAnswer",
        WITH_BODY,
        body=WebhookSchema,
        example=EXAMPLE,
        status=201,
    )
)
def add_webhook():
    return _ok(201, webhook=add(current_app, _body(), request.host_url))


@bp.get("/webhooks")
@doc(Doc("The webhooks, by vendor and account", TAG, "WebhookList", (405, 422), query=WebhookQuerySchema))
def list_webhooks():
    query = _query()
    args = _load(WebhookQuerySchema(), query) if query else {}
    found = listed(current_app, args.get("vendor"), args.get("account"))
    return _ok(webhooks=found, count=len(found))


@bp.get("/webhooks/<webhook_id>")
@doc(Doc("One webhook", TAG, "WebhookAnswer", (404, 405), params=WEBHOOK_ID))
def get_webhook(webhook_id: str):
    return _ok(webhook=_vendor_of(webhook_id)["get"](webhook_id))


@bp.delete("/webhooks/<webhook_id>")
@doc(
    Doc(
        "Remove a webhook; its queued deliveries and retries are dropped",
        TAG,
        "WebhookDeleted",
        (403, 404, 405),
        params=WEBHOOK_ID,
    )
)
def delete_webhook(webhook_id: str):
    return _ok(deleted=_vendor_of(webhook_id)["delete"](webhook_id, current_app))


@bp.post("/deliveries/wait")
@doc(
    Doc(
        "Send what the clock has passed and wait until every webhook and notification is delivered",
        TAG,
        "DeliveriesWaited",
        WITH_BODY,
        body=DeliveriesWaitSchema,
        body_required=False,
        example={"timeout": 5},
    )
)
def wait_deliveries():
    body = _body(optional=True)
    timeout = _load(DeliveriesWaitSchema(), body)["timeout"]
    return _ok(**wait_for_deliveries(current_app, timeout))
