"""CallFire notifications: what a subscription's endpoint receives when a CCC campaign starts, stops or
finishes, and when each call attempt ends (docs/vendors/callfire.md "Notifications").

The events come from where the simulation moves (``dialing.on_advance``: inside the store transaction
that advanced a campaign, so with several workers each event is found, and sent, once). Each is matched
against the account's subscriptions (``subscriptions.receivers``), written in the subscription's format
and handed to the harness's deliveries (``harness/deliveries.py``: in the background, one subscription's
in event order, retried 1 s, 2 s, 4 s later, every attempt journaled as ``callfire.notification``).

| TriggerEvent | root | resource |
| --- | --- | --- |
| OUTBOUND_CALL_FINISHED | ``n:CallFinished`` | the ``Call`` as GetCall renders it at that moment |
| CAMPAIGN_STARTED, _STOPPED, _FINISHED | ``n:BroadcastStarted``, ``Stopped``, ``Finished`` | Broadcast |

``body(format, root, subscription_id, kind, resource)`` is the payload (bytes, content type).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Flask
from lxml import etree

from ... import simulation
from ...harness import deliveries, ticker
from ...store import AccountView
from .. import render
from ..resources import to_json
from . import calls, dialing, subscriptions
from .dialing import RUNNING
from .tables import CAMPAIGNS

NOTIFICATION_NS = "http://api.callfire.com/notification/xsd"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
USER_AGENT = "CallFire-HTTP/1.0"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
CONTENT_TYPES = {
    "XML": "text/xml; charset=UTF-8",  # exactly: the PHP SDK's parser compares the whole string
    "LEGACY": "text/xml; charset=UTF-8",
    "JSON": "application/json; charset=UTF-8",
    "SOAP": "application/soap+xml; charset=UTF-8",
}
NOTIFIED = "notified"  # per campaign: the last campaign event sent, [event, moment]
POLICY = (5.0, (1.0, 2.0, 4.0))  # timeout, pauses before the retries: at most 4 tries
ROOTS = {
    "OUTBOUND_CALL_FINISHED": "CallFinished",
    "CAMPAIGN_STARTED": "BroadcastStarted",
    "CAMPAIGN_STOPPED": "BroadcastStopped",
    "CAMPAIGN_FINISHED": "BroadcastFinished",
}
BROADCAST_CONFIG = ("Created", "FromNumber", "LocalTimeZoneRestriction", "RetryConfig", "AgentGroupId",
                    "SmartDropSoundId", "AllowAnyTransfer", "Recorded")  # fmt: skip


def _stamp(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def broadcast(doc: dict, status: str, moment: int) -> dict:
    """The campaign as a ``Broadcast`` of Type CCC at ``moment``: ``{"id", "Name", "Status",
    "LastModified", "Type", "CccBroadcastConfig": {...}}`` (fields the campaign lacks left out)."""
    config: dict = {}
    for name in BROADCAST_CONFIG:
        if name == "LocalTimeZoneRestriction":
            begin, end = doc.get("LocalRestrictBegin"), doc.get("LocalRestrictEnd")
            if begin and end:
                config[name] = {"BeginTime": begin, "EndTime": end}
        elif doc.get(name) is not None:
            config[name] = doc[name]
    out = {"id": doc["id"], "Name": doc.get("Name"), "Status": status, "LastModified": _stamp(moment)}
    out = {k: v for k, v in out.items() if v is not None}
    return {**out, "Type": "CCC", "CccBroadcastConfig": config}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value)
    return str(value)


def _broadcast_xml(parent: etree._Element, item: dict) -> None:
    def fill(el, values: dict) -> None:
        for name, value in values.items():
            if name == "id":
                continue
            child = etree.SubElement(el, f"{{{render.DATA_NS}}}{name}")
            if isinstance(value, dict):
                fill(child, value)
            else:
                child.text = render.xml_safe(_text(value))

    el = etree.SubElement(parent, f"{{{render.DATA_NS}}}Broadcast")
    el.set("id", str(item["id"]))
    fill(el, item)


def _broadcast_json(item: dict) -> dict:
    def typed(values: dict) -> dict:
        return {
            k: typed(v) if isinstance(v, dict) else (_text(v) if isinstance(v, list | tuple) else v)
            for k, v in values.items()
            if k != "id"
        }

    return {"@id": item["id"], **typed(item)}


def notification_element(root: str, subscription_id: int, kind: str, resource: dict) -> etree._Element:
    """``<n:Root xmlns="data" xmlns:n="notification"><n:SubscriptionId/><Resource id=".."/></n:Root>``."""
    el = etree.Element(f"{{{NOTIFICATION_NS}}}{root}", nsmap={None: render.DATA_NS, "n": NOTIFICATION_NS})
    etree.SubElement(el, f"{{{NOTIFICATION_NS}}}SubscriptionId").text = str(subscription_id)
    if kind == "Call":
        render.element("Call", resource, parent=el)
    else:
        _broadcast_xml(el, resource)
    return el


def body(fmt: str, root: str, subscription_id: int, kind: str, resource: dict) -> tuple[bytes, str]:
    """The payload in ``fmt`` (XML, LEGACY, JSON, SOAP) and its Content-Type."""
    if fmt == "JSON":
        item = to_json("Call", resource) if kind == "Call" else _broadcast_json(resource)
        payload = {root: {"SubscriptionId": subscription_id, kind: item}}
        return json.dumps(payload, ensure_ascii=False).encode("utf-8"), CONTENT_TYPES[fmt]
    el = notification_element(root, subscription_id, kind, resource)
    if fmt == "SOAP":
        envelope = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"env": SOAP12})
        etree.SubElement(envelope, f"{{{SOAP12}}}Body").append(el)
        el = envelope
    payload = DECLARATION + etree.tostring(el, encoding="UTF-8", xml_declaration=False)
    return payload, CONTENT_TYPES.get(fmt, CONTENT_TYPES["XML"])


def _send(view: AccountView, event: str, kind: str, resource: dict, facts: dict) -> None:
    for sub in subscriptions.receivers(view, event, facts):
        fmt = sub.get("NotificationFormat", "XML")
        if fmt == "EMAIL":
            continue  # stored, never sent: the mock sends no email
        payload, content_type = body(fmt, ROOTS[event], sub["id"], kind, resource)
        timeout, pauses = POLICY
        deliveries.submit(
            deliveries.Outbound(
                vendor="callfire",
                account=view.account,
                operation="callfire.notification",
                event=ROOTS[event],
                target=subscriptions.target(view.account, sub),
                method="POST",
                url=sub["Endpoint"],
                headers=(
                    ("Content-Type", content_type),
                    ("User-Agent", USER_AGENT),
                    ("Connection", "Keep-Alive"),
                ),
                body=payload,
                policy=deliveries.Policy(timeout, pauses, verify_tls=not sub.get("NonStrictSsl")),
            )
        )


def _call_at(call: dict, raw: dict, upto: int) -> dict:
    """The call as GetCall rendered it when its record ``upto`` (an index) ended: that attempt's
    ``ToNumber`` (a retry may dial another of the contact's phones), the records up to it, READY when
    another attempt follows."""
    records = call["CallRecord"][: upto + 1]
    last = records[-1]
    final = upto == len(call["CallRecord"]) - 1 and call["State"] == "FINISHED"
    return {
        **call,
        "ToNumber": raw["records"][upto]["number"],
        "State": "FINISHED" if final else "READY",
        "Modified": last["FinishTime"],
        "FinalResult": last["Result"],
        "CallRecord": records,
    }


def _on_advance(view: AccountView, before_doc: dict, before: tuple[int, str] | None, record: dict) -> None:
    if not view.count(subscriptions.SUBSCRIPTIONS):
        return
    doc = view.peek(CAMPAIGNS, before_doc["id"]) or before_doc
    was_running = before is not None and before[1] in RUNNING
    running_now = before_doc.get("Status") in RUNNING
    since = before[0] if before is not None else None
    changed = dialing.epoch(before_doc.get("LastModified")) or int(record["state"]["now"])
    events: list[tuple[int, int, str, str, dict, dict]] = []
    facts = {"BroadcastId": doc["id"], "FromNumber": doc.get("FromNumber")}
    # a campaign seen running for the first time was started now only if ControlCccCampaign stamped it now
    # (a fixture's RUNNING campaign is simulated from its first look, with no START to notify)
    started_now = before is not None or (dialing.epoch(before_doc.get("LastModified")) or 0) >= int(
        record["state"]["started_at"]
    )
    if running_now and not was_running and started_now:
        events.append(
            (changed, 0, "CAMPAIGN_STARTED", "Broadcast", broadcast(doc, "RUNNING", changed), facts)
        )
    if was_running and not running_now:
        status = before_doc.get("Status") or "STOPPED"
        events.append((changed, 2, "CAMPAIGN_STOPPED", "Broadcast", broadcast(doc, status, changed), facts))
    if running_now and doc.get("Status") == "FINISHED":
        finished = dialing.finished_at(record) or int(record["state"]["now"])
        events.append(
            (finished, 3, "CAMPAIGN_FINISHED", "Broadcast", broadcast(doc, "FINISHED", finished), facts)
        )
    batches = calls.batch_of(view, doc["id"])
    state_calls = simulation.callfire_calls(record["state"], dialing.plan(view, doc))
    for raw in state_calls:
        call = calls.render_call(doc, raw, batches)
        for index, rec in enumerate(raw["records"]):
            # the simulation runs up to, not including, its "now": an attempt ending at the last look's
            # "now" ended in this step
            if since is None or rec["finish"] >= since:
                snapshot = _call_at(call, raw, index)
                call_facts = {
                    k: snapshot.get(k) for k in ("BroadcastId", "BatchId", "FromNumber", "ToNumber")
                }
                events.append((rec["finish"], 1, "OUTBOUND_CALL_FINISHED", "Call", snapshot, call_facts))
    last = view.peek(NOTIFIED, doc["id"]) or {}
    for ts, _rank, event, kind, resource, event_facts in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == "Broadcast":
            if last.get("campaign") == [event, ts]:
                continue  # a campaign event is sent once, however many looks see the change
            last = {"campaign": [event, ts]}
            view.put(NOTIFIED, doc["id"], last)
        _send(view, event, kind, resource, event_facts)


def _tick(app: Flask) -> None:
    dialing.sync()


dialing.on_advance(_on_advance)


def init_app(app: Flask) -> None:
    """Advance running CallFire campaigns on the mock's heartbeat, so their notifications go out."""
    ticker.on_tick(app, _tick)
