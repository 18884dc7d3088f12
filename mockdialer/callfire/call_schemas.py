"""marshmallow schemas of CallService and BroadcastService: a contact batch's fields, the query of a
campaign's batches and a batch's control (``Name``, ``Enabled``), and the calls query's parameters
(``State`` and ``Result`` xs:lists: space-joined, repeated or ``State[0]=``-indexed)."""

from __future__ import annotations

from marshmallow import ValidationError, pre_load, validates_schema

from .call_enums import ACTION_STATES, DEFAULT_BATCH_NAME, PHONE_TYPES, RESULTS
from .schemas import (
    REQUIRED,
    XsdBoolean,
    XsdDateTime,
    XsdInt,
    XsdList,
    XsdString,
    _Base,
    _enum,
    _phone,
    load,
)

__all__ = [
    "BatchPagingSchema",
    "ControlContactBatchSchema",
    "CreateContactBatchSchema",
    "QueryCallsSchema",
    "QueryContactBatchesSchema",
    "load",
]


class CreateContactBatchSchema(_Base):
    """``To``: numbers space- or comma-separated, or the key repeated (docs/vendors/callfire.md "Contact
    batches");
    ``ToNumber``: the contact field the numbers fill. No contact lists in the mock: ``ContactListId``
    is refused."""

    BroadcastId = XsdInt(long=True, min=1, required=True, error_messages=REQUIRED)
    Name = XsdString(load_default=DEFAULT_BATCH_NAME)
    To = XsdList(item=_phone())
    ToNumber = _enum(list(PHONE_TYPES), load_default="homePhone")
    ContactListId = XsdInt(long=True)
    ScrubBroadcastDuplicates = XsdBoolean(load_default=False)
    Start = XsdBoolean(load_default=False)

    @pre_load
    def _commas(self, data, **kwargs):
        to = data.get("To") if isinstance(data, dict) else None
        if to is None:
            return data
        items = to if isinstance(to, list) else [to]
        return {**data, "To": [item.replace(",", " ") if isinstance(item, str) else item for item in items]}

    @validates_schema
    def _numbers(self, data, **kwargs):
        if "ContactListId" in data:
            raise ValidationError("is not supported: the mock has no contact lists; send To", "ContactListId")
        if not data.get("To"):
            raise ValidationError("is required: at least one number (or a ContactListId)", "To")


class BatchPagingSchema(_Base):
    """The query parameters of a campaign's batches over REST (the campaign is the path's)."""

    MaxResults = XsdInt(long=True, min=0, max=1000, load_default=1000)
    FirstResult = XsdInt(long=True, min=0, load_default=0)


class QueryContactBatchesSchema(BatchPagingSchema):
    """The batches of one campaign (``BroadcastId``: the path's on REST, an element on SOAP)."""

    BroadcastId = XsdInt(long=True, min=1, required=True, error_messages=REQUIRED)


class ControlContactBatchSchema(_Base):
    """``Name`` renames the batch, ``Enabled`` holds its contacts back (false) or lets them be dialed
    (true); one of the two is needed."""

    Name = XsdString()
    Enabled = XsdBoolean()

    @validates_schema
    def _something(self, data, **kwargs):
        if "Name" not in data and "Enabled" not in data:
            raise ValidationError("is required (true or false) unless Name is sent", "Enabled")


class QueryCallsSchema(_Base):
    MaxResults = XsdInt(long=True, min=0, max=1000, load_default=1000)
    FirstResult = XsdInt(long=True, min=0, load_default=0)
    BroadcastId = XsdInt(long=True)
    BatchId = XsdInt(long=True)
    State = XsdList(choices=list(ACTION_STATES))
    Result = XsdList(choices=list(RESULTS))
    Inbound = XsdBoolean()
    IntervalBegin = XsdDateTime()
    IntervalEnd = XsdDateTime()
    FromNumber = _phone()
    ToNumber = _phone()
    LabelName = XsdString()
