"""Contract of the 12 agent operations (campaign agents, campaign agent groups, agents, agent sessions,
invites), each over the three transports: REST XML, REST JSON (``.json``) and SOAP through zeep built
from the served WSDL. One ``Cf`` per transport turns answers into plain values (ids, strings) and errors
into ``CfError(status, message)`` (a SOAP ServiceFaultInfo FaultCode maps to its REST status), so each
behaviour is written once and checked three times on the one shared CallFire state."""

from __future__ import annotations

import re
import uuid

import pytest
import requests
import zeep
from callfire_helpers import DEMO, NS, OTHER, CallFireRest, xml
from lxml import etree
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.transports import Transport

TRANSPORTS = ["xml", "json", "soap"]
SVC = "http://api.callfire.com/service/xsd"
STATUS = {"BAD_REQUEST": 400, "NOT_FOUND": 404, "FORBIDDEN": 401}
FROZEN_AT = 1435069199  # 2015-06-23T14:19:59Z


class CfError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}")
        self.status, self.message = status, message


def text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(text(v) for v in value)
    return "" if value is None else str(value)


def flat(resource: dict) -> dict:
    """A resource as ``{field: lexical string}`` with ``id``, whatever the transport."""
    out = {}
    for key, value in resource.items():
        if value in (None, []) or key == "_attr_1":
            continue
        out["id" if key in ("@id", "id") else key] = text(value)
    return out


class Rest:
    """The REST transport, XML (``json=False``) or JSON."""

    def __init__(self, base: str, auth, json: bool) -> None:
        self.api, self.json = CallFireRest(base, auth), json

    def _call(self, method: str, path: str, **kw):
        response = getattr(self.api, method)(path + (".json" if self.json else ""), **kw)
        if response.status_code >= 400:
            if self.json:
                body = response.json()["ResourceException"]
                raise CfError(body["HttpStatus"], body["Message"])
            root = xml(response)
            raise CfError(
                int(root.findtext("r:HttpStatus", namespaces=NS)), root.findtext("r:Message", namespaces=NS)
            )
        return response

    def _list(self, path: str, kind: str, params=None) -> list[dict]:
        response = self._call("get", path, params={k: text(v) for k, v in (params or {}).items()})
        if self.json:
            body = response.json()["ResourceList"]
            items = body.get(kind, [])
            assert body["@totalResults"] >= len(items)
            return [flat(item) for item in items]
        root = xml(response)
        assert root.tag == f"{{{NS['r']}}}ResourceList" and root.get("totalResults") is not None
        return [self._element(el) for el in root.iterfind(f"d:{kind}", NS)]

    def _one(self, path: str, kind: str, params=None) -> dict:
        response = self._call("get", path, params=params)
        if self.json:
            return flat(response.json()["Resource"][kind])
        element = xml(response).find(f"d:{kind}", NS)
        assert element is not None, response.text
        return self._element(element)

    @staticmethod
    def _element(element) -> dict:
        out = {etree.QName(child).localname: child.text or "" for child in element}
        if element.get("id"):
            out["id"] = element.get("id")
        return out

    def add_agents(self, cid, ids=(), emails=(), request_id=None):
        data = {"AgentIds": " ".join(map(str, ids)), "AgentEmails": " ".join(emails)}
        if request_id:
            data["RequestId"] = request_id
        assert self._call("post", f"/ccc/{cid}/agent", data=data).status_code == 204

    def get_agents(self, cid):
        return self._list(f"/ccc/{cid}/agent", "Agent")

    def remove_agent(self, cid, aid):
        assert self._call("delete", f"/ccc/{cid}/agent/{aid}").status_code == 204

    def add_agent_groups(self, cid, gids):
        data = {"AgentGroupIds": " ".join(map(str, gids))}
        assert self._call("post", f"/ccc/{cid}/agent-group", data=data).status_code == 204

    def get_agent_groups(self, cid):
        return self._list(f"/ccc/{cid}/agent-group", "AgentGroup")

    def remove_agent_group(self, cid, gid):
        assert self._call("delete", f"/ccc/{cid}/agent-group/{gid}").status_code == 204

    def get_agent_group(self, gid):
        return self._one(f"/ccc/agent-group/{gid}", "AgentGroup")

    def get_agent(self, aid):
        return self._one(f"/ccc/agent/{aid}", "Agent")

    def query_agents(self, **params):
        return self._list("/ccc/agent", "Agent", params)

    def get_agent_session(self, sid):
        return self._one(f"/ccc/agent-session/{sid}", "AgentSession")

    def query_agent_sessions(self, **params):
        return self._list("/ccc/agent-session", "AgentSession", params)

    def send_agent_invites(self, cid, emails, group=None, request_id=None):
        data = {"AgentEmails": " ".join(emails)}
        if group:
            data["AgentGroupName"] = group
        if request_id:
            data["RequestId"] = request_id
        assert self._call("post", f"/ccc/{cid}/agent-invite", data=data).status_code == 204

    def get_agent_invite_uri(self, cid, email):
        return self._one(f"/ccc/{cid}/agent-invite-uri", "AgentInvite", {"AgentEmail": email})


