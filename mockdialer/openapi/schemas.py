"""Response schemas for the document: the vendors' envelopes and what GET returns.

The stored campaign is derived field by field from ``acefone.schemas.CampaignSchema`` (the schema that
validates the body), so a field added there appears here with the type it is stored as.
"""

from __future__ import annotations

from marshmallow import INCLUDE, RAISE, Schema, fields

from ..acefone.schemas import CampaignSchema


# ----- Acefone
class AcefoneError(Schema):
    """The envelope of every Acefone error: ``{success: false, message[, errors]}``."""

    class Meta:
        unknown = RAISE

    success = fields.Boolean(required=True, metadata={"enum": [False]})
    message = fields.String(required=True, metadata={"description": "The first problem, naming the field"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "Every problem, by field (validation failures)"},
    )


class LoginFailedError(AcefoneError):
    login_failed_count = fields.Integer(metadata={"description": "Failed logins for this email so far"})


class AcefoneMessage(Schema):
    class Meta:
        unknown = RAISE

    success = fields.Boolean(required=True, metadata={"enum": [True]})
    message = fields.String(required=True)


class CampaignCreated(AcefoneMessage):
    campaign_id = fields.String(required=True, metadata={"description": "Id of the new campaign"})


class ObjectCreated(AcefoneMessage):
    id = fields.String(required=True, metadata={"description": "Id of the new object"})


class LoginBody(Schema):
    """``POST /v1/auth/login`` (read by ``acefone.auth.login``: a body without both strings is a 401)."""

    class Meta:
        unknown = INCLUDE

    email = fields.String(required=True, metadata={"example": "demo@acefone.test"})
    password = fields.String(required=True, metadata={"example": "demo-password"})


class Token(Schema):
    class Meta:
        unknown = RAISE

    success = fields.Boolean(required=True, metadata={"enum": [True]})
    access_token = fields.String(required=True, metadata={"description": "HS256 JWT, valid for expires_in s"})
    token_type = fields.String(required=True, metadata={"enum": ["bearer"]})
    expires_in = fields.Integer(required=True)
    number_of_days_left = fields.Integer(required=True)


def _stored(field: fields.Field) -> fields.Field:
    """The response field for a request field: the type the value is stored (and returned) as, which each
    custom field declares (``stored_schema``, ``acefone/fields.py``); lists and nested entries alike."""
    if isinstance(field, fields.List):
        return fields.List(_stored(field.inner), allow_none=True)
    if isinstance(field, fields.Nested):
        return fields.Nested(StoredLeadListEntry)
    described = dict(getattr(field, "stored_schema", {"type": "string"}))
    if "description" not in described and field.metadata.get("description"):
        described["description"] = field.metadata["description"]
    return fields.Raw(allow_none=True, metadata=described)


class StoredLeadListEntry(Schema):
    class Meta:
        unknown = RAISE

    list_id = fields.Integer(required=True)
    list_status = fields.Integer(required=True, metadata={"enum": [0, 1]})


def _campaign_fields() -> dict[str, fields.Field]:
    declared = {name: _stored(field) for name, field in CampaignSchema._declared_fields.items()}
    return {
        "id": fields.String(required=True),
        **declared,
        "created_at": fields.String(allow_none=True),
        "updated_at": fields.String(allow_none=True),
    }


class _Closed(Schema):
    class Meta:
        unknown = RAISE


Campaign = _Closed.from_dict(_campaign_fields(), name="Campaign")


class CampaignOne(Schema):
    success = fields.Boolean(required=True, metadata={"enum": [True]})
    data = fields.Nested(Campaign, required=True)


class CampaignList(CampaignOne):
    data = fields.List(fields.Nested(Campaign), required=True)
    count = fields.Integer(required=True)


class AccountObject(Schema):
    """An account object as its fixture or create body gave it: an id, a name, any other keys."""

    class Meta:
        unknown = INCLUDE

    id = fields.Raw(required=True, metadata={"description": "A string id (users: an integer)"})
    name = fields.String()


class ObjectOne(Schema):
    success = fields.Boolean(required=True, metadata={"enum": [True]})
    data = fields.Nested(AccountObject, required=True)


class ObjectList(ObjectOne):
    data = fields.List(fields.Nested(AccountObject), required=True)
    count = fields.Integer(required=True)
    has_more = fields.Boolean(metadata={"description": "Users only"})


