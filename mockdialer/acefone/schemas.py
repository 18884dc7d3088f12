"""marshmallow schemas of Acefone bodies, and reading a body with them: the dialer campaign's 51 fields
(update-dialer-campaign.txt) and an account object's name and description.

``CampaignSchema`` is lenient (PHP-like coercion, unknown fields ignored); ``StrictCampaignSchema``
takes only the JSON types of the page's type column and rejects unknown fields (docs/vendors/acefone.md).
Load with
``partial=True`` for an update (no field mandatory); a create loads without it, so the eight fields
marked mandatory on create are required. Each field's ``metadata`` carries the page's description
and type, for the OpenAPI document.
"""

from __future__ import annotations

import functools

from marshmallow import EXCLUDE, INCLUDE, RAISE, Schema, ValidationError, validate
from marshmallow.fields import Nested

from ..errors import problem_paths
from .fields import (
    Choice,
    Flag,
    Int32,
    LeadListId,
    Mapping,
    Phone,
    RefId,
    StrictList,
    Text,
    WebUrl,
    WholeNumber,
)

DIAL_METHODS = {"1": "Preview", "2": "Ratio"}
TRAVERSAL_ORDERS = {"1": "Oldest First", "2": "Newest First", "3": "Random"}
RING_STRATEGIES = {"1": "Random", "2": "Fewest Calls", "3": "Longest Wait Time"}
AGENT_CONNECTIONS = {
    "1": "Agent Mobile",
    "2": "Agent Extension",
    "3": "Both (Extension first, otherwise mobile)",
}
DIAL_IN_TYPES = {"1": "Dial In (Session)", "2": "Dial Out (Each Call)", "3": "Dial Out (Session)"}

NOT_BLANK = {"blank": False}


def _meta(description: str, page_type: str, **extra) -> dict:
    return {"metadata": {"description": description, "x-vendor-type": page_type, **extra}}


def _required(description: str, page_type: str) -> dict:
    """Mandatory on create (docs/vendors/acefone.md), never on update."""
    return {"required": True, **_meta(description, page_type)}


class LeadListEntrySchema(Schema):
    """One ``lead_list_map`` entry: ``{"list_id": 1234, "list_status": 1}``."""

    strict = False

    class Meta:
        unknown = EXCLUDE

    list_id = LeadListId(required=True, **_meta("Id of a lead list of the account", "int32"))
    list_status = Flag(required=True, **_meta("1 active, 0 inactive (at most 3 active)", "integer"))


class StrictLeadListEntrySchema(LeadListEntrySchema):
    strict = True

    class Meta:
        unknown = RAISE


def _lead_list_map(entry_schema: type[Schema]) -> StrictList:
    return StrictList(
        Nested(entry_schema),
        **_meta("Lead lists and their status; at most 3 with list_status 1", "array"),
    )


