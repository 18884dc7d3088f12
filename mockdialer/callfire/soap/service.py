"""The CccService as SOAP names it: its namespaces, its operations (each with its request element and
action, in the WSDL's portType). What routing needs at start-up, without lxml; the envelope, codec and
renderer load with the first SOAP request."""

from __future__ import annotations

from dataclasses import dataclass

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SVC = "http://api.callfire.com/service/xsd"
DATA = "http://api.callfire.com/data"
PORT_TYPE = "http://api.callfire.com/service/wsdl/CccServicePortType"


@dataclass(frozen=True)
class Operation:
    name: str  # "UpdateCccCampaign"
    input: str  # local name of the request element in SVC

    @property
    def action(self) -> str:
        return f"{PORT_TYPE}/{self.name}"


NAMES = (
    "UpdateCccCampaign",
    "CreateCccCampaign",
    "GetCccCampaign",
    "QueryCccCampaigns",
    "ControlCccCampaign",
    "DeleteCccCampaign",
    "GetCccCampaignStats",
    "DeleteCccCampaignQuestions",
    "DeleteCccCampaignTransferNumbers",
    "CreateAgentGroup",
    "GetAgentGroup",
    "QueryAgentGroups",
    "UpdateAgentGroup",
    "DeleteAgentGroup",
    "AddAgents",
    "GetAgents",
    "RemoveAgent",
    "AddAgentGroups",
    "GetAgentGroups",
    "RemoveAgentGroup",
    "GetAgent",
    "QueryAgents",
    "GetAgentSession",
    "QueryAgentSessions",
    "SendAgentInvites",
    "GetAgentInviteUri",
)
OPERATIONS: dict[str, Operation] = {name: Operation(name, f"{name}Request") for name in NAMES}
