"""The OpenAPI rows of CallFire's CallService and contact-batch REST operations (``callfire/rest/calls.py``),
in ``callfire_operations.Rest``'s shape."""

from __future__ import annotations

from ..callfire import call_schemas as calls
from .callfire_operations import Rest

REST: dict[str, Rest] = {
    "QueryCalls": Rest(
        "Query calls (BroadcastId = a CCC campaign's id)",
        "list:Call",
        query=calls.QueryCallsSchema,
        example={"BroadcastId": "1001", "MaxResults": "10"},
        note="State and Result: space-separated, repeated or State[i]; filters combine (AND); "
        "Result matches FinalResult",
    ),
    "GetCall": Rest("Get a call", "resource:Call", ids={"Id": 10010000001}),
    "CreateContactBatch": Rest(
        "Add numbers to a CCC campaign (a contact batch)",
        "reference",
        calls.CreateContactBatchSchema,
        request_id=True,
        example={"To": "12135559000 12135559001", "Name": "Spring list"},
        ids={"BroadcastId": 1001},
        note="To: numbers space- or comma-separated or repeated; "
        "ToNumber: homePhone, workPhone or mobilePhone",
    ),
    "GetContactBatch": Rest("Get a contact batch", "resource:ContactBatch", ids={"Id": 100000}),
}