# ----- admin API
class AdminErrorDetail(Schema):
    class Meta:
        unknown = RAISE

    status = fields.Integer(required=True)
    message = fields.String(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class AdminError(Schema):
    """Every admin error: ``{ok: false, error: {status, message[, errors]}}``."""

    class Meta:
        unknown = RAISE

    ok = fields.Boolean(required=True, metadata={"enum": [False]})
    error = fields.Nested(AdminErrorDetail, required=True)


class _AdminOk(Schema):
    class Meta:
        unknown = RAISE

    ok = fields.Boolean(required=True, metadata={"enum": [True]})


class ClockState(Schema):
    now = fields.String(required=True, metadata={"format": "date-time"})
    time = fields.Float(required=True)
    frozen = fields.Boolean(required=True)


class FaultRule(Schema):
    class Meta:
        unknown = INCLUDE

    id = fields.Integer(required=True)
    action = fields.String(required=True)
    remaining = fields.Integer(allow_none=True)
    matched = fields.Integer(required=True)
    fired = fields.Integer(required=True)


class ResetDone(_AdminOk):
    reset = fields.Dict(required=True)


class SeedDone(_AdminOk):
    seeded = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class Health(_AdminOk):
    status = fields.String(required=True)
    version = fields.String(required=True)
    vendors = fields.Dict(required=True, metadata={"description": "{vendor: {account: {kind: count}}}"})
    journal = fields.Dict(required=True)
    faults = fields.Integer(required=True)
    clock = fields.Nested(ClockState, required=True)


class JournalEntries(_AdminOk):
    requests = fields.List(fields.Dict(), required=True)
    count = fields.Integer(required=True)


class Count(_AdminOk):
    count = fields.Integer(required=True)


class Cleared(_AdminOk):
    cleared = fields.Integer(required=True)


class FaultAdded(_AdminOk):
    fault = fields.Nested(FaultRule, required=True)


class FaultList(_AdminOk):
    faults = fields.List(fields.Nested(FaultRule), required=True)


class FaultDeleted(_AdminOk):
    deleted = fields.Integer(required=True)


class ClockAnswer(_AdminOk):
    clock = fields.Nested(ClockState, required=True)


class Verification(Schema):
    passed = fields.Boolean(required=True)
    expected = fields.String(required=True)
    criteria = fields.Dict(required=True)
    times = fields.Integer(allow_none=True, required=True)
    matched = fields.Integer(required=True)
    message = fields.String(required=True, metadata={"description": "What was expected; the near misses"})
    near_misses = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "The closest requests seen: {request, differences: [what differed]}"},
    )


class VerifyAnswer(_AdminOk):
    verification = fields.Nested(Verification, required=True)


# ----- the admin API's campaigns and operation list
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


class _AdminOkOpen(Schema):
    ok = fields.Boolean(required=True, metadata={"enum": [True]})


class CampaignRows(_AdminOkOpen):
    campaigns = fields.List(fields.Nested(CampaignRow), required=True)
    count = fields.Integer(required=True)
    accounts = fields.Dict(required=True, metadata={"description": "{vendor: [account]}"})


class CampaignAnswer(_AdminOkOpen):
    campaign = fields.Nested(CampaignRow, required=True)
    history = fields.List(
        fields.Dict(), metadata={"description": "journal entries that changed it, newest first"}
    )


class OperationNames(_AdminOkOpen):
    operations = fields.List(fields.String(), required=True)


class AdminIndex(_AdminOkOpen):
    class Meta:
        unknown = INCLUDE

    routes = fields.List(fields.String(), required=True)


# ----- the Acefone calls API's answers: open objects, in the shapes docs/vendors/acefone.md describes
ANY_OBJECT = {"type": "object", "additionalProperties": True}
OPEN = {
    "ClickToCallQueued": {**ANY_OBJECT, "description": "Queued: {success, message, ref_id}"},
    "CallRecordPage": {**ANY_OBJECT, "description": "{count, limit, size, page, results}"},
    "UserPage": {**ANY_OBJECT, "description": "{success, has_more, count, last_seen_id, data}"},
    "Departments": {"type": "array", "items": ANY_OBJECT, "description": "A JSON array"},
}


# ----- the admin API's webhooks (mockdialer/admin/webhooks.py)
class _WebhookOk(Schema):
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


class WebhookAnswer(_WebhookOk):
    webhook = fields.Nested(Webhook, required=True)


class WebhookDeleted(_WebhookOk):
    deleted = fields.Nested(Webhook, required=True)


class DeliveriesWaited(_WebhookOk):
    done = fields.Boolean(required=True, metadata={"description": "nothing queued or being sent any more"})
    pending = fields.Integer(required=True, metadata={"description": "deliveries still queued or under way"})


class WebhookList(_WebhookOk):
    webhooks = fields.List(fields.Nested(Webhook), required=True)
    count = fields.Integer(required=True)
