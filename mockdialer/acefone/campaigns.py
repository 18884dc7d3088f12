"""The dialer campaign domain: validation of a body against the stored campaign, and CRUD in the store.

A body is read by the schema (field problems), merged over the stored campaign (PUT is a partial
update), then the conditional rules run on the merged campaign and every id the body names is looked up
in the account (docs/vendors/acefone.md "Dialer campaign endpoints"). All problems are raised at once as one
``ValidationFailed``; nothing is stored when anything fails. The schemas (marshmallow) load with the
first campaign validated: reads do without them.
"""

from __future__ import annotations

from ..errors import ValidationFailed
from ..harness import clock
from ..store import AccountView
from . import schemas
from .errors import MissingObject
from .schemas import FIELD_INDEX, FIELD_ORDER

KIND = "campaigns"
ID_SEQUENCE = "acefone.campaigns"
FIRST_ID = 50001
MAX_ACTIVE_LEAD_LISTS = 3

# field -> (object kind in the store, what the message calls it)
REFERENCES: dict[str, tuple[str, str]] = {
    "outbound_caller_id": ("dids", "DID"),
    "agent_script": ("agent_scripts", "agent script"),
    "disposition_list": ("disposition_lists", "disposition list"),
    "time_group": ("time_groups", "time group"),
    "time_group_recording": ("recordings", "recording"),
    "quick_transfer_list": ("quick_transfer_lists", "quick transfer list"),
    "account_dnd_list": ("dnd_lists", "DND list"),
    "music_on_hold": ("recordings", "recording"),
    "break_list": ("break_lists", "break list"),
    "inbound_queue": ("inbound_queues", "inbound queue"),
    "inbound_lead_list": ("lead_lists", "lead list"),
    "announcement_recording": ("recordings", "recording"),
    "manual_lead_list": ("lead_lists", "lead list"),
    "agent": ("users", "agent"),
}


def defaults() -> dict:
    """A new campaign before its body is applied: flags 0, arrays empty, other fields unset (null)."""
    flags, lists = schemas.FLAGS, schemas.LISTS
    return {name: 0 if name in flags else [] if name in lists else None for name in FIELD_ORDER}


def _unset(value) -> bool:
    return value is None or value == "" or value == []


def conditional_problems(campaign: dict, skip: set[str]) -> dict[str, list[str]]:
    """The rules that tie fields together, on the campaign as it would be stored; ``skip`` holds fields
    that already have a problem (their rule cannot be judged)."""
    problems: dict[str, list[str]] = {}

    def need(field: str, because: str) -> None:
        if field not in skip and _unset(campaign.get(field)):
            problems.setdefault(field, []).append(f"Required when {because}.")

    if "dial_method" not in skip:
        if campaign.get("dial_method") == "1":
            need("auto_dial_duration", "dial_method is 1 (Preview)")
        elif campaign.get("dial_method") == "2":
            need("dial_ratio", "dial_method is 2 (Ratio)")
    if "manual_dial_enabled" not in skip and campaign.get("manual_dial_enabled") == 1:
        need("manual_lead_list", "manual_dial_enabled is 1")
    if "enable_inbound" not in skip and campaign.get("enable_inbound") == 1:
        need("inbound_queue", "enable_inbound is 1")
        need("inbound_lead_list", "enable_inbound is 1")
    if "lead_list_map" not in skip:
        entries = campaign.get("lead_list_map") or []
        active = sum(1 for entry in entries if entry.get("list_status") == 1)
        if active > MAX_ACTIVE_LEAD_LISTS:
            problems.setdefault("lead_list_map", []).append(
                f"At most {MAX_ACTIVE_LEAD_LISTS} lead lists may be active (list_status 1); got {active}."
            )
        seen: set[str] = set()
        for entry in entries:
            if str(entry["list_id"]) in seen:
                problems.setdefault("lead_list_map", []).append(f"list_id {entry['list_id']} appears twice.")
            seen.add(str(entry["list_id"]))
    return problems


def reference_problems(view: AccountView, values: dict) -> dict[str, list[str]]:
    """Every id in ``values`` (the body's valid fields) that the account does not hold."""
    problems: dict[str, list[str]] = {}

    def check(field: str, kind: str, label: str, id_) -> None:
        if _unset(id_):
            return
        if not view.exists(kind, id_):
            problems.setdefault(field, []).append(f"No {label} with id {id_} in this account.")

    for field, (kind, label) in REFERENCES.items():
        if field not in values:
            continue
        value = values[field]
        for id_ in value if isinstance(value, list) else [value]:
            check(field, kind, label, id_)
    for entry in values.get("lead_list_map") or []:
        if isinstance(entry, dict) and "list_id" in entry:
            check("lead_list_map", "lead_lists", "lead list", entry["list_id"])
    return problems


def validated(view: AccountView, body: dict, stored: dict | None, strict: bool) -> dict:
    """The body's fields as they would be stored over ``stored`` (a new campaign: over ``defaults()``);
    the rules run on the merged campaign. Raises with every problem at once."""
    values, field_problems, referenced = schemas.read_campaign(body, strict, update=stored is not None)
    merged = {**(stored if stored is not None else defaults()), **values}
    problems = dict(field_problems)
    for source in (conditional_problems(merged, set(field_problems)), reference_problems(view, referenced)):
        for field, found in source.items():
            problems.setdefault(field, []).extend(found)
    if problems:
        last = len(FIELD_INDEX)  # keys outside the 51 (unknown fields in strict mode) come last
        ordered = dict(sorted(problems.items(), key=lambda item: FIELD_INDEX.get(item[0], last)))
        raise ValidationFailed(errors=ordered)
    return values


def _public(campaign_id: str, doc: dict) -> dict:
    """A stored campaign as GET returns it: id, the 51 body fields, created_at, updated_at."""
    fields = {name: doc.get(name) for name in FIELD_ORDER}
    return {
        "id": campaign_id,
        **fields,
        "created_at": doc.get("created_at"),
        "updated_at": doc.get("updated_at"),
    }


def _stored(view: AccountView, campaign_id: str) -> dict:
    """The stored campaign, read only (update merges it into a new document)."""
    doc = view.peek(KIND, campaign_id)
    if doc is None:
        raise MissingObject(f"No dialer campaign with id {campaign_id} in this account.")
    return doc


def new_id(view: AccountView) -> str:
    while True:
        candidate = str(view.store.next_id(ID_SEQUENCE, start=FIRST_ID))
        if not view.exists(KIND, candidate):
            return candidate


def create(view: AccountView, body: dict, strict: bool) -> str:
    with view.transaction():
        campaign = {**defaults(), **validated(view, body, None, strict)}
        campaign_id = new_id(view)
        now = clock.stamp()
        view.put(KIND, campaign_id, {**campaign, "id": campaign_id, "created_at": now, "updated_at": now})
        return campaign_id


def update(view: AccountView, campaign_id: str, body: dict, strict: bool) -> None:
    with view.transaction():
        values = validated(view, body, _stored(view, campaign_id), strict)
        view.merge(KIND, campaign_id, {**values, "updated_at": clock.stamp()})


def get(view: AccountView, campaign_id: str) -> dict:
    return _public(campaign_id, _stored(view, campaign_id))


def list_all(view: AccountView) -> list[dict]:
    return [_public(doc["id"], doc) for doc in view.peek_list(KIND)]  # read only, as get


def delete(view: AccountView, campaign_id: str) -> None:
    with view.transaction():
        _stored(view, campaign_id)
        view.delete(KIND, campaign_id)
