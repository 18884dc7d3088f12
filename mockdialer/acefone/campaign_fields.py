"""The dialer campaign body's 51 field names, in the order of update-dialer-campaign.txt, and their groups.

Reads, a new campaign's defaults and the rules need the names without loading marshmallow;
``schemas.py`` declares how each field is read (tests/acefone/test_schemas.py keeps the two in step).
"""

from __future__ import annotations

FIELD_ORDER: tuple[str, ...] = (
    "name",
    "description",
    "dial_method",
    "auto_dial_duration",
    "outbound_caller_id",
    "agent_wise_caller_id",
    "lead_list_map",
    "agent_wise_lead_list",
    "list_traversal_order",
    "agent_script",
    "disposition_list",
    "number_of_retry",
    "retry_after_minutes",
    "auto_disposition_cancel_duration",
    "dial_status",
    "time_group",
    "time_group_recording",
    "ring_timeout",
    "quick_transfer_list",
    "account_dnd_list",
    "hide_lead_details",
    "update_lead_details",
    "automatic_schedule_call_enabled",
    "enable_hangup",
    "enable_external_transfer",
    "after_call_work_duration",
    "enable_web_form",
    "webform_url",
    "music_on_hold",
    "ring_strategy",
    "dial_ratio",
    "enable_transfer",
    "manual_lead_list",
    "break_list",
    "map_agent_caller_id",
    "map_agent_lead_list",
    "connect_agent_through",
    "dial_in_type",
    "agent_only_callback",
    "agent_dial_in_number",
    "agent",
    "enforce_agent_pause_code",
    "manual_dial_enabled",
    "enable_inbound",
    "inbound_queue",
    "enable_agent_opt_out",
    "inbound_lead_list",
    "enable_auto_answer",
    "call_qualification_duration",
    "announcement_recording",
    "queue_timeout",
)
FIELD_INDEX: dict[str, int] = {name: i for i, name in enumerate(FIELD_ORDER)}

# mandatory on create (FACTS.md), never on update
CREATE_MANDATORY: tuple[str, ...] = (
    "name",
    "dial_method",
    "outbound_caller_id",
    "disposition_list",
    "number_of_retry",
    "retry_after_minutes",
    "auto_disposition_cancel_duration",
    "dial_status",
)

# 0/1 integer flags: 0 on a new campaign
FLAGS: tuple[str, ...] = (
    "agent_wise_caller_id",
    "agent_wise_lead_list",
    "hide_lead_details",
    "update_lead_details",
    "automatic_schedule_call_enabled",
    "enable_hangup",
    "enable_external_transfer",
    "enable_web_form",
    "enable_transfer",
    "agent_only_callback",
    "enforce_agent_pause_code",
    "manual_dial_enabled",
    "enable_inbound",
    "enable_agent_opt_out",
    "enable_auto_answer",
)

# JSON arrays: [] on a new campaign
LISTS: tuple[str, ...] = ("lead_list_map", "dial_status", "manual_lead_list", "agent")
