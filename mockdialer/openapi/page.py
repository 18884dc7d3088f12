"""The /docs page: the OpenAPI document's operations as one self-contained HTML page (no scripts, no
assets from elsewhere, so it works offline)."""

from __future__ import annotations

import json
from html import escape

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
h2{border-bottom:1px solid #ccc;margin-top:2em}
details{border:1px solid #ddd;border-radius:4px;margin:.4em 0;padding:.3em .6em}
summary{cursor:pointer}
.m{display:inline-block;min-width:4.5em;font-weight:bold;font-family:monospace}
.get{color:#0a6}.post{color:#06c}.put{color:#b60}.delete{color:#c22}
code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f6f6f6;padding:.5em;overflow:auto;max-height:30em}
table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
"""
METHODS = ("get", "post", "put", "delete", "patch")


def _resolve(doc: dict, node: dict) -> tuple[str, dict]:
    """(component name or "", the node with its $ref followed)."""
    ref = node.get("$ref", "")
    if not ref:
        return "", node
    target = doc
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    return ref.rsplit("/", 1)[-1], target


def _schema_of(doc: dict, holder: dict) -> str:
    schema = holder.get("content", {}).get("application/json", {}).get("schema")
    if not schema:
        return ""
    name, _ = _resolve(doc, schema)
    return f'<a href="#schema-{escape(name)}"><code>{escape(name)}</code></a>' if name else ""


def _operation(doc: dict, path: str, method: str, op: dict, shared_params: list) -> str:
    rows = []
    for param in shared_params + op.get("parameters", []):
        _, param = _resolve(doc, param)
        schema = json.dumps(param.get("schema", {}))
        rows.append(
            f"<tr><td><code>{escape(param['name'])}</code></td><td>{escape(param['in'])}</td>"
            f"<td><code>{escape(schema)}</code></td><td>{escape(param.get('description', ''))}</td></tr>"
        )
    params = f"<table><tr><th>parameter</th><th>in</th><th>schema</th><th></th></tr>{''.join(rows)}</table>"
    body = op.get("requestBody")
    body_html = f"<p>Body: {_schema_of(doc, body)}</p>" if body else ""
    responses = []
    for status, response in op["responses"].items():
        _, response = _resolve(doc, response)
        responses.append(
            f"<tr><td>{escape(status)}</td><td>{escape(response.get('description', ''))}</td>"
            f"<td>{_schema_of(doc, response)}</td></tr>"
        )
    auth = "no auth" if op.get("security") == [] else "Authorization: Bearer &lt;token&gt;"
    return (
        f'<details id="{escape(op["operationId"])}"><summary><span class="m {method}">{method.upper()}</span>'
        f"<code>{escape(path)}</code> {escape(op.get('summary', ''))}</summary>"
        f"<p><code>{escape(op['operationId'])}</code>, {auth}</p>{params if rows else ''}{body_html}"
        f"<table><tr><th>status</th><th>meaning</th><th>body</th></tr>{''.join(responses)}</table></details>"
    )


def render_page(doc: dict) -> str:
    by_tag: dict[str, list[str]] = {}
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                op = item[method]
                html = _operation(doc, path, method, op, item.get("parameters", []))
                by_tag.setdefault(op["tags"][0], []).append(html)
    sections = "".join(f"<h2>{escape(tag)}</h2>{''.join(ops)}" for tag, ops in by_tag.items())
    schemas = "".join(
        f'<details id="schema-{escape(name)}"><summary><code>{escape(name)}</code></summary>'
        f"<pre>{escape(json.dumps(schema, indent=2))}</pre></details>"
        for name, schema in doc["components"]["schemas"].items()
    )
    info = doc["info"]
    server = doc.get("servers", [{}])[0].get("url", "")
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(info['title'])} API</title>"
        f"<style>{STYLE}</style></head><body><h1>{escape(info['title'])} {escape(info['version'])}</h1>"
        f"<p>Server: <code>{escape(server)}</code>. The machine-readable document: "
        f'<a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI {escape(doc["openapi"])}).</p>'
        f"<pre>{escape(info.get('description', ''))}</pre>{sections}<h2>Schemas</h2>{schemas}</body></html>"
    )
