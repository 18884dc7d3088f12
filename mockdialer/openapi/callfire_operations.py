"""What the OpenAPI document says of each CallFire REST operation beyond its routes: one ``Rest`` row
per operation declared in ``callfire/rest/routes.py`` (``callfire.py`` builds the paths from the routes
and these rows). Add a row with each new operation (docs/contract.md, "Adding a CallFire REST operation").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marshmallow import Schema

from ..callfire import schemas as cf
from .callfire_calls import ROWS as CALL_ROWS


@dataclass(frozen=True)
class Rest:
    """What the document says of one CallFire REST operation beyond its routes."""

    summary: str
    answer: str  # "reference" (201), "empty" (204), "resource:<Kind>", "list:<Kind>"
    form: type[Schema] | None = None  # PUT/POST form fields (the query string may carry them too)
    query: type[Schema] | None = None  # GET query parameters
    request_id: bool = False  # takes RequestId (replays of one RequestId do the work once)
    example: dict = field(default_factory=dict)  # form or query, valid for the seeded demo account
    ids: dict = field(default_factory=dict)  # path parameters of the example
    note: str = ""


CAMPAIGN_FORM = "CccCampaign fields; Question[i][label|responseType|choices] and TransferNumber[i][name|number|allowAssistedTransfer] as bracketed keys; RetryConfig fields flat"  # noqa: E501
CAMPAIGN = {"Name": "Spring renewals", "FromNumber": "14155550100", "MaxAttempts": "2"}
REST: dict[str, Rest] = {
    "CreateCccCampaign": Rest(
        "Create a CCC campaign",
        "reference",
        cf.CccCampaignSchema,
        request_id=True,
        example=CAMPAIGN,
        note=CAMPAIGN_FORM,
    ),
    "QueryCccCampaigns": Rest(
        "Query CCC campaigns",
        "list:CccCampaign",
        query=cf.QueryCccCampaignsSchema,
        example={"MaxResults": "10"},
    ),
    "GetCccCampaign": Rest("Get a CCC campaign", "resource:CccCampaign", ids={"Id": 1001}),
    "UpdateCccCampaign": Rest(
        "Update a CCC campaign (every field; an ARCHIVED campaign is a 400)",
        "empty",
        cf.CccCampaignSchema,
        request_id=True,
        example={"Name": "Spring renewals (weekend)"},
        ids={"Id": 1001},
        note=CAMPAIGN_FORM,
    ),
    "GetCccCampaignStats": Rest(
        "A CCC campaign's statistics",
        "resource:CccCampaignStats",
        query=cf.StatsSchema,
        example={"IntervalBegin": "2024-01-01T00:00:00Z"},
        ids={"CampaignId": 1001},
    ),
    "ControlCccCampaign": Rest(
        "START, STOP or ARCHIVE a CCC campaign, or set MaxActive (one of the two is needed)",
        "empty",
        cf.ControlSchema,
        request_id=True,
        example={"Command": "START"},
        ids={"Id": 1001},
    ),
    "DeleteCccCampaign": Rest("Delete a CCC campaign", "empty", ids={"Id": 1001}),
    "DeleteCccCampaignQuestions": Rest("Remove every question of a campaign", "empty", ids={"Id": 1001}),
    "DeleteCccCampaignTransferNumbers": Rest(
        "Remove every transfer number of a campaign", "empty", ids={"Id": 1001}
    ),
    "CreateAgentGroup": Rest(
        "Create an agent group (AgentIds or AgentEmails, not both)",
        "reference",
        cf.AgentGroupSchema,
        request_id=True,
        example={"Name": "Night shift", "AgentIds": ["4001"]},
    ),
    "QueryAgentGroups": Rest(
        "Query agent groups", "list:AgentGroup", query=cf.QueryAgentGroupsSchema, example={"MaxResults": "10"}
    ),
    "GetAgentGroup": Rest("Get an agent group", "resource:AgentGroup", ids={"Id": 3001}),
    "UpdateAgentGroup": Rest(
        "Update an agent group (every field)",
        "empty",
        cf.AgentGroupSchema,
        request_id=True,
        example={"Name": "Demo Sales Team (renamed)"},
        ids={"Id": 3001},
    ),
    "DeleteAgentGroup": Rest("Delete an agent group", "empty", ids={"Id": 3001}),
    "AddAgents": Rest(
        "Add agents to a campaign, by id and/or email (an agent already on it is not added twice)",
        "empty",
        cf.AddAgentsSchema,
        request_id=True,
        example={"AgentIds": ["4002"]},
        ids={"CampaignId": 1002},
    ),
    "GetAgents": Rest("The agents added to a campaign", "list:Agent", ids={"CampaignId": 1001}),
    "RemoveAgent": Rest("Remove an agent from a campaign", "empty", ids={"CampaignId": 1001, "Id": 4001}),
    "AddAgentGroups": Rest(
        "Add agent groups to a campaign",
        "empty",
        cf.AddAgentGroupsSchema,
        request_id=True,
        example={"AgentGroupIds": ["3001"]},
        ids={"CampaignId": 1002},
    ),
    "GetAgentGroups": Rest("A campaign's agent groups", "list:AgentGroup", ids={"CampaignId": 1001}),
    "RemoveAgentGroup": Rest(
        "Remove an agent group from a campaign", "empty", ids={"CampaignId": 1001, "Id": 3001}
    ),
    "QueryAgents": Rest(
        "Query agents", "list:Agent", query=cf.QueryAgentsSchema, example={"MaxResults": "10"}
    ),
    "GetAgent": Rest("Get an agent", "resource:Agent", ids={"Id": 4001}),
    "QueryAgentSessions": Rest(
        "Query agent sessions",
        "list:AgentSession",
        query=cf.QueryAgentSessionsSchema,
        example={"CampaignId": "1001"},
    ),
    "GetAgentSession": Rest("Get an agent session", "resource:AgentSession", ids={"Id": 5001}),
    "SendAgentInvites": Rest(
        "Invite agents to a campaign by email",
        "empty",
        cf.SendAgentInvitesSchema,
        request_id=True,
        example={"AgentEmails": ["carol@example.com"]},
        ids={"CampaignId": 1002},
    ),
    "GetAgentInviteUri": Rest(
        "An agent's invite link to a campaign",
        "resource:AgentInvite",
        query=cf.AgentInviteUriSchema,
        example={"AgentEmail": "alice@example.com"},
        ids={"CampaignId": 1001},
    ),
}
REST.update({name: Rest(**row) for name, row in CALL_ROWS.items()})  # CallService and contact batches
