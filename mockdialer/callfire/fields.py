"""The CccService's field names in the XSD's order (docs/vendors/callfire.md, "CccCampaign fields"): the one
list every
layer (schemas, domain, REST form parser, SOAP codec, renderers) takes its names and order from."""

from __future__ import annotations

CAMPAIGN_FIELDS = [
    "Name",
    "Status",
    "Created",
    "LastModified",
    "LocalRestrictBegin",
    "LocalRestrictEnd",
    "ConfigUpdated",
    "Script",
    "Question",
    "TransferNumber",
    "FromNumber",
    "RetryConfig",
    "AgentGroupId",
    "AgentGroupName",
    "SmartDropSoundId",
    "SmartDropSoundRef",
    "AllowAnyTransfer",
    "TransferCallerId",
    "Recorded",
    "MultilineDialingRatio",
    "MultilineDialingEnabled",
    "ScrubLevel",
    "NumberOfRings",
    "Label",
]
RESPONSE_ONLY = ("Status", "Created", "LastModified", "ConfigUpdated")
NESTED = {
    "Question": ["Label", "ResponseType", "Choices"],
    "TransferNumber": ["Name", "Number", "AllowAssistedTransfer"],
    "RetryConfig": ["MaxAttempts", "MinutesBetweenAttempts", "RetryResults", "RetryPhoneTypes"],
}
# scalar fields a client sends (what the REST form parser reads flat)
CAMPAIGN_SCALARS = [f for f in CAMPAIGN_FIELDS if f not in RESPONSE_ONLY and f not in NESTED]
# free text: kept as sent (SOAP keeps its whitespace); every other scalar is a token
TEXT_FIELDS = ("Name", "Script", "AgentGroupName", "TransferCallerId", "Label")

STATS_FIELDS = [
    "AgentCount",
    "ActiveAgentCount",
    "CallsAttempted",
    "CallsPlaced",
    "CallsDuration",
    "BilledDuration",
    "BilledAmount",
    "CallsRemaining",
    "CallsAwaitingRedial",
    "CallsLiveAnswer",
    "ResponseRatePercent",
]
GROUP_FIELDS = ["Name", "CampaignIds", "AgentIds", "AgentEmails"]
# the agent console's objects (PHP SDK querymap.php; Java api/ccc/model): Agent, AgentSession, AgentInvite
AGENT_FIELDS = ["Enabled", "Name", "Email", "LastLogin", "CampaignIds", "GroupIds", "ActiveSessionId"]
SESSION_FIELDS = ["AgentId", "CampaignId", "AgentState", "CallCount", "Start", "LastUpdate"]
INVITE_FIELDS = ["AgentInviteUri", "CampaignId"]
AGENT_STATES = [
    "DISCONNECTED",
    "CONNECTED",
    "AVAILABLE",
    "TALKING_CONTACT",
    "DIALING_ASSISTED_TRANSFER",
    "TALKING_CONTACT_AND_TRANSFER",
    "TALKING_TRANSFER",
    "POSTCALL",
    "PAUSE",
]
