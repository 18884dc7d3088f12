"""What the OpenAPI document says of one JSON operation (Acefone, admin API), declared with the operation
(``acefone/routes.py`` ``_declare(..., doc=Doc(...))``, ``admin/routes.py`` ``@documented(Doc(...))``).

``mockdialer.openapi`` loops over the app's URL map and writes each declared operation from its ``Doc``:
the request body and query parameters from the marshmallow schemas that validate them, the success
answer by its response schema's component name, the errors as the surface's shared responses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Link:
    """An OpenAPI link from a create's answer: ``parameter`` of ``operation`` is ``pointer`` of the body."""

    operation: str  # "acefone.get_campaign"
    parameter: str  # "campaign_id"
    pointer: str  # "campaign_id": JSON pointer into the answer, without "/"


@dataclass(frozen=True)
class Doc:
    """One operation in the OpenAPI document."""

    summary: str
    tag: str
    answer: str  # the success body's schema: a component name of ``openapi/schemas.py``
    errors: tuple[int, ...] = ()  # statuses besides the success (each a shared response of the surface)
    body: Any = None  # the marshmallow schema (class or instance) that validates the JSON body
    body_required: bool = True
    example: dict | None = None  # a body valid on the seeded demo data
    query: Any = None  # the marshmallow schema of the query parameters, or a list of parameter objects
    params: dict[str, dict] = field(default_factory=dict)  # path parameter: {"description", "schema"}
    status: int = 200
    links: dict[str, Link] = field(default_factory=dict)  # name ("Get", "Delete"): link
    public: bool = False  # no auth (Acefone login)
    description: str = ""
    answered: str = ""  # the success answer's description (the summary unless given)


class Docs(dict):
    """A surface's documented operations, by operation name; documenting a name twice raises."""

    def add(self, name: str, doc: Doc) -> None:
        if name in self:
            raise ValueError(f"{name} is documented twice")
        self[name] = doc


def documented(docs: Docs, name: str, doc: Doc | None) -> Callable:
    """Decorator form of ``docs.add(name, doc)`` (``doc`` None: not in the document)."""

    def add(view: Callable) -> Callable:
        if doc is not None:
            docs.add(name, doc)
        return view

    return add
