"""What the console's pages and fragments show, bounded: every value is shown escaped and cut to a
size (``clip``: the cut says the value's full size), lists to a number of items, so a polled fragment
stays under ``FRAGMENT_BUDGET`` whatever clients sent. Pages are encoded so that any string a vendor
stored (a lone surrogate included) renders, shown as its escape (``\\ud800``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Response, current_app, render_template, request
from markupsafe import Markup, escape

from ..admin import actions
from ..harness.faults import ACTIONS, get_faults
from ..harness.journal import get_journal, preview

FRAGMENT_BUDGET = 256 * 1024  # the most a polled fragment may weigh (tests/console check it)
RECENT_SECONDS = 300  # a change this recent (on the mock's clock) is highlighted
JOURNAL_LIMIT = 100  # journal rows shown (the newest)
HISTORY_LIMIT = 20  # change requests shown on a campaign page (the newest)
CAMPAIGN_ROWS = 60  # campaign rows on the campaigns page; the rest are counted
ACCOUNTS = 50  # accounts per vendor on the campaigns page
FAULT_ROWS = 100
CHART_BARS = 120  # the newest buckets of a campaign's chart
CHANGED_FIELDS = 8  # changed fields named in a campaign's row
FIELDS = 80  # a campaign's fields shown
NAME_CHARS = 200  # a name, path or account in a row
VALUE_CHARS = 1200  # one field's value on the campaign page
WIRE_CHARS = 32 * 1024  # one request or response as shown when a journal entry is opened
COLORS = {
    "answered": "#2e9e5b",
    "machine": "#7b61c9",
    "busy": "#e0a020",
    "no_answer": "#9aa5b1",
    "abandoned": "#d9534f",
    "failed": "#6b4f3a",
}
VENDOR_TITLES = {"acefone": "Acefone", "callfire": "CallFire"}


# ----- template helpers
def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def clip(value, limit: int = NAME_CHARS) -> Markup:
    """``value`` as text, HTML-escaped and at most ``limit`` characters of markup; a cut value ends
    with a marker giving its full size."""
    text = pretty(value)
    shown = escape(text)
    if len(shown) <= limit:
        return shown
    low, high = 0, min(len(text), limit)
    while low < high:  # the longest prefix whose escaped form fits
        mid = (low + high + 1) // 2
        if len(escape(text[:mid])) <= limit:
            low = mid
        else:
            high = mid - 1
    return escape(text[:low]) + Markup(f' <span class="cut">… ({_size(text):,} bytes in all)</span>')


def when(ts) -> str:
    if ts is None:
        return ""
    try:
        return datetime.fromtimestamp(float(ts), UTC).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, OverflowError, OSError):
        return str(ts)


def pretty(value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def chart(series: dict | None, width: int = 520, height: int = 140) -> Markup:
    """Outcomes over time as stacked bars, one per bucket of the simulation's series (inline SVG; the
    colours are ``COLORS``, which the page's outcome table shows)."""
    buckets = ((series or {}).get("buckets") or [])[-CHART_BARS:]
    if not buckets:
        return Markup('<p class="muted">No calls yet.</p>')
    top = max(sum(b.get(name, 0) for name in COLORS) for b in buckets) or 1
    bar = max(1, min(40, (width - 40) // max(len(buckets), 1) - 2))
    parts = [
        f'<svg class="chart" role="img" aria-label="Call outcomes over time" width="{width}" '
        f'height="{height + 18}" viewBox="0 0 {width} {height + 18}">',
        f'<text x="0" y="10" class="axis">{top}</text><line x1="30" y1="{height}" x2="{width}" '
        f'y2="{height}" stroke="#ccc"/>',
    ]
    for i, bucket in enumerate(buckets):
        x, y = 32 + i * (bar + 2), height
        for name, color in COLORS.items():
            n = bucket.get(name, 0)
            if n:
                h = max(1, round(n / top * (height - 14)))
                y -= h
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{bar}" height="{h}" fill="{color}">'
                    f"<title>{escape(name)}: {n}</title></rect>"
                )
        if i == 0 or i == len(buckets) - 1:
            label = datetime.fromtimestamp(bucket["start"], UTC).strftime("%H:%M")
            parts.append(f'<text x="{x}" y="{height + 14}" class="axis">{label}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _clock() -> dict:
    return actions.clock_state(current_app)


def _base() -> dict:
    return {
        "clock": _clock(),
        "vendor_titles": VENDOR_TITLES,
        "when": when,
        "pretty": pretty,
        "clip": clip,
        "chart": chart,
        "colors": COLORS,
    }


def page(template: str, status: int = 200, **context) -> Response:
    """The template rendered; a lone surrogate in any value is sent as its escape, never an error."""
    html = render_template(template, **_base(), **context)
    body = html.encode("utf-8", "backslashreplace")
    return Response(body, status, content_type="text/html; charset=utf-8")


fragment = page


# ----- what the pages show
def _recent_change(row: dict, now: float) -> tuple[list[str], dict | None]:
    history = actions.campaign_history(current_app, row["vendor"], row["account"], row["id"])
    done = next((e for e in history if e["status"] is not None and e["status"] < 400), None)
    if done is None:
        return [], None
    fields = actions.changed_fields(done) if now - done["timestamp"] <= RECENT_SECONDS else []
    return [str(f) for f in fields[:CHANGED_FIELDS]], done


def campaigns_context(rows: list[dict]) -> dict:
    """Rows grouped {vendor: {account: [row]}} (at most ``CAMPAIGN_ROWS`` rows and ``ACCOUNTS``
    accounts per vendor), each with the fields its last change sent; ``hidden``: rows not shown."""
    now = _clock()["time"]
    accounts = actions.campaign_accounts(current_app)
    grouped: dict[str, dict[str, list[dict]]] = {
        v: {a: [] for a in sorted(accounts[v])[:ACCOUNTS]} for v in sorted(accounts)
    }
    shown = 0
    for row in rows:
        per_vendor = grouped.setdefault(row["vendor"], {})
        if shown >= CAMPAIGN_ROWS or (row["account"] not in per_vendor and len(per_vendor) >= ACCOUNTS):
            continue
        row["changed"], row["last_request"] = _recent_change(row, now)
        per_vendor.setdefault(row["account"], []).append(row)
        shown += 1
    hidden_accounts = sum(max(0, len(a) - ACCOUNTS) for a in accounts.values())
    return {"grouped": grouped, "hidden": len(rows) - shown, "hidden_accounts": hidden_accounts}


def _change_summary(entry: dict) -> str:
    body = entry.get("body")
    inner = body.get("CccCampaign") if isinstance(body, dict) else None
    fields = inner if isinstance(inner, dict) else body
    if not isinstance(fields, dict):
        return ""
    return ", ".join(str(k) for k in fields if k not in ("id", "@id", "Id", "RequestId"))


def campaign_context(vendor: str, account: str, campaign_id: str) -> dict:
    row = actions.campaign_row(current_app, vendor, account, campaign_id)
    history = actions.campaign_history(current_app, vendor, account, campaign_id)
    row["changed"], row["last_request"] = _recent_change(row, _clock()["time"])
    fields = list((row.get("fields") or {}).items())
    for entry in history[:HISTORY_LIMIT]:
        entry["summary"] = _change_summary(entry)
    return {
        "row": row,
        "fields": fields[:FIELDS],
        "hidden_fields": max(0, len(fields) - FIELDS),
        "history": history[:HISTORY_LIMIT],
        "hidden_history": max(0, len(history) - HISTORY_LIMIT),
        "commands": actions.campaign_commands(current_app, vendor),
        "value_chars": VALUE_CHARS,
    }


def journal_context(entries: list[dict]) -> dict:
    return {"entries": [preview(e) for e in reversed(entries[-JOURNAL_LIMIT:])], "limit": JOURNAL_LIMIT}


def wire(entry: dict) -> dict:
    """A journal entry's request and response as sent, each cut to ``WIRE_CHARS``."""
    query = entry.get("query") or {}
    line = f"{entry.get('method', '')} {entry.get('path', '')}"
    if query:
        line += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    head = "".join(f"{k}: {v}\n" for k, v in (entry.get("headers") or {}).items())
    body = "" if entry.get("body") is None else pretty(entry["body"])
    answer = "".join(f"{k}: {v}\n" for k, v in (entry.get("response_headers") or {}).items())
    answer += "" if entry.get("response_body") is None else pretty(entry["response_body"])
    return {
        "e": entry,
        "request_text": clip(f"{line}\n{head}\n{body}", WIRE_CHARS),
        "response_text": clip(answer, WIRE_CHARS),
    }


def journal_filters() -> dict:
    entries = get_journal(current_app).entries()
    pick = lambda key: sorted({str(e[key]) for e in entries if e.get(key) is not None})[:200]  # noqa: E731
    return {
        "vendors": actions.vendors(current_app),
        "accounts": pick("account"),
        "operations": actions.operation_names(current_app),
        "statuses": pick("status"),
        "chosen": {k: request.args.get(k, "") for k in ("vendor", "account", "operation", "status")},
    }


def faults_context() -> dict:
    rules = [rule.to_json() for rule in get_faults(current_app).list()]
    return {
        "faults": rules[:FAULT_ROWS],
        "hidden_faults": max(0, len(rules) - FAULT_ROWS),
        "operations": actions.operation_names(current_app),
        "actions": ACTIONS,
    }
