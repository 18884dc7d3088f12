"""The TinyDB database and table classes of the store: documents keyed by our own string ids.

This module holds the store's only use of TinyDB internals: ``Table._update_table``. TinyDB 4.9's own
rebuilds the whole table dict twice on every write, so a write costs O(documents in the table). With
one account holding 10,000 campaigns, a stored document's replacement measured 1.54 ms against
0.0035 ms with 10 (``Table.update`` on ``MemoryStorage``), which alone breaks ``make bench`` P2. Ours
updates the table's dict in place: ``document_id_class`` is ``str``, so no key is converted.
``tests/storage/test_table.py`` pins the TinyDB version this was measured on.
"""

from __future__ import annotations

from collections.abc import Callable

from tinydb import TinyDB
from tinydb.table import Table

MEASURED_ON = "4.9.0"  # the TinyDB version whose _update_table this replaces


class DocTable(Table):
    document_id_class = str

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        updater(tables.setdefault(self.name, {}))
        self._storage.write(tables)
        self.clear_cache()


class DocDB(TinyDB):
    table_class = DocTable
