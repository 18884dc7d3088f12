"""Marshmallow schemas for CallFire API 1.1 CccService, shared by the REST and SOAP transports.

Input is what a transport parsed, as raw strings: a scalar is a string, a repeated element or an
``xs:list`` is a list of strings (each may itself hold several space-separated items). A value sent
empty counts as not sent. ``load(schema, data)`` returns typed values or raises ``ValidationFailed``
naming every wrong field at once (``Question[0].ResponseType``, ``RetryConfig.MaxAttempts``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validates_schema
from marshmallow import validate as v

from ..errors import ValidationFailed, problem_paths
from .fields import AGENT_STATES
from .render import XML_UNSAFE

BROADCAST_STATUS = [
    "START_PENDING",
    "RUNNING",
    "STOPPED",
    "FINISHED",
    "ARCHIVED",
    "TEST",
    "SETUP",
    "SCHEDULED",
    "SUSPENDED",
    "VALIDATING_EMAIL",
    "VALIDATING_START",
    "BLOCKED_SUSPICIOUS",
    "APPROVED",
    "DECLINED",
]
RESULTS = [
    "LA",
    "AM",
    "BUSY",
    "DNC",
    "XFER",
    "XFER_LEG",
    "NO_ANS",
    "UNDIALED",
    "SENT",
    "RECEIVED",
    "DNT",
    "TOO_BIG",
    "INTERNAL_ERROR",
    "CARRIER_ERROR",
    "CARRIER_TEMP_ERROR",
    "SD",
    "POSTPONED",
    "ABANDONED",
    "SKIPPED",
]
RETRY_PHONE_TYPES = ["FIRST_NUMBER", "HOME_PHONE", "WORK_PHONE", "MOBILE_PHONE"]
RESPONSE_TYPES = ["STRING", "CHOICE", "NUMERIC"]
COMMANDS = ["START", "STOP", "ARCHIVE"]

XML_SPACE = " \t\n\r"  # XML's whitespace: what is trimmed, and what separates xs:list items
_LIST_SEPARATOR = re.compile("[ \t\n\r]+")
INT_RANGE = (-(2**31), 2**31 - 1)
LONG_RANGE = (-(2**63), 2**63 - 1)
PHONE_NUMBER = re.compile(r"\A(?:[a-zA-Z_]+|\+?[0-9]+)\Z")  # the XSD's PhoneNumber pattern (FACTS.md)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?")
_DATETIME = re.compile(
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"
)


def _one(value) -> str:
    """A scalar field given as a list (a key repeated) takes its last value."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    if not isinstance(value, str):
        raise ValidationError("must be a single value")
    _xml_text(value)
    return value.strip(XML_SPACE)


def _xml_text(value: str) -> None:
    """CallFire's resources are XML: a value XML cannot carry (control characters) is refused."""
    if XML_UNSAFE.search(value):
        raise ValidationError("holds a character XML cannot carry (a control character)")


class XsdString(fields.Field):
    def _deserialize(self, value, attr, data, **kwargs):
        return _one(value)


class XsdInt(fields.Field):
    """xs:int (or xs:long with ``long=True``) from its lexical form, with optional bounds."""

    def __init__(self, *, long: bool = False, min: int | None = None, max: int | None = None, **kw):
        super().__init__(**kw)
        lo, hi = LONG_RANGE if long else INT_RANGE
        self.lo = lo if min is None else min
        self.hi = hi if max is None else max
        self.type_name = "a long integer" if long else "an integer"

    def _deserialize(self, value, attr, data, **kwargs):
        text = _one(value)
        if not _INTEGER.fullmatch(text):
            raise ValidationError(f"must be {self.type_name}, got {text!r}")
        # past any long: not converted (int() refuses more than 4300 digits)
        number = int(text) if len(text.lstrip("+-").lstrip("0")) <= 19 else None
        if number is None or not self.lo <= number <= self.hi:
            below = text.startswith("-") if number is None else number < self.lo
            if self.hi in (INT_RANGE[1], LONG_RANGE[1]):
                raise ValidationError(f"must be {self.lo} or more" if below else "is too large")
            got = number if number is not None else text[:20] + "..."
            raise ValidationError(f"must be between {self.lo} and {self.hi}, got {got}")
        return number


