"""The store: account namespaces, transactions with rollback, atomic durable file, format checks."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from mockdialer import create_app
from mockdialer.store import FORMAT_VERSION, Store, StoreError


def test_put_get_delete_and_copies(tmp_path):
    store = Store(str(tmp_path / "db.json"))
    store.put("acefone.campaigns", "a/1", {"name": "x", "tags": [1]})
    doc = store.get("acefone.campaigns", "a/1")
    doc["tags"].append(2)  # a caller's change to a read copy never reaches the store
    assert store.get("acefone.campaigns", "a/1") == {"name": "x", "tags": [1]}
    peeked = store.peek("acefone.campaigns", "a/1")  # no deep copy made
    assert peeked == {"name": "x", "tags": [1]}
    store.put("acefone.campaigns", "a/1", {**peeked, "name": "y"})
    assert peeked == {"name": "x", "tags": [1]}  # a put replaces the document, never changes it in place
    assert store.account("acefone", "a").peek("campaigns", "1")["name"] == "y"
    assert store.delete("acefone.campaigns", "a/1") is True
    assert store.delete("acefone.campaigns", "a/1") is False
    assert store.get("acefone.campaigns", "a/1") is None
    assert store.peek("acefone.campaigns", "a/1") is None


def test_a_peeked_document_stays_as_read_through_merges_and_rollbacks(tmp_path):
    path = str(tmp_path / "db.json")
    store = Store(path)
    store.put("t.x", "a/1", {"v": 1, "tags": ["x"]})
    peeked = store.peek("t.x", "a/1")
    store.merge("t.x", "a/1", {"v": 2})
    with pytest.raises(RuntimeError), store.transaction():
        store.merge("t.x", "a/1", {"v": 3, "tags": []})
        raise RuntimeError("boom")
    assert peeked == {"v": 1, "tags": ["x"]}  # the stored dict a reader holds is replaced, never changed
    assert store.peek_each(("t.x", "a/1"), ("t.x", "a/2")) == [{"v": 2, "tags": ["x"]}, None]
    assert Store(path).get("t.x", "a/1") == {"v": 2, "tags": ["x"]}


def test_accounts_never_see_each_other():
    store = Store()
    store.account("acefone", "demo").put("campaigns", 7, {"name": "demo's"})
    other = store.account("acefone", "other")
    assert other.get("campaigns", 7) is None
    assert other.list("campaigns") == []
    assert store.account("acefone", "demo").list("campaigns") == [{"name": "demo's"}]


def test_transaction_rolls_back_every_write_on_error(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t.x", "a/1", {"v": 2})
        store.put("t.x", "a/2", {"v": 3})
        raise RuntimeError("boom")
    assert store.get("t.x", "a/1") == {"v": 1}
    assert store.get("t.x", "a/2") is None
    assert Store(str(path)).get("t.x", "a/2") is None


def test_nested_transactions_commit_or_roll_back_as_one(tmp_path):
    path = str(tmp_path / "db.json")
    store = Store(path)
    with store.transaction():
        store.put("t.x", "a/1", {"v": 1})
        with store.transaction():
            store.put("t.x", "a/2", {"v": 2})
    assert Store(path).items("t.x") == [("a/1", {"v": 1}), ("a/2", {"v": 2})]
    with pytest.raises(KeyError), store.transaction():
        store.delete("t.x", "a/1")
        with store.transaction():
            store.merge("t.x", "a/2", {"w": 3})
            store.next_id("s")
            raise KeyError("inner")
    everything = {"a/1": {"v": 1}, "a/2": {"v": 2}}  # a document put back by a rollback comes last
    assert dict(store.items("t.x")) == dict(Store(path).items("t.x")) == everything
    assert store.next_id("s") == 1


def test_restore_and_clear_are_rolled_back_with_their_transaction():
    store = Store()
    store.put("t.x", "a/1", {"v": 1})
    snap = store.snapshot()
    store.put("t.x", "b/1", {"v": 2})
    with pytest.raises(RuntimeError), store.transaction():
        store.restore(snap)
        store.clear()
        raise RuntimeError("boom")
    assert store.items("t.x") == [("a/1", {"v": 1}), ("b/1", {"v": 2})]


def test_a_stored_document_is_a_copy_of_what_was_put():
    store = Store()
    doc = {"tags": ["x"]}
    store.put("t.x", "a/1", doc)
    doc["tags"].append("y")
    store.merge("t.x", "a/1", {"more": doc})
    doc["tags"].append("z")
    assert store.get("t.x", "a/1") == {"tags": ["x"], "more": {"tags": ["x", "y"]}}
    with pytest.raises(TypeError):
        store.put("t.x", "a/2", {"not json": object()})
    assert store.get("t.x", "a/2") is None


def test_keys_items_and_count_by_prefix():
    store = Store()
    for key in ("a/1", "a/2", "ab/1", "b/1"):
        store.put("t.x", key, {"k": key})
    assert store.keys("t.x", "a/") == ["a/1", "a/2"]
    assert sorted(store.keys("t.x", "a")) == ["a/1", "a/2", "ab/1"]
    assert store.count("t.x") == 4 and store.count("t.x", "a/") == 2 and store.count("t.x", "a") == 3
    assert store.count("t.x", "a/2") == 1 and store.count("t.y") == 0
    assert store.account("t", "ab").list("x") == [{"k": "ab/1"}] and store.account("t", "a").count("x") == 2
    assert store.tables() == ["t.x"] and not store.is_empty()
    store.clear()
    assert store.tables() == [] and store.is_empty()


def test_write_is_on_disk_and_survives_reopen(tmp_path):
    path = tmp_path / "db.json"
    Store(str(path)).put("t.x", "a/1", {"v": 1})
    data = json.loads(path.read_text())
    assert data["_mockdialer"]["format"]["version"] == FORMAT_VERSION
    assert Store(str(path)).account("t", "a").get("x", 1) == {"v": 1}
    assert Store(str(path)).get("t.x", "a/1") == {"v": 1}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_odd_json_values_are_stored_and_read_back(tmp_path):
    """A lone surrogate (Acefone accepts one in a name), an integer past 64 bits and a number as a key,
    through the write log and through a snapshot."""
    path = str(tmp_path / "db.json")
    odd = {"name": "Lone \ud800 surrogate", "big": 2**70, "nested": {"1": "x"}, "text": "caf\u00e9"}
    Store(path).put("t.x", "a/1", {**odd, "nested": {1: "x"}})
    Store(path).put("t.x", "a/2", {"plain": "caf\u00e9"})
    assert Store(path).get("t.x", "a/1") == odd
    assert Store(path).get("t.x", "a/2") == {"plain": "caf\u00e9"}
    Store(path).put("t.x", "a/3", {"filler": "x" * (1 << 20)})  # past the log's limit: a new snapshot
    assert Store(path).get("t.x", "a/1") == odd and json.loads(Path(path).read_text())["t.x/a"]["1"] == odd


def test_sequences_never_reuse_ids():
    store = Store()
    assert [store.next_id("c", start=100) for _ in range(3)] == [100, 101, 102]
    store.clear()
    assert store.next_id("c", start=100) == 103


def test_clear_one_account_keeps_the_others():
    store = Store()
    store.put("acefone.campaigns", "a/1", {})
    store.put("acefone.campaigns", "b/1", {})
    store.put("callfire.campaigns", "a/1", {})
    store.clear("acefone", "a")
    assert store.get("acefone.campaigns", "a/1") is None
    assert store.get("acefone.campaigns", "b/1") == {}
    assert store.get("callfire.campaigns", "a/1") == {}


def test_concurrent_read_modify_write_loses_nothing():
    store = Store()
    store.put("t.x", "a/1", {"n": 0})

    def bump():
        for _ in range(200):
            with store.transaction():
                doc = store.get("t.x", "a/1")
                doc["n"] += 1
                store.put("t.x", "a/1", doc)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get("t.x", "a/1") == {"n": 1600}


@pytest.mark.parametrize(
    "content, says",
    [("{not json", "cannot be read"), (json.dumps({"_mockdialer": {"format": {"version": 99}}}), "99")],
)
def test_unusable_db_file_is_named_and_left_alone(tmp_path, content, says):
    path = tmp_path / "db.json"
    path.write_text(content)
    with pytest.raises(StoreError) as info:
        create_app({"DB": str(path)})
    assert str(path) in str(info.value) and says in str(info.value)
    assert path.read_text() == content


def test_snapshot_and_restore_put_back_the_whole_state():
    store = Store()
    store.put("t.x", "a/1", {"v": 1})
    snap = store.snapshot()
    store.put("t.x", "a/1", {"v": 2})
    store.put("t.x", "a/2", {"v": 3})
    store.restore(snap)
    assert store.items("t.x") == [("a/1", {"v": 1})]
    store.put("t.x", "a/1", {"v": 4})  # the snapshot itself is never changed by later writes
    store.restore(snap)
    assert store.get("t.x", "a/1") == {"v": 1}


def test_peek_each_reads_several_documents_and_what_another_store_on_the_file_wrote(tmp_path):
    path = str(tmp_path / "db.json")
    store, other = Store(path), Store(path)  # as two processes on one DB file
    store.put("t.x", "a/1", {"v": 1})
    assert store.peek_each(("t.x", "a/1"), ("t.y", "a/profile"), ("t.x", "b/1")) == [{"v": 1}, None, None]
    other.put("t.y", "a/profile", {"user_id": 7})
    other.put("t.x", "a/1", {"v": 2})
    assert store.peek_each(("t.x", "a/1"), ("t.y", "a/profile")) == [{"v": 2}, {"user_id": 7}]
