"""The Acefone calls API in the document: click-to-call, call records, users, departments and numbers
(``acefone/call_routes.py``; the recording download lies outside /v1/ and is described there)."""

from __future__ import annotations

from apispec import APISpec

from ..acefone.call_schemas import ClickToCallSchema
from .operations import BODY, READ, json_content, operation

TAG = "Acefone calls"
CLICK_EXAMPLE = {"agent_number": "0500000100002", "destination_number": "9812345678", "async": "1"}
ANY_OBJECT = {"type": "object", "additionalProperties": True}


def _query(name: str, description: str, example=None, schema: dict | None = None) -> dict:
    param = {"name": name, "in": "query", "description": description, "schema": schema or {"type": "string"}}
    if example is not None:
        param["example"] = example
    return param


def _ok(description: str, schema: dict) -> dict:
    return {"description": description, **json_content(schema)}


def paths(spec: APISpec) -> None:
    spec.components.schema("ClickToCallBody", schema=ClickToCallSchema)
    body = {"$ref": "#/components/schemas/ClickToCallBody"}
    spec.path(
        "/v1/click_to_call",
        operations={
            "post": operation(
                "acefone.click_to_call",
                TAG,
                "Ring an agent (agent.id from GET /v1/users), then the customer; answers a ref_id",
                _ok("Queued: {success, message, ref_id}", ANY_OBJECT),
                READ + BODY,
                description="The same fields are taken form-encoded (application/x-www-form-urlencoded).",
                requestBody={
                    "required": True,
                    "content": {
                        "application/json": {"schema": body, "example": CLICK_EXAMPLE},
                    },
                },
            )
        },
    )
    number = {"type": "integer", "minimum": 1}
    spec.path(
        "/v1/call/records",
        operations={
            "get": operation(
                "acefone.list_call_records",
                TAG,
                "The account's ended calls (click-to-call and dialer), newest first",
                _ok("{count, limit, size, page, results}", ANY_OBJECT),
                READ + (422,),
                parameters=[
                    _query("from_date", "India time, YYYY-MM-DD HH:MM:SS"),
                    _query("to_date", "India time, YYYY-MM-DD HH:MM:SS"),
                    _query("page", "1, 2, ...", 1, number),
                    _query("limit", "rows per page (10 unless given)", 100, number),
                    _query(
                        "call_type", "c answered, m missed", schema={"type": "string", "enum": ["c", "m"]}
                    ),
                    _query("direction", "inbound or outbound"),
                    _query("did_number", "the account's number"),
                    _query("callerid", "the account's number"),
                    _query("agents", "agent ids, comma-separated"),
                    _query("call_id", "one call"),
                ],
            )
        },
    )
    spec.path(
        "/v1/departments",
        operations={
            "get": operation(
                "acefone.list_departments",
                TAG,
                "Departments with their agents (eid: a user's agent.id)",
                _ok("A JSON array", {"type": "array", "items": ANY_OBJECT}),
                READ,
            )
        },
    )
    # the object lists of acefone_paths, in the shapes call_routes answers them (paging users)
    spec.path(
        "/v1/users",
        operations={
            "get": operation(
                "acefone.list_users",
                "Acefone account objects",
                "Users with their agent (agent.id dials a click-to-call), paged by last_seen_id",
                _ok("{success, has_more, count, last_seen_id, data}", ANY_OBJECT),
                READ + (422,),
                parameters=[
                    _query("limit", "users per page (20 unless given)", 20, number),
                    _query("last_seen_id", "the last id of the page before", schema={"type": "integer"}),
                ],
            )
        },
    )
