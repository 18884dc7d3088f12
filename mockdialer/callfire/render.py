"""CallFire resources as lxml elements in ``http://api.callfire.com/data``, for both transports' XML
answers (the fields, their order and lexical forms come from ``resources.py``, which also writes JSON).

``element(kind, resource, parent=None)`` builds ``<CccCampaign id="..">...</CccCampaign>`` (qualified
children, unqualified ``id``); ``xml_safe(text)`` keeps any text renderable.
"""

from __future__ import annotations

from lxml import etree

from .resources import KINDS, NESTED, REPEATED, text
from .xsd import XML_UNSAFE

DATA_NS = "http://api.callfire.com/data"
RESOURCE_NS = "http://api.callfire.com/resource"


def _q(name: str) -> str:
    return f"{{{DATA_NS}}}{name}"


def xml_safe(value: str) -> str:
    """``value`` with each character XML cannot carry replaced by U+FFFD, so rendering never fails."""
    return XML_UNSAFE.sub("\ufffd", value)


def _fill(parent: etree._Element, names: list[str], values: dict) -> None:
    for name in names:
        value = values.get(name)
        if value is None or (isinstance(value, list) and not value):
            continue
        if name in NESTED:
            for item in value if name in REPEATED else [value]:
                child = etree.SubElement(parent, _q(name))
                if item.get("id") is not None:  # CallRecord id="..." (unqualified, as its parent's)
                    child.set("id", str(item["id"]))
                _fill(child, NESTED[name], item)
        else:
            etree.SubElement(parent, _q(name)).text = xml_safe(text(name, value))


def element(kind: str, resource: dict, parent: etree._Element | None = None) -> etree._Element:
    """``<kind id="..">`` in the data namespace, appended to ``parent`` when given."""
    tag = _q(kind)
    el = etree.Element(tag, nsmap={None: DATA_NS}) if parent is None else etree.SubElement(parent, tag)
    if resource.get("id") is not None:
        el.set("id", str(resource["id"]))
    _fill(el, KINDS[kind], resource)
    return el
