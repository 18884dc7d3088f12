"""Marshmallow schemas for CallFire API 1.1 CccService, shared by the REST and SOAP transports: the
writes' bodies, the reads' parameters and the fixtures. Each field reads its value with ``xsd.py``, so
every operation words a wrong value the same.

Input is what a transport parsed, as raw strings: a scalar is a string, a repeated element or an
``xs:list`` is a list of strings (each may itself hold several space-separated items). A value sent
empty counts as not sent. ``load(schema, data)`` returns typed values or raises ``ValidationFailed``
naming every wrong field at once (``Question[0].ResponseType``, ``RetryConfig.MaxAttempts``).
"""

from __future__ import annotations

import re

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validates_schema
from marshmallow import validate as v

from ..errors import bounded, problem_paths
from . import call_enums, xsd
from .fields import AGENT_STATES
from .xsd import PHONE_NUMBER, XML_SPACE, failed

RESULTS = list(call_enums.RESULTS)
RETRY_PHONE_TYPES = ["FIRST_NUMBER", "HOME_PHONE", "WORK_PHONE", "MOBILE_PHONE"]
RESPONSE_TYPES = ["STRING", "CHOICE", "NUMERIC"]
COMMANDS = ["START", "STOP", "ARCHIVE"]


# What a form value of each field may be, as a regex (``form_pattern()``, for the OpenAPI document): the
# lexical forms ``xsd.py`` reads. A free-text value is any characters XML can carry (the schemas refuse
# the others: control characters, U+FFFE/F; a lone surrogate cannot be sent in UTF-8 at all).
TEXT_CHAR = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]"
NON_BLANK = "[^\\x00-\\x20\\ufffe\\uffff]"
TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"
DATETIME = (
    "[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    "(\\.[0-9]{1,6})?(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])?"
)
BOOLEAN = "(true|false|1|0)"
PHONE = "([a-zA-Z_]+|\\+?[0-9]+)"  # PHONE_NUMBER's
URI = "[^\\s\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]+"  # a URI without spaces
EMAIL_ADDRESS = "[^@ \\t\\n\\r]+@[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)*\\.[a-zA-Z]{2,}"


def digits_pattern(lo: int, hi: int) -> str:
    """A regex of whole numbers from ``lo`` (0 or 1, or any negative: sign allowed) up to below the
    next power of ten under ``hi`` (a subset of [lo, hi] that a regex can say)."""
    width = len(str(hi)) - 1
    if hi < 10:
        return f"\\+?0*[{max(lo, 0)}-{hi}]"
    if lo < 0:
        return f"[+-]?0*[0-9]{{1,{width}}}"
    if lo == 0:
        return f"\\+?0*[0-9]{{1,{width}}}"
    return f"\\+?0*[1-9][0-9]{{0,{width - 1}}}"


def _read(reader, value):
    try:
        return reader(value)
    except xsd.Invalid as exc:
        raise ValidationError(str(exc)) from None


class XsdString(fields.Field):
    def form_pattern(self) -> str | None:
        """A regex of one value, or None for free text."""
        for validator in self.validators:
            if isinstance(validator, v.OneOf):
                return "(" + "|".join(re.escape(str(choice)) for choice in validator.choices) + ")"
            if isinstance(validator, v.Regexp):
                return PHONE if validator.regex.pattern == PHONE_NUMBER.pattern else URI
            if isinstance(validator, v.Email):
                return EMAIL_ADDRESS
        return None

    def _deserialize(self, value, attr, data, **kwargs):
        return _read(xsd.string, value)


class XsdInt(fields.Field):
    """xs:int (or xs:long with ``long=True``) from its lexical form, with optional bounds."""

    def __init__(self, *, long: bool = False, min: int | None = None, max: int | None = None, **kw):
        super().__init__(**kw)
        self.type = xsd.Int(long=long, min=min, max=max)
        self.lo, self.hi = self.type.lo, self.type.hi

    def form_pattern(self) -> str:
        return digits_pattern(self.lo, self.hi)

    def _deserialize(self, value, attr, data, **kwargs):
        return _read(self.type, value)


class XsdBoolean(fields.Field):
    """xs:boolean: true, false, 1, 0 (PHP's http_build_query sends 1 and 0)."""

    def form_pattern(self) -> str:
        return BOOLEAN

    def _deserialize(self, value, attr, data, **kwargs):
        return _read(xsd.boolean, value)


