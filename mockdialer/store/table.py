"""The TinyDB database and table classes of the store: documents keyed by our own string ids.

The store's uses of TinyDB internals: TinyDB's ``Table._update_table`` rebuilds the whole table
dict twice per write, a cost linear in the table's size (docs/benchmarks.md). Ours updates the table's
dict in place (``document_id_class`` is ``str``: no key to convert); ``tests/storage/test_table.py``
checks the behaviour through the public ``Table`` methods. ``peek`` and ``peek_all`` read the stored
dicts from the table's ``_storage`` without the copy TinyDB's reads make (``tests/storage/test_store.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from tinydb import TinyDB
from tinydb.table import Table


class DocTable(Table):
    document_id_class = str

    def _stored(self) -> dict[str, dict]:
        """The table's documents by id, as the storage holds them."""
        return (self._storage.read() or {}).get(self.name) or {}

    def peek(self, doc_id: str) -> dict | None:
        """The stored dict of document ``doc_id`` (None: there is none), without TinyDB's copy: for
        reading only."""
        return self._stored().get(doc_id)

    def peek_all(self) -> list[dict]:
        """The stored dict of every document, without TinyDB's per-document copy: for reading only
        (a list of 20,000 agents: docs/benchmarks.md, "CallFire agents")."""
        return list(self._stored().values())

    def put(self, doc_id: str, doc: dict) -> None:
        """Store ``doc`` as document ``doc_id``, a new one or in place of the one there."""
        self._update_table(lambda table: table.__setitem__(doc_id, doc))

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        tables = self._storage.read() or {}
        updater(tables.setdefault(self.name, {}))
        self._storage.write(tables)
        self.clear_cache()


class DocDB(TinyDB):
    table_class = DocTable
