"""The admin API's webhook routes in the OpenAPI document: add, list, show and delete a vendor's
webhooks (``mockdialer/admin/webhooks.py``)."""

from __future__ import annotations

from apispec import APISpec
from marshmallow import INCLUDE, Schema, fields

from ..admin.webhooks import WebhookQuerySchema, WebhookSchema
from .operations import json_content, ok, operation, path_param, ref

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


class _AdminOk(Schema):
    ok = fields.Boolean(required=True, metadata={"enum": [True]})


class Webhook(Schema):
    class Meta:
        unknown = INCLUDE

    id = fields.String(required=True)
    vendor = fields.String(required=True)
    account = fields.String(required=True)
    trigger = fields.String(required=True)
    url = fields.String(required=True)
    method = fields.String(required=True)
    format = fields.String(required=True)
    headers = fields.Dict(required=True)
    repeat = fields.Boolean(required=True)
    created_at = fields.Integer(metadata={"description": "the mock's clock, epoch seconds"})


class WebhookAnswer(_AdminOk):
    webhook = fields.Nested(Webhook, required=True)


class WebhookDeleted(_AdminOk):
    deleted = fields.Nested(Webhook, required=True)


class WebhookList(_AdminOk):
    webhooks = fields.List(fields.Nested(Webhook), required=True)
    count = fields.Integer(required=True)


def add_paths(spec: APISpec) -> None:
    for name, schema in (
        ("WebhookBody", WebhookSchema),
        ("Webhook", Webhook),
        ("WebhookAnswer", WebhookAnswer),
        ("WebhookDeleted", WebhookDeleted),
        ("WebhookList", WebhookList),
    ):
        spec.components.schema(name, schema=schema)

    def op(op_id, summary, schema_name, errors=(405,), **extra):
        answer = ok(summary, ref("schemas", schema_name))
        return operation(f"admin.{op_id}", "Admin", summary, answer, errors, security=[], **extra)

    body = {"requestBody": {"required": True, **json_content(ref("schemas", "WebhookBody"), EXAMPLE)}}
    query = {"parameters": [{"in": "query", "schema": WebhookQuerySchema}]}
    spec.path(
        "/__admin/webhooks",
        operations={
            "post": op(
                "add_webhook",
                "Add a webhook (Acefone: a trigger, its URL, method, format, headers, repeat)",
                "WebhookAnswer",
                (400, 403, 405, 413, 422),
                status=201,
                **body,
            ),
            "get": op(
                "list_webhooks", "The webhooks, by vendor and account", "WebhookList", (405, 422), **query
            ),
        },
    )
    webhook_id = [path_param("webhook_id", "Id of a webhook", {"type": "string", "example": "1"})]
    spec.path(
        "/__admin/webhooks/{webhook_id}",
        parameters=webhook_id,
        operations={
            "get": op("get_webhook", "One webhook", "WebhookAnswer", (404, 405)),
            "delete": op(
                "delete_webhook",
                "Remove a webhook; its queued deliveries and retries are dropped",
                "WebhookDeleted",
                (403, 404, 405),
            ),
        },
    )