class XsdBoolean(fields.Field):
    """xs:boolean: true, false, 1, 0 (PHP's http_build_query sends 1 and 0)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = _one(value)
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise ValidationError(f"must be true or false, got {text!r}")


class XsdTime(fields.Field):
    """xs:time ``HH:mm:ss``; an optional zone is accepted and dropped (it is the callee's local time)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = _one(value)
        match = _TIME.fullmatch(text)
        try:
            if not match:
                raise ValueError
            parsed = time(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ValidationError(f"must be a time HH:mm:ss, got {text!r}") from None
        return parsed.strftime("%H:%M:%S")


class XsdDateTime(fields.Field):
    """xs:dateTime ``CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]``; no zone means UTC. Returns an aware datetime."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = _one(value)
        if not _DATETIME.fullmatch(text):
            raise ValidationError(f"must be a dateTime CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm], got {text!r}")
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValidationError(f"is not a valid dateTime: {text!r}") from None
        return parsed.replace(tzinfo=parsed.tzinfo or UTC).astimezone(UTC)


class XsdList(fields.Field):
    """An ``xs:list``: items space-separated in one value, or the key/element repeated, or both."""

    def __init__(self, choices: list[str] | None = None, item: fields.Field | None = None, **kw):
        super().__init__(**kw)
        self.choices, self.item = choices, item

    def _deserialize(self, value, attr, data, **kwargs):
        values = value if isinstance(value, list | tuple) else [value]
        texts = [one for one in values if isinstance(one, str)]
        items = [token for one in texts for token in _LIST_SEPARATOR.split(one) if token]
        for item in items:
            _xml_text(item)
        if self.choices is not None:
            wrong = [item for item in items if item not in self.choices]
            if wrong:
                raise ValidationError(f"{', '.join(wrong)} not one of {', '.join(self.choices)}")
        if self.item is not None:
            items = [self.item.deserialize(item) for item in items]
        return items


def _enum(choices: list[str], **kw) -> XsdString:
    return XsdString(validate=v.OneOf(choices, error="must be one of " + ", ".join(choices)), **kw)


def _phone(**kw) -> XsdString:
    return XsdString(
        validate=v.Regexp(PHONE_NUMBER, error="is not a PhoneNumber (E.164 digits or short code)"), **kw
    )


REQUIRED = {"required": "is required", "null": "is required"}
# A flat ``Question=...`` / ``TransferNumber=...`` (what CallFire's PHP REST SDK sends) reaches the schema as
# a plain string: it is refused, naming the bracketed form, rather than silently dropped.
FLAT = {
    "Question": "must be sent as Question[i][label], Question[i][responseType] and Question[i][choices] "
    "(a flat Question=... value is not read)",
    "TransferNumber": "must be sent as TransferNumber[i][name], TransferNumber[i][number] and "
    "TransferNumber[i][allowAssistedTransfer] (a flat TransferNumber=... value is not read)",
}
EMAIL = v.Email(error="is not an email address")


class _Base(Schema):
    class Meta:
        unknown = EXCLUDE  # response-only and unknown names are ignored, as the vendor does

    @pre_load
    def _drop_empty(self, data, **kwargs):
        """A value sent empty (``Script=``, ``<Script/>``) counts as not sent."""
        if not isinstance(data, dict):
            raise ValidationError("must be a structure of fields")
        cleaned = {}
        for key, value in data.items():
            if isinstance(value, list):
                value = [one for one in value if not (isinstance(one, str) and not one.strip(XML_SPACE))]
                if not value:
                    continue
            elif value is None or (isinstance(value, str) and not value.strip(XML_SPACE)):
                continue
            cleaned[key] = value
        return cleaned


class QuestionSchema(_Base):
    Label = XsdString(required=True, error_messages=REQUIRED)
    ResponseType = _enum(RESPONSE_TYPES, required=True, error_messages=REQUIRED)
    Choices = XsdList()

    @validates_schema
    def _choices(self, data, **kwargs):
        # Choices on a STRING or NUMERIC question are kept and read back (FACTS.md: CallFire's own
        # integration test sends them on STRING and the live service took them)
        if data.get("ResponseType") == "CHOICE" and not data.get("Choices"):
            raise ValidationError("is required when ResponseType is CHOICE", "Choices")


class TransferNumberSchema(_Base):
    Name = XsdString()
    Number = _phone(required=True, error_messages=REQUIRED)
    AllowAssistedTransfer = XsdBoolean()


class RetryConfigSchema(_Base):
    MaxAttempts = XsdInt(min=1)
    MinutesBetweenAttempts = XsdInt(min=0)
    RetryResults = XsdList(RESULTS)
    RetryPhoneTypes = XsdList(RETRY_PHONE_TYPES)


class CccCampaignSchema(_Base):
    """The settable fields of a CccCampaign; ``Status``, ``Created``, ``LastModified``,
    ``ConfigUpdated`` and ``id`` are response-only and ignored."""

    Name = XsdString(required=True, error_messages=REQUIRED)
    LocalRestrictBegin = XsdTime()
    LocalRestrictEnd = XsdTime()
    Script = XsdString()
    Question = fields.List(fields.Nested(QuestionSchema), error_messages={"invalid": FLAT["Question"]})
    TransferNumber = fields.List(
        fields.Nested(TransferNumberSchema), error_messages={"invalid": FLAT["TransferNumber"]}
    )
    FromNumber = _phone()
    RetryConfig = fields.Nested(RetryConfigSchema)
    AgentGroupId = XsdInt(long=True)
    AgentGroupName = XsdString()
    SmartDropSoundId = XsdInt(long=True)
    SmartDropSoundRef = XsdString(validate=v.Regexp(r"\A\S+\Z", error="must be a URI without spaces"))
    AllowAnyTransfer = XsdBoolean()
    TransferCallerId = XsdString()
    Recorded = XsdBoolean()
    MultilineDialingRatio = XsdInt(min=1, max=4)
    MultilineDialingEnabled = XsdBoolean()
    ScrubLevel = XsdInt(min=0)
    NumberOfRings = XsdInt(min=1)
    Label = XsdString()

    @pre_load
    def _wrap_single(self, data, **kwargs):
        """One Question / TransferNumber given as a structure instead of a list of them."""
        for key in ("Question", "TransferNumber"):
            if isinstance(data.get(key), dict):
                data = {**data, key: [data[key]]}
        return data


class AgentGroupSchema(_Base):
    Name = XsdString(required=True, error_messages=REQUIRED)
    AgentIds = XsdList(item=XsdInt(long=True, min=1))
    AgentEmails = XsdList(item=XsdString(validate=EMAIL))

    @validates_schema
    def _not_both(self, data, **kwargs):
        # CreateAgentGroup: "using either list of agent ids or list of agent emails but not both"
        if data.get("AgentIds") and data.get("AgentEmails"):
            raise ValidationError("cannot be sent together with AgentIds", "AgentEmails")


class QuerySchema(_Base):
    MaxResults = XsdInt(long=True, min=0, max=1000, load_default=1000)
    FirstResult = XsdInt(long=True, min=0, load_default=0)


class QueryCccCampaignsSchema(QuerySchema):
    Running = XsdBoolean()
    Name = XsdString()
    LabelName = XsdString()


class QueryAgentGroupsSchema(QuerySchema):
    CampaignId = XsdInt(long=True)
    Name = XsdString()
    AgentId = XsdInt(long=True)
    AgentEmail = XsdString()


class QueryAgentsSchema(QuerySchema):
    CampaignId = XsdInt(long=True)
    AgentEmail = XsdString()
    AgentGroupId = XsdInt(long=True)
    AgentGroupName = XsdString()
    Enabled = XsdBoolean()


class QueryAgentSessionsSchema(QuerySchema):
    CampaignId = XsdInt(long=True)
    AgentId = XsdInt(long=True)
    AgentEmail = XsdString()
    Active = XsdBoolean()


class AddAgentsSchema(_Base):
    AgentIds = XsdList(item=XsdInt(long=True, min=1))
    AgentEmails = XsdList(item=XsdString(validate=EMAIL))

    @validates_schema
    def _some(self, data, **kwargs):
        if not data.get("AgentIds") and not data.get("AgentEmails"):
            raise ValidationError("is required (or AgentEmails): name at least one agent", "AgentIds")


class AddAgentGroupsSchema(_Base):
    AgentGroupIds = XsdList(item=XsdInt(long=True, min=1), required=True, error_messages=REQUIRED)


class SendAgentInvitesSchema(_Base):
    AgentGroupName = XsdString()
    AgentEmails = XsdList(item=XsdString(validate=EMAIL), required=True, error_messages=REQUIRED)


class AgentInviteUriSchema(_Base):
    AgentEmail = XsdString(validate=EMAIL, required=True, error_messages=REQUIRED)


class AgentFixtureSchema(_Base):
    """An agent of ``fixtures/callfire/*.json`` (``agents``)."""

    id = XsdInt(long=True, min=1, required=True, error_messages=REQUIRED)
    Name = XsdString()
    Email = XsdString(validate=EMAIL, required=True, error_messages=REQUIRED)
    Enabled = XsdBoolean(load_default=True)
    LastLogin = XsdDateTime()


class AgentSessionFixtureSchema(_Base):
    """An agent session of ``fixtures/callfire/*.json`` (``agentSessions``)."""

    id = XsdInt(long=True, min=1, required=True, error_messages=REQUIRED)
    AgentId = XsdInt(long=True, required=True, error_messages=REQUIRED)
    CampaignId = XsdInt(long=True, required=True, error_messages=REQUIRED)
    AgentState = _enum(AGENT_STATES, load_default="DISCONNECTED")
    CallCount = XsdInt(min=0, load_default=0)
    Start = XsdDateTime()
    LastUpdate = XsdDateTime()


class IdSchema(_Base):
    Id = XsdInt(long=True, required=True, error_messages=REQUIRED)


class ControlSchema(_Base):
    Command = _enum(COMMANDS)
    MaxActive = XsdInt(min=1)

    @validates_schema
    def _something(self, data, **kwargs):
        if "Command" not in data and "MaxActive" not in data:
            raise ValidationError("is required (START, STOP or ARCHIVE) unless MaxActive is sent", "Command")


class StatsSchema(_Base):
    IntervalBegin = XsdDateTime()
    IntervalEnd = XsdDateTime()

    @validates_schema
    def _order(self, data, **kwargs):
        if "IntervalBegin" in data and "IntervalEnd" in data and data["IntervalEnd"] < data["IntervalBegin"]:
            raise ValidationError("must not be before IntervalBegin", "IntervalEnd")


class RequestIdSchema(_Base):
    RequestId = XsdString(validate=v.Regexp(r"\A\S+\Z", error="must be a URI without spaces"))


def flatten(messages) -> dict[str, list[str]]:
    """marshmallow's nested messages as {"Question[0].ResponseType": [...]}."""
    out: dict[str, list[str]] = {}
    for path, problem in problem_paths(messages):
        out.setdefault(path or "request", []).append(problem)
    return out


def message(errors: dict[str, list[str]]) -> str:
    """Every problem in one line: ``Name is required; NumberOfRings must be 1 or more``."""
    return "; ".join(f"{field} {problem}" for field, problems in errors.items() for problem in problems)


def failed(errors: dict[str, list[str]]) -> ValidationFailed:
    return ValidationFailed(message(errors), errors=errors)


def load(schema: Schema, data, *, partial=None) -> dict:
    """Typed values, or ``ValidationFailed`` naming every problem."""
    try:
        return schema.load(data if data is not None else {}, partial=partial)
    except ValidationError as exc:
        raise failed(flatten(exc.messages)) from None
