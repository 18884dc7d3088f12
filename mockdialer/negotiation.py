"""Content negotiation, the one helper every surface that answers in more than one format uses:
``preferred(default, other)`` is ``other`` only when the request's ``Accept`` ranks it strictly above
``default`` (a browser's ``text/html,...,*/*;q=0.8`` prefers HTML to JSON; ``*/*``, no ``Accept`` and a
tie keep the default)."""

from __future__ import annotations

from flask import request

HTML = "text/html"
JSON = "application/json"


def preferred(default: str, other: str) -> str:
    accept = request.accept_mimetypes
    return other if accept.quality(other) > accept.quality(default) else default


def wants_html() -> bool:
    """Whether the request ranks HTML above JSON (a browser loading a page)."""
    return preferred(JSON, HTML) == HTML
