"""The enums of CallService and BroadcastService: ActionState and Result (the 2014 values and the Dec 2015
additions, docs/callfire-contract.md "Calls"), the contact fields a batch fills, a batch's default name."""

from __future__ import annotations

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
PHONE_TYPES = ("homePhone", "workPhone", "mobilePhone")  # a contact batch's ToNumber
DEFAULT_BATCH_NAME = "API Contact Batch"  # a contact batch's Name, the 2014 definition's default
