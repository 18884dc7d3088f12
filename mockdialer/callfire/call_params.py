"""CallService's and BroadcastService's read parameters (QueryCalls' ``ActionQuery``, QueryContactBatches),
typed without marshmallow like ``params.py``: ``read_params(QUERY_CALLS, data)``.

``State`` and ``Result`` are xs:lists of CallFire's enums (the 2014 values and the Dec 2015 additions,
docs/callfire-contract.md "Calls"): space-joined, repeated or ``State[0]=``-indexed (the REST parser
hands them over as a list either way). ``FromNumber``/``ToNumber`` are PhoneNumbers.
"""

from __future__ import annotations

from . import xsd
from .params import PAGING, Param, Params, _in_order

ACTION_STATES = (
    "READY",
    "SELECTED",
    "FINISHED",
    "DNC",
    "DUP",
    "INVALID",
    "TIMEOUT",
    "CALLBACK",
    "DISABLED",
    "SKIPPED",
    "PERIOD_LIMIT",
)
RESULTS = (
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
)
PHONE_TYPES = ("homePhone", "workPhone", "mobilePhone")  # CreateContactBatch's ToNumber
DEFAULT_BATCH_NAME = "API Contact Batch"  # CreateContactBatch's Name, the 2014 definition's default


class EnumList:
    """The reader of an xs:list of one enum: ``EnumList(RESULTS)("LA NO_ANS") == ["LA", "NO_ANS"]``."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def __call__(self, value) -> list[str]:
        items = xsd.tokens(value)
        wrong = [item for item in items if item not in self.choices]
        if wrong:
            raise xsd.Invalid(f"must be one of {', '.join(self.choices)}, got {wrong[0]!r}")
        return items


def phone_number(value) -> str:
    """A PhoneNumber (digits, an optional leading ``+``, or a short code's letters)."""
    text = xsd.string(value)
    if not xsd.PHONE_NUMBER.fullmatch(text):
        raise xsd.Invalid(f"must be a phone number (digits, optionally with a leading +), got {text!r}")
    return text


QUERY_CALLS = Params(
    {
        **PAGING,
        "BroadcastId": Param(xsd.Int(long=True)),
        "BatchId": Param(xsd.Int(long=True)),
        "State": Param(EnumList(ACTION_STATES)),
        "Result": Param(EnumList(RESULTS)),
        "Inbound": Param(xsd.boolean),
        "IntervalBegin": Param(xsd.date_time),
        "IntervalEnd": Param(xsd.date_time),
        "FromNumber": Param(phone_number),
        "ToNumber": Param(phone_number),
        "LabelName": Param(xsd.string),
    },
    _in_order,
)
QUERY_CONTACT_BATCHES = Params(dict(PAGING))
