"""The OpenAPI 3 document of the HTTP surfaces but SOAP (Acefone, CallFire REST, admin API), served at
/openapi.json, and Swagger UI over it at /docs (swagger-ui-bundle, ``page.py``).

The document is built from the operations' declarations (CallFire's table; the ``documented.Doc`` of
each Acefone and admin route) and the marshmallow schemas that validate the requests (``build.py``),
once per app, with the server URL of the request that asks for it.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, jsonify, request, send_from_directory

from . import page

bp = Blueprint("mockdialer_openapi", __name__)
CACHE = "mockdialer.openapi"


def document(app: Flask) -> dict:
    """The document (without ``servers``): built on first use, then kept on the app."""
    if CACHE not in app.extensions:
        from .build import build_document  # apispec: needed by the first request for the document

        app.extensions[CACHE] = build_document(app)
    return app.extensions[CACHE]


def _served() -> dict:
    return {**document(current_app), "servers": [{"url": request.host_url.rstrip("/")}]}


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(_served())


@bp.get("/docs")
def docs():
    try:
        page.assets_dir()
    except page.MissingSwaggerUI as exc:
        return Response(page.missing_page(str(exc)), 503, content_type="text/html; charset=utf-8")
    title = document(current_app)["info"]["title"]
    return Response(page.render_page(title), content_type="text/html; charset=utf-8")


@bp.get("/docs/assets/<path:name>")
def docs_assets(name: str):
    try:
        folder = page.assets_dir()
    except page.MissingSwaggerUI as exc:
        return Response(str(exc), 503, content_type="text/plain; charset=utf-8")
    return send_from_directory(folder, name, max_age=3600)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
