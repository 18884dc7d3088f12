"""The OpenAPI rows of CallFire's CallService and contact-batch REST operations (``callfire/rest/calls.py``):
the arguments of ``callfire_operations.Rest``, which builds the rows from them."""

from __future__ import annotations

from ..callfire import call_schemas as calls

ROWS: dict[str, dict] = {
    "QueryCalls": dict(
        summary="Query calls (BroadcastId = a CCC campaign's id)",
        answer="list:Call",
        query=calls.QueryCallsSchema,
        example={"BroadcastId": "1001", "MaxResults": "10"},
        note="State and Result: space-separated, repeated or State[i]; filters combine (AND); "
        "Result matches FinalResult",
    ),
    "GetCall": dict(summary="Get a call", answer="resource:Call", ids={"Id": 10010000001}),
    "CreateContactBatch": dict(
        summary="Add numbers to a CCC campaign (a contact batch)",
        answer="reference",
        form=calls.CreateContactBatchSchema,
        request_id=True,
        example={"To": "12135559000 12135559001", "Name": "Spring list"},
        ids={"BroadcastId": 1001},
        note="To: numbers space- or comma-separated or repeated; "
        "ToNumber: homePhone, workPhone or mobilePhone",
    ),
    "GetContactBatch": dict(summary="Get a contact batch", answer="resource:ContactBatch", ids={"Id": 6001}),
}
