"""CallFire BroadcastService contact batches on a CCC campaign (create and get),
shared by REST and SOAP: numbers a client adds to a campaign, as CallFire's clients do.

A batch is stored as ``{"id", "Name", "Status": "ACTIVE", "BroadcastId", "Created", "Contacts":
[{"id", <ToNumber field>: number}]}``; the simulation dials its contacts after the campaign's own
(``dialing.contacts``), also while the campaign runs, and their calls carry the batch's id as
``BatchId``. What the API shows adds ``Size`` (its numbers) and ``Remaining`` (those not yet FINISHED).

    create_contact_batch(account, data, request_id=None) -> int
        data (raw strings, lists for To): BroadcastId, Name, To, ToNumber, ContactListId,
        ScrubBroadcastDuplicates, Start
    get_contact_batch(account, id) -> dict
"""

from __future__ import annotations

from ...store import get_store
from .. import call_schemas as s
from . import calls, campaigns, dialing
from .tables import BATCHES, CAMPAIGNS, FIRST_NEW_ID, once_per_request_id, stamp, stored, view_for

PHONES = ("homePhone", "workPhone", "mobilePhone")


def _digits(number: str) -> str:
    return number[1:] if number.startswith("+") else number


@once_per_request_id
def create_contact_batch(account: str, data) -> int:
    """``ScrubBroadcastDuplicates=true`` skips numbers the campaign already has; ``Start=true``
    starts the campaign as the control command START does."""
    view = view_for(account)
    values = s.load(s.CreateContactBatchSchema(), data)
    doc = stored(view, CAMPAIGNS, values["BroadcastId"], "CccCampaign")
    numbers = list(dict.fromkeys(_digits(n) for n in values["To"]))
    if values["ScrubBroadcastDuplicates"]:
        have = {
            _digits(str(contact.get(field) or contact.get("@" + field) or ""))
            for contact in dialing.contacts(view, doc)
            if isinstance(contact, dict)
            for field in PHONES
        }
        numbers = [n for n in numbers if n not in have]
    store = get_store()
    batch_id = store.next_id("callfire.batch", start=FIRST_NEW_ID)
    contacts = [
        {"id": store.next_id("callfire.contact", start=FIRST_NEW_ID), values["ToNumber"]: number}
        for number in numbers
    ]
    view.put(
        BATCHES,
        batch_id,
        {
            "id": batch_id,
            "Name": values["Name"],
            "Status": "ACTIVE",
            "BroadcastId": doc["id"],
            "Created": stamp(),
            "Contacts": contacts,
        },
    )
    if values["Start"]:
        campaigns.control_campaign(account, doc["id"], "START")
    return batch_id


def get_contact_batch(account: str, id_) -> dict:
    view = view_for(account)
    batch = stored(view, BATCHES, id_, "ContactBatch")
    campaign = view.peek(CAMPAIGNS, batch["BroadcastId"])
    finished = set()
    if campaign is not None:
        finished = {
            call["ContactId"]
            for call in calls.campaign_calls(view, campaign)
            if call.get("BatchId") == batch["id"] and call["State"] == "FINISHED"
        }
    size = len(batch["Contacts"])
    return {
        "id": batch["id"],
        "Name": batch["Name"],
        "Status": batch["Status"],
        "BroadcastId": batch["BroadcastId"],
        "Created": batch["Created"],
        "Size": size,
        "Remaining": sum(1 for c in batch["Contacts"] if c["id"] not in finished),
    }
