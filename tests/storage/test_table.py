"""The store's TinyDB table class: pinned to the TinyDB version its one private override was measured on,
and doing through TinyDB's public API what TinyDB's own table does."""

from __future__ import annotations

import pytest
import tinydb
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from mockdialer.store.table import MEASURED_ON, DocDB


def test_tinydb_is_the_version_the_update_table_override_was_measured_on():
    assert tinydb.__version__ == MEASURED_ON, (
        "mockdialer/store/table.py replaces Table._update_table of TinyDB "
        f"{MEASURED_ON}: check it against TinyDB {tinydb.__version__}, re-measure make bench P2, update it"
    )


def test_documents_by_string_id_through_the_public_api():
    db = DocDB(storage=MemoryStorage)
    table = db.table("acefone.campaigns/demo")
    table.insert(Document({"v": 1}, doc_id="40001"))
    table.insert_multiple([Document({"v": 2}, doc_id="b"), Document({"v": 3}, doc_id="c")])
    with pytest.raises(ValueError):
        table.insert(Document({"v": 9}, doc_id="b"))
    table.update({"w": 1}, doc_ids=["40001"])
    assert table.remove(doc_ids=["c", "missing"]) == ["c"]
    assert table.get(doc_id="40001") == {"v": 1, "w": 1} and table.get(doc_id="c") is None
    assert [(d.doc_id, d) for d in table.all()] == [("40001", {"v": 1, "w": 1}), ("b", {"v": 2})]
    assert len(table) == 2 and db.tables() == {"acefone.campaigns/demo"}
    db.drop_table("acefone.campaigns/demo")
    assert db.tables() == set() and len(db.table("acefone.campaigns/demo")) == 0
