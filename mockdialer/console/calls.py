"""A campaign's calls and its account's deliveries, for the panel beside the campaign (the console's
"Calls and deliveries"), the same for every vendor.

A vendor lists a campaign's calls through ``app.extensions[CALL_LISTS][vendor]``, a function
``(account, campaign_id, limit) -> (total, [row])`` whose rows are ``{"id", "number", "status",
"started", "ended", "agent"}`` (epoch seconds; ``ended`` None while the call is under way): Acefone's
is ``acefone/webhooks.py``'s ``campaign_calls`` (its call records); CallFire's is read here from its
QueryCalls (``callfire/domain/calls.py``) unless CallFire registers its own. The deliveries are the
journal's outbound entries of the campaign's vendor and account, newest first.
"""

from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app

from ..harness.journal import get_journal

CALL_LISTS = "mockdialer.call_lists"
CALL_ROWS = 40  # the newest calls shown
DELIVERY_ROWS = 30  # the newest delivery attempts shown


def _epoch(text) -> int | None:
    if not text:
        return None
    try:
        return int(datetime.fromisoformat(str(text).replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def _callfire_calls(account: str, campaign_id: str, limit: int) -> tuple[int, list[dict]]:
    from ..callfire.domain import calls

    total, found = calls.query_calls(account, {"BroadcastId": str(campaign_id), "MaxResults": str(limit)})
    rows = []
    for call in found:
        record = (call.get("CallRecord") or [{}])[-1]
        rows.append(
            {
                "id": str(call.get("id")),
                "number": str(call.get("ToNumber") or ""),
                "status": str(call.get("FinalResult") or call.get("State") or ""),
                "started": _epoch(record.get("OriginateTime") or call.get("Created")),
                "ended": _epoch(record.get("FinishTime")),
                "agent": "",
            }
        )
    rows.sort(key=lambda r: (r["started"] or 0, r["id"]), reverse=True)
    return total, rows


def campaign_calls(vendor: str, account: str, campaign_id: str) -> dict:
    """``{"total", "rows", "known"}``: the newest ``CALL_ROWS`` calls; ``known`` False when the vendor
    offers no list."""
    lister = current_app.extensions.get(CALL_LISTS, {}).get(vendor)
    if lister is None:
        return {"total": 0, "rows": [], "known": False}
    total, rows = lister(account, str(campaign_id), CALL_ROWS)
    return {"total": total, "rows": rows[:CALL_ROWS], "known": True}


def deliveries(vendor: str, account: str) -> dict:
    """``{"total", "rows"}``: the newest ``DELIVERY_ROWS`` delivery attempts of the vendor's account."""
    found = get_journal(current_app).entries(vendor=vendor, account=account, direction="outbound")
    return {"total": len(found), "rows": list(reversed(found[-DELIVERY_ROWS:]))}


def init_app(app: Flask) -> None:
    app.extensions.setdefault(CALL_LISTS, {}).setdefault("callfire", _callfire_calls)