class Soap:
    """The SOAP 1.2 transport: zeep built from ``GET /api/1.1/soap12/ccc?wsdl``."""

    def __init__(self, base: str, auth) -> None:
        session = requests.Session()
        session.auth = auth
        client = zeep.Client(
            base + "/api/1.1/soap12/ccc?wsdl", transport=Transport(session=session, timeout=10)
        )
        self.service = client.service

    def _call(self, name: str, **kw):
        try:
            return getattr(self.service, name)(**kw)
        except Fault as exc:
            info = exc.detail.find(f".//{{{SVC}}}ServiceFaultInfo")
            raise CfError(
                STATUS[info.findtext(f"{{{SVC}}}FaultCode")], info.findtext(f"{{{SVC}}}Message")
            ) from None

    def _items(self, result, kind: str) -> list[dict]:
        assert result.TotalResults >= len(getattr(result, kind) or [])
        return [flat(serialize_object(item, dict)) for item in getattr(result, kind) or []]

    def add_agents(self, cid, ids=(), emails=(), request_id=None):
        assert (
            self._call(
                "AddAgents", CampaignId=cid, AgentIds=list(ids) or None, AgentEmails=list(emails) or None
            )
            is None
        )

    def get_agents(self, cid):
        return self._items(self._call("GetAgents", CampaignId=cid), "Agent")

    def remove_agent(self, cid, aid):
        assert self._call("RemoveAgent", CampaignId=cid, Id=aid) is None

    def add_agent_groups(self, cid, gids):
        assert self._call("AddAgentGroups", CampaignId=cid, AgentGroupIds=list(gids)) is None

    def get_agent_groups(self, cid):
        return self._items(self._call("GetAgentGroups", CampaignId=cid), "AgentGroup")

    def remove_agent_group(self, cid, gid):
        assert self._call("RemoveAgentGroup", CampaignId=cid, Id=gid) is None

    def get_agent_group(self, gid):
        return flat(serialize_object(self._call("GetAgentGroup", Id=gid), dict))

    def get_agent(self, aid):
        return flat(serialize_object(self._call("GetAgent", Id=aid), dict))

    def query_agents(self, **params):
        return self._items(self._call("QueryAgents", **params), "Agent")

    def get_agent_session(self, sid):
        return flat(serialize_object(self._call("GetAgentSession", Id=sid), dict))

    def query_agent_sessions(self, **params):
        return self._items(self._call("QueryAgentSessions", **params), "AgentSession")

    def send_agent_invites(self, cid, emails, group=None, request_id=None):
        result = self._call(
            "SendAgentInvites",
            RequestId=request_id,
            CampaignId=cid,
            AgentGroupName=group,
            AgentEmails=list(emails),
        )
        assert result is None

    def get_agent_invite_uri(self, cid, email):
        return flat(serialize_object(self._call("GetAgentInviteUri", CampaignId=cid, AgentEmail=email), dict))


def make(live, transport: str, auth=DEMO):
    return Soap(live.url, auth) if transport == "soap" else Rest(live.url, auth, json=transport == "json")


@pytest.fixture(params=TRANSPORTS)
def cf(request, live):
    return make(live, request.param)


@pytest.fixture
def cf_other(request, live, cf):
    return make(live, "soap" if isinstance(cf, Soap) else ("json" if cf.json else "xml"), OTHER)


def ids(items: list[dict]) -> list[int]:
    return [int(item["id"]) for item in items]


def raises(status: int, fn, *args, **kw) -> str:
    with pytest.raises(CfError) as exc:
        fn(*args, **kw)
    assert exc.value.status == status, exc.value
    return exc.value.message


# ----- AddAgents / GetAgents / RemoveAgent
def test_add_agents_by_id_then_email_is_one_agent_and_remove_leaves_none(cf):
    """CallFire's integration test (CccsIntegrationTest.java:179-197)."""
    assert cf.get_agents(1002) == []
    cf.add_agents(1002, ids=[4002])
    cf.add_agents(1002, emails=["BOB@example.com"])
    (agent,) = cf.get_agents(1002)
    assert agent["id"] == "4002" and agent["Email"] == "bob@example.com" and agent["CampaignIds"] == "1002"
    cf.remove_agent(1002, 4002)
    assert cf.get_agents(1002) == []
    assert cf.get_agent(4002)["Email"] == "bob@example.com"  # still an agent of the account
    assert "4002 is not on CccCampaign 1002" in raises(404, cf.remove_agent, 1002, 4002)


