"""The admin API's campaign routes and its operation list in the OpenAPI document: every vendor's
campaigns (rows, one campaign with its history of changes, the vendor's own state changes)."""

from __future__ import annotations

from apispec import APISpec
from marshmallow import INCLUDE, Schema, fields

from ..admin.schemas import CampaignQuerySchema, ControlSchema
from .operations import json_content, ok, operation, path_param, ref


class _AdminOk(Schema):
    ok = fields.Boolean(required=True, metadata={"enum": [True]})


class CampaignRow(Schema):
    class Meta:
        unknown = INCLUDE

    vendor = fields.String(required=True)
    account = fields.String(required=True)
    id = fields.String(required=True)
    name = fields.String(allow_none=True)
    status = fields.String(
        required=True, metadata={"description": "CallFire: Status; Acefone: the simulation's"}
    )
    last_change = fields.String(allow_none=True)
    fields_ = fields.Dict(
        data_key="fields", required=True, metadata={"description": "as the vendor's API returns it"}
    )
    simulation = fields.Dict(
        allow_none=True, metadata={"description": "simulated dialing; null: never started"}
    )


class CampaignRows(_AdminOk):
    campaigns = fields.List(fields.Nested(CampaignRow), required=True)
    count = fields.Integer(required=True)
    accounts = fields.Dict(required=True, metadata={"description": "{vendor: [account]}"})


class CampaignAnswer(_AdminOk):
    campaign = fields.Nested(CampaignRow, required=True)
    history = fields.List(
        fields.Dict(), metadata={"description": "journal entries that changed it, newest first"}
    )


class OperationNames(_AdminOk):
    operations = fields.List(fields.String(), required=True)


class AdminIndex(_AdminOk):
    class Meta:
        unknown = INCLUDE

    routes = fields.List(fields.String(), required=True)


def add_paths(spec: APISpec) -> None:
    for name, schema in (
        ("CampaignRows", CampaignRows),
        ("CampaignAnswer", CampaignAnswer),
        ("OperationNames", OperationNames),
        ("AdminIndex", AdminIndex),
        ("ControlBody", ControlSchema),
    ):
        spec.components.schema(name, schema=schema)

    def op(op_id, summary, schema_name, errors=(405,), **extra):
        answer = ok(summary, ref("schemas", schema_name))
        return operation(f"admin.{op_id}", "Admin", summary, answer, errors, security=[], **extra)

    campaign = [
        path_param(
            "vendor",
            "acefone or callfire",
            {"type": "string", "enum": ["acefone", "callfire"], "example": "callfire"},
        ),
        path_param(
            "account",
            "The account id (CallFire: demo-callfire; Acefone: demo)",
            {"type": "string", "example": "demo-callfire"},
        ),
        path_param(
            "campaign_id",
            "The campaign's id",
            {"type": "string", "pattern": "^[0-9]{1,18}$", "example": "1001"},
        ),
    ]
    spec.path("/__admin/", operations={"get": op("index", "The admin routes, and health", "AdminIndex")})
    spec.path(
        "/__admin/operations",
        operations={"get": op("list_operations", "Every vendor operation's name", "OperationNames")},
    )
    query = {"parameters": [{"in": "query", "schema": CampaignQuerySchema}]}
    spec.path(
        "/__admin/campaigns",
        operations={
            "get": op("list_campaigns", "Every vendor's campaigns", "CampaignRows", (404, 405, 422), **query)
        },
    )
    spec.path(
        "/__admin/campaigns/{vendor}/{account}/{campaign_id}",
        parameters=campaign,
        operations={
            "get": op("get_campaign", "One campaign and its history", "CampaignAnswer", (404, 405, 422))
        },
    )
    body = {
        "requestBody": {"required": True, **json_content(ref("schemas", "ControlBody"), {"command": "START"})}
    }
    spec.path(
        "/__admin/campaigns/{vendor}/{account}/{campaign_id}/control",
        parameters=campaign,
        operations={
            "post": op(
                "control_campaign",
                "The vendor's own state change (CallFire START, STOP, ARCHIVE; Acefone start, stop)",
                "CampaignAnswer",
                (400, 404, 405, 413, 422),
                **body,
            )
        },
    )
