"""The store's TinyDB table class does, through TinyDB's public API, what TinyDB's own table does (string
document ids included), whatever TinyDB 4 release is installed."""

from __future__ import annotations

import pytest
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from mockdialer.store.table import DocDB


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
