"""CallFire agents (``/ccc/agent``, ``/ccc/{CampaignId}/agent`` and their SOAP operations): the people
who log into the agent console and take a campaign's calls.

An agent is stored as ``{"id", "Name", "Email", "Enabled": bool, "LastLogin"?}``; what the API shows is
computed from the other tables: ``CampaignIds`` (campaigns it was added to), ``GroupIds``
(agent groups it is a member of) and ``ActiveSessionId`` (its session that is not DISCONNECTED).
A campaign keeps its agents as the internal list ``AgentIds`` (never rendered).

An email names an agent (case-insensitive): an email no agent has yet makes a new agent, enabled, named
after the email's local part, with no LastLogin (docs/callfire-contract.md). An unknown agent id is a 400
naming ``AgentIds``; nothing is stored when any problem is found.

    get_agent(account, id) -> dict
    query_agents(account, params) -> (total, [dict])
        params (raw strings): MaxResults, FirstResult, CampaignId, AgentEmail, AgentGroupId,
        AgentGroupName, Enabled
    add_agents(account, campaign_id, data, request_id=None) -> None    data: AgentIds, AgentEmails
    campaign_agents(account, campaign_id) -> (total, [dict])
    remove_agent(account, campaign_id, agent_id) -> None
    members(view, ids, emails, errors, ids_field) -> [int]   shared with agent groups, invites
    seed_agents(view, docs)                                                the fixture seeder's part
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter

from ...errors import NotFound, ValidationFailed
from ...store import AccountView, get_store
from .. import schemas as s
from ..xsd import failed
from . import sessions
from .tables import (
    AGENTS,
    CAMPAIGNS,
    FIRST_NEW_ID,
    GROUPS,
    SESSIONS,
    fixture_values,
    once_per_request_id,
    parse_id,
    stamp,
    stored,
    view_for,
)

BY_ID = itemgetter("id")


def _by_email(view: AccountView) -> dict[str, dict]:
    return {doc["Email"].lower(): doc for doc in sorted(view.peek_list(AGENTS), key=BY_ID, reverse=True)}


class Memberships:
    """Which campaigns, groups and active sessions name each agent of ``agent_ids``, read once per
    call: every campaign's and group's ``AgentIds`` inverted into agent id -> ids, so shaping n agents
    is linear in the agents and their memberships, never agents x campaigns (issue 23)."""

    def __init__(self, view: AccountView, agent_ids: Iterable[int]) -> None:
        wanted = set(agent_ids)
        self.campaigns = _inverted(view.peek_list(CAMPAIGNS), wanted)
        self.groups = _inverted(view.peek_list(GROUPS), wanted)
        self.sessions: dict[int, int] = {}  # agent id -> its newest active session
        for doc in view.peek_list(SESSIONS):
            if sessions.active(doc) and doc["id"] > self.sessions.get(doc["AgentId"], -1):
                self.sessions[doc["AgentId"]] = doc["id"]

    def shape(self, doc: dict) -> dict:
        """The agent as the API shows it: the stored fields and the memberships it has (a field it does
        not have is left out)."""
        agent = dict(doc)  # id, Name, Email, Enabled and LastLogin once it logged in
        agent_id = doc["id"]
        if agent_id in self.campaigns:
            agent["CampaignIds"] = self.campaigns[agent_id]
        if agent_id in self.groups:
            agent["GroupIds"] = self.groups[agent_id]
        if agent_id in self.sessions:
            agent["ActiveSessionId"] = self.sessions[agent_id]
        return agent


def _inverted(docs: list[dict], wanted: set[int]) -> dict[int, tuple[int, ...]]:
    """agent id (of ``wanted``) -> the ids (ascending) of the documents whose ``AgentIds`` name it,
    worked out a document at a time with set operations (a campaign can name 20,000 agents). One
    tuple per distinct membership: the garbage collector stops tracking a tuple of numbers, and an
    agent shaped with untracked values only is never tracked, so a long answer's collections walk
    neither (docs/benchmarks.md, "CallFire agents at scale")."""
    out: dict[int, tuple[int, ...]] = {}
    later: defaultdict[int, list[int]] = defaultdict(list)  # agents that an earlier document names too
    for doc in sorted(docs, key=BY_ID):
        members = wanted.intersection(doc.get("AgentIds", ()))
        again = out.keys() & members
        for agent_id in again:
            later[agent_id].append(doc["id"])
        out.update(dict.fromkeys(members - again, (doc["id"],)))
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}
    for agent_id, more in later.items():
        ids = (*out[agent_id], *more)
        out[agent_id] = shared.setdefault(ids, ids)
    return out


def public_agent(view: AccountView, doc: dict) -> dict:
    return Memberships(view, [doc["id"]]).shape(doc)


def emails_of(view: AccountView, ids: list[int]) -> list[str]:
    """The members' emails, in the members' order (an agent group's ``AgentEmails``)."""
    found = [view.get(AGENTS, agent_id) for agent_id in ids]
    return [doc["Email"] for doc in found if doc is not None]


def members(view: AccountView, ids: list[int], emails: list[str], errors: dict, ids_field: str) -> list[int]:
    """The agent ids that ``ids`` and ``emails`` name, without repeats, in the order given (ids first).

    An unknown id is added to ``errors`` under ``ids_field``; an email no agent has gets a new agent,
    created only when ``errors`` is still empty (so a request with any problem stores nothing)."""
    out: dict[int, None] = {}  # an ordered set
    for agent_id in ids:
        if view.peek(AGENTS, agent_id) is None:
            errors.setdefault(ids_field, []).append(f"no agent with id {agent_id}")
        else:
            out[agent_id] = None
    known = _by_email(view)
    missing = []
    for email in emails:
        doc = known.get(email.lower())
        if doc is None:
            missing.append(email)
        else:
            out[doc["id"]] = None
    if errors:
        return list(out)
    for email in missing:
        if email.lower() in known:  # the same new email twice in one request
            continue
        doc = _new_agent(view, email)
        known[email.lower()] = doc
        out[doc["id"]] = None
    return list(out)


def _new_agent(view: AccountView, email: str) -> dict:
    new_id = get_store().next_id("callfire.agent", start=FIRST_NEW_ID)
    doc = {"id": new_id, "Name": email.split("@", 1)[0], "Email": email, "Enabled": True}
    view.put(AGENTS, new_id, doc)
    return doc


def get_agent(account: str, id_) -> dict:
    view = view_for(account)
    return public_agent(view, stored(view, AGENTS, id_, "Agent"))


def query_agents(account: str, params=None) -> tuple[int, list[dict]]:
    """Filters combine (AND), as CallFire's integration test shows; AgentEmail is case-insensitive.
    The agents are filtered as stored and only the page is shaped (linear in the agents)."""
    view = view_for(account)
    q = s.load(s.QueryAgentsSchema(), params)
    docs = sorted(view.peek_list(AGENTS), key=BY_ID)
    if "CampaignId" in q:
        campaign = view.peek(CAMPAIGNS, q["CampaignId"])
        docs = _among(docs, campaign.get("AgentIds", []) if campaign else [])
    if "AgentEmail" in q:
        email = q["AgentEmail"].lower()
        docs = [d for d in docs if d["Email"].lower() == email]
    if "AgentGroupId" in q:
        group = view.peek(GROUPS, q["AgentGroupId"])
        docs = _among(docs, group.get("AgentIds", []) if group else [])
    if "AgentGroupName" in q:
        named = [g for g in view.peek_list(GROUPS) if g["Name"] == q["AgentGroupName"]]
        docs = _among(docs, [agent_id for g in named for agent_id in g.get("AgentIds", [])])
    if "Enabled" in q:
        docs = [d for d in docs if d.get("Enabled", True) == q["Enabled"]]
    page = docs[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]
    known = Memberships(view, [doc["id"] for doc in page])
    return len(docs), [known.shape(doc) for doc in page]


def _among(docs: list[dict], ids: list[int]) -> list[dict]:
    wanted = set(ids)
    return [d for d in docs if d["id"] in wanted]


def _campaign(view: AccountView, campaign_id) -> dict:
    return stored(view, CAMPAIGNS, campaign_id, "CccCampaign")


@once_per_request_id
def add_agents(account: str, campaign_id, data) -> None:
    """Adding an agent already on the campaign (by id or by email) changes nothing."""
    view = view_for(account)
    doc = _campaign(view, campaign_id)
    errors: dict[str, list[str]] = {}
    try:
        values = s.load(s.AddAgentsSchema(), data)
    except ValidationFailed as exc:
        errors, values = dict(exc.errors), {}
    if doc.get("Status") == "ARCHIVED":
        errors.setdefault("CampaignId", []).append(f"CccCampaign {doc['id']} is ARCHIVED")
    ids = members(view, values.get("AgentIds", []), values.get("AgentEmails", []), errors, "AgentIds")
    if errors:
        raise failed(errors)
    on = doc.setdefault("AgentIds", [])
    already = set(on)
    on.extend(agent_id for agent_id in ids if agent_id not in already)
    view.put(CAMPAIGNS, doc["id"], doc)


def campaign_agents(account: str, campaign_id) -> tuple[int, list[dict]]:
    """The agents added to the campaign, by id."""
    view = view_for(account)
    doc = view.peek(CAMPAIGNS, parse_id(campaign_id))  # read only: no copy of its 20,000 AgentIds
    if doc is None:
        raise NotFound(f"CccCampaign {campaign_id} not found")
    ids = sorted(set(doc.get("AgentIds", [])))
    if not ids:
        return 0, []
    if 8 * len(ids) < view.count(AGENTS):  # a few of many: looked up one by one
        found = [view.peek(AGENTS, agent_id) for agent_id in ids]
    else:
        by_id = {agent["id"]: agent for agent in view.peek_list(AGENTS)}
        found = [by_id.get(agent_id) for agent_id in ids]
    known = Memberships(view, ids)
    agents = [known.shape(agent) for agent in found if agent is not None]
    return len(agents), agents


def remove_agent(account: str, campaign_id, agent_id) -> None:
    """The agent leaves the campaign (it stays an agent of the account); 404 if it is not on it."""
    view = view_for(account)
    with view.transaction():
        doc = _campaign(view, campaign_id)
        agent_id = parse_id(agent_id)
        on = doc.get("AgentIds", [])
        if agent_id not in on:
            stored(view, AGENTS, agent_id, "Agent")
            raise NotFound(f"Agent {agent_id} is not on CccCampaign {doc['id']}")
        on.remove(agent_id)
        view.put(CAMPAIGNS, doc["id"], doc)


def seed_agents(view: AccountView, docs: list[dict]) -> None:
    """``agents`` of a fixture file: ``{"id", "Name", "Email", "Enabled", "LastLogin"}``."""
    for raw in docs:
        values = fixture_values(s.AgentFixtureSchema(), raw, "agent")
        doc = {
            "id": values["id"],
            "Name": values.get("Name") or values["Email"].split("@", 1)[0],
            "Email": values["Email"],
            "Enabled": values["Enabled"],
        }
        if "LastLogin" in values:
            doc["LastLogin"] = stamp(values["LastLogin"])
        view.put(AGENTS, doc["id"], doc)
