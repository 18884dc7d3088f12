"""Helpers that write OpenAPI operations: the error responses (one shared component per surface and
status), JSON content and path parameters."""

from __future__ import annotations

JSON = "application/json"

ACEFONE_ERRORS = {
    400: "Malformed JSON, or a body that is not a JSON object",
    401: "Missing, malformed, expired, logged-out or unknown token (login: wrong credentials)",
    403: "The token's access control forbids this call",
    404: "No such object in the account, or no such route",
    405: "Method not allowed on this path (the Allow header lists the allowed ones)",
    413: "Body larger than 1 MiB",
    415: "A body that is not application/json",
    422: "Validation failed: every problem, by field (a number past any double too)",
    429: "Rate limited (Retry-After header)",
    431: "Request headers over 64 KiB",
}
ADMIN_ERRORS = {
    400: "A body that is not a JSON object",
    401: "The server has an admin token and the request does not send it",
    403: "A write another site's page could have sent: a foreign Origin, or a POST with neither a JSON "
    "body type nor an Authorization header (docs/security.md)",
    404: "No such fault rule, or no such route",
    405: "Method not allowed on this path",
    413: "Body larger than 1 MiB",
    422: "Validation failed: every problem, by field",
    431: "Request headers over 64 KiB",
}


def ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def json_content(schema, example: dict | None = None) -> dict:
    media = {"schema": schema, **({"example": example} if example is not None else {})}
    return {"content": {JSON: media}}


def error_refs(prefix: str, statuses) -> dict:
    return {str(status): ref("responses", f"{prefix}{status}") for status in statuses}


def path_param(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema or {"type": "string"},
    }
