"""CallFire BroadcastService contact batches on a CCC campaign (create, get, query a campaign's, control),
shared by REST and SOAP: numbers a client adds to a campaign, as CallFire's clients do.

A batch is stored as ``{"id", "Name", "Status": "ACTIVE", "BroadcastId", "Created", "Contacts":
[{"id", <ToNumber field>: number}], "Enabled"?}``; the simulation dials its contacts after the
campaign's own (``dialing.contacts``), also while the campaign runs, and their calls carry the batch's
id as ``BatchId``. ``Enabled: false`` (the control) holds back its contacts not dialed yet until it is
enabled again. What the API shows adds ``Size`` (its numbers) and ``Remaining`` (those not yet FINISHED).

    create_contact_batch(account, data, request_id=None) -> int
        data (raw strings, lists for To): BroadcastId, Name, To, ToNumber, ContactListId,
        ScrubBroadcastDuplicates, Start
    get_contact_batch(account, id) -> dict
    query_contact_batches(account, query) -> (total, [batch])    query: BroadcastId, MaxResults, FirstResult
    control_contact_batch(account, id, data) -> None              data: Name, Enabled
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


def _finished(view, campaign: dict | None) -> set[int]:
    """The ids of the campaign's contacts whose call is FINISHED (the simulation brought up to the clock)."""
    if campaign is None:
        return set()
    return {call["ContactId"] for call in calls.campaign_calls(view, campaign) if call["State"] == "FINISHED"}


def _shown(batch: dict, finished: set[int]) -> dict:
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


def get_contact_batch(account: str, id_) -> dict:
    view = view_for(account)
    batch = stored(view, BATCHES, id_, "ContactBatch")
    return _shown(batch, _finished(view, view.peek(CAMPAIGNS, batch["BroadcastId"])))


def query_contact_batches(account: str, query) -> tuple[int, list[dict]]:
    """The batches of one of the account's campaigns by id ascending (an unknown campaign is a 404, as
    on create: the campaign is the resource the path names)."""
    q = s.load(s.QueryContactBatchesSchema(), query)
    view = view_for(account)
    doc = stored(view, CAMPAIGNS, q["BroadcastId"], "CccCampaign")
    found = sorted(
        (b for b in view.peek_list(BATCHES) if b["BroadcastId"] == doc["id"]), key=lambda b: b["id"]
    )
    page = found[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]
    finished = _finished(view, doc) if page else set()
    return len(found), [_shown(batch, finished) for batch in page]


def control_contact_batch(account: str, id_, data) -> None:
    """``Name`` renames; ``Enabled=false`` holds back the batch's contacts the campaign has not dialed yet
    (retries of those it has go on), ``true`` lets them be dialed again, after the contacts queued
    meanwhile. An empty ``Enabled`` is false, as the PHP SDK sends it (docs/vendors/callfire.md
    "Contact batches on a CCC campaign")."""
    raw = {k: ("false" if k == "Enabled" and v == "" else v) for k, v in (data or {}).items()}
    values = s.load(s.ControlContactBatchSchema(), raw)
    view = view_for(account)
    with view.transaction():
        batch = stored(view, BATCHES, id_, "ContactBatch")
        campaign = view.peek(CAMPAIGNS, batch["BroadcastId"])
        if campaign is not None and "Enabled" in values:
            dialing.refresh(view, campaign)  # what was dialed before the change keeps its moment
        view.put(BATCHES, batch["id"], {**batch, **values})
