"""Schemas of the admin API's request bodies and query strings, and ``load`` (a body or query through
one)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..errors import ValidationFailed
from ..harness.faults import ACTIONS
from ..harness.journal import parse_since

EPOCH_MAX = 253402300799  # 9999-12-31T23:59:59Z: the clock's range ends there
_NUMERIC = "[+-]?[0-9]+(\\.[0-9]+)?"
_ISO = (
    "{year}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{{1,6}})?)?"
    "(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])?)?"
)
_WS = "[\\s\\x1c-\\x1f]*"  # what str.strip() takes away


def _time_schema(clock: bool) -> list[dict]:
    """JSON Schema of an ISO 8601 time or epoch seconds (a number or its text); the clock's stay in
    1970..9999 (the OpenAPI document reads it through the fields' ``json_schema``)."""
    year = "(19[7-9][0-9]|[2-9][0-9]{3})" if clock else "[1-9][0-9]{3}"
    number = {"type": "number", **({"minimum": 0, "maximum": EPOCH_MAX} if clock else {})}
    text = f"^{_WS}({_ISO.format(year=year)}{'' if clock else '|' + _NUMERIC}){_WS}$"
    return [{"type": "string", "pattern": text}, number]


def load(schema: Schema, data: dict, form: bool = False) -> dict:
    """``data`` loaded by ``schema``; a ValidationFailed (422) names each field's problems. ``form``: the
    data is an HTML form's (the console's)."""
    if form:
        data = _form_numbers(schema, data)
    try:
        return schema.load(data)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        problems = {k: v if isinstance(v, list) else [str(v)] for k, v in messages.items()}
        raise ValidationFailed(errors=problems) from None


def _form_numbers(schema: Schema, form: dict) -> dict:
    """An HTML form sends every value as text: the number fields' text as numbers (JSON bodies must
    send numbers, as the OpenAPI document says)."""
    numbers = {name for name, f in schema.fields.items() if isinstance(f, fields.Number)}
    out = dict(form)
    for name in numbers & set(form):
        try:
            value = float(form[name])
        except ValueError:
            continue  # the schema names the problem
        whole = value.is_integer() and isinstance(schema.fields[name], fields.Integer)
        out[name] = int(value) if whole else value
    return out


class Since(fields.Field):
    """An ISO 8601 time or epoch seconds (a number or its text), as epoch seconds."""

    def json_schema(self, strict: bool) -> dict:  # a query filter: empty means "not given" (console forms)
        return {"anyOf": [*_time_schema(clock=False), {"type": "string", "pattern": r"^\s*$"}]}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError("Not an ISO 8601 time or epoch seconds.")
        try:
            return parse_since(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError("Not an ISO 8601 time or epoch seconds.") from exc


class Number(fields.Float):
    """A JSON number (not its text, not a boolean)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError("Not a number.")
        return super()._deserialize(value, attr, data, **kwargs)


class ResetSchema(Schema):
    vendor = fields.String()
    account = fields.String()


class SeedSchema(Schema):
    folder = fields.String()
    fixtures = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()))

    @validates_schema
    def one_source(self, data, **kwargs):
        if ("folder" in data) == ("fixtures" in data):
            raise ValidationError("Give either folder or fixtures.", "_schema")


class RequestMatchSchema(Schema):
    """What picks vendor requests out, for the journal's filters and the fault rules alike."""

    vendor = fields.String()
    transport = fields.String()
    operation = fields.String()
    account = fields.String()
    method = fields.String()
    path = fields.String()


class EntryMatchSchema(RequestMatchSchema):
    """Journal entries, deliveries among them (``direction`` outbound; ``event`` the trigger and
    ``url`` where it went, globs)."""

    direction = fields.String(validate=validate.OneOf(["inbound", "outbound"]))
    event = fields.String()
    url = fields.String()


class JournalQuerySchema(EntryMatchSchema):
    status = fields.Integer(validate=validate.Range(100, 599))
    since = Since()
    limit = fields.Integer(validate=validate.Range(min=1))


class VerifySchema(EntryMatchSchema):
    status = fields.Integer(validate=validate.Range(100, 599))
    times = fields.Integer(validate=validate.Range(min=0))
    body_contains = fields.String()


class FaultSchema(RequestMatchSchema):
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    ms = fields.Integer(strict=True, validate=validate.Range(0, 600_000))
    status = fields.Integer(strict=True, validate=validate.Range(400, 599))
    message = fields.String()
    retry_after = fields.Integer(strict=True, validate=validate.Range(min=0))
    times = fields.Integer(strict=True, validate=validate.Range(min=1))
    probability = Number(validate=validate.Range(0, 1))
    seed = fields.Integer(strict=True)

    @validates_schema
    def action_needs(self, data, **kwargs):
        action = data.get("action")
        if action == "delay" and not data.get("ms"):
            raise ValidationError("A delay needs ms (milliseconds, more than 0).", "ms")
        if action == "error" and "status" not in data:
            raise ValidationError("An error needs status (400 to 599).", "status")
        if action != "error" and "status" in data:
            raise ValidationError("Only an error takes status (rate_limit is always 429).", "status")
        if "seed" in data and "probability" not in data:
            raise ValidationError("A seed only applies with a probability.", "seed")


class ClockTime(Since):
    """A time the clock moves to: 1970-01-01 to 9999-12-31 (``actions.move_clock`` checks the range)."""

    def json_schema(self, strict: bool) -> dict:
        return {"anyOf": _time_schema(clock=True)}


class Freeze(ClockTime):
    """``true`` (freeze now), ``false`` (let it run on), or a time to freeze at."""

    def json_schema(self, strict: bool) -> dict:
        return {"anyOf": [{"type": "boolean"}, *_time_schema(clock=True)]}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):  # from an HTML form
            return value.strip().lower() == "true"
        return super()._deserialize(value, attr, data, **kwargs)


class ClockSchema(Schema):
    freeze = Freeze()
    set = ClockTime()
    advance = Number()

    @validates_schema
    def needs_a_move(self, data, **kwargs):
        if not data:
            raise ValidationError("Give freeze, set and/or advance.", "_schema")


class CampaignQuerySchema(Schema):
    vendor = fields.String()
    account = fields.String()


class ControlSchema(Schema):
    """A vendor's own state change (CallFire: START, STOP, ARCHIVE; Acefone: start, stop)."""

    command = fields.String(required=True)
