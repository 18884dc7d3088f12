"""CallFire's resources (CccCampaign, CccCampaignStats, AgentGroup, Agent, AgentSession, AgentInvite):
their fields in the XSD's order, which of them nest or repeat, each value's lexical form, and the JSON
mirror both transports' JSON answers use. ``render.py`` writes the same resources as XML.

``to_json(kind, resource)`` is the resource as a JSON-ready dict (``"@id"``, scalar lists
space-separated, booleans and numbers typed; ``Question.Choices`` alone is a JSON array, as the Java
client's plain ``List<String>`` needs). ``kind`` is one of ``KINDS``.
"""

from __future__ import annotations

from .call_fields import (
    CALL_FIELDS,
    CALL_RECORD_FIELDS,
    CONTACT_BATCH_FIELDS,
    SIMPLE_CONTENT,
    SUBSCRIPTION_FIELDS,
    SUBSCRIPTION_FILTER_FIELDS,
)
from .fields import AGENT_FIELDS, CAMPAIGN_FIELDS, GROUP_FIELDS, INVITE_FIELDS, SESSION_FIELDS, STATS_FIELDS
from .fields import NESTED as FIELD_NESTED

STATS = [*STATS_FIELDS, "ResultStat"]
NESTED = {
    **FIELD_NESTED,
    "ResultStat": ["Result", "Attempts", "Actions"],
    "CallRecord": CALL_RECORD_FIELDS,
    "SubscriptionFilter": SUBSCRIPTION_FILTER_FIELDS,
}
REPEATED = {"Question", "TransferNumber", "ResultStat", "CallRecord"}  # maxOccurs="unbounded" elements
ALWAYS_LISTED = {"CallRecord"}  # a JSON array even when empty (the Java client's List<CallRecord>)
# stored HH:mm:ss, returned as 08:00:00Z (docs/vendors/callfire.md)
TIMES = {"LocalRestrictBegin", "LocalRestrictEnd"}
KINDS = {
    "CccCampaign": CAMPAIGN_FIELDS,
    "CccCampaignStats": STATS,
    "AgentGroup": GROUP_FIELDS,
    "Agent": AGENT_FIELDS,
    "AgentSession": SESSION_FIELDS,
    "AgentInvite": INVITE_FIELDS,
    "Call": CALL_FIELDS,
    "ContactBatch": CONTACT_BATCH_FIELDS,
    "Subscription": SUBSCRIPTION_FIELDS,
}
# JSON arrays of strings: Java reads Question.Choices as a plain List<String>; every other list (RetryResults,
# id and email lists) stays a space-separated string, which Java's String deserializers require
JSON_ARRAYS = {"Choices"}
_SHAPED = REPEATED | ALWAYS_LISTED | TIMES | JSON_ARRAYS | SIMPLE_CONTENT | set(NESTED)  # others: as they are


def text(name: str, value) -> str:
    """The XML lexical form of a scalar or an xs:list."""
    kind = value.__class__  # the common types first, exactly: a list answer converts thousands
    if kind is int:
        return str(value)
    if kind is str:
        return value + "Z" if name in TIMES and len(value) == 8 else value
    if kind is tuple or kind is list:
        if value and value[0].__class__ is int:
            return " ".join(map(str, value))
        return " ".join([text(name, item) for item in value])
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(text(name, item) for item in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if name in TIMES and isinstance(value, str) and len(value) == 8:
        return value + "Z"
    return str(value)


def _json_value(name: str, value):
    if isinstance(value, bool | int | float) and not isinstance(value, list):
        return value
    if name in JSON_ARRAYS and isinstance(value, list | tuple):
        return [text(name, item) for item in value]
    if isinstance(value, list | tuple) or name in TIMES:
        return text(name, value)
    return value


def _json_fill(names: list[str], values: dict) -> dict:
    out: dict = {}
    for name in names:
        value = values.get(name)
        if value is None:
            continue
        if name not in _SHAPED:  # without calls for a scalar: a list answer holds thousands
            if value.__class__ is not list:
                out[name] = text(name, value) if value.__class__ is tuple else value
            elif value:
                out[name] = " ".join([text(name, item) for item in value])
        elif isinstance(value, list) and not value and name not in ALWAYS_LISTED:
            continue
        elif name in REPEATED:
            out[name] = [_with_id(_json_fill(NESTED[name], item), item) for item in value]
        elif name in SIMPLE_CONTENT and names is not SUBSCRIPTION_FILTER_FIELDS:  # a filter's is a string
            out[name] = {"value": _json_value(name, value)}
        elif name in NESTED:
            out[name] = _json_fill(NESTED[name], value)
        else:
            out[name] = _json_value(name, value)
    return out


def _with_id(out: dict, resource: dict) -> dict:
    """``"@id"`` first, as CallFire's JSON puts it, when the resource has an id."""
    return {"@id": resource["id"], **out} if resource.get("id") is not None else out


def to_json(kind: str, resource: dict) -> dict:
    out = _json_fill(KINDS[kind], resource)
    if resource.get("id") is not None:
        out["@id"] = resource["id"]
    return out
