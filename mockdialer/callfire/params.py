"""The read operations' parameters (ids, the Query* filters and paging, GetCccCampaignStats' interval)
typed without marshmallow, so that reads never load it: one table per operation, each parameter read
by its XSD type (``xsd.py``).

``read_params(spec, data)`` returns the typed values or raises ``ValidationFailed`` naming every wrong
parameter, as the schemas do for writes: a value sent empty counts as not sent, a missing parameter
takes its default, unknown names are ignored. ``schemas.py`` builds the same tables as marshmallow
schemas for the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import xsd


@dataclass(frozen=True)
class Param:
    type: Callable[[Any], Any]  # an xsd reader: xsd.string, xsd.boolean, xsd.date_time, xsd.Int(...)
    required: bool = False
    default: Any = None


@dataclass(frozen=True, eq=False)
class Params:
    fields: Mapping[str, Param]
    check: Callable[[dict], dict[str, list[str]]] | None = None  # run when every parameter is valid


PAGING = {
    "MaxResults": Param(xsd.Int(long=True, min=0, max=1000), default=1000),
    "FirstResult": Param(xsd.Int(long=True, min=0), default=0),
}
ID = Params({"Id": Param(xsd.Int(long=True), required=True)})
QUERY_CCC_CAMPAIGNS = Params(
    {**PAGING, "Running": Param(xsd.boolean), "Name": Param(xsd.string), "LabelName": Param(xsd.string)}
)
QUERY_AGENT_GROUPS = Params(
    {
        **PAGING,
        "CampaignId": Param(xsd.Int(long=True)),
        "Name": Param(xsd.string),
        "AgentId": Param(xsd.Int(long=True)),
        "AgentEmail": Param(xsd.string),
    }
)
QUERY_AGENTS = Params(
    {
        **PAGING,
        "CampaignId": Param(xsd.Int(long=True)),
        "AgentEmail": Param(xsd.string),
        "AgentGroupId": Param(xsd.Int(long=True)),
        "AgentGroupName": Param(xsd.string),
        "Enabled": Param(xsd.boolean),
    }
)
QUERY_AGENT_SESSIONS = Params(
    {
        **PAGING,
        "CampaignId": Param(xsd.Int(long=True)),
        "AgentId": Param(xsd.Int(long=True)),
        "AgentEmail": Param(xsd.string),
        "Active": Param(xsd.boolean),
    }
)

# GetAgentInviteUri's key: an invite found was sent to an address SendAgentInvites checked, so only a miss
# asks the schema (``AgentInviteUriSchema``, marshmallow's email check) whether it is an email address
INVITED_EMAIL = Params({"AgentEmail": Param(xsd.string, required=True)})


def _in_order(values: dict) -> dict[str, list[str]]:
    begin: datetime | None = values.get("IntervalBegin")
    end: datetime | None = values.get("IntervalEnd")
    if begin is not None and end is not None and end < begin:
        return {"IntervalEnd": ["must not be before IntervalBegin"]}
    return {}


STATS = Params({"IntervalBegin": Param(xsd.date_time), "IntervalEnd": Param(xsd.date_time)}, _in_order)


def read_params(spec: Params, data: Mapping | None) -> dict:
    """Typed values, or ``ValidationFailed`` naming every problem (in the table's order)."""
    data = data or {}
    values: dict = {}
    errors: dict[str, list[str]] = {}
    for name, param in spec.fields.items():
        value = data.get(name)
        if isinstance(value, list | tuple):
            value = [item for item in value if not (isinstance(item, str) and xsd.blank(item))] or None
        if xsd.blank(value):
            if param.required:
                errors[name] = ["is required"]
            elif param.default is not None:
                values[name] = param.default
            continue
        try:
            values[name] = param.type(value)
        except xsd.Invalid as exc:
            errors[name] = [str(exc)]
    if not errors and spec.check is not None:
        errors = spec.check(values)
    if errors:
        raise xsd.failed(errors)
    return values