def test_add_agents_with_a_new_email_makes_an_agent(cf):
    cf.add_agents(1002, emails=["new.person@example.com"])
    (agent,) = cf.get_agents(1002)
    assert (agent["Name"], agent["Enabled"]) == ("new.person", "true") and "LastLogin" not in agent
    assert ids(cf.query_agents(AgentEmail="new.person@example.com")) == [int(agent["id"])]


def test_add_agents_with_an_unknown_id_is_a_400_and_stores_nothing(cf):
    message = raises(400, cf.add_agents, 1002, ids=[4001, 9999], emails=["never@example.com"])
    assert "AgentIds no agent with id 9999" in message
    assert cf.get_agents(1002) == []
    assert cf.query_agents(AgentEmail="never@example.com") == []


def test_add_agents_needs_an_agent_and_a_campaign(cf):
    assert "AgentIds is required" in raises(400, cf.add_agents, 1002)
    raises(404, cf.add_agents, 999999, ids=[4001])
    raises(404, cf.get_agents, 999999)
    assert "AgentEmails" in raises(400, cf.add_agents, 1002, emails=["not-an-email"])


# ----- AddAgentGroups / GetAgentGroups / RemoveAgentGroup
def test_add_get_remove_agent_groups_and_the_group_survives(cf):
    """CccsIntegrationTest.java:272-287; a campaign's AgentGroupId counts among its groups."""
    assert ids(cf.get_agent_groups(1001)) == [3001]
    cf.add_agent_groups(1001, [3002, 3001])
    groups = cf.get_agent_groups(1001)
    assert ids(groups) == [3001, 3002]
    assert groups[1]["AgentEmails"] == "support@example.com"
    assert cf.get_agent_group(3002)["CampaignIds"] == "1001 1002"
    cf.remove_agent_group(1001, 3002)
    assert ids(cf.get_agent_groups(1001)) == [3001]
    assert cf.get_agent_group(3002)["Name"] == "Demo Support Team"
    assert "not on CccCampaign 1001" in raises(404, cf.remove_agent_group, 1001, 3002)
    raises(404, cf.remove_agent_group, 1001, 999999)


def test_removing_the_campaigns_agent_group_clears_its_agent_group_id(cf, api):
    cf.remove_agent_group(1001, 3001)
    assert cf.get_agent_groups(1001) == []
    assert "AgentGroupId" not in api.get("/ccc/1001.json").json()["Resource"]["CccCampaign"]


def test_add_agent_groups_with_an_unknown_group_is_a_400_and_stores_nothing(cf):
    assert "AgentGroupIds no agent group with id 999" in raises(400, cf.add_agent_groups, 1002, [3001, 999])
    assert ids(cf.get_agent_groups(1002)) == [3002]


# ----- GetAgent / QueryAgents
def test_get_agent_fields(cf):
    agent = cf.get_agent(4001)
    assert agent == {
        "id": "4001",
        "Enabled": "true",
        "Name": "Alice Agent",
        "Email": "alice@example.com",
        "LastLogin": agent["LastLogin"],
        "CampaignIds": "1001",
        "GroupIds": "3001",
        "ActiveSessionId": "5001",
    }
    assert agent["LastLogin"] in ("2015-06-24T08:55:00Z", "2015-06-24 08:55:00+00:00")  # zeep: a datetime
    raises(404, cf.get_agent, 9999)


def test_query_agents_filters_combine(cf):
    assert ids(cf.query_agents()) == [4001, 4002, 4003, 4004]
    assert ids(cf.query_agents(AgentEmail="ALICE@example.com")) == [4001]
    assert ids(cf.query_agents(AgentGroupId=3001)) == [4001, 4002]
    assert ids(cf.query_agents(AgentGroupName="Demo Support Team")) == [4003]
    assert ids(cf.query_agents(Enabled=False)) == [4004]
    assert ids(cf.query_agents(CampaignId=1001)) == [4001]
    # CccsIntegrationTest.java:204-211: email, group and campaign together
    assert ids(cf.query_agents(AgentEmail="alice@example.com", AgentGroupId=3001, CampaignId=1001)) == [4001]
    assert cf.query_agents(AgentEmail="alice@example.com", AgentGroupId=3002) == []
    assert ids(cf.query_agents(MaxResults=2, FirstResult=1)) == [4002, 4003]


def test_agents_are_isolated_by_account(cf, cf_other):
    raises(404, cf_other.get_agent, 4001)
    assert ids(cf_other.query_agents()) == [4101]
    assert "no agent with id 4001" in raises(400, cf_other.add_agents, 1101, ids=[4001])
    raises(404, cf_other.get_agent_session, 5001)


