"""Building the OpenAPI 3 document with apispec's MarshmallowPlugin from the request schemas.

Every operation lists each status it can answer with; every error has the body its surface renders
(Acefone ``{success, message[, errors]}``, admin ``{ok: false, error}``). Create operations carry
OpenAPI links to the get/update/delete of what they created (stateful testing follows them).
"""

from __future__ import annotations

from importlib import metadata

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

from ..acefone.call_schemas import ClickToCallSchema
from ..acefone.schemas import CampaignSchema, ObjectSchema
from ..admin.schemas import ClockSchema, ControlSchema, FaultSchema, ResetSchema, SeedSchema, VerifySchema
from ..admin.webhooks import WebhookSchema
from ..callfire.soap.service import SOAP_PATH
from . import callfire, declared, fields, schemas
from .operations import ACEFONE_ERRORS, ADMIN_ERRORS, json_content, ref

OPENAPI_VERSION = "3.0.3"
DESCRIPTION = f"""\
Every HTTP route of mockdialer but SOAP: the Acefone dialer API (`/v1/`, JSON, token auth: the demo
API token is `acefone-demo-token`, sent as `Authorization: Bearer acefone-demo-token`), CallFire API
1.1 CccService over REST (`/api/1.1/rest/`, form bodies, XML answers or JSON with `.json`; HTTP Basic
`demo-callfire` / `demo-password`) and the admin API of the test harness (`/__admin/`: no auth unless
the server has an admin token, then `Authorization: Bearer <MOCKDIALER_ADMIN_TOKEN>`). CallFire's SOAP
1.2 surface is described by its WSDL at `{SOAP_PATH}?wsdl`.

Statuses an injected fault (`POST /__admin/faults`) can add to any vendor operation are not listed.
"""


def _components(spec: APISpec) -> None:
    """The request bodies under the names the document gives them (an operation that names the same
    schema, with the same modifiers, refers to these), and the response schemas."""
    add = spec.components.schema
    add("CampaignCreate", schema=CampaignSchema)
    add("CampaignUpdate", schema=CampaignSchema(partial=True))
    add("AccountObjectBody", schema=ObjectSchema)
    add("AccountObjectUpdate", schema=ObjectSchema(partial=True))
    add("ResetBody", schema=ResetSchema)
    add("SeedBody", schema=SeedSchema)
    add("FaultBody", schema=FaultSchema)
    add("ClockBody", schema=ClockSchema)
    add("VerifyBody", schema=VerifySchema)
    add("ClickToCallBody", schema=ClickToCallSchema)
    add("ControlBody", schema=ControlSchema)
    add("WebhookBody", schema=WebhookSchema)
    spec.components.schemas["ClockBody"]["minProperties"] = 1  # "Give freeze, set and/or advance"
    for name in (
        "AcefoneError",
        "LoginFailedError",
        "AcefoneMessage",
        "CampaignCreated",
        "ObjectCreated",
        "LoginBody",
        "Token",
        "CampaignOne",
        "CampaignList",
        "ObjectOne",
        "ObjectList",
        "AdminError",
        "ResetDone",
        "SeedDone",
        "Health",
        "JournalEntries",
        "Count",
        "Cleared",
        "FaultAdded",
        "FaultList",
        "FaultDeleted",
        "ClockAnswer",
        "VerifyAnswer",
        "CampaignRows",
        "CampaignAnswer",
        "OperationNames",
        "AdminIndex",
        "WebhookAnswer",
        "WebhookDeleted",
        "WebhookList",
        "DeliveriesWaited",
    ):
        add(name, schema=getattr(schemas, name))
    for name, written in schemas.OPEN.items():
        add(name, written)
    for status, description in ACEFONE_ERRORS.items():
        error = "LoginFailedError" if status == 401 else "AcefoneError"
        spec.components.response(
            f"Acefone{status}", {"description": description, **json_content(ref("schemas", error))}
        )
    for status, description in ADMIN_ERRORS.items():
        spec.components.response(
            f"Admin{status}", {"description": description, **json_content(ref("schemas", "AdminError"))}
        )
    spec.components.security_scheme(
        "bearerAuth",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token or a login JWT (the raw token works too)",
        },
    )


def _schema_name(schema) -> str:
    """Nested schemas get their class name (the top-level components are named explicitly)."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__
    if not isinstance(schema, type) and getattr(schema, "partial", False):
        name += "Partial"
    return name.removesuffix("Schema") or name


def build_document(app: Flask) -> dict:
    plugin = MarshmallowPlugin(schema_name_resolver=_schema_name)
    spec = APISpec(
        title="mockdialer",
        version=metadata.version("mockdialer"),
        openapi_version=OPENAPI_VERSION,
        plugins=[plugin],
        info={"description": DESCRIPTION},
        security=[{"bearerAuth": []}],
    )
    fields.register(plugin, bool(app.config.get("STRICT")))
    _components(spec)
    callfire.components(spec)
    if app.config.get("ADMIN_TOKEN"):
        spec.components.security_scheme(
            "adminToken", {"type": "http", "scheme": "bearer", "description": "MOCKDIALER_ADMIN_TOKEN"}
        )
    declared.paths(spec, app, bool(app.config.get("ADMIN_TOKEN")))
    callfire.paths(spec, app)
    return spec.to_dict()
