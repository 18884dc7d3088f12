"""Every CallFire API 1.1 operation, declared once: its name, the service it belongs to, its REST route
(method, path, handler, answer, form or query schema), its SOAP binding (handler and request element;
the element names and the action follow from the name and the service), whether it takes RequestId,
and what the OpenAPI document says of it. The REST routes (``rest/routes.py``), the SOAP dispatch
(``soap/routes.py``), the OpenAPI document (``openapi/callfire.py``) and the admin API's list of
operations are loops over ``OPERATIONS``. docs/architecture.md, "Adding an operation", is the recipe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from marshmallow import Schema

from ..pipeline import DuplicateOperation
from . import call_schemas, subscription_schemas
from . import schemas as cf
from .auth import authenticate
from .rest import handlers as rest
from .soap import codec
from .soap import handlers as soap
from .soap.codec import AGENT_GROUP, CCC_CAMPAIGN, EACH, LIST, QUERY, SCALAR, TEXT, Complex, request
from .soap.service import BROADCAST, CALL, CCC, SUBSCRIPTION, Service


@dataclass(frozen=True)
class Rest:
    """An operation's REST route: ``handler(account, params, **path_ids)`` answers ``method path``
    (and ``path.json``) under the service's REST prefix."""

    method: str  # "GET", "POST", "PUT", "DELETE"
    path: str  # werkzeug rule under the prefix: "/ccc/<int:Id>"
    handler: Callable
    answer: str  # "reference" (201), "empty" (204), "resource:<Kind>", "list:<Kind>"
    form: type[Schema] | None = None  # PUT/POST form fields (the query string may carry them too)
    query: type[Schema] | None = None  # GET query parameters
    example: dict = field(default_factory=dict)  # form or query, valid for the seeded demo account
    ids: dict = field(default_factory=dict)  # path parameters of the example
    note: str = ""  # the OpenAPI operation's description


@dataclass(frozen=True)
class Soap:
    """An operation's SOAP binding: ``handler(account, request_dict)`` and its request element's fields."""

    handler: Callable
    request: Complex
    input: str | None = None  # the request element, when not ``<Name>Request`` (CallFire's 2014 services)
    output: str | None = None  # the response element of a Listed/Flat answer, when not ``<Name>Response``


@dataclass(frozen=True)
class Declared:
    """One CallFire operation."""

    name: str  # "UpdateCccCampaign": the vendor's name, SOAP's and the journal's (``callfire.<name>``)
    summary: str
    rest: Rest | None = None
    soap: Soap | None = None
    service: Service = CCC
    request_id: bool = False  # takes RequestId (a replay of one RequestId does the work once)
    auth: Callable[[], str] = authenticate

    @property
    def qualified(self) -> str:
        return f"callfire.{self.name}"

    @property
    def input(self) -> str:  # the SOAP request element (in the service namespace)
        return (self.soap and self.soap.input) or f"{self.name}Request"

    @property
    def response(self) -> str:  # the SOAP response element, when the answer has one
        return (self.soap and self.soap.output) or f"{self.name}Response"

    @property
    def action(self) -> str:
        return f"{self.service.port_type}/{self.name}"


class Table(Mapping[str, Declared]):
    """The operations of a vendor by name; declaring a name twice raises ``DuplicateOperation``."""

    def __init__(self) -> None:
        self._by_name: dict[str, Declared] = {}

    def declare(self, op: Declared) -> Declared:
        if op.name in self._by_name:
            raise DuplicateOperation(f"CallFire operation {op.name} is declared twice")
        self._by_name[op.name] = op
        return op

    def __getitem__(self, name: str) -> Declared:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def of(self, service: Service) -> dict[str, Declared]:
        return {name: op for name, op in self._by_name.items() if op.service == service}


OPERATIONS = Table()
op = OPERATIONS.declare

CAMPAIGN_FORM = "CccCampaign fields; Question[i][label|responseType|choices] and TransferNumber[i][name|number|allowAssistedTransfer] as bracketed keys; RetryConfig fields flat"  # noqa: E501
CAMPAIGN = {"Name": "Spring renewals", "FromNumber": "14155550100", "MaxAttempts": "2"}
ID, CAMPAIGN_ID = codec.ID_REQUEST, codec.CAMPAIGN_ID_REQUEST
CAMPAIGN_ID_AND_ID = codec.ID_CAMPAIGN_ID_REQUEST
ONE_CAMPAIGN = {"Id": 1001}
ONE_GROUP = {"Id": 3001}

