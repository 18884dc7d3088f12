"""CallFire resources as XML in ``http://api.callfire.com/data``, for both transports' XML answers (the
fields, their order and lexical forms come from ``resources.py``, which also writes JSON).

``xml_text(kind, resource)`` writes ``<CccCampaign id="..">...</CccCampaign>`` as text, in a parent
whose default namespace is the data namespace (qualified children, unqualified ``id``), escaped as lxml
escapes text; it is the one writer of the resources' XML. ``element(kind, resource, parent=None)`` is
the same resource as an lxml element. A list of thousands of resources is written as text into its
serialized wrapper (``list_slot`` where the items go, ``splice`` to fill it): building an lxml element
per field costs more than the rest of such an answer (docs/benchmarks.md, "CallFire agents at scale").
``xml_items(kind, items)`` writes what ``xml_text`` writes for each item, a field at a time across the
items, so a field of one type in every item is written in one comprehension.
``xml_safe(text)`` keeps any text renderable.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from lxml import etree

from .resources import KINDS, NESTED, REPEATED, TIMES, text
from .xsd import XML_UNSAFE

DATA_NS = "http://api.callfire.com/data"
RESOURCE_NS = "http://api.callfire.com/resource"
_TEXT_ESCAPES = {"\r": "&#13;"}  # lxml's own escapes of text, past &, < and >
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
_SLOT = "mockdialer: the list's items"
_TO_ESCAPE = re.compile(f"[&<>\r]|{XML_UNSAFE.pattern}")


def _escaped(value: str) -> str:
    """``value`` as XML text: each character XML cannot carry as U+FFFD, markup escaped as lxml does."""
    return escape(xml_safe(value), _TEXT_ESCAPES) if _TO_ESCAPE.search(value) else value


def xml_safe(value: str) -> str:
    """``value`` with each character XML cannot carry replaced by U+FFFD, so rendering never fails."""
    return XML_UNSAFE.sub("\ufffd", value)


def _open(name: str, values: dict, declared: str = "") -> str:
    id_ = values.get("id")
    if id_ is None:
        return f"<{name}{declared}"
    if id_.__class__ is not int:
        id_ = escape(xml_safe(str(id_)), _ATTRIBUTE_ESCAPES)
    return f'<{name}{declared} id="{id_}"'


def _fill(out: list[str], names: list[str], values: dict) -> None:
    # the common values (text, whole numbers) first and without calls: a list answer holds thousands
    for name in names:
        value = values.get(name)
        if value is None or value == []:
            continue
        if value.__class__ is str and name not in TIMES:
            written = _escaped(value)
            out.append(f"<{name}>{written}</{name}>" if written else f"<{name}/>")
        elif value.__class__ is int:
            out.append(f"<{name}>{value}</{name}>")
        elif value.__class__ is bool:
            out.append(f"<{name}>true</{name}>" if value else f"<{name}>false</{name}>")
        elif name in NESTED:
            for item in value if name in REPEATED else [value]:
                inner: list[str] = []
                _fill(inner, NESTED[name], item)
                start = _open(name, item)
                out.append(f"{start}>{''.join(inner)}</{name}>" if inner else f"{start}/>")
        else:
            written = _escaped(text(name, value))
            out.append(f"<{name}>{written}</{name}>" if written else f"<{name}/>")


def xml_text(kind: str, resource: dict, declared: str = "") -> str:
    """``<kind id="..">`` and its fields, for a parent whose default namespace is ``DATA_NS``
    (``declared``: namespace declarations of its own)."""
    inner: list[str] = []
    _fill(inner, KINDS[kind], resource)
    start = _open(kind, resource, declared)
    return f"{start}>{''.join(inner)}</{kind}>" if inner else f"{start}/>"


def xml_items(kind: str, items: list[dict]) -> str:
    """``xml_text(kind, item)`` of each item, joined."""
    columns = [_column(name, [item.get(name) for item in items]) for name in KINDS[kind]]
    inners = map("".join, zip(*columns, strict=True))
    end = f"</{kind}>"
    ids = [item.get("id") for item in items]
    if all(id_.__class__ is int for id_ in ids):
        start = f'<{kind} id="'
        written = [
            f'{start}{id_}">{inner}{end}' if inner else f'{start}{id_}"/>'
            for id_, inner in zip(ids, inners, strict=True)
        ]
    else:
        starts = [_open(kind, item) for item in items]
        written = [
            f"{start}>{inner}{end}" if inner else f"{start}/>"
            for start, inner in zip(starts, inners, strict=True)
        ]
    return "".join(written)


def _column(name: str, values: list) -> list[str]:
    """Each value's element as ``_fill`` writes it ("" for none)."""
    types = set(map(type, values))
    types.discard(type(None))
    start, end = f"<{name}>", f"</{name}>"
    if not types:
        return [""] * len(values)
    if types == {int}:
        return ["" if value is None else f"{start}{value}{end}" for value in values]
    if types == {bool}:
        written = {None: "", True: f"{start}true{end}", False: f"{start}false{end}"}
        return [written[value] for value in values]
    if types == {str} and name not in TIMES and not _TO_ESCAPE.search("".join(filter(None, values))):
        empty = f"<{name}/>"
        return ["" if value is None else f"{start}{value}{end}" if value else empty for value in values]
    if types == {tuple} and all(value and value[0].__class__ is int for value in values if value is not None):
        written = {
            value: f"{start}{' '.join(map(str, value))}{end}" for value in set(values) if value is not None
        }
        written[None] = ""
        return [written[value] for value in values]
    names, out = [name], []
    for value in values:
        inner: list[str] = []
        _fill(inner, names, {name: value})
        out.append("".join(inner))
    return out


def element(kind: str, resource: dict, parent: etree._Element | None = None) -> etree._Element:
    """``<kind id="..">`` in the data namespace, appended to ``parent`` when given."""
    el = etree.fromstring(xml_text(kind, resource, f' xmlns="{DATA_NS}"'))
    if parent is not None:
        parent.append(el)  # lxml drops the xmlns the parent already declares
    return el


def list_slot(parent: etree._Element, items: list[dict]) -> None:
    """Mark where ``splice`` writes a list's items: the end of ``parent`` (nothing for no items)."""
    if items:
        parent.append(etree.Comment(_SLOT))


def splice(document: bytes, kind: str, items: list[dict]) -> bytes:
    """``document`` (UTF-8, serialized with one ``list_slot``) with the items written in the slot.
    A comment cannot come from data (text holding ``<!--`` is escaped), so the slot is unambiguous."""
    if not items:
        return document
    written = xml_items(kind, items).encode("utf-8")
    return document.replace(f"<!--{_SLOT}-->".encode(), written, 1)