# ----- GetAgentSession / QueryAgentSessions
def test_get_agent_session_and_query_filters(cf):
    session = cf.get_agent_session(5002)
    assert {k: session[k] for k in ("id", "AgentId", "CampaignId", "AgentState", "CallCount")} == {
        "id": "5002",
        "AgentId": "4002",
        "CampaignId": "1001",
        "AgentState": "DISCONNECTED",
        "CallCount": "30",
    }
    assert ids(cf.query_agent_sessions()) == [5001, 5002, 5003]
    assert ids(cf.query_agent_sessions(CampaignId=1001)) == [5001, 5002]
    assert ids(cf.query_agent_sessions(AgentId=4003)) == [5003]
    assert ids(cf.query_agent_sessions(AgentEmail="bob@example.com", CampaignId=1001)) == [5002]
    assert ids(cf.query_agent_sessions(Active=True)) == [5001, 5003]
    assert ids(cf.query_agent_sessions(Active=False)) == [5002]
    raises(404, cf.get_agent_session, 999999)


def test_an_active_session_is_updated_as_the_clock_moves(cf, clock):
    clock.freeze(1735689600)  # 2025-01-01T00:00:00Z
    first = cf.get_agent_session(5001)["LastUpdate"]
    clock.advance(90)
    later = cf.get_agent_session(5001)["LastUpdate"]
    assert first.startswith("2025-01-01") and later.replace(" ", "T").startswith("2025-01-01T00:01:30")
    assert cf.get_agent_session(5002)["LastUpdate"].startswith("2015-06-23")  # DISCONNECTED: as stored


# ----- SendAgentInvites / GetAgentInviteUri
def test_send_invites_then_the_uri_names_the_campaign(cf, clock):
    """CccsIntegrationTest.java:314-330; the URI's version-1 UUID carries the mock's clock."""
    clock.freeze(FROZEN_AT)
    cf.send_agent_invites(1002, ["alice@example.com", "carol@example.com"], group="Demo Support Team")
    invite = cf.get_agent_invite_uri(1002, "carol@example.com")
    assert invite["CampaignId"] == "1002"
    match = re.fullmatch(
        r"https://www\.callfire\.com/ui/register/agent/([0-9a-f-]{36})", invite["AgentInviteUri"]
    )
    made = uuid.UUID(match[1])
    assert made.version == 1 and (made.time - 0x01B21DD213814000) // 10_000_000 == FROZEN_AT
    clock.advance(60)
    cf.send_agent_invites(1002, ["carol@example.com"])
    assert cf.get_agent_invite_uri(1002, "carol@example.com") == invite  # a re-send keeps the URI
    carol = cf.query_agents(AgentEmail="carol@example.com")[0]
    assert carol["GroupIds"] == "3002"  # invited agents join the named group
    assert (
        cf.get_agent_group(3002)["AgentEmails"] == "support@example.com alice@example.com carol@example.com"
    )


def test_invites_to_a_group_name_the_account_lacks_make_that_group(cf):
    """"agent group name to add agents to" (CallFire's SDK doc), and an unknown email makes an agent:
    an unknown name makes the group, holding the invited agents (docs/callfire-contract.md)."""
    cf.send_agent_invites(1002, ["dave@example.com", "erin@example.com"], group="No Such Team")
    dave = cf.query_agents(AgentEmail="dave@example.com")[0]
    group = cf.get_agent_group(int(dave["GroupIds"]))
    assert group["Name"] == "No Such Team"
    assert group["AgentEmails"] == "dave@example.com erin@example.com"
    cf.send_agent_invites(1002, ["frank@example.com"], group="No Such Team")  # the same group again
    assert cf.query_agents(AgentEmail="frank@example.com")[0]["GroupIds"] == dave["GroupIds"]
    assert cf.get_agent_group(int(dave["GroupIds"]))["AgentEmails"].split()[-1] == "frank@example.com"


def test_invite_errors_store_nothing(cf):
    message = raises(400, cf.send_agent_invites, 1002, ["not-an-email"], group="No Such Team")
    assert "AgentEmails" in message
    assert cf.query_agents(AgentEmail="not-an-email") == []
    raises(400, cf.send_agent_invites, 1002, ["dave@example.com", "bad"], group="No Such Team")
    assert cf.query_agents(AgentEmail="dave@example.com") == []
    raises(404, cf.get_agent_invite_uri, 1002, "dave@example.com")
    raises(404, cf.send_agent_invites, 999999, ["dave@example.com"])
    assert "AgentEmail" in raises(400, cf.get_agent_invite_uri, 1002, "not-an-email")


def test_send_agent_invites_request_id_is_applied_once(cf):
    cf.send_agent_invites(1002, ["erin@example.com"], request_id="invite-1")
    cf.send_agent_invites(1002, ["frank@example.com"], request_id="invite-1")
    assert cf.query_agents(AgentEmail="frank@example.com") == []
    assert cf.get_agent_invite_uri(1002, "erin@example.com")["CampaignId"] == "1002"
