"""CallFire CallService reads of a CCC campaign's calls (query and get), shared by REST and SOAP.

A CCC campaign is a broadcast: its calls are read with ``BroadcastId=<campaign id>``. The calls come
from the campaign's simulation (``dialing.calls``), brought up to the clock first, so they always agree
with the campaign's stats at the same clock reading (docs/callfire-contract.md "Calls").

A call is a dict in the XSD's order: ``{"id", "FromNumber", "ToNumber", "State", "BatchId"?,
"BroadcastId", "ContactId", "Inbound": False, "Created", "Modified", "FinalResult"?, "CallRecord":
[{"id", "Result", "FinishTime", "BilledAmount", "OriginateTime", "AnswerTime"?, "Duration"}],
"AgentCall": False}``. Ids are derived, stable and unique in the account: a call is
``campaign id × 10^7 + its contact's place in the campaign + 1``, a record
``campaign id × 10^7 + 5 × 10^6 + the attempt's number in the campaign``.

    query_calls(account, params) -> (total, [call])
        params (raw strings, or lists of them for State and Result): MaxResults, FirstResult,
        BroadcastId, BatchId, State, Result, Inbound, IntervalBegin, IntervalEnd, FromNumber,
        ToNumber, LabelName
    get_call(account, id) -> call
"""

from __future__ import annotations

from datetime import UTC, datetime

from ...errors import NotFound
from ...store import AccountView
from .. import call_schemas
from . import dialing
from .tables import BATCHES, CAMPAIGNS, parse_id, view_for

SPAN = 10**7  # ids per campaign: calls below SPAN // 2, records above
RECORDS = SPAN // 2


def _stamp(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def batch_of(view: AccountView, campaign_id: int) -> dict[int, int]:
    """Contact id -> the id of the contact batch it came from."""
    return {
        contact["id"]: batch["id"]
        for batch in view.peek_list(BATCHES)
        if batch["BroadcastId"] == campaign_id
        for contact in batch["Contacts"]
    }


def _contact_id(key: str, call_id: int) -> int:
    kind, _, rest = key.partition(":")
    return int(rest) if kind == "contact" and rest.lstrip("-").isdigit() else call_id


def _record(campaign_id: int, record: dict) -> dict:
    out = {
        "id": campaign_id * SPAN + RECORDS + record["id"],
        "Result": record["result"],
        "FinishTime": _stamp(record["finish"]),
        "BilledAmount": float(record["billed"]),
        "OriginateTime": _stamp(record["originate"]),
    }
    if record["answer"] is not None:
        out["AnswerTime"] = _stamp(record["answer"])
    out["Duration"] = record["duration"]
    return out


def render_call(doc: dict, call: dict, batches: dict[int, int]) -> dict:
    campaign_id = doc["id"]
    call_id = campaign_id * SPAN + call["order"] + 1
    contact_id = _contact_id(call["key"], call_id)
    records = call["records"]
    created = _stamp(call["first_attempt"])
    out: dict = {"id": call_id}
    if doc.get("FromNumber"):
        out["FromNumber"] = doc["FromNumber"]
    out["ToNumber"] = call["number"]
    out["State"] = call["state"]
    if contact_id in batches:
        out["BatchId"] = batches[contact_id]
    out.update(
        {
            "BroadcastId": campaign_id,
            "ContactId": contact_id,
            "Inbound": False,
            "Created": created,
            "Modified": _stamp(records[-1]["finish"]) if records else created,
        }
    )
    if records:
        out["FinalResult"] = records[-1]["result"]
    out["CallRecord"] = [_record(campaign_id, record) for record in records]
    out["AgentCall"] = False
    return out


def campaign_calls(view: AccountView, doc: dict) -> list[dict]:
    """Every call of one campaign up to the clock, by id."""
    batches = batch_of(view, doc["id"])
    return [render_call(doc, call, batches) for call in dialing.calls(view, doc)]


def _number(value: str) -> str:
    return value[1:] if value.startswith("+") else value


def _matches(call: dict, q: dict) -> bool:
    if "BatchId" in q and call.get("BatchId") != q["BatchId"]:
        return False
    if "State" in q and call["State"] not in q["State"]:
        return False
    if "Result" in q and call.get("FinalResult") not in q["Result"]:
        return False
    created = call["Created"]
    if "IntervalBegin" in q and created < _stamp(int(q["IntervalBegin"].timestamp())):
        return False
    if "IntervalEnd" in q and created >= _stamp(int(q["IntervalEnd"].timestamp())):
        return False
    if "FromNumber" in q and _number(call.get("FromNumber", "")) != _number(q["FromNumber"]):
        return False
    return "ToNumber" not in q or _number(call["ToNumber"]) == _number(q["ToNumber"])


def query_calls(account: str, params=None) -> tuple[int, list[dict]]:
    """Filters combine (AND); ``Inbound=true`` and any ``LabelName`` match nothing (the mock places
    outbound calls without labels); an unknown ``BroadcastId`` or ``BatchId`` is an empty list."""
    view = view_for(account)
    q = call_schemas.load(call_schemas.QueryCallsSchema(), params)
    if q.get("Inbound") or "LabelName" in q:
        return 0, []
    docs = sorted(view.peek_list(CAMPAIGNS), key=lambda d: d["id"])
    if "BroadcastId" in q:
        docs = [d for d in docs if d["id"] == q["BroadcastId"]]
    found = [call for doc in docs for call in campaign_calls(view, doc) if _matches(call, q)]
    return len(found), found[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]


def get_call(account: str, id_) -> dict:
    """One call by id; an unknown id, or another account's, is a 404."""
    view = view_for(account)
    call_id = parse_id(id_)
    doc = view.peek(CAMPAIGNS, call_id // SPAN) if call_id > 0 else None
    if doc is not None and call_id % SPAN < RECORDS:
        for call in campaign_calls(view, doc):
            if call["id"] == call_id:
                return call
    raise NotFound(f"Call {id_} not found")
