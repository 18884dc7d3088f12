"""The operations of the document: Acefone's routes (auth, dialer campaigns, one set per kind of account
object in ``acefone.objects.KINDS``) and the admin API's."""

from __future__ import annotations

from apispec import APISpec

from ..acefone.objects import KINDS
from ..admin.schemas import JournalQuerySchema
from .operations import BODY, READ, json_content, links, ok, openapi_path, operation, path_param, ref

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
SEED_EXAMPLE = {"fixtures": {}}
FAULT_EXAMPLE = {"action": "delay", "ms": 10, "vendor": "acefone", "times": 1}
CLOCK_EXAMPLE = {"advance": 60}


def acefone_paths(spec: APISpec) -> None:
    public = {"security": []}
    login_body = {"required": True, **json_content(ref("schemas", "LoginBody"), LOGIN_EXAMPLE)}
    spec.path(
        "/v1/auth/login",
        operations={
            "post": operation(
                "acefone.login",
                "Acefone auth",
                "Log in with email and password: a 1-hour JWT",
                {"description": "A login token", **json_content(ref("schemas", "Token"))},
                (400, 401, 405, 413, 415, 429),
                requestBody=login_body,
                **public,
            )
        },
    )
    spec.path(
        "/v1/auth/refresh",
        operations={
            "post": operation(
                "acefone.refresh",
                "Acefone auth",
                "A new token for a login token (the old one ends); send the login example's token",
                ok("A new login token", ref("schemas", "Token")),
                READ,
            )
        },
    )
    spec.path(
        "/v1/auth/logout",
        operations={
            "post": operation(
                "acefone.logout",
                "Acefone auth",
                "End a login token (send the login example's token)",
                ok("Logged out", ref("schemas", "AcefoneMessage")),
                READ,
            )
        },
    )

    tag = "Acefone dialer campaigns"
    item = [path_param("campaign_id", "Id of a dialer campaign", {"type": "string", "example": "40001"})]
    campaign_links = links(
        "acefone.get_campaign",
        "acefone.update_campaign",
        "acefone.delete_campaign",
        "campaign_id",
        "campaign_id",
    )
    spec.path(
        "/v1/dialer/campaign",
        operations={
            "post": operation(
                "acefone.create_campaign",
                tag,
                "Add a dialer campaign",
                ok("Created", ref("schemas", "CampaignCreated"), campaign_links),
                READ + BODY,
                requestBody={
                    "required": True,
                    **json_content(ref("schemas", "CampaignCreate"), CAMPAIGN_EXAMPLE),
                },
            ),
            "get": operation(
                "acefone.list_campaigns",
                tag,
                "Fetch dialer campaign details (all)",
                ok("Every campaign of the account", ref("schemas", "CampaignList")),
                READ,
            ),
        },
    )
    spec.path(
        "/v1/dialer/campaign/{campaign_id}",
        parameters=item,
        operations={
            "get": operation(
                "acefone.get_campaign",
                tag,
                "Fetch a particular dialer campaign",
                ok("The campaign", ref("schemas", "CampaignOne")),
                READ + (404,),
            ),
            "put": operation(
                "acefone.update_campaign",
                tag,
                "Update a particular dialer campaign (partial update)",
                ok("Updated", ref("schemas", "AcefoneMessage")),
                READ + BODY + (404,),
                requestBody={
                    "required": True,
                    **json_content(ref("schemas", "CampaignUpdate"), UPDATE_EXAMPLE),
                },
            ),
            "delete": operation(
                "acefone.delete_campaign",
                tag,
                "Delete a particular dialer campaign",
                ok("Deleted", ref("schemas", "AcefoneMessage")),
                READ + (404,),
            ),
        },
    )

    tag = "Acefone account objects"
    for kind in KINDS:
        get = f"acefone.get_{kind.singular}" if "GET" in kind.item_methods else None
        update = f"acefone.update_{kind.singular}" if "PUT" in kind.item_methods else None
        delete = f"acefone.delete_{kind.singular}" if "DELETE" in kind.item_methods else None
        operations = {
            "get": operation(
                f"acefone.list_{kind.plural}",
                tag,
                f"Every {kind.label} of the account",
                ok(f"The {kind.label}s", ref("schemas", "ObjectList")),
                READ,
            )
        }
        body = {"required": True, **json_content(ref("schemas", "AccountObjectBody"), OBJECT_EXAMPLE)}
        if kind.create_path == kind.list_path:
            operations["post"] = operation(
                f"acefone.create_{kind.singular}",
                tag,
                f"Add a {kind.label}",
                ok("Created", ref("schemas", "ObjectCreated"), links(get, update, delete, "id", "id")),
                READ + BODY,
                requestBody=body,
            )
        spec.path(openapi_path(kind.list_path), operations=operations)
        if kind.create_path and kind.create_path != kind.list_path:
            create = operation(
                f"acefone.create_{kind.singular}",
                tag,
                f"Add a {kind.label}",
                ok("Created", ref("schemas", "ObjectCreated"), links(get, update, delete, "id", "id")),
                READ + BODY,
                requestBody=body,
            )
            spec.path(openapi_path(kind.create_path), operations={"post": create})
        if not kind.item_path:
            continue
        item_ops = {}
        if get:
            item_ops["get"] = operation(
                get,
                tag,
                f"One {kind.label}",
                ok(f"The {kind.label}", ref("schemas", "ObjectOne")),
                READ + (404,),
            )
        if update:
            item_ops["put"] = operation(
                update,
                tag,
                f"Update a {kind.label} (partial)",
                ok("Updated", ref("schemas", "AcefoneMessage")),
                READ + BODY + (404,),
                requestBody={
                    "required": True,
                    **json_content(ref("schemas", "AccountObjectUpdate"), OBJECT_EXAMPLE),
                },
            )
        if delete:
            item_ops["delete"] = operation(
                delete,
                tag,
                f"Delete a {kind.label}",
                ok("Deleted", ref("schemas", "AcefoneMessage")),
                READ + (404,),
            )
        param = [
            path_param("id", f"Id of a {kind.label}", {"type": "string", "example": OBJECT_IDS[kind.kind]})
        ]
        spec.path(openapi_path(kind.item_path), parameters=param, operations=item_ops)


