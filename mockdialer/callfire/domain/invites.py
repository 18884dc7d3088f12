"""CallFire agent invites (``/ccc/{CampaignId}/agent-invite``, ``.../agent-invite-uri``, and
their SOAP operations): the emails that ask people to register as a campaign's agents.

Sending invites names the people by email; an email no agent has yet makes a new agent (as
``agents.members`` does), and with ``AgentGroupName`` the invited agents join the account's group of that
name (the lowest id when several share it); a name no group has makes a new group of the invited agents,
as an unknown email makes an agent (CallFire's words: "agent group name to add agents to";
docs/callfire-contract.md). Each (campaign, email) keeps one invite: its URI is
``https://www.callfire.com/ui/register/agent/<uuid>``, the shape CallFire's PHP SDK documents, where the
uuid is a version-1 UUID whose time is the mock's clock at the first send (``mockdialer.harness.clock``)
and whose node comes from the account, campaign and email; sending again keeps the URI and moves ``Sent``.
The invite URI of an email not invited to that campaign is a 404.

    send_agent_invites(account, campaign_id, data, request_id=None) -> None
        data: AgentGroupName, AgentEmails
    agent_invite(account, campaign_id, params) -> {"AgentInviteUri", "CampaignId"}   params: AgentEmail
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from ...errors import NotFound, ValidationFailed
from ...harness import clock
from ...store import get_store
from .. import schemas as s
from ..xsd import failed
from .agents import members
from .tables import (
    CAMPAIGNS,
    FIRST_NEW_ID,
    GROUPS,
    INVITES,
    once_per_request_id,
    stamp,
    stored,
    view_for,
)

URI_BASE = "https://www.callfire.com/ui/register/agent/"
_UUID_EPOCH = 0x01B21DD213814000  # 100-ns intervals from 1582-10-15 (the UUID epoch) to 1970-01-01


def invite_uuid(seconds: float, seed: str) -> uuid.UUID:
    """A version-1 UUID for the instant ``seconds`` (epoch) with clock sequence and node taken from
    ``seed`` (the node has its multicast bit set, as RFC 4122 4.5 asks of a node that is no MAC)."""
    ticks = int(seconds * 10_000_000) + _UUID_EPOCH
    digest = hashlib.sha256(seed.encode()).digest()
    seq = int.from_bytes(digest[:2], "big") & 0x3FFF
    node = int.from_bytes(digest[2:8], "big") | 0x010000000000
    return uuid.UUID(
        fields=(
            ticks & 0xFFFFFFFF,
            (ticks >> 32) & 0xFFFF,
            ((ticks >> 48) & 0x0FFF) | 0x1000,
            (seq >> 8) | 0x80,
            seq & 0xFF,
            node,
        )
    )


def _key(campaign_id: int, email: str) -> str:
    return f"{campaign_id}:{email.lower()}"


@once_per_request_id
def send_agent_invites(account: str, campaign_id, data) -> None:
    view = view_for(account)
    campaign = stored(view, CAMPAIGNS, campaign_id, "CccCampaign")
    errors: dict[str, list[str]] = {}
    try:
        values = s.load(s.SendAgentInvitesSchema(), data)
    except ValidationFailed as exc:
        errors, values = dict(exc.errors), {}
    group = None
    name = values.get("AgentGroupName")
    if name is not None:
        named = sorted((g for g in view.list(GROUPS) if g["Name"] == name), key=lambda g: g["id"])
        group = named[0] if named else None
    if campaign.get("Status") == "ARCHIVED":
        errors.setdefault("CampaignId", []).append(f"CccCampaign {campaign['id']} is ARCHIVED")
    emails = values.get("AgentEmails", [])
    ids = members(view, [], emails, errors, "AgentIds")
    if errors:
        raise failed(errors)
    if group is None and name is not None:
        new_id = get_store().next_id("callfire.agentgroup", start=FIRST_NEW_ID)
        group = {"id": new_id, "Name": name, "AgentIds": []}
    if group is not None:
        group.setdefault("AgentIds", []).extend(i for i in ids if i not in group["AgentIds"])
        view.put(GROUPS, group["id"], group)
    now = clock.get_clock().time()
    for email in emails:
        key = _key(campaign["id"], email)
        invite = view.get(INVITES, key) or {
            "CampaignId": campaign["id"],
            "AgentEmail": email,
            "AgentInviteUri": URI_BASE + str(invite_uuid(now, f"{account}:{key}")),
        }
        invite["Sent"] = stamp()
        if group is not None:
            invite["AgentGroupName"] = group["Name"]
        view.put(INVITES, key, invite)


def agent_invite(account: str, campaign_id, params) -> dict:
    view = view_for(account)
    campaign = stored(view, CAMPAIGNS, campaign_id, "CccCampaign")
    email = s.load(s.InvitedEmailSchema(), params)["AgentEmail"]
    invite = view.get(INVITES, _key(campaign["id"], email))
    if invite is None:
        s.load(s.AgentInviteUriSchema(), params or {})  # not an email address: a 400, not a 404
        raise NotFound(
            f"No agent invite for {email} on CccCampaign {campaign['id']}: send the campaign an invite first"
        )
    return {"AgentInviteUri": invite["AgentInviteUri"], "CampaignId": campaign["id"]}


def seed_invites(view, account: str, docs: list[dict]) -> None:
    """Fixture invites ``{"CampaignId", "AgentEmail", "Sent"}``: the URI as a send at ``Sent`` makes it."""
    for doc in docs:
        key = _key(doc["CampaignId"], doc["AgentEmail"])
        sent = datetime.fromisoformat(doc["Sent"].replace("Z", "+00:00")).timestamp()
        uri = URI_BASE + str(invite_uuid(sent, f"{account}:{key}"))
        view.put(INVITES, key, {**doc, "AgentInviteUri": uri})
