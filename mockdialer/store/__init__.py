"""The one interface over TinyDB: tables of JSON documents keyed by string, namespaced by account.

Every vendor module reads and writes state through ``Store`` (or its account-scoped ``AccountView``)
and never touches TinyDB itself. A store table and account is a TinyDB table of its own:
``("acefone.campaigns", "demo/40001")`` is document ``40001`` of table ``acefone.campaigns/demo``;
keys without an account (``"_sequences"``) live in the table of that name. ``transaction()`` holds
the lock for a read-modify-write and undoes every write if the block raises; with a DB file,
``files.LogStorage`` (TinyDB's storage) logs the documents it changed when it ends.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from flask import Flask, current_app
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from ..config import MEMORY
from .files import FORMAT_VERSION, LogStorage, StoreError
from .table import DocDB

__all__ = ["FORMAT_VERSION", "SEQUENCES", "AccountView", "Store", "StoreError", "get_store", "init_app"]

SEQUENCES = "_sequences"

_encode = json.JSONEncoder(separators=(",", ":")).encode


def _place(table: str, key: str) -> tuple[str, str]:
    """The TinyDB table and document id of a store key."""
    account, slash, rest = key.partition("/")
    return (f"{table}/{account}", rest) if slash else (table, key)


def _key(name: str, doc_id: str) -> tuple[str, str]:
    """The store table and key of a TinyDB table's document (``_place`` reversed)."""
    table, slash, account = name.partition("/")
    return table, f"{account}/{doc_id}" if slash else doc_id


def _copy(value: Any) -> Any:
    """A plain copy of a JSON value (a ``Document`` becomes a dict)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _replace_with(doc: dict):
    def replace(stored: dict) -> None:
        stored.clear()
        stored.update(doc)

    return replace


class Store:
    """Documents in named tables (``"acefone.campaigns"``), keyed by string."""

    def __init__(self, path: str = MEMORY, *, fsync: bool = False) -> None:
        self.path = path
        memory = path == MEMORY
        self._db = DocDB(storage=MemoryStorage) if memory else DocDB(path, storage=LogStorage, fsync=fsync)
        self._files: LogStorage | None = None if memory else self._db.storage
        self._lock = threading.RLock()
        self._depth = 0
        self._undo: list[tuple[str, str, Document | None] | dict] = []
        self._changed: dict[tuple[str, str], None] = {}  # this transaction's documents, in order
        self._rewrite = False  # a restore: the transaction ends with a new snapshot, not a log line

    # ----- transactions
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock for a read-modify-write; undo every write if the block raises. The writes are
        one log line when the outermost transaction ends, handed to the OS before it returns."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            with self._files.locked() if self._files is not None else nullcontext():
                if self._files is not None:
                    self._files.refresh(final=True)
                self._depth = 1
                try:
                    yield self
                    self._commit()
                except BaseException:
                    self._rollback()
                    raise
                finally:
                    self._depth, self._undo, self._changed, self._rewrite = 0, [], {}, False

    def _commit(self) -> None:
        if self._files is None:
            return
        if self._rewrite:
            self._files.compact()
        elif self._changed:
            self._files.append([[n, i, self._db.table(n).get(doc_id=i)] for n, i in self._changed])

    def _rollback(self) -> None:
        for entry in reversed(self._undo):
            if isinstance(entry, dict):
                self._set_state(entry)
            else:
                self._store_doc(*entry)

    def _store_doc(self, name: str, doc_id: str, doc: dict | None, merge: bool = False) -> None:
        table = self._db.table(name)
        if doc is None:
            table.remove(doc_ids=[doc_id])
        elif not table.contains(doc_id=doc_id):
            table.insert(Document(doc, doc_id=doc_id))
        else:  # the stored dict never leaves TinyDB (reads get a Document copy): changed in place
            table.update(doc if merge else _replace_with(doc), doc_ids=[doc_id])

    def _write(self, table: str, key: str, doc: dict | None, merge: bool = False) -> None:
        name, doc_id = _place(table, str(key))
        if doc is not None:
            doc = json.loads(_encode(doc))  # the stored copy is plain JSON, as reloaded
        with self.transaction():
            self._undo.append((name, doc_id, self._db.table(name).get(doc_id=doc_id)))
            self._changed[(name, doc_id)] = None
            self._store_doc(name, doc_id, doc, merge)

    def _set_state(self, state: dict) -> None:
        self._db.drop_tables()
        for name, docs in state.items():
            self._db.table(name).insert_multiple(Document(doc, doc_id=i) for i, doc in docs.items())

    def _sync(self) -> None:
        """See the other processes' writes (a transaction already has)."""
        if self._files is not None and not self._depth:
            self._files.refresh()

    def _names(self, table: str, prefix: str) -> tuple[list[str], str]:
        """The TinyDB tables a store table's keys starting with ``prefix`` are in, and the id prefix."""
        if "/" in prefix:
            name, id_prefix = _place(table, prefix)
            return [name], id_prefix
        return [n for n in sorted(self._db.tables()) if n == table or n.startswith(table + "/")], ""

    def _docs(self, table: str, prefix: str) -> Iterator[tuple[str, Document]]:
        names, id_prefix = self._names(table, prefix)
        for name in names:
            for doc in self._db.table(name).all():
                key = _key(name, doc.doc_id)[1]
                if doc.doc_id.startswith(id_prefix) and key.startswith(prefix):
                    yield key, doc

    # ----- documents
    def get(self, table: str, key: str) -> dict | None:
        doc = self.peek(table, key)
        return _copy(doc) if doc is not None else None

    def peek(self, table: str, key: str) -> dict | None:
        """The document without a deep copy, for reading only: change a copy (``get``) and ``put`` it."""
        name, doc_id = _place(table, str(key))
        with self._lock:
            self._sync()
            return self._db.table(name).get(doc_id=doc_id)

    def put(self, table: str, key: str, doc: dict) -> None:
        self._write(table, key, doc)

    def merge(self, table: str, key: str, fields: dict) -> None:
        """Write ``fields`` over the stored document (a new one if there is none)."""
        self._write(table, key, fields, merge=True)

    def delete(self, table: str, key: str) -> bool:
        with self.transaction():
            if self.peek(table, key) is None:
                return False
            self._write(table, key, None)
            return True

    def items(self, table: str, prefix: str = "") -> list[tuple[str, dict]]:
        """(key, document) pairs starting with ``prefix``, in insertion order within an account."""
        with self._lock:
            self._sync()
            return [(key, _copy(doc)) for key, doc in self._docs(table, prefix)]

    def keys(self, table: str, prefix: str = "") -> list[str]:
        with self._lock:
            self._sync()
            return [key for key, _ in self._docs(table, prefix)]

    def count(self, table: str, prefix: str = "") -> int:
        with self._lock:
            self._sync()
            names, id_prefix = self._names(table, prefix)
            if not id_prefix and (prefix == "" or "/" in prefix):
                return sum(len(self._db.table(name)) for name in names)
            return sum(1 for _ in self._docs(table, prefix))

    def tables(self) -> list[str]:
        with self._lock:
            self._sync()
            return sorted({_key(n, "")[0] for n in self._db.tables() if len(self._db.table(n))})

    def next_id(self, sequence: str, start: int = 1) -> int:
        """The next number of a named sequence (ids are never reused, even after a delete)."""
        with self.transaction():
            current = self.peek(SEQUENCES, sequence)
            value = max(start, current["next"]) if current else start
            self.put(SEQUENCES, sequence, {"next": value + 1})
            return value

    def is_empty(self) -> bool:
        return not [t for t in self.tables() if t != SEQUENCES]

    def clear(self, namespace: str | None = None, account: str | None = None) -> None:
        """Drop every document, one vendor's (``namespace``), or one account's; ids are never reused."""
        with self.transaction():
            for table in self.tables():
                if table == SEQUENCES or (namespace and not table.startswith(namespace + ".")):
                    continue
                for key in self.keys(table, "" if account is None else f"{account}/"):
                    self._write(table, key, None)

    def snapshot(self) -> dict:
        """An opaque copy of the whole state, for ``restore`` (the per-test reset uses the pair)."""
        with self._lock:
            self._sync()
            return {name: {d.doc_id: d for d in self._db.table(name).all()} for name in self._db.tables()}

    def restore(self, snapshot: dict) -> None:
        """Put back the state ``snapshot`` captured (a DB file gets a new snapshot file)."""
        with self.transaction():
            self._undo.append(self.snapshot())
            self._set_state(snapshot)
            self._rewrite = True

    def account(self, namespace: str, account: str) -> AccountView:
        return AccountView(self, namespace, account)


