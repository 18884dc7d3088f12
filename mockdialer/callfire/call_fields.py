"""CallService's and BroadcastService's resources in the XSD's order (docs/vendors/callfire.md "CallService",
"Contact
batches"): ``Call`` (Action's fields, its ``CallRecord``s, then ``AgentCall``, as the Dec 2015 SDKs add
it), ``CallRecord`` and ``ContactBatch``. ``resources.py`` renders them with the CccService's."""

from __future__ import annotations

CALL_FIELDS = [
    "FromNumber",
    "ToNumber",
    "State",
    "BatchId",
    "BroadcastId",
    "ContactId",
    "Inbound",
    "Created",
    "Modified",
    "FinalResult",
    "CallRecord",
    "AgentCall",
]
CALL_RECORD_FIELDS = ["Result", "FinishTime", "BilledAmount", "OriginateTime", "AnswerTime", "Duration"]
CONTACT_BATCH_FIELDS = ["Name", "Status", "BroadcastId", "Created", "Size", "Remaining"]
# simpleContent PhoneNumber: XML text, JSON {"value": ...} (the Java client's fixtures,
# docs/vendors/callfire.md)
SIMPLE_CONTENT = {"ToNumber"}
SUBSCRIPTION_FIELDS = [
    "Enabled",
    "NonStrictSsl",
    "Endpoint",
    "NotificationFormat",
    "TriggerEvent",
    "SubscriptionFilter",
]
SUBSCRIPTION_FILTER_FIELDS = ["BroadcastId", "BatchId", "FromNumber", "ToNumber", "Inbound"]
