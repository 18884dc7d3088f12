"""The /docs page: Swagger UI over the served /openapi.json, from the ``swagger-ui-bundle`` package
(installed with mockdialer; nothing loads from elsewhere, so it works offline), with a link to the
CallFire SOAP WSDL. Its files are served under /docs/assets/."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..callfire.soap.service import SOAP_PATH

PACKAGE = "swagger-ui-bundle"
WSDL = SOAP_PATH + "?wsdl"


class MissingSwaggerUI(RuntimeError):
    """swagger-ui-bundle is not installed; the message says how to install it."""


def assets_dir() -> Path:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ModuleNotFoundError:
        raise MissingSwaggerUI(
            f"mockdialer: /docs shows Swagger UI from the Python package {PACKAGE}, which is not installed. "
            f"Run `pip install {PACKAGE}` (or `make install`); the document itself is at /openapi.json."
        ) from None
    return Path(str(swagger_ui_path))


STYLE = """
body{margin:0;font:14px/1.4 system-ui,sans-serif}
.bar{display:flex;gap:1.4em;align-items:center;background:#17202e;color:#fff;padding:.6em 1.4em}
.bar a{color:#cfe0ff;text-decoration:none}.bar b{font-size:17px}
.swagger-ui .topbar{display:none}
"""


def render_page(title: str, assets: str = "/docs/assets") -> str:
    """Swagger UI (``deepLinking``, "Try it out" against this server, no online validator)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} API docs</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css"><style>{STYLE}</style></head>
<body>
<div class="bar"><b>{escape(title)}</b><a href="/">Console</a><a href="/openapi.json">/openapi.json</a>
<a href="{WSDL}">CallFire SOAP WSDL</a><a href="/__admin/">Admin API</a></div>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({{
  url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null,
  tryItOutEnabled: false, displayRequestDuration: true, docExpansion: "list",
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"
}});
</script>
</body></html>
"""


def missing_page(message: str) -> str:
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>API docs</title></head><body>"
        f"<h1>API docs unavailable</h1><p>{escape(message)}</p><p>The OpenAPI document: "
        f'<a href="/openapi.json">/openapi.json</a>; the CallFire WSDL: <a href="{WSDL}">{WSDL}</a>.</p>'
        f"</body></html>"
    )
