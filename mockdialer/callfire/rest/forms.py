"""CallFire REST request parameters (form body and query string) as the domain's raw input.

CallFire's clients send PascalCase names, lists of objects as bracketed keys with lowerCamelCase
sub-keys (``Question[0][label]``), and lists of scalars space-separated in one value or as the key
repeated (docs/vendors/callfire.md "REST"); PHP's ``http_build_query`` also writes ``RetryResults[0]=BUSY``,
so
indexed and ``[]`` keys are accepted for scalar lists too. RetryConfig fields come flat.

CallFire's Node SDK sends its POST and PUT form bodies with no Content-Type at all (chunked): lenient
mode (the default) reads such a body as a form; strict mode answers 415 (docs/callfire.md).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote_to_bytes

from flask import current_app, request
from werkzeug.datastructures import MultiDict

from ...errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from ..fields import CAMPAIGN_SCALARS

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_KEY = re.compile(r"([^\[\]]+)((?:\[[^\[\]]*\])*)")
_INDEX = re.compile(r"[0-9]{1,9}")  # a list index (str.isdigit also takes "²", which int() refuses)
# the deepest key a CallFire client writes is ``Question[0][choices][]`` (docs/vendors/callfire.md "REST"): 3
# brackets
MAX_BRACKETS = 3

RETRY_SCALARS, RETRY_LISTS = ("MaxAttempts", "MinutesBetweenAttempts"), ("RetryResults", "RetryPhoneTypes")
OBJECT_LISTS = {
    "Question": (("Label", "ResponseType"), ("Choices",)),
    "TransferNumber": (("Name", "Number", "AllowAssistedTransfer"), ()),
}


def tree(params: MultiDict) -> dict:
    """``{"Name": ["x"], "Question": {"0": {"label": ["..."]}}, ...}``: every leaf a list of strings."""
    out: dict = {}
    for key, value in params.items(multi=True):
        match = _KEY.fullmatch(key)
        if not match:
            continue
        path = [match[1]] + re.findall(r"\[([^\[\]]*)\]", match[2])
        if len(path) - 1 > MAX_BRACKETS:
            name = key if len(key) <= 60 else key[:60] + "..."
            problem = f"nests {len(path) - 1} brackets deep; CallFire's keys nest at most {MAX_BRACKETS}"
            raise BadRequest(f"{name} {problem}", errors={name: [problem]})
        while len(path) > 1 and path[-1] == "":  # Key[] is Key repeated
            path.pop()
        node = out
        for segment in path[:-1]:
            child = node.get(segment)
            if not isinstance(child, dict):
                child = node[segment] = {} if child is None else {"": child}
            node = child
        leaf = node.setdefault(path[-1], [])
        if isinstance(leaf, dict):
            leaf.setdefault("", []).append(value)
        else:
            leaf.append(value)
    return out


def _index(key: str) -> tuple[int, str]:
    return (int(key), "") if _INDEX.fullmatch(key) else (-1, key)


def values(node) -> list[str]:
    """A scalar list from ``K=a b``, ``K=a&K=b``, ``K[]=a`` or ``K[0]=a&K[1]=b``."""
    if isinstance(node, list):
        return list(node)
    if isinstance(node, dict):
        return [v for key in sorted(node, key=_index) for v in values(node[key])]
    return []


def last(node) -> str | None:
    found = values(node)
    return found[-1] if found else None


def _sub(obj: dict, name: str):
    """A sub-key as sent: lowerCamelCase (``responseType``) per docs/vendors/callfire.md, PascalCase
    tolerated."""
    for key in (name[0].lower() + name[1:], name):
        if key in obj:
            return obj[key]
    return None


def objects(node, scalars, lists) -> list[dict]:
    if not isinstance(node, dict):
        return []
    items = []
    for key in sorted((k for k in node if _INDEX.fullmatch(k)), key=int):
        obj = node[key] if isinstance(node[key], dict) else {}
        item = {name: last(_sub(obj, name)) for name in scalars if _sub(obj, name) is not None}
        item.update({name: values(_sub(obj, name)) for name in lists if _sub(obj, name) is not None})
        items.append(item)
    return items


def campaign_input(params: dict) -> dict:
    """A flat ``Question=...`` / ``TransferNumber=...`` (no brackets; CallFire's PHP REST SDK sends one)
    is passed on as the plain string, which the schema refuses, naming the field."""
    data = {name: last(params[name]) for name in CAMPAIGN_SCALARS if name in params}
    for name, (scalars, lists) in OBJECT_LISTS.items():
        node = params.get(name)
        flat = (
            values(node)
            if isinstance(node, list)
            else values(node.get("", []))
            if isinstance(node, dict)
            else []
        )
        if flat:
            data[name] = " ".join(flat)
        elif node is not None:
            data[name] = objects(node, scalars, lists)
    nested = params.get("RetryConfig") if isinstance(params.get("RetryConfig"), dict) else {}
    retry = {}
    for name in RETRY_SCALARS + RETRY_LISTS:
        node = params.get(name, _sub(nested, name))
        if node is not None:
            retry[name] = values(node) if name in RETRY_LISTS else last(node)
    if retry:
        data["RetryConfig"] = retry
    return data


def agent_group_input(params: dict) -> dict:
    data = {"Name": last(params["Name"])} if "Name" in params else {}
    for name in ("AgentIds", "AgentEmails"):
        if name in params:
            data[name] = values(params[name])
    return data


def lists(params: dict, *names: str) -> dict:
    """The scalar lists ``names`` (space-joined, repeated or indexed keys), the rest as single values."""
    out = scalars(params)
    for name in names:
        if name in params:
            out[name] = values(params[name])
    return out


def scalars(params: dict) -> dict:
    return {name: last(node) for name, node in params.items()}


def check_utf8(raw: bytes, where: str) -> None:
    """Each urlencoded key and value must be UTF-8 once percent-decoded; werkzeug would keep an invalid
    one as its escapes (``%FF``) or drop the pair, so the caller learns nothing. A 400 naming the field."""
    for pair in raw.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                name = unquote_to_bytes(pair.split(b"=", 1)[0]).decode("utf-8", "replace")
                problem = "is not valid UTF-8"
                raise BadRequest(f"{name} {problem} ({where})", errors={name: [problem]}) from None


def untyped_form() -> list[tuple[str, str]]:
    """A body sent without Content-Type, read as application/x-www-form-urlencoded (as werkzeug reads a
    typed one: at most ``max_form_parts`` fields)."""
    raw = request.get_data(cache=True)
    check_utf8(raw, "form body")
    limit = request.max_form_parts or None
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=limit)
    except ValueError:
        raise PayloadTooLarge(f"The form body has more than {limit} fields") from None


def request_params() -> dict:
    """Query string plus form body (the body wins); any other body type is a 415."""
    check_utf8(request.query_string, "query string")
    if request.mimetype == FORM_TYPES[0]:
        check_utf8(request.get_data(cache=True), "form body")
    merged = MultiDict(request.args)
    has_body = bool(request.content_length) or request.headers.get("Transfer-Encoding")
    if request.mimetype in FORM_TYPES:
        for key in request.form:
            merged.setlist(key, request.form.getlist(key))
    elif has_body and not request.mimetype and not current_app.config.get("STRICT"):
        for key, value in untyped_form():
            merged.add(key, value)
    elif has_body or (request.mimetype and request.method in ("POST", "PUT")):
        raise UnsupportedMediaType(
            f"Content-Type {request.mimetype or 'missing'} is not supported: send "
            "application/x-www-form-urlencoded parameters"
        )
    return tree(merged)
