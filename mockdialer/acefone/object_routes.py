"""Acefone HTTP routes of the account objects, one set per kind in ``objects.KINDS``."""

from __future__ import annotations

from flask import Blueprint

from .. import requestinfo
from . import auth, objects
from .http import data, envelope, json_body, reject_oversized, strict_mode
from .objects import ObjectKind

bp = Blueprint("acefone_objects", __name__)
bp.before_request(reject_oversized)


def _sentence(kind: ObjectKind, verb: str) -> str:
    return f"{kind.label[0].upper()}{kind.label[1:]} {verb} successfully"


def _add_routes(kind: ObjectKind) -> None:
    def list_view():
        requestinfo.set_operation(f"acefone.list_{kind.plural}")
        found = objects.list_all(auth.authenticate().view(), kind)
        extra = {"has_more": False} if kind.paged else {}
        return data(found, count=len(found), **extra)

    def create_view():
        requestinfo.set_operation(f"acefone.create_{kind.singular}")
        caller = auth.authenticate()
        new_id = objects.create(caller.view(), kind, json_body(), strict_mode())
        return envelope(_sentence(kind, "created"), id=new_id)

    def get_view(id: str):
        requestinfo.set_operation(f"acefone.get_{kind.singular}")
        return data(objects.get(auth.authenticate().view(), kind, id))

    def update_view(id: str):
        requestinfo.set_operation(f"acefone.update_{kind.singular}")
        caller = auth.authenticate()
        objects.update(caller.view(), kind, id, json_body(), strict_mode())
        return envelope(_sentence(kind, "updated"))

    def delete_view(id: str):
        requestinfo.set_operation(f"acefone.delete_{kind.singular}")
        objects.delete(auth.authenticate().view(), kind, id)
        return envelope(_sentence(kind, "deleted"))

    opts = {"strict_slashes": False}
    bp.add_url_rule(kind.list_path, f"list_{kind.plural}", list_view, methods=["GET"], **opts)
    if kind.create_path:
        bp.add_url_rule(kind.create_path, f"create_{kind.singular}", create_view, methods=["POST"], **opts)
    views = {"GET": get_view, "PUT": update_view, "DELETE": delete_view}
    for method in kind.item_methods:
        name = f"{method.lower()}_{kind.singular}"
        bp.add_url_rule(kind.item_path, name, views[method], methods=[method], **opts)


for _kind in objects.KINDS:
    _add_routes(_kind)
