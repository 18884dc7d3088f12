"""Small hand-made campaigns, one per vendor, as the mock stores them."""

from __future__ import annotations

SMALL_ACEFONE = {
    "id": "50001",
    "name": "Small ratio campaign",
    "dial_method": "2",
    "dial_ratio": "2",
    "lead_list_map": [{"list_id": 7001, "list_status": 1}, {"list_id": 7002, "list_status": 0}],
    "list_traversal_order": "1",
    "number_of_retry": "2",
    "retry_after_minutes": "10",
    "after_call_work_duration": "5",
    "auto_disposition_cancel_duration": "30",
    "dial_status": ["0"],
    "time_group": "4001",
    "ring_strategy": "3",
    "agent": [11, 12],
    "call_qualification_duration": "60",
}
SMALL_LEAD_LISTS = [
    {
        "id": "7001",
        "name": "Twelve leads",
        "leads": [{"id": i, "number": f"+9198450{i:05d}"} for i in range(1, 13)]
        + [{"id": 99, "number": "+919845099999", "dial_status": "3"}],
    },
    {"id": "7002", "name": "Inactive", "lead_count": 500},
]
SMALL_USERS = [
    {"id": 11, "name": "A", "role": "agent", "status": "active"},
    {"id": 12, "name": "B", "role": "agent", "status": "active"},
    {"id": 13, "name": "C", "role": "agent", "status": "inactive"},
]
OFFICE_IST = {
    "id": "4001",
    "name": "Office Hours (Mon-Fri 09:00-18:00 IST)",
    "schedule": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "18:00"}],
}

SMALL_CALLFIRE = {
    "id": 1001,
    "Name": "Small CCC campaign",
    "Status": "RUNNING",
    "LocalRestrictBegin": "09:00:00",
    "LocalRestrictEnd": "17:00:00",
    "RetryConfig": {
        "MaxAttempts": 3,
        "MinutesBetweenAttempts": 15,
        "RetryResults": ["BUSY", "NO_ANS", "ABANDONED"],
        "RetryPhoneTypes": ["MOBILE_PHONE", "WORK_PHONE"],
    },
    "AgentGroupId": 3001,
    "MultilineDialingRatio": 2,
    "MultilineDialingEnabled": True,
    "NumberOfRings": 4,
    "MaxActive": 3,
}
SMALL_CONTACTS = [
    {"id": 1, "homePhone": "12135550001", "mobilePhone": "12135559001", "workPhone": "12135558001"},
    {"id": 2, "homePhone": "13125550002", "mobilePhone": "13125559002"},
    {"id": 3, "mobilePhone": "12125550003"},
    {"@id": 4, "@homePhone": "12135550004"},
    "12135550005",
    {"id": 6, "firstName": "No phone"},
]
SMALL_GROUP = {"id": 3001, "Name": "Demo Sales Team", "AgentIds": [4001, 4002], "AgentEmails": []}