class CampaignSchema(Schema):
    """Lenient reading of the dialer campaign body (the default mode)."""

    strict = False

    class Meta:
        unknown = EXCLUDE
        ordered = True

    name = Text(max_length=255, **_required("Name of the Dialer Campaign", "String"))
    description = Text(**_meta("Description of the Campaign", "String"))
    dial_method = Choice(DIAL_METHODS, **_required("1 Preview, 2 Ratio", "String"))
    auto_dial_duration = WholeNumber(
        **_meta("Preview duration before dialing; needed when dial_method is 1", "String")
    )
    outbound_caller_id = RefId(**_required("Id of a DID (GET /v1/my_number)", "String"))
    agent_wise_caller_id = Flag(**_meta("0/1: caller id per agent", "integer"))
    lead_list_map = _lead_list_map(LeadListEntrySchema)
    agent_wise_lead_list = Flag(**_meta("0/1: lead list per agent", "integer"))
    list_traversal_order = Choice(
        TRAVERSAL_ORDERS, **_meta("1 Oldest First, 2 Newest First, 3 Random", "string")
    )
    agent_script = RefId(**_meta("Id of an agent script", "string"))
    disposition_list = RefId(**_required("Id of a disposition list", "string"))
    number_of_retry = WholeNumber(**_required("Refresh Count", "string"))
    retry_after_minutes = WholeNumber(**_required("Refresh Interval duration in minutes", "string"))
    auto_disposition_cancel_duration = WholeNumber(**_required("Wrap up time for agent in seconds", "string"))
    dial_status = StrictList(
        WholeNumber(**NOT_BLANK),
        validate=validate.Length(min=1, error='Must hold at least one dial status ("0" is New).'),
        **_required('Dial statuses to dial; "0" is New', "array of strings"),
    )
    time_group = RefId(**_meta("Id of a time group (Campaign Active Time)", "string"))
    time_group_recording = RefId(**_meta("Id of a recording (Campaign Active Time Recording)", "string"))
    ring_timeout = WholeNumber(**_meta("Seconds the call rings on each agent", "string"))
    quick_transfer_list = RefId(**_meta("Id of a quick transfer list", "string"))
    account_dnd_list = RefId(**_meta("Id of a DND list", "string"))
    hide_lead_details = Flag(**_meta("0/1: hide customer's details", "integer"))
    update_lead_details = Flag(**_meta("0/1: update customer's details", "integer"))
    automatic_schedule_call_enabled = Flag(**_meta("0/1: automatic schedule call", "integer"))
    enable_hangup = Flag(**_meta("0/1: hangup call for agent", "integer"))
    enable_external_transfer = Flag(**_meta("0/1: external transfer", "integer"))
    after_call_work_duration = WholeNumber(**_meta("Seconds given to the agent after a call ends", "string"))
    enable_web_form = Flag(**_meta("0/1: web form", "integer"))
    webform_url = WebUrl(**_meta("http(s) URL of the web form", "string"))
    music_on_hold = RefId(**_meta("Id of a recording played while connecting", "string"))
    ring_strategy = Choice(
        RING_STRATEGIES, **_meta("1 Random, 2 Fewest Calls, 3 Longest Wait Time", "string")
    )
    dial_ratio = WholeNumber(
        **_meta("Ratio in which agents are called; needed when dial_method is 2", "string")
    )
    enable_transfer = Flag(**_meta("0/1: transferring calls", "integer"))
    manual_lead_list = StrictList(
        RefId(**NOT_BLANK),
        **_meta("Lead list ids for manual dial; needed when manual_dial_enabled is 1", "array of strings"),
    )
    break_list = RefId(**_meta("Id of a break (pause code) list", "string"))
    map_agent_caller_id = Mapping(**_meta("Mapping of each agent with caller id", "string"))
    map_agent_lead_list = Mapping(**_meta("Mapping of each agent with lead list", "string"))
    connect_agent_through = Choice(
        AGENT_CONNECTIONS, **_meta("1 Agent Mobile, 2 Agent Extension, 3 Both", "string")
    )
    dial_in_type = Choice(
        DIAL_IN_TYPES, **_meta("1 Dial In (Session), 2 Dial Out (Each Call), 3 Dial Out (Session)", "string")
    )
    agent_only_callback = Flag(**_meta("0/1: callback for agent in agent panel", "integer"))
    agent_dial_in_number = Phone(**_meta("Agent number in case of dial in", "string"))
    agent = StrictList(Int32(), **_meta("Ids of agents (users, GET /v1/users)", "array of int32s"))
    enforce_agent_pause_code = Flag(**_meta("0/1: option while showing break codes of a list", "int32"))
    manual_dial_enabled = Flag(**_meta("0/1: manual dial for agent", "integer"))
    enable_inbound = Flag(**_meta("0/1: inbound queue; needs inbound_queue and inbound_lead_list", "integer"))
    inbound_queue = RefId(**_meta("Id of an inbound queue; needed when enable_inbound is 1", "string"))
    enable_agent_opt_out = Flag(**_meta("0/1: agent may remove self from inbound queue", "integer"))
    inbound_lead_list = RefId(
        **_meta("Id of a lead list for inbound; needed when enable_inbound is 1", "string")
    )
    enable_auto_answer = Flag(**_meta("0/1: agent gets connected to the call", "integer"))
    call_qualification_duration = WholeNumber(**_meta("Seconds that qualify a call as successful", "string"))
    announcement_recording = RefId(**_meta("Id of a recording (welcome tune)", "string"))
    queue_timeout = WholeNumber(**_meta("Maximum seconds a caller waits in the queue", "string"))


