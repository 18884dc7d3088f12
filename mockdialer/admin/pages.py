"""Browser pages at admin URLs. The console registers the pages it shows at the admin API's own
URLs (``register(app, "/__admin/faults", view)``: the URLs its presenters know); a browser's GET of
one of them (``negotiation.wants_html``) is answered by that page, everything else under /__admin/ by
the JSON API. The page's view applies its own surface's login."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule

from ..negotiation import wants_html

PAGES = "mockdialer.admin.pages"


def register(app: Flask, rule: str, view: Callable[..., Response]) -> None:
    app.extensions.setdefault(PAGES, Map()).add(Rule(rule, endpoint=view, methods=["GET"]))


def serve() -> Response | None:
    """The registered page for this request when a browser GETs one; else None."""
    found: Map | None = current_app.extensions.get(PAGES)
    if found is None or request.method not in ("GET", "HEAD") or not wants_html():
        return None
    try:
        view, args = found.bind("").match(request.path, method="GET")
    except HTTPException:
        return None
    return view(**args)
