"""CallFire CallService and BroadcastService REST routes under /api/1.1/rest (FACTS.md "CallService",
"Contact batches"): QueryCalls ``GET /call``, GetCall ``GET /call/{Id}``, CreateContactBatch
``POST /broadcast/{BroadcastId}/batch``, GetContactBatch ``GET /broadcast/batch/{Id}``, each also with
``.json``. Each handler reads the form and calls one domain function (``domain/calls.py``,
``domain/contacts.py``), which SOAP can call with the same plain dict."""

from __future__ import annotations

from ...pipeline import record_body
from ..domain import calls, contacts
from . import forms
from . import render as out
from .routes import _location, route

LISTS = ("State", "Result")  # xs:lists: space-joined, repeated or State[0]=... (PHP's http_build_query)


@route("/call", ["GET"], "QueryCalls")
def query_calls(account, params):
    query = forms.lists(params, *LISTS)
    record_body(query)
    total, items = calls.query_calls(account, query)
    return out.resource_list("Call", total, items)


@route("/call/<int:Id>", ["GET"], "GetCall")
def get_call(account, _params, Id):  # noqa: N803 (the vendor's parameter name)
    return out.resource("Call", calls.get_call(account, Id))


@route("/broadcast/<int:BroadcastId>/batch", ["POST"], "CreateContactBatch")
def create_contact_batch(account, params, BroadcastId):  # noqa: N803
    data = forms.lists(params, "To")
    data = {name: value for name, value in data.items() if name != "RequestId"}
    data["BroadcastId"] = str(BroadcastId)
    record_body(data)
    new_id = contacts.create_contact_batch(account, data, request_id=forms.last(params.get("RequestId")))
    return out.reference(new_id, _location("broadcast/batch", new_id))


@route("/broadcast/batch/<int:Id>", ["GET"], "GetContactBatch")
def get_contact_batch(account, _params, Id):  # noqa: N803
    return out.resource("ContactBatch", contacts.get_contact_batch(account, Id))
