"""marshmallow schemas of the calls API's input (docs/acefone.md "Calls, click-to-call, users, departments"):
the click-to-call body and the query strings of ``GET /v1/call/records`` and ``GET /v1/users``.

Values arrive as JSON, as a form or as a query string, so every field reads text as well as numbers;
unknown keys are ignored, as the vendor ignores them.
"""

from __future__ import annotations

import re
from datetime import datetime

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from .schemas import flatten

NUMBER = re.compile(r"^\d{10,15}$")
# the vendor's words for a leading '+' (docs/vendors/acefone.md)
PLUS_REFUSED = "Unable to process this request"
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
CALL_TYPES = {"c": "answered", "m": "missed"}
DEFAULT_RECORDS_LIMIT = 10
DEFAULT_USERS_LIMIT = 20
MAX_LIMIT = 1000


class Digits(fields.Field):
    """A phone number as bare digits, 10-15 long; a leading '+' gets the vendor's refusal."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValidationError("Must be a number given as digits.")
        text = str(value).strip()
        if text.startswith("+"):
            raise ValidationError(f"{PLUS_REFUSED}: send bare digits, without a leading '+'.")
        if not NUMBER.match(text):
            raise ValidationError("Must be 10 to 15 digits.")
        return text


class Whole(fields.Field):
    """A whole number sent as a number or as text ("30", 30)."""

    def __init__(self, low: int, high: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.low, self.high = low, high

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise ValidationError("Must be a whole number.")
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            raise ValidationError("Must be a whole number.") from None
        if not self.low <= number <= self.high:
            raise ValidationError(f"Must be between {self.low} and {self.high}.")
        return number


class Moment(fields.Field):
    """A 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DD') wall-clock time, read as India time by the caller."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value).strip().replace("T", " ")
        for form in DATE_FORMATS:
            try:
                return datetime.strptime(text, form)
            except ValueError:
                continue
        raise ValidationError("Must be a date and time as 'YYYY-MM-DD HH:MM:SS'.")


class Text(fields.String):
    """Text up to ``length`` characters; a number is taken as its digits."""

    def __init__(self, length: int = 255, **kwargs) -> None:
        super().__init__(validate=validate.Length(max=length), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return super()._deserialize(value, attr, data, **kwargs)


class ClickToCallSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    agent_number = Digits(required=True, metadata={"description": "The agent: a user's agent.id"})
    destination_number = Digits(required=True, metadata={"description": "The customer, bare digits"})
    caller_id = Digits(metadata={"description": "A DID of the account (GET /v1/my_number), bare digits"})
    # "async" is a Python keyword: the field is declared under another name and mapped back
    async_ = fields.Raw(data_key="async", metadata={"description": "1: answer at once (the only mode)"})
    call_timeout = Whole(5, 300, metadata={"description": "Seconds the customer's leg rings"})
    custom_identifier = Text(metadata={"description": "Echoed on the call record and its webhooks"})

    @validates_schema
    def _async_flag(self, data, **kwargs):
        value = data.get("async_")
        if value is not None and str(value).strip().lower() not in ("0", "1", "true", "false"):
            raise ValidationError("Must be 0 or 1.", "async")


class CallRecordsQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    from_date = Moment(metadata={"description": "India time, 'YYYY-MM-DD HH:MM:SS'"})
    to_date = Moment(metadata={"description": "India time, 'YYYY-MM-DD HH:MM:SS'"})
    page = Whole(1, 1_000_000, load_default=1)
    limit = Whole(1, MAX_LIMIT, load_default=DEFAULT_RECORDS_LIMIT)
    call_type = fields.String(validate=validate.OneOf(sorted(CALL_TYPES)), metadata={"description": "c|m"})
    direction = fields.String(validate=validate.OneOf(["inbound", "outbound"]))
    did_number = fields.String(validate=validate.Length(max=20))
    callerid = fields.String(validate=validate.Length(max=20))
    agents = fields.String(validate=validate.Length(max=2000), metadata={"description": "agent ids, a,b"})
    call_id = fields.String(validate=validate.Length(max=64))

    @validates_schema(skip_on_field_errors=False)
    def _window(self, data, **kwargs):
        start, end = data.get("from_date"), data.get("to_date")
        if start and end and start > end:
            raise ValidationError("Must not be before from_date.", "to_date")


class UsersQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    limit = Whole(1, MAX_LIMIT, load_default=DEFAULT_USERS_LIMIT)
    last_seen_id = Whole(0, 2**63 - 1, metadata={"description": "The id of the last user of the page before"})


def load(schema: Schema, values: dict) -> tuple[dict, dict[str, list[str]]]:
    """``(values, problems)``, every problem at once."""
    try:
        return schema.load(values), {}
    except ValidationError as exc:
        return {}, flatten(exc.messages)


def last_values(args) -> dict:
    """A query string's values, the last one of a repeated key winning, as PHP reads a query
    (docs/acefone.md: ``last_seen_id`` sent once per key of a user object)."""
    return {key: args.getlist(key)[-1] for key in args}