class StrictCampaignSchema(CampaignSchema):
    """Strict mode: exact JSON types of the page's type column; unknown fields rejected."""

    strict = True

    class Meta:
        unknown = RAISE
        ordered = True

    lead_list_map = _lead_list_map(StrictLeadListEntrySchema)


# mandatory on create (never on update); flags, 0 on a new campaign; arrays, [] on a new campaign
_DECLARED = CampaignSchema().fields
CREATE_MANDATORY: tuple[str, ...] = tuple(n for n, f in _DECLARED.items() if f.required)
FLAGS: tuple[str, ...] = tuple(n for n, f in _DECLARED.items() if isinstance(f, Flag))
LISTS: tuple[str, ...] = tuple(n for n, f in _DECLARED.items() if isinstance(f, StrictList))
FIELD_ORDER: tuple[str, ...] = tuple(_DECLARED)  # the 51 fields, in the order of the vendor's page
FIELD_INDEX: dict[str, int] = {name: i for i, name in enumerate(FIELD_ORDER)}


class ObjectSchema(Schema):
    """Create/update body of an account object: a name, a description, any other keys kept as sent."""

    strict = False

    class Meta:
        unknown = INCLUDE

    name = Text(required=True, max_length=255, metadata={"description": "Name of the object"})
    description = Text(metadata={"description": "Description"})


class StrictObjectSchema(ObjectSchema):
    strict = True


@functools.cache
def campaign_schema(strict: bool) -> CampaignSchema:
    """One instance per mode, built once: a marshmallow schema keeps no state between loads."""
    return StrictCampaignSchema() if strict else CampaignSchema()


@functools.lru_cache(maxsize=256)
def _update_schema(strict: bool, fields: tuple[str, ...]) -> CampaignSchema:
    cls = StrictCampaignSchema if strict else CampaignSchema
    # every field of an only-schema is in the body; without one, partial names the top-level fields
    # only, so lead_list_map entries always need both keys
    return cls(only=fields) if fields else cls(partial=frozenset(FIELD_ORDER))


def update_schema(strict: bool, body: dict) -> CampaignSchema:
    """The schema for a partial update: only the fields the body names (marshmallow visits every
    field of a schema on each load; an update usually names a few of the 51). Built once per set."""
    fields = tuple(sorted((name for name in body if name in FIELD_INDEX), key=FIELD_INDEX.__getitem__))
    return _update_schema(strict, fields)


def flatten(messages) -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{field: ["problem", ...]}`` ("[0].list_id: ..." inside arrays)."""
    return {
        str(field): [f"{path}: {problem}" if path else problem for path, problem in problem_paths(problems)]
        for field, problems in messages.items()
    }


def read_campaign(body: dict, strict: bool, update: bool) -> tuple[dict, dict[str, list[str]], dict]:
    """The campaign body as the schema reads it: ``(values, problems, referenced)``. ``values`` holds
    the fields read without a problem, ``problems`` the others' (flattened), ``referenced`` the values
    whose ids the domain looks up: ``values`` and the valid items of an array with a bad item, so that
    every problem is reported. An update reads the fields the body names, none of them mandatory."""
    schema = update_schema(strict, body) if update else campaign_schema(strict)
    try:
        values = schema.load(body)
    except ValidationError as exc:
        problems = flatten(exc.messages)
        valid = exc.valid_data if isinstance(exc.valid_data, dict) else {}
        values = {k: v for k, v in valid.items() if k not in problems}
        referenced = {**values, **{k: v for k, v in valid.items() if k in LISTS and isinstance(v, list)}}
        return values, problems, referenced
    return values, {}, values


def read_object(body: dict, partial: bool, strict: bool) -> tuple[dict, dict[str, list[str]]]:
    """An account object's body as ``ObjectSchema`` reads it: ``(values, problems)``."""
    schema = StrictObjectSchema() if strict else ObjectSchema()
    try:
        return schema.load(body, partial=partial), {}
    except ValidationError as exc:
        return {}, flatten(exc.messages)