# ----- CCC campaigns
op(Declared(
    "CreateCccCampaign", "Create a CCC campaign",
    Rest("POST", "/ccc", rest.create_campaign, "reference", cf.CccCampaignSchema, example=CAMPAIGN,
         note=CAMPAIGN_FORM),
    Soap(soap.create_campaign, request({"RequestId": SCALAR, "CccCampaign": CCC_CAMPAIGN})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "QueryCccCampaigns", "Query CCC campaigns",
    Rest("GET", "/ccc", rest.query_campaigns, "list:CccCampaign", query=cf.QueryCccCampaignsSchema,
         example={"MaxResults": "10"}),
    Soap(soap.query_campaigns, request({**QUERY, "Running": SCALAR, "Name": TEXT, "LabelName": TEXT})),
))  # fmt: skip
op(Declared(
    "GetCccCampaign", "Get a CCC campaign",
    Rest("GET", "/ccc/<int:Id>", rest.get_campaign, "resource:CccCampaign", ids=ONE_CAMPAIGN),
    Soap(soap.get_campaign, ID),
))  # fmt: skip
op(Declared(
    "UpdateCccCampaign", "Update a CCC campaign (every field; an ARCHIVED campaign is a 400)",
    Rest("PUT", "/ccc/<int:Id>", rest.update_campaign, "empty", cf.CccCampaignSchema,
         example={"Name": "Spring renewals (weekend)"}, ids=ONE_CAMPAIGN, note=CAMPAIGN_FORM),
    Soap(soap.update_campaign, request({"RequestId": SCALAR, "CccCampaign": CCC_CAMPAIGN})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "GetCccCampaignStats", "A CCC campaign's statistics",
    Rest("GET", "/ccc/<int:CampaignId>/stats", rest.campaign_stats, "resource:CccCampaignStats",
         query=cf.StatsSchema, example={"IntervalBegin": "2024-01-01T00:00:00Z"}, ids={"CampaignId": 1001}),
    Soap(soap.campaign_stats,
         request({"CampaignId": SCALAR, "IntervalBegin": SCALAR, "IntervalEnd": SCALAR})),
))  # fmt: skip
op(Declared(
    "ControlCccCampaign",
    "START, STOP or ARCHIVE a CCC campaign, or set MaxActive (one of the two is needed)",
    Rest("PUT", "/ccc/<int:Id>/control", rest.control_campaign, "empty", cf.ControlSchema,
         example={"Command": "START"}, ids=ONE_CAMPAIGN),
    Soap(soap.control_campaign,
         request({"Id": SCALAR, "RequestId": SCALAR, "Command": SCALAR, "MaxActive": SCALAR})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "DeleteCccCampaign", "Delete a CCC campaign",
    Rest("DELETE", "/ccc/<int:Id>", rest.delete_campaign, "empty", ids=ONE_CAMPAIGN),
    Soap(soap.delete_campaign, ID),
))  # fmt: skip
op(Declared(
    "DeleteCccCampaignQuestions", "Remove every question of a campaign",
    Rest("DELETE", "/ccc/<int:Id>/questions", rest.delete_questions, "empty", ids=ONE_CAMPAIGN),
    Soap(soap.delete_questions, ID),
))  # fmt: skip
op(Declared(
    "DeleteCccCampaignTransferNumbers", "Remove every transfer number of a campaign",
    Rest("DELETE", "/ccc/<int:Id>/transfer-numbers", rest.delete_transfer_numbers, "empty", ids=ONE_CAMPAIGN),
    Soap(soap.delete_transfer_numbers, ID),
))  # fmt: skip

# ----- agent groups
op(Declared(
    "CreateAgentGroup", "Create an agent group (AgentIds or AgentEmails, not both)",
    Rest("POST", "/ccc/agent-group", rest.create_agent_group, "reference", cf.AgentGroupSchema,
         example={"Name": "Night shift", "AgentIds": ["4001"]}),
    Soap(soap.create_agent_group, request({"RequestId": SCALAR, "AgentGroup": AGENT_GROUP})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "QueryAgentGroups", "Query agent groups",
    Rest("GET", "/ccc/agent-group", rest.query_agent_groups, "list:AgentGroup",
         query=cf.QueryAgentGroupsSchema, example={"MaxResults": "10"}),
    Soap(soap.query_agent_groups,
         request({**QUERY, "CampaignId": SCALAR, "Name": TEXT, "AgentId": SCALAR, "AgentEmail": TEXT})),
))  # fmt: skip
op(Declared(
    "GetAgentGroup", "Get an agent group",
    Rest("GET", "/ccc/agent-group/<int:Id>", rest.get_agent_group, "resource:AgentGroup", ids=ONE_GROUP),
    Soap(soap.get_agent_group, ID),
))  # fmt: skip
op(Declared(
    "UpdateAgentGroup", "Update an agent group (every field)",
    Rest("PUT", "/ccc/agent-group/<int:Id>", rest.update_agent_group, "empty", cf.AgentGroupSchema,
         example={"Name": "Demo Sales Team (renamed)"}, ids=ONE_GROUP),
    Soap(soap.update_agent_group, request({"RequestId": SCALAR, "AgentGroup": AGENT_GROUP})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "DeleteAgentGroup", "Delete an agent group",
    Rest("DELETE", "/ccc/agent-group/<int:Id>", rest.delete_agent_group, "empty", ids=ONE_GROUP),
    Soap(soap.delete_agent_group, ID),
))  # fmt: skip

# ----- a campaign's agents (a DELETE's form body, which PHP sends, is read and ignored)
op(Declared(
    "AddAgents", "Add agents to a campaign, by id and/or email (an agent already on it is not added twice)",
    Rest("POST", "/ccc/<int:CampaignId>/agent", rest.add_agents, "empty", cf.AddAgentsSchema,
         example={"AgentIds": ["4002"]}, ids={"CampaignId": 1002}),
    Soap(soap.add_agents, request({"CampaignId": SCALAR, "AgentIds": LIST, "AgentEmails": LIST})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "GetAgents", "The agents added to a campaign",
    Rest("GET", "/ccc/<int:CampaignId>/agent", rest.get_agents, "list:Agent", ids={"CampaignId": 1001}),
    Soap(soap.get_agents, CAMPAIGN_ID),
))  # fmt: skip
op(Declared(
    "RemoveAgent", "Remove an agent from a campaign",
    Rest("DELETE", "/ccc/<int:CampaignId>/agent/<int:Id>", rest.remove_agent, "empty",
         ids={"CampaignId": 1001, "Id": 4001}),
    Soap(soap.remove_agent, CAMPAIGN_ID_AND_ID),
))  # fmt: skip

# ----- a campaign's agent groups
op(Declared(
    "AddAgentGroups", "Add agent groups to a campaign",
    Rest("POST", "/ccc/<int:CampaignId>/agent-group", rest.add_agent_groups, "empty", cf.AddAgentGroupsSchema,
         example={"AgentGroupIds": ["3001"]}, ids={"CampaignId": 1002}),
    Soap(soap.add_agent_groups, request({"CampaignId": SCALAR, "AgentGroupIds": LIST})),
    request_id=True,
))  # fmt: skip
op(Declared(
    "GetAgentGroups", "A campaign's agent groups",
    Rest("GET", "/ccc/<int:CampaignId>/agent-group", rest.get_agent_groups, "list:AgentGroup",
         ids={"CampaignId": 1001}),
    Soap(soap.get_agent_groups, CAMPAIGN_ID),
))  # fmt: skip
op(Declared(
    "RemoveAgentGroup", "Remove an agent group from a campaign",
    Rest("DELETE", "/ccc/<int:CampaignId>/agent-group/<int:Id>", rest.remove_agent_group, "empty",
         ids={"CampaignId": 1001, "Id": 3001}),
    Soap(soap.remove_agent_group, CAMPAIGN_ID_AND_ID),
))  # fmt: skip

# ----- agents, agent sessions, agent invites
op(Declared(
    "GetAgent", "Get an agent",
    Rest("GET", "/ccc/agent/<int:Id>", rest.get_agent, "resource:Agent", ids={"Id": 4001}),
    Soap(soap.get_agent, ID),
))  # fmt: skip
op(Declared(
    "QueryAgents", "Query agents",
    Rest("GET", "/ccc/agent", rest.query_agents, "list:Agent", query=cf.QueryAgentsSchema,
         example={"MaxResults": "10"}),
    Soap(soap.query_agents, request({
        **QUERY, "CampaignId": SCALAR, "AgentEmail": SCALAR, "AgentGroupId": SCALAR, "AgentGroupName": TEXT,
        "Enabled": SCALAR,
    })),
))  # fmt: skip
op(Declared(
    "GetAgentSession", "Get an agent session",
    Rest("GET", "/ccc/agent-session/<int:Id>", rest.get_agent_session, "resource:AgentSession",
         ids={"Id": 5001}),
    Soap(soap.get_agent_session, ID),
))  # fmt: skip
op(Declared(
    "QueryAgentSessions", "Query agent sessions",
    Rest("GET", "/ccc/agent-session", rest.query_agent_sessions, "list:AgentSession",
         query=cf.QueryAgentSessionsSchema, example={"CampaignId": "1001"}),
    Soap(soap.query_agent_sessions, request({
        **QUERY, "CampaignId": SCALAR, "AgentId": SCALAR, "AgentEmail": SCALAR, "Active": SCALAR,
    })),
))  # fmt: skip
op(Declared(
    "SendAgentInvites", "Invite agents to a campaign by email",
    Rest("POST", "/ccc/<int:CampaignId>/agent-invite", rest.send_agent_invites, "empty",
         cf.SendAgentInvitesSchema, example={"AgentEmails": ["carol@example.com"]}, ids={"CampaignId": 1002}),
    Soap(soap.send_agent_invites, request({
        "RequestId": SCALAR, "CampaignId": SCALAR, "AgentGroupName": TEXT, "AgentEmails": LIST,
    })),
    request_id=True,
))  # fmt: skip
op(Declared(
    "GetAgentInviteUri", "An agent's invite link to a campaign",
    Rest("GET", "/ccc/<int:CampaignId>/agent-invite-uri", rest.get_agent_invite_uri, "resource:AgentInvite",
         query=cf.AgentInviteUriSchema, example={"AgentEmail": "alice@example.com"},
         ids={"CampaignId": 1001}),
    Soap(soap.get_agent_invite_uri, request({"CampaignId": SCALAR, "AgentEmail": SCALAR})),
))  # fmt: skip

# ----- the calls a campaign placed (CallService) and its contact batches (BroadcastService)
op(Declared(
    "QueryCalls", "Query calls (BroadcastId = a CCC campaign's id)",
    Rest("GET", "/call", rest.query_calls, "list:Call", query=call_schemas.QueryCallsSchema,
         example={"BroadcastId": "1001", "MaxResults": "10"},
         note="State and Result: space-separated, repeated or State[i]; filters combine (AND); "
         "Result matches FinalResult"),
    Soap(soap.query_calls, request({
        **QUERY, "BroadcastId": SCALAR, "BatchId": SCALAR, "State": LIST, "Result": LIST, "Inbound": SCALAR,
        "IntervalBegin": SCALAR, "IntervalEnd": SCALAR, "FromNumber": SCALAR, "ToNumber": SCALAR,
        "LabelName": TEXT,
    }), input="QueryCalls", output="CallQueryResult"),
    service=CALL,
))  # fmt: skip
op(Declared(
    "GetCall", "Get a call",
    Rest("GET", "/call/<int:Id>", rest.get_call, "resource:Call", ids={"Id": 10010000001}),
    Soap(soap.get_call, codec.ID_REQUEST, input="GetCall"),
    service=CALL,
))  # fmt: skip
op(Declared(
    "CreateContactBatch", "Add numbers to a CCC campaign (a contact batch)",
    Rest("POST", "/broadcast/<int:BroadcastId>/batch", rest.create_contact_batch, "reference",
         call_schemas.CreateContactBatchSchema, ids={"BroadcastId": 1001},
         example={"To": "12135559000 12135559001", "Name": "Spring list"},
         note="To: numbers space- or comma-separated or repeated; "
         "ToNumber: homePhone, workPhone or mobilePhone"),
    Soap(soap.create_contact_batch, request({
        "RequestId": SCALAR, "BroadcastId": SCALAR, "Name": TEXT, "ToNumber": EACH, "ContactListId": SCALAR,
        "ScrubBroadcastDuplicates": SCALAR, "Start": SCALAR,
    }), input="CreateContactBatch"),
    service=BROADCAST,
    request_id=True,
))  # fmt: skip
op(Declared(
    "GetContactBatch", "Get a contact batch",
    Rest("GET", "/broadcast/batch/<int:Id>", rest.get_contact_batch, "resource:ContactBatch",
         ids={"Id": 6001}),
    Soap(soap.get_contact_batch, codec.ID_REQUEST, input="GetContactBatch"),
    service=BROADCAST,
))  # fmt: skip
op(Declared(
    "QueryContactBatches", "A CCC campaign's contact batches",
    Rest("GET", "/broadcast/<int:BroadcastId>/batch", rest.query_contact_batches, "list:ContactBatch",
         query=call_schemas.BatchPagingSchema, example={"MaxResults": "10"}, ids={"BroadcastId": 1003},
         note="by id ascending; an unknown campaign is a 404"),
    Soap(soap.query_contact_batches, request({**QUERY, "BroadcastId": SCALAR}), input="QueryContactBatches",
         output="ContactBatchQueryResult"),
    service=BROADCAST,
))  # fmt: skip
op(Declared(
    "ControlContactBatch", "Rename a contact batch, or disable / enable it (Name or Enabled)",
    Rest("PUT", "/broadcast/batch/<int:Id>/control", rest.control_contact_batch, "empty",
         call_schemas.ControlContactBatchSchema, example={"Enabled": "true"}, ids={"Id": 6001},
         note="Enabled=false holds back the batch's contacts not dialed yet until Enabled=true"),
    Soap(soap.control_contact_batch, request({"Id": SCALAR, "Name": TEXT, "Enabled": SCALAR}),
         input="ControlContactBatch"),
    service=BROADCAST,
))  # fmt: skip

# ----- subscriptions and the notifications they receive (SubscriptionService)
SUBSCRIPTION_REQUEST = request({
    "RequestId": SCALAR,
    "Subscription": Complex(codec.DATA, {
        "Enabled": SCALAR, "NonStrictSsl": SCALAR, "Endpoint": SCALAR, "NotificationFormat": SCALAR,
        "TriggerEvent": SCALAR,
        "SubscriptionFilter": Complex(codec.DATA, dict.fromkeys(
            ("BroadcastId", "BatchId", "FromNumber", "ToNumber", "Inbound"), SCALAR)),
    }, id_attribute=True),
})  # fmt: skip
op(Declared(
    "CreateSubscription", "Subscribe an endpoint to events (notifications)",
    Rest("POST", "/subscription", rest.create_subscription, "reference",
         subscription_schemas.SubscriptionSchema,
         example={"Endpoint": "http://127.0.0.1:9/notify", "TriggerEvent": "OUTBOUND_CALL_FINISHED",
                  "BroadcastId": "1001"},
         note="Endpoint and TriggerEvent required; the filter flattened (BroadcastId, BatchId, FromNumber, "
         "ToNumber); NotificationFormat XML (default), JSON, SOAP or EMAIL (stored, never sent)"),
    Soap(soap.create_subscription, SUBSCRIPTION_REQUEST, input="CreateSubscription"),
    service=SUBSCRIPTION,
    request_id=True,
))  # fmt: skip
op(Declared(
    "QuerySubscriptions", "Query subscriptions",
    Rest("GET", "/subscription", rest.query_subscriptions, "list:Subscription",
         query=subscription_schemas.QuerySubscriptionsSchema, example={"MaxResults": "10"}),
    Soap(soap.query_subscriptions, request(QUERY), input="QuerySubscriptions",
         output="SubscriptionQueryResult"),
    service=SUBSCRIPTION,
))  # fmt: skip
op(Declared(
    "GetSubscription", "Get a subscription",
    Rest("GET", "/subscription/<int:Id>", rest.get_subscription, "resource:Subscription", ids={"Id": 7001}),
    Soap(soap.get_subscription, codec.ID_REQUEST, input="GetSubscription"),
    service=SUBSCRIPTION,
))  # fmt: skip
op(Declared(
    "UpdateSubscription", "Update a subscription (fields sent replace, fields left out keep)",
    Rest("PUT", "/subscription/<int:Id>", rest.update_subscription, "empty",
         subscription_schemas.SubscriptionSchema, example={"Enabled": "false"}, ids={"Id": 7001}),
    Soap(soap.update_subscription, SUBSCRIPTION_REQUEST, input="UpdateSubscription"),
    service=SUBSCRIPTION,
    request_id=True,
))  # fmt: skip
op(Declared(
    "DeleteSubscription", "Delete a subscription (its queued notifications are dropped)",
    Rest("DELETE", "/subscription/<int:Id>", rest.delete_subscription, "empty", ids={"Id": 7001}),
    Soap(soap.delete_subscription, codec.ID_REQUEST, input="DeleteSubscription"),
    service=SUBSCRIPTION,
))  # fmt: skip