def admin_paths(spec: APISpec, token: bool = False) -> None:
    """The admin API; with an admin token set, every operation needs it (and may answer 401)."""
    tag = "Admin"
    public = {"security": [{"adminToken": []}]} if token else {"security": []}
    always = (401, 431) if token else (431,)

    def op(op_id, summary, schema_name, errors=(405,), links=None, **extra):
        answer = ok(summary, ref("schemas", schema_name), links)
        return operation(f"admin.{op_id}", tag, summary, answer, errors + always, **public, **extra)

    def body(name: str, required: bool = True, example: dict | None = None) -> dict:
        return {"requestBody": {"required": required, **json_content(ref("schemas", name), example)}}

    with_body = (400, 403, 405, 413, 422)
    query = {"parameters": [{"in": "query", "schema": JournalQuerySchema}]}
    spec.path(
        "/__admin/reset",
        operations={
            "post": op(
                "reset",
                "Reset state, journal, faults and clock",
                "ResetDone",
                with_body,
                **body("ResetBody", required=False, example={}),
            )
        },
    )
    spec.path(
        "/__admin/seed",
        operations={
            "post": op(
                "seed",
                "Add fixture documents or a fixtures folder",
                "SeedDone",
                with_body,
                **body("SeedBody", example=SEED_EXAMPLE),
            )
        },
    )
    spec.path("/__admin/health", operations={"get": op("health", "Health and counts", "Health")})
    spec.path(
        "/__admin/requests",
        operations={
            "get": op(
                "list_requests", "The request journal, filtered", "JournalEntries", (405, 422), **query
            ),
            "delete": op("clear_requests", "Empty the journal", "Cleared", (403, 405)),
        },
    )
    spec.path(
        "/__admin/requests/count",
        operations={
            "get": op("count_requests", "How many journal entries match", "Count", (405, 422), **query)
        },
    )
    spec.path(
        "/__admin/faults",
        operations={
            "post": op(
                "add_fault",
                "Add a fault rule",
                "FaultAdded",
                with_body,
                status=201,
                links={
                    "Delete": {
                        "operationId": "admin.delete_fault",
                        "parameters": {"rule_id": "$response.body#/fault/id"},
                    }
                },
                **body("FaultBody", example=FAULT_EXAMPLE),
            ),
            "get": op("list_faults", "The active fault rules", "FaultList"),
            "delete": op("clear_faults", "Remove every fault rule", "Cleared", (403, 405)),
        },
    )
    spec.path(
        "/__admin/verify",
        operations={
            "post": op(
                "verify",
                "Were these requests made? (passed, or the closest requests seen)",
                "VerifyAnswer",
                (400, 403, 405, 413, 422),
                **body("VerifyBody", required=False),
            )
        },
    )
    spec.path(
        "/__admin/faults/{rule_id}",
        parameters=[
            path_param(
                "rule_id",
                "Id of a fault rule (the example: the first rule added, as by add_fault's example)",
                {"type": "integer", "minimum": 0, "example": 1},
            )
        ],
        operations={"delete": op("delete_fault", "Remove one fault rule", "FaultDeleted", (403, 404, 405))},
    )
    spec.path(
        "/__admin/clock",
        operations={
            "get": op("get_clock", "The mock's clock", "ClockAnswer"),
            "post": op(
                "move_clock",
                "Freeze, set and/or advance the clock",
                "ClockAnswer",
                with_body,
                **body("ClockBody", example=CLOCK_EXAMPLE),
            ),
            "delete": op("reset_clock", "Back to real time", "ClockAnswer", (403, 405)),
        },
    )
