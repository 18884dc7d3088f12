"""Where the CallFire domain keeps its objects: table names, the account's view of the store, ids, the
mock's timestamps, and RequestId de-dup (shared by campaigns, agent groups, agents and invites)."""

from __future__ import annotations

import functools
from datetime import datetime

from ...errors import NotFound, ValidationFailed
from ...harness import clock
from ...harness.fixtures import FixtureError
from ...store import AccountView, get_store
from .. import schemas as s

NAMESPACE = "callfire"
CAMPAIGNS, GROUPS, SOUNDS, REQUESTS, LOGINS = "campaigns", "agentgroups", "sounds", "requests", "logins"
AGENTS, SESSIONS, INVITES = "agents", "agentsessions", "agentinvites"
BATCHES = "contactbatches"
FIRST_NEW_ID = 100_000  # fixture ids stay below this; new ids never collide with them


def stamp(moment: datetime | None = None) -> str:
    return moment.strftime(clock.STAMP_FORMAT) if moment is not None else clock.stamp()


def view_for(account: str) -> AccountView:
    return get_store().account(NAMESPACE, account)


def fixture_values(schema, doc: dict, what: str) -> dict:
    """A fixture object typed by ``schema`` from its JSON values (read as the raw strings the schemas
    take: ``true``, ``4001``); a problem is a ``FixtureError`` naming the object and every field."""
    raw = {}
    for key, value in doc.items():
        if isinstance(value, bool):
            raw[key] = "true" if value else "false"
        elif isinstance(value, int | float | str):
            raw[key] = str(value)
    try:
        return s.load(schema, raw)
    except ValidationFailed as exc:
        raise FixtureError(f"mockdialer: CallFire {what} {doc.get('id')}: {exc.message}") from None


def parse_id(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return s.load(s.IdSchema(), {"Id": value})["Id"]


def stored(view: AccountView, kind: str, id_, what: str) -> dict:
    doc = view.get(kind, parse_id(id_))
    if doc is None:
        raise NotFound(f"{what} {id_} not found")
    return doc


def once_per_request_id(fn=None, *, scope: str | None = None):
    """RequestId de-dup for a write ``fn(account, ...)`` (``@once_per_request_id``): the wrapped call takes
    a keyword ``request_id``; a RequestId already seen for this write and account returns the first
    outcome and applies nothing; a call that fails is not remembered (its transaction rolls back).
    A RequestId is scoped to the domain function (REST and SOAP share it), or to ``scope``."""
    if isinstance(fn, str):  # @once_per_request_id("scope")
        return functools.partial(once_per_request_id, scope=fn)
    if fn is None:
        return functools.partial(once_per_request_id, scope=scope)
    key = scope or f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"

    @functools.wraps(fn)
    def run(account: str, *args, request_id: str | None = None, **kwargs):
        view = view_for(account)
        with view.transaction():
            seen, outcome = dedup(view, key, request_id)
            if seen:
                return outcome
            outcome = fn(account, *args, **kwargs)
            remember(view, key, request_id, outcome)
            return outcome

    return run


def dedup(view: AccountView, operation: str, request_id: str | None):
    """(seen, outcome): a RequestId already seen for this operation and account returns its first outcome."""
    if request_id is None:
        return False, None
    request_id = s.load(s.RequestIdSchema(), {"RequestId": request_id}).get("RequestId")
    if request_id is None:
        return False, None
    seen = view.get(REQUESTS, f"{operation}:{request_id}")
    return (True, seen["outcome"]) if seen else (False, None)


def remember(view: AccountView, operation: str, request_id: str | None, outcome) -> None:
    request_id = (request_id or "").strip()
    if request_id:
        view.put(REQUESTS, f"{operation}:{request_id}", {"outcome": outcome, "at": stamp()})
