"""Pages and fragments of the console, and the admin API's HTML answers (``respond``).

``respond(view, data, status)`` is what the admin routes call for a browser or an htmx request: the
view is the admin route's name (``list_faults``, ``move_clock``, ...). A full page for a browser's
GET, a fragment for htmx, None (the admin API answers JSON) for anything else. An error reaches htmx
as a message in the page's flash area (``HX-Retarget``), with the admin API's status, and changes
nothing else on the page.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Response, current_app, render_template, request
from markupsafe import Markup, escape

from ..admin import actions
from ..harness.faults import ACTIONS, get_faults
from ..harness.journal import get_journal, preview
from . import auth

RECENT_SECONDS = 300  # a change this recent (on the mock's clock) is highlighted
JOURNAL_LIMIT = 100
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
def when(ts) -> str:
    if ts is None:
        return ""
    return datetime.fromtimestamp(float(ts), UTC).strftime("%Y-%m-%d %H:%M:%S")


def pretty(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False)


def chart(series: dict | None, width: int = 520, height: int = 140) -> Markup:
    """Outcomes over time as stacked bars, one per bucket of the simulation's series (inline SVG; the
    colours are ``COLORS``, which the page's outcome table shows)."""
    buckets = (series or {}).get("buckets") or []
    if not buckets:
        return Markup('<p class="muted">No calls yet.</p>')
    top = max(sum(b.get(name, 0) for name in COLORS) for b in buckets) or 1
    bar = max(4, min(40, (width - 40) // max(len(buckets), 1) - 2))
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
        "chart": chart,
        "colors": COLORS,
    }


def page(template: str, status: int = 200, **context) -> Response:
    return Response(
        render_template(template, **_base(), **context), status, content_type="text/html; charset=utf-8"
    )


def fragment(template: str, status: int = 200, **context) -> Response:
    return page(template, status, **context)


# ----- what the pages show
def _recent_change(row: dict, now: float) -> tuple[list[str], dict | None]:
    history = actions.campaign_history(current_app, row["vendor"], row["account"], row["id"])
    done = next((e for e in history if e["status"] is not None and e["status"] < 400), None)
    if done is None:
        return [], None
    fields = actions.changed_fields(done) if now - done["timestamp"] <= RECENT_SECONDS else []
    return fields, done


def campaigns_context(rows: list[dict]) -> dict:
    """Rows grouped {vendor: {account: [row]}}, each with the fields its last change sent."""
    now = _clock()["time"]
    vendors = sorted(actions.campaign_accounts(current_app))
    grouped: dict[str, dict[str, list[dict]]] = {v: {} for v in vendors}
    for row in rows:
        row["changed"], row["last_request"] = _recent_change(row, now)
        grouped.setdefault(row["vendor"], {}).setdefault(row["account"], []).append(row)
    return {"grouped": grouped}


def campaign_context(vendor: str, account: str, campaign_id: str) -> dict:
    row = actions.campaign_row(current_app, vendor, account, campaign_id)
    history = actions.campaign_history(current_app, vendor, account, campaign_id)
    row["changed"], row["last_request"] = _recent_change(row, _clock()["time"])
    commands = actions.campaign_commands(current_app, vendor)
    return {"row": row, "history": history, "commands": commands}


def journal_context(entries: list[dict]) -> dict:
    return {"entries": [preview(e) for e in reversed(entries[-JOURNAL_LIMIT:])]}


def journal_filters() -> dict:
    entries = get_journal(current_app).entries()
    pick = lambda key: sorted({str(e[key]) for e in entries if e.get(key) is not None})  # noqa: E731
    return {
        "vendors": actions.vendors(current_app),
        "accounts": pick("account"),
        "operations": actions.operation_names(current_app),
        "statuses": pick("status"),
        "chosen": {k: request.args.get(k, "") for k in ("vendor", "account", "operation", "status")},
    }


def faults_context() -> dict:
    return {
        "faults": [rule.to_json() for rule in get_faults(current_app).list()],
        "operations": actions.operation_names(current_app),
        "actions": ACTIONS,
    }


# ----- the admin API's HTML answers
PAGE_VIEWS = {"index", "list_campaigns", "get_campaign", "list_requests", "list_faults", "get_clock"}


def _full_page(view: str, data: dict, status: int) -> Response | None:
    args = request.view_args or {}
    if view == "index":
        return page("console/admin.html", status, health=data, routes=data.get("routes", []))
    if view == "list_campaigns":
        return page("console/index.html", status, **campaigns_context(data["campaigns"]))
    if view == "get_campaign":
        return page("console/campaign.html", status, **campaign_context(**args))
    if view == "list_requests":
        return page("console/journal.html", status, **journal_context(data["requests"]), **journal_filters())
    if view == "list_faults":
        return page("console/faults.html", status, **faults_context())
    if view == "get_clock":
        return page("console/clock.html", status)
    return None


def _fragment(view: str, data: dict, status: int) -> Response | None:
    args = request.view_args or {}
    if view == "error":
        response = fragment("console/_error.html", status, error=data["error"])
        response.headers["HX-Retarget"] = "#flash"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    if view == "list_campaigns":
        return fragment("console/_campaigns.html", status, **campaigns_context(data["campaigns"]))
    if view in ("get_campaign", "control_campaign"):
        return fragment("console/_campaign_live.html", status, **campaign_context(**args))
    if view in ("list_requests", "clear_requests"):
        return fragment("console/_journal_rows.html", status, **journal_context(data.get("requests", [])))
    if view in ("list_faults", "add_fault", "delete_fault", "clear_faults"):
        return fragment("console/_faults.html", status, **faults_context())
    if view in ("get_clock", "move_clock", "reset_clock"):
        response = fragment("console/_clock.html", status)
        if view != "get_clock":
            response.headers["HX-Trigger"] = "clock-moved"
        return response
    if view in ("reset", "seed"):
        response = fragment("console/_flash.html", status, message=_done_message(view, data))
        response.headers["HX-Trigger"] = "state-reset"
        return response
    return None


def _done_message(view: str, data: dict) -> str:
    if view == "seed":
        seeded = ", ".join(f"{n} {v} account(s)" for v, n in data.get("seeded", {}).items())
        return f"Seeded {seeded or 'nothing'}."
    return "Reset: the fixtures' state, an empty journal, no fault rules, the real clock."


def respond(view: str, data: dict, status: int) -> Response | None:
    refused = auth.allowed()
    if refused is not None:
        return refused
    if request.headers.get("HX-Request"):
        return _fragment(view, data, status)
    if view == "error":
        return page("console/error.html", status, error=data["error"])
    if request.method == "GET" and view in PAGE_VIEWS:
        return _full_page(view, data, status)
    return None
