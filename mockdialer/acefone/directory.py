"""The account's people and numbers as the calls API shows them: ``GET /v1/users`` (with the ``agent``
object every click-to-call client dials with), ``GET /v1/departments`` and ``GET /v1/my_number``.

Users are the fixture's ``users`` objects; their vendor fields (``agent.id`` a 13-digit seat, status
0-4, follow-me number, role) come from the fixture where it gives them and are derived otherwise.
Departments are the account's inbound queues (same name, ring strategy and agents), docs/acefone.md.
"""

from __future__ import annotations

from ..errors import ValidationFailed
from ..store import AccountView
from . import call_schemas

AGENT_STATUS = {"active": 0, "blocked": 1, "disabled": 2, "busy": 3, "offline": 4}
ROLES = {"admin": (1, "Admin"), "supervisor": (2, "Supervisor"), "agent": (3, "Agent")}
RING_STRATEGIES = {"1": "Random", "2": "Fewest Calls", "3": "Longest Wait Time"}
DEFAULT_RING_TIMEOUT = 30


def digits(value) -> str:
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def agent_id(user: dict) -> str:
    """The user's agent seat: the fixture's ``agent_id``, else 13 digits made from the user id."""
    return str(user.get("agent_id") or f"05{digits(user.get('id')).rjust(11, '0')[-11:]}")


def follow_me(user: dict) -> str:
    """The agent's phone as bare digits (the fixture's ``mobile`` without its '+')."""
    return digits(user.get("follow_me_number") or user.get("mobile"))


def _sort_key(user: dict):
    text = str(user.get("id"))
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def users(view: AccountView) -> list[dict]:
    return sorted(view.list("users"), key=_sort_key)


def vendor_user(user: dict) -> dict:
    """One ``GET /v1/users`` row: the stored keys, then the vendor's (docs/vendors/acefone.md)."""
    status = str(user.get("status", "active"))
    role_id, role_name = ROLES.get(str(user.get("role")), (4, str(user.get("role") or "User").title()))
    return {
        **user,
        "agent": {
            "id": agent_id(user),
            "name": user.get("name"),
            "status": int(user.get("agent_status", AGENT_STATUS.get(status, 4))),
            "follow_me_number": follow_me(user),
        },
        "login_id": user.get("login_id") or user.get("email"),
        "extension": user.get("extension"),
        "intercom": user.get("extension"),
        "user_role": {"id": role_id, "name": role_name},
        "user_status": 1 if status == "active" else 0,
        "is_login_based_calling_enabled": bool(user.get("is_login_based_calling_enabled", False)),
        "is_international_outbound_enabled": bool(user.get("is_international_outbound_enabled", False)),
    }


def user_page(view: AccountView, query: dict) -> dict:
    """``{"has_more", "count", "last_seen_id", "data"}``: users after ``last_seen_id``, ``limit`` of them."""
    values, problems = call_schemas.load(call_schemas.UsersQuerySchema(), query)
    if problems:
        raise ValidationFailed(errors=problems)
    rows = users(view)
    after = values.get("last_seen_id")
    if after is not None:
        rows = [u for u in rows if _sort_key(u) > (0, after, "")]
    page = rows[: values["limit"]]
    return {
        "has_more": len(rows) > len(page),
        "count": len(page),
        "last_seen_id": page[-1]["id"] if page else None,
        "data": [vendor_user(u) for u in page],
    }


def find_agent(view: AccountView, number: str) -> dict | None:
    """The user whose ``agent.id`` or follow-me number is ``number``."""
    for user in users(view):
        if number in (agent_id(user), follow_me(user)):
            return user
    return None


def departments(view: AccountView) -> list[dict]:
    by_id = {str(u.get("id")): u for u in users(view)}
    out = []
    for queue in sorted(view.list("inbound_queues"), key=_sort_key):
        members = [by_id[str(a)] for a in queue.get("agents") or [] if str(a) in by_id]
        out.append(
            {
                "id": queue["id"],
                "name": queue.get("name"),
                "description": queue.get("description", ""),
                "ring_strategy": RING_STRATEGIES.get(str(queue.get("ring_strategy")), "Random"),
                "agent_count": len(members),
                "agents": [
                    {
                        "id": u["id"],
                        "name": u.get("name"),
                        "eid": agent_id(u),
                        "timeout": int(queue.get("ring_timeout", DEFAULT_RING_TIMEOUT)),
                    }
                    for u in members
                ],
            }
        )
    return out


def numbers(view: AccountView) -> list[dict]:
    """The DIDs with the keys the clients read besides the stored ones: ``alias`` (the number as bare
    digits) and ``destination_name`` (where calls to it go)."""
    rows = sorted(view.list("dids"), key=_sort_key)
    return [
        {
            **did,
            "alias": did.get("alias") or digits(did.get("did")),
            "destination_name": did.get("destination_name") or did.get("destination") or "",
        }
        for did in rows
    ]


def did_for(view: AccountView, number: str | None) -> dict | None:
    """The DID ``number`` names (its last 10 digits), or the account's first Dialer DID when None."""
    rows = numbers(view)
    if number is None:
        return next((d for d in rows if d.get("destination") == "Dialer"), rows[0] if rows else None)
    return next((d for d in rows if digits(d.get("did"))[-10:] == number[-10:]), None)
