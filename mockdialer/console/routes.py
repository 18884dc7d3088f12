"""The console's routes: pages (``/``, ``/console/...``), the fragments htmx polls and swaps
(``/console/fragments/...``), the forms' writes (POST, with the CSRF token), the login form, and the
files the pages load (htmx from its package, the stylesheet). Every view calls the harness's actions
(``admin/actions.py``) itself; ``PAGES_AT_ADMIN_URLS`` are also shown at the admin API's URLs to a
browser (``admin/pages.py``).

``console_view`` wraps every page, fragment and write: the login (``auth.logged_in``), the CSRF check
of a write, and errors as pages (a browser's GET) or as a message in the page's flash area (htmx:
``HX-Retarget``), with the error's status; nothing else on the page changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Blueprint, Flask, Response, current_app, jsonify, request, send_from_directory

from ..admin import actions, pages
from ..errors import STATUS, ApiError, NotFound
from ..harness.clock import get_clock
from ..harness.faults import get_faults
from ..harness.journal import get_journal
from ..negotiation import HTML, JSON, preferred
from . import assets, auth, calls, render

bp = Blueprint(
    "mockdialer_console",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/console/static",
)
CAMPAIGN = "<vendor>/<account>/<campaign_id>"


def _htmx() -> bool:
    return bool(request.headers.get("HX-Request"))


def _error(err: ApiError) -> Response:
    status = err.status or 400
    error = {"status": status, "message": err.message, "errors": err.errors}
    if not _htmx():
        return render.page("console/error.html", status, error=error)
    response = render.fragment("console/_error.html", status, error=error)
    response.headers["HX-Retarget"] = "#flash"
    response.headers["HX-Reswap"] = "innerHTML"
    return response


def console_view(view: Callable[..., Response]) -> Callable[..., Response]:
    @functools.wraps(view)
    def run(**kwargs) -> Response:
        if not auth.logged_in():
            return auth.login_page(401, "This mock is locked: enter its admin token.")
        try:
            auth.check_csrf()
            return view(**kwargs)
        except ApiError as err:
            err.status = err.status or STATUS[err.kind]
            return _error(err)

    return run


def _load(schema_name: str, data: dict) -> dict:
    """``data`` validated by the admin schema of that name (marshmallow loads with the first form)."""
    from ..admin import schemas

    return schemas.load(getattr(schemas, schema_name)(), data, form=True)


def _form() -> dict:
    return {k: v.strip() for k, v in request.form.items() if v.strip() and k != "csrf_token"}


def _query() -> dict:
    return {k: v for k, v in request.args.items() if v.strip()}


def _with_trigger(response: Response, event: str) -> Response:
    response.headers["HX-Trigger"] = event
    return response


# ----- pages
@bp.get("/")
@console_view
def index():
    if preferred(HTML, JSON) == JSON:
        return jsonify(index_document())
    return _campaigns()


def index_document() -> dict:
    """What ``/`` answers a JSON client: where everything is."""
    root = request.host_url.rstrip("/")
    return {
        "name": "mockdialer",
        "vendors": actions.vendors(current_app),
        "console": f"{root}/",
        "admin": f"{root}/__admin/",
        "openapi": f"{root}/openapi.json",
        "docs": f"{root}/docs",
        "acefone": f"{root}/v1/",
        "callfire_rest": f"{root}/api/1.1/rest/",
        "callfire_soap": f"{root}/api/1.1/soap12/ccc",
        "callfire_wsdl": f"{root}/api/1.1/soap12/ccc?wsdl",
    }


def _campaigns() -> Response:
    return render.page("console/index.html", **render.campaigns_context(actions.campaign_rows(current_app)))


campaigns_page = console_view(_campaigns)


@bp.get(f"/console/campaigns/{CAMPAIGN}")
@console_view
def campaign_page(vendor: str, account: str, campaign_id: str):
    return render.page("console/campaign.html", **render.campaign_context(vendor, account, campaign_id))


@bp.get("/console/journal")
@console_view
def journal_page():
    entries = get_journal(current_app).entries(**_filters())
    return render.page("console/journal.html", **render.journal_context(entries), **render.journal_filters())


@bp.get("/console/faults")
@console_view
def faults_page():
    return render.page("console/faults.html", **render.faults_context())


@bp.get("/console/clock")
@console_view
def clock_page():
    return render.page("console/clock.html")


@bp.get("/console/admin")
@console_view
def admin_page():
    routes = sorted(
        f"{' '.join(sorted(rule.methods - {'HEAD', 'OPTIONS'}))} {rule.rule}"
        for rule in current_app.url_map.iter_rules()
        if rule.rule.startswith("/__admin")
    )
    return render.page("console/admin.html", health=actions.health(current_app), routes=routes)


PAGES_AT_ADMIN_URLS = {
    "/__admin/": admin_page,
    "/__admin/campaigns": campaigns_page,
    f"/__admin/campaigns/{CAMPAIGN}": campaign_page,
    "/__admin/requests": journal_page,
    "/__admin/faults": faults_page,
    "/__admin/clock": clock_page,
}


# ----- fragments (htmx)
def _campaign_live(vendor: str, account: str, campaign_id: str) -> Response:
    context = render.campaign_context(vendor, account, campaign_id)
    return render.fragment("console/_campaign_live.html", **context)


@bp.get("/console/fragments/campaigns")
@console_view
def campaigns_fragment():
    rows = actions.campaign_rows(current_app)
    return render.fragment("console/_campaigns.html", **render.campaigns_context(rows))


@bp.get(f"/console/fragments/campaigns/{CAMPAIGN}")
@console_view
def campaign_fragment(vendor: str, account: str, campaign_id: str):
    return _campaign_live(vendor, account, campaign_id)


@bp.get(f"/console/fragments/campaigns/{CAMPAIGN}/calls")
@console_view
def calls_fragment(vendor: str, account: str, campaign_id: str):
    """The campaign's calls and its account's deliveries, side by side."""
    row = actions.campaign_row(current_app, vendor, account, campaign_id)  # 404 for an unknown one
    return render.fragment(
        "console/_calls.html",
        row=row,
        calls=calls.campaign_calls(vendor, account, campaign_id),
        deliveries=calls.deliveries(vendor, account),
    )


def _filters() -> dict:
    query = _query()
    return _load("JournalQuerySchema", query) if query else {}


@bp.get("/console/fragments/journal")
@console_view
def journal_fragment():
    entries = get_journal(current_app).entries(**_filters())
    return render.fragment("console/_journal_rows.html", **render.journal_context(entries))


@bp.get("/console/fragments/journal/<int:entry_id>")
@console_view
def wire_fragment(entry_id: int):
    entry = next((e for e in get_journal(current_app).entries() if e["id"] == entry_id), None)
    if entry is None:
        raise NotFound(f"No journal entry {entry_id}: the journal was cleared or no longer keeps it")
    return render.fragment("console/_wire.html", **render.wire(entry))


@bp.get("/console/fragments/faults")
@console_view
def faults_fragment():
    return render.fragment("console/_faults.html", **render.faults_context())


@bp.get("/console/fragments/clock")
@console_view
def clock_fragment():
    return render.fragment("console/_clock.html")


# ----- writes (forms and buttons; CSRF-checked by console_view)
@bp.post("/console/reset")
@console_view
def reset():
    actions.reset(current_app)
    message = "Reset: the fixtures' state, an empty journal, no fault rules, the real clock."
    return _with_trigger(render.fragment("console/_flash.html", message=message), "state-reset")


@bp.post("/console/clock")
@console_view
def move_clock():
    actions.move_clock(current_app, **_load("ClockSchema", _form()))
    return _with_trigger(render.fragment("console/_clock.html"), "clock-moved")


@bp.post("/console/clock/real")
@console_view
def real_clock():
    get_clock().reset()
    return _with_trigger(render.fragment("console/_clock.html"), "clock-moved")


@bp.post("/console/faults")
@console_view
def add_fault():
    actions.add_fault(current_app, **_load("FaultSchema", _form()))
    return render.fragment("console/_faults.html", 201, **render.faults_context())


@bp.post("/console/faults/<int:rule_id>/remove")
@console_view
def remove_fault(rule_id: int):
    if not get_faults(current_app).remove(rule_id):
        raise NotFound(f"No fault rule {rule_id}")
    return render.fragment("console/_faults.html", **render.faults_context())


@bp.post("/console/faults/remove-all")
@console_view
def remove_faults():
    get_faults(current_app).clear()
    return render.fragment("console/_faults.html", **render.faults_context())


@bp.post("/console/journal/clear")
@console_view
def clear_journal():
    get_journal(current_app).clear()
    return render.fragment("console/_journal_rows.html", **render.journal_context([]))


@bp.post(f"/console/campaigns/{CAMPAIGN}/control")
@console_view
def control(vendor: str, account: str, campaign_id: str):
    command = _load("ControlSchema", _form())["command"]
    actions.control_campaign(current_app, vendor, account, campaign_id, command)
    return _campaign_live(vendor, account, campaign_id)


# ----- login and files
@bp.post(auth.LOGIN)
def login():
    return auth.log_in()


@bp.get("/console/htmx/<path:name>")
def htmx(name: str):
    try:
        folder = assets.htmx_dir()
    except assets.MissingAsset as exc:
        return Response(f"console.log({str(exc)!r});\n", 503, content_type="text/javascript")
    return send_from_directory(folder, name, max_age=3600)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    for rule, view in PAGES_AT_ADMIN_URLS.items():
        pages.register(app, rule, view)
