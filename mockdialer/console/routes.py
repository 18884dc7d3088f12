"""The console's own routes: ``/`` (the campaigns of every vendor; JSON for ``Accept: application/json``)
and the static files the pages load (htmx from its package, the console's stylesheet)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, send_from_directory

from ..admin import actions
from . import assets, auth, render

bp = Blueprint(
    "mockdialer_console",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/console/static",
)


@bp.before_request
def _check():
    return auth.allowed()


@bp.post(auth.LOGIN)
def login():
    return auth.log_in()


def _wants_json() -> bool:
    accept = request.accept_mimetypes
    return accept.best_match(["text/html", "application/json"]) == "application/json" and (
        accept["application/json"] > accept["text/html"]
    )


@bp.get("/")
def index():
    if _wants_json():
        return jsonify(index_document())
    return render.page("console/index.html", **render.campaigns_context(actions.campaign_rows(current_app)))


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


@bp.get("/console/htmx/<path:name>")
def htmx(name: str):
    try:
        folder = assets.htmx_dir()
    except assets.MissingAsset as exc:
        return Response(f"console.log({str(exc)!r});\n", 503, content_type="text/javascript")
    return send_from_directory(folder, name, max_age=3600)
