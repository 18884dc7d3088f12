"""Who may use the console: the one place to check it (the admin token, when there is one, goes here).

``allowed()`` is called before every console page and fragment (``routes`` and ``render``); it
returns None to go on, or the response that refuses the request."""

from __future__ import annotations

from flask import Response


def allowed() -> Response | None:
    return None