class XsdTime(fields.Field):
    """xs:time ``HH:mm:ss``; an optional zone is accepted and dropped (it is the callee's local time)."""

    def form_pattern(self) -> str:
        return TIME

    def _deserialize(self, value, attr, data, **kwargs):
        return _read(xsd.time_of_day, value)


class XsdDateTime(fields.Field):
    """xs:dateTime ``CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]``; no zone means UTC. Returns an aware datetime."""

    def form_pattern(self) -> str:
        return DATETIME

    def _deserialize(self, value, attr, data, **kwargs):
        return _read(xsd.date_time, value)


class XsdList(fields.Field):
    """An ``xs:list``: items space-separated in one value, or the key/element repeated, or both."""

    def __init__(self, choices: list[str] | None = None, item: fields.Field | None = None, **kw):
        super().__init__(**kw)
        self.choices, self.item = choices, item

    def form_pattern(self) -> str:
        """A regex of one item."""
        if self.choices is not None:
            return "(" + "|".join(self.choices) + ")"
        return self.item.form_pattern() if self.item is not None else NON_BLANK + "+"

    def _deserialize(self, value, attr, data, **kwargs):
        items = _read(xsd.tokens, value)
        if self.choices is not None:
            wrong = [item for item in items if item not in self.choices]
            if wrong:  # at most MAX_LISTED_PROBLEMS named, each cut: the error stays small (issue 23)
                named = ", ".join(bounded([w if len(w) <= 64 else w[:64] + "..." for w in wrong]))
                raise ValidationError(f"{named} not one of {', '.join(self.choices)}")
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
        # Choices on a STRING or NUMERIC question are kept and read back (docs/vendors/callfire.md:
        # CallFire's own
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


# ----- the read operations' parameters (ids, the Query* filters and paging, the stats interval)
def _long(**kw) -> XsdInt:
    return XsdInt(long=True, **kw)


class IdSchema(_Base):
    Id = _long(required=True, error_messages=REQUIRED)


class _PagingSchema(_Base):
    MaxResults = _long(min=0, max=1000, load_default=1000)
    FirstResult = _long(min=0, load_default=0)


class QueryCccCampaignsSchema(_PagingSchema):
    Running = XsdBoolean()
    Name = XsdString()
    LabelName = XsdString()


class QueryAgentGroupsSchema(_PagingSchema):
    CampaignId = _long()
    Name = XsdString()
    AgentId = _long()
    AgentEmail = XsdString()


class QueryAgentsSchema(_PagingSchema):
    CampaignId = _long()
    AgentEmail = XsdString()
    AgentGroupId = _long()
    AgentGroupName = XsdString()
    Enabled = XsdBoolean()


class QueryAgentSessionsSchema(_PagingSchema):
    CampaignId = _long()
    AgentId = _long()
    AgentEmail = XsdString()
    Active = XsdBoolean()


class StatsSchema(_Base):
    IntervalBegin = XsdDateTime()
    IntervalEnd = XsdDateTime()

    @validates_schema
    def _in_order(self, data, **kwargs):
        begin, end = data.get("IntervalBegin"), data.get("IntervalEnd")
        if begin is not None and end is not None and end < begin:
            raise ValidationError("must not be before IntervalBegin", "IntervalEnd")


class InvitedEmailSchema(_Base):
    """GetAgentInviteUri's key: an invite found was sent to an address SendAgentInvites checked, so only
    a miss asks ``AgentInviteUriSchema`` whether it is an email address at all."""

    AgentEmail = XsdString(required=True, error_messages=REQUIRED)


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


class ControlSchema(_Base):
    Command = _enum(COMMANDS)
    MaxActive = XsdInt(min=1)

    @validates_schema
    def _something(self, data, **kwargs):
        if "Command" not in data and "MaxActive" not in data:
            raise ValidationError("is required (START, STOP or ARCHIVE) unless MaxActive is sent", "Command")


class RequestIdSchema(_Base):
    RequestId = XsdString(validate=v.Regexp(r"\A\S+\Z", error="must be a URI without spaces"))


def flatten(messages) -> dict[str, list[str]]:
    """marshmallow's nested messages as {"Question[0].ResponseType": [...]}."""
    out: dict[str, list[str]] = {}
    for path, problem in problem_paths(messages):
        out.setdefault(path or "request", []).append(problem)
    return out


def load(schema: Schema, data, *, partial=None) -> dict:
    """Typed values, or ``ValidationFailed`` naming every problem."""
    try:
        return schema.load(data if data is not None else {}, partial=partial)
    except ValidationError as exc:
        raise failed(flatten(exc.messages)) from None
