"""CallFire agent sessions (``/ccc/agent-session`` and its SOAP operations): an agent's
time logged into the agent console for one campaign.

No API call opens a session (agents log in through CallFire's console), so sessions come from the
fixtures (``agentSessions``). A session is ``{"id", "AgentId", "CampaignId", "AgentState", "CallCount",
"Start", "LastUpdate"}``; it is *active* while its AgentState is not DISCONNECTED, and an active session
is live: its ``LastUpdate`` is the mock's clock (``mockdialer.harness.clock``) whenever it is read, never
before its ``Start``. A DISCONNECTED session shows the times it was stored with.

    get_agent_session(account, id) -> dict
    query_agent_sessions(account, params) -> (total, [dict])
        params (raw strings): MaxResults, FirstResult, CampaignId, AgentId, AgentEmail, Active
    seed_sessions(view, docs)                      the fixture seeder's part
"""

from __future__ import annotations

from ...harness.fixtures import FixtureError
from ...store import AccountView
from .. import schemas as s
from ..fields import SESSION_FIELDS
from .tables import AGENTS, CAMPAIGNS, SESSIONS, fixture_values, stamp, stored, view_for


def active(doc: dict) -> bool:
    return doc.get("AgentState", "DISCONNECTED") != "DISCONNECTED"


def _public(doc: dict) -> dict:
    out = {"id": doc["id"], **{name: doc[name] for name in SESSION_FIELDS if doc.get(name) is not None}}
    if active(doc):
        now = stamp()
        out["LastUpdate"] = max(now, out.get("Start", now))  # same format: the strings sort as times
    return out


def get_agent_session(account: str, id_) -> dict:
    view = view_for(account)
    return _public(stored(view, SESSIONS, id_, "AgentSession"))


def query_agent_sessions(account: str, params=None) -> tuple[int, list[dict]]:
    """Filters combine (AND); ``Active=false`` keeps the DISCONNECTED sessions only."""
    view = view_for(account)
    q = s.load(s.QueryAgentSessionsSchema(), params)
    docs = sorted(view.peek_list(SESSIONS), key=lambda d: d["id"])
    if "CampaignId" in q:
        docs = [d for d in docs if d["CampaignId"] == q["CampaignId"]]
    if "AgentId" in q:
        docs = [d for d in docs if d["AgentId"] == q["AgentId"]]
    if "AgentEmail" in q:
        email = q["AgentEmail"].lower()
        ids = {a["id"] for a in view.peek_list(AGENTS) if a["Email"].lower() == email}
        docs = [d for d in docs if d["AgentId"] in ids]
    if "Active" in q:
        docs = [d for d in docs if active(d) == q["Active"]]
    page = docs[q["FirstResult"] : q["FirstResult"] + q["MaxResults"]]
    return len(docs), [_public(d) for d in page]


def seed_sessions(view: AccountView, docs: list[dict]) -> None:
    """``agentSessions`` of a fixture file; Start/LastUpdate default to the session's other time."""
    for raw in docs:
        values = fixture_values(s.AgentSessionFixtureSchema(), raw, "agent session")
        for table, name in ((AGENTS, "AgentId"), (CAMPAIGNS, "CampaignId")):
            if view.get(table, values[name]) is None:
                raise FixtureError(
                    f"mockdialer: CallFire agent session {values['id']}: no {name} {values[name]}"
                )
        doc = {name: values[name] for name in ("id", "AgentId", "CampaignId", "AgentState", "CallCount")}
        for name in ("Start", "LastUpdate"):
            if name in values:
                doc[name] = stamp(values[name])
        doc.setdefault("LastUpdate", doc.get("Start"))
        doc.setdefault("Start", doc.get("LastUpdate"))
        view.put(SESSIONS, doc["id"], {k: v for k, v in doc.items() if v is not None})