class AccountView:
    """One account's objects of one vendor: ``view.get("campaigns", "12")`` and so on."""

    def __init__(self, store: Store, namespace: str, account: str) -> None:
        self.store, self.namespace, self.account = store, namespace, str(account)

    def _table(self, kind: str) -> str:
        return f"{self.namespace}.{kind}"

    def _key(self, id_: Any) -> str:
        return f"{self.account}/{id_}"

    def get(self, kind: str, id_: Any) -> dict | None:
        return self.store.get(self._table(kind), self._key(id_))

    def peek(self, kind: str, id_: Any) -> dict | None:
        return self.store.peek(self._table(kind), self._key(id_))

    def exists(self, kind: str, id_: Any) -> bool:
        return self.peek(kind, id_) is not None

    def put(self, kind: str, id_: Any, doc: dict) -> None:
        self.store.put(self._table(kind), self._key(id_), doc)

    def merge(self, kind: str, id_: Any, fields: dict) -> None:
        self.store.merge(self._table(kind), self._key(id_), fields)

    def delete(self, kind: str, id_: Any) -> bool:
        return self.store.delete(self._table(kind), self._key(id_))

    def list(self, kind: str) -> list[dict]:
        return [doc for _, doc in self.store.items(self._table(kind), self._key(""))]

    def count(self, kind: str) -> int:
        return self.store.count(self._table(kind), self._key(""))

    def transaction(self):
        return self.store.transaction()


def init_app(app: Flask) -> None:
    app.extensions["mockdialer.store"] = Store(app.config["DB"], fsync=bool(app.config["FSYNC"]))


def get_store() -> Store:
    return current_app.extensions["mockdialer.store"]
