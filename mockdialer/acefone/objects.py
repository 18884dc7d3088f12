"""The account objects a campaign points at (DIDs, lead lists, ...): their vendor paths and their CRUD.

docs/vendors/acefone.md "Objects the campaign body points at". The vendor documents the paths, not the
bodies, so an
object is ``{"id", "name", ...}`` as the fixtures give it; create and update validate ``name`` (and
``description``) and keep any other keys as sent (``schemas.ObjectSchema``, loaded by the first write).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationFailed
from ..store import AccountView
from . import schemas
from .errors import MissingObject


@dataclass(frozen=True)
class ObjectKind:
    kind: str  # store kind
    label: str  # what messages call one
    singular: str  # operation names: acefone.list_<plural>, acefone.create_<singular>, ...
    plural: str
    list_path: str  # GET: every object of the kind
    create_path: str | None = None  # POST
    item_path: str | None = None  # /<id>: the methods in item_methods
    item_methods: tuple[str, ...] = ()
    id_start: int = 900001
    paged: bool = False  # the list answers data[] + has_more (users)


def _dialer(kind: str, label: str, singular: str, path: str, id_start: int) -> ObjectKind:
    return ObjectKind(
        kind, label, singular, singular + "s", path, path, path + "/<id>", ("GET", "PUT", "DELETE"), id_start
    )


KINDS: tuple[ObjectKind, ...] = (
    ObjectKind(
        "dids",
        "DID",
        "my_number",
        "my_numbers",
        "/v1/my_number",
        None,
        "/v1/my_number/<id>",
        ("PUT",),
        910001,
    ),
    ObjectKind(
        "lead_lists",
        "lead list",
        "lead_list",
        "lead_lists",
        "/v1/broadcast/lists",
        "/v1/broadcast/list",
        "/v1/broadcast/list/<id>",
        ("PUT", "DELETE"),
        920001,
    ),
    ObjectKind(
        "disposition_lists",
        "disposition list",
        "disposition_list",
        "disposition_lists",
        "/v1/dialer/disposition_list",
        "/v1/dialer/disposition_list",
        "/v1/dialer/disposition_list/<id>",
        ("PUT", "DELETE"),
        930001,
    ),
    ObjectKind(
        "time_groups",
        "time group",
        "time_group",
        "time_groups",
        "/v1/timegroups",
        "/v1/timegroup",
        "/v1/timegroup/<id>",
        ("DELETE",),
        940001,
    ),
    _dialer("agent_scripts", "agent script", "agent_script", "/v1/dialer/agent_script", 950001),
    _dialer("break_lists", "break list", "break_list", "/v1/dialer/break_list", 960001),
    _dialer(
        "quick_transfer_lists",
        "quick transfer list",
        "quick_transfer_list",
        "/v1/dialer/quick_transfer_list",
        970001,
    ),
    _dialer("inbound_queues", "inbound queue", "inbound_queue", "/v1/dialer/inbound_queue", 980001),
    ObjectKind(
        "dnd_lists",
        "DND list",
        "dnd_list",
        "dnd_lists",
        "/v1/broadcast/dnd/lists",
        "/v1/broadcast/dnd/list",
        "/v1/broadcast/dnd/list/<id>",
        ("GET", "PUT", "DELETE"),
        990001,
    ),
    ObjectKind("users", "user", "user", "users", "/v1/users", paged=True),
    ObjectKind("recordings", "recording", "recording", "recordings", "/v1/recordings"),
)
BY_KIND = {k.kind: k for k in KINDS}


def _load(body: dict, partial: bool, strict: bool) -> dict:
    values, problems = schemas.read_object(body, partial=partial, strict=strict)
    if problems:
        raise ValidationFailed(errors=problems)
    values.pop("id", None)
    return values


def _stored(view: AccountView, kind: ObjectKind, id_: str) -> dict:
    doc = view.get(kind.kind, id_)
    if doc is None:
        raise MissingObject(f"No {kind.label} with id {id_} in this account.")
    return doc


def list_all(view: AccountView, kind: ObjectKind) -> list[dict]:
    return view.list(kind.kind)


def get(view: AccountView, kind: ObjectKind, id_: str) -> dict:
    return _stored(view, kind, id_)


def create(view: AccountView, kind: ObjectKind, body: dict, strict: bool) -> str:
    values = _load(body, partial=False, strict=strict)
    with view.transaction():
        while True:
            id_ = str(view.store.next_id(f"acefone.{kind.kind}", start=kind.id_start))
            if not view.exists(kind.kind, id_):
                break
        view.put(kind.kind, id_, {"id": id_, **values})
        return id_


def update(view: AccountView, kind: ObjectKind, id_: str, body: dict, strict: bool) -> None:
    values = _load(body, partial=True, strict=strict)
    with view.transaction():
        doc = _stored(view, kind, id_)
        view.put(kind.kind, id_, {**doc, **values})


def delete(view: AccountView, kind: ObjectKind, id_: str) -> None:
    with view.transaction():
        _stored(view, kind, id_)
        view.delete(kind.kind, id_)
