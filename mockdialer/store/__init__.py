"""The one interface over TinyDB: ``Store`` (and its account-scoped ``AccountView``), JSON documents keyed
by string. ``("acefone.campaigns", "demo/40001")`` is document ``40001`` of TinyDB table
``acefone.campaigns/demo``; a key without an account (``_sequences``) is in table ``_sequences``.
With a DB file, ``files.LogStorage`` keeps the state; each transaction is one line of its log.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from flask import Flask, current_app
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from ..config import MEMORY
from .files import FORMAT_VERSION, LogStorage, StoreError, plain
from .table import DocDB

__all__ = ["FORMAT_VERSION", "SEQUENCES", "AccountView", "Store", "StoreError", "get_store", "init_app"]

SEQUENCES = "_sequences"


def _place(table: str, key: str) -> tuple[str, str]:
    """The TinyDB table and document id of a store key."""
    account, slash, rest = key.partition("/")
    return (f"{table}/{account}", rest) if slash else (table, key)


def _copy(value: Any) -> Any:
    """A plain copy of a JSON value (a ``Document`` becomes a dict)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return [_copy(v) for v in value] if isinstance(value, list) else value


class Store:
    """Documents in named tables (``"acefone.campaigns"``), keyed by string."""

    def __init__(self, path: str = MEMORY, *, fsync: bool = False) -> None:
        self.path = path
        memory = path == MEMORY
        self._db = DocDB(storage=MemoryStorage) if memory else DocDB(path, storage=LogStorage, fsync=fsync)
        self._files: LogStorage | None = None if memory else self._db.storage
        self._lock = threading.RLock()
        self._active = False  # a transaction is open, in the thread holding the lock
        self._changed: dict[tuple[str, str], dict | None] = {}  # (TinyDB table, doc id): document before
        self._before: dict | None = None  # the state before a restore (its transaction ends in a compaction)

    def transaction(self) -> Transaction:
        """The lock for a read-modify-write (``with store.transaction():``); every write undone if the
        block raises. The outermost transaction's writes are one log line, handed to the OS (synced,
        with fsync) before it returns; a nested one commits or rolls back with the outermost."""
        return Transaction(self)

    def _begin(self) -> None:
        """The outermost transaction's start (under the thread lock): the DB file's lock, what other
        processes wrote."""
        files = self._files
        if files:
            files.lock()
            try:
                files.refresh(final=True)
            except BaseException:
                files.unlock()
                raise
        self._active = True

    def _end(self, commit: bool) -> int | None:
        """The outermost transaction's end: its writes committed (or rolled back), the DB file's lock
        given back. Returns the descriptor ``LogStorage.flush`` syncs (with fsync) once the locks are."""
        files = self._files
        try:
            if not commit:
                self._rollback()
            elif files and self._before is not None:
                files.compact()
            elif files and self._changed:
                return files.append(self._changed)
            return None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._active, self._changed, self._before = False, {}, None
            if files:
                files.unlock()

    def _rollback(self) -> None:
        if self._before is not None:
            self._set_state(self._before)
        else:
            for (name, doc_id), doc in self._changed.items():
                self._set(name, doc_id, doc)

    def _set(self, name: str, doc_id: str, doc: dict | None) -> None:
        table = self._db.table(name)
        if doc is None:
            table.remove(doc_ids=[doc_id])
        else:
            table.put(doc_id, doc)

    def _write(self, table: str, key: str, doc: dict | None, merge: bool = False) -> bool:
        """Whether there was a document (deleting none changes nothing)."""
        name, doc_id = _place(table, str(key))
        doc = None if doc is None else plain(doc)
        with self.transaction():
            before = self._db.table(name).peek(doc_id)
            if before is not None or doc is not None:
                self._changed.setdefault((name, doc_id), before)
                self._set(name, doc_id, {**before, **doc} if merge and before else doc)
            return before is not None

    def _set_state(self, state: dict) -> None:
        self._db.drop_tables()
        for name, docs in state.items():
            self._db.table(name).insert_multiple(Document(doc, doc_id=i) for i, doc in docs.items())

    def _see_others(self) -> None:
        """See the other processes' writes (under the lock; a transaction has seen them)."""
        if self._files and not self._active:
            self._files.refresh()

    def _names(self, table: str, prefix: str = "") -> list[str]:
        """The TinyDB tables that may hold keys starting with ``prefix``."""
        if "/" in prefix:
            return [_place(table, prefix)[0]]
        return [n for n in sorted(self._db.tables()) if n.partition("/")[0] == table]

    def _docs(self, table: str, prefix: str) -> Iterator[tuple[str, Document]]:
        for name in self._names(table, prefix):
            account = name.partition("/")[2]
            for doc in self._db.table(name).all():
                key = f"{account}/{doc.doc_id}" if "/" in name else doc.doc_id
                if key.startswith(prefix):
                    yield key, doc

    def get(self, table: str, key: str) -> dict | None:
        doc = self.peek(table, key)
        return _copy(doc) if doc is not None else None

    def peek(self, table: str, key: str) -> dict | None:
        """The stored document itself, for reading only: change a copy (``get``) and ``put`` it."""
        name, doc_id = _place(table, str(key))
        with self._lock:
            self._see_others()
            return self._db.table(name).peek(doc_id)

    def peek_each(self, *places: tuple[str, str]) -> list[dict | None]:
        """``peek`` of each (table, key), the other processes' writes looked at once for all."""
        with self._lock:
            self._see_others()
            return [self._db.table(name).peek(doc_id) for name, doc_id in (_place(*p) for p in places)]

    def put(self, table: str, key: str, doc: dict) -> None:
        self._write(table, key, doc)

    def merge(self, table: str, key: str, fields: dict) -> None:
        """Write ``fields`` over the stored document (a new one if there is none)."""
        self._write(table, key, fields, merge=True)

    def delete(self, table: str, key: str) -> bool:
        return self._write(table, key, None)

    def items(self, table: str, prefix: str = "") -> list[tuple[str, dict]]:
        """(key, document) pairs starting with ``prefix``, in insertion order within an account."""
        with self._lock:
            self._see_others()
            return [(key, _copy(doc)) for key, doc in self._docs(table, prefix)]

    def peek_docs(self, table: str, account: str) -> list[dict]:
        """One account's documents without the deep copy or their keys, for reading only (as ``peek``)."""
        with self._lock:
            self._see_others()
            return self._db.table(f"{table}/{account}").peek_all()

    def keys(self, table: str, prefix: str = "") -> list[str]:
        with self._lock:
            self._see_others()
            return [key for key, _ in self._docs(table, prefix)]

    def count(self, table: str, prefix: str = "") -> int:
        with self._lock:
            self._see_others()
            if not prefix or prefix.endswith("/") and prefix.count("/") == 1:  # whole TinyDB tables
                return sum(len(self._db.table(name)) for name in self._names(table, prefix))
            return sum(1 for _ in self._docs(table, prefix))

    def tables(self) -> list[str]:
        with self._lock:
            self._see_others()
            return sorted({n.partition("/")[0] for n in self._db.tables() if len(self._db.table(n))})

    def next_id(self, sequence: str, start: int = 1) -> int:
        """The next number of a named sequence (ids are never reused, even after a delete)."""
        with self.transaction():
            current = self.peek(SEQUENCES, sequence)
            value = max(start, current["next"]) if current else start
            self.put(SEQUENCES, sequence, {"next": value + 1})
            return value

    def is_empty(self) -> bool:
        """No vendor data (tables named ``_...``, the store's and the harness's own, do not count)."""
        return not [t for t in self.tables() if not t.startswith("_")]

    @property
    def shared(self) -> bool:
        """Whether the state is a DB file other processes may serve too (else it is this process's)."""
        return self._files is not None

    def clear(self, namespace: str | None = None, account: str | None = None) -> None:
        """Drop every document, one vendor's (``namespace``), or one account's; ids are never reused."""
        with self.transaction():
            for table in self.tables():
                if table != SEQUENCES and (not namespace or table.startswith(namespace + ".")):
                    for key in self.keys(table, "" if account is None else f"{account}/"):
                        self._write(table, key, None)

    def snapshot(self) -> dict:
        """An opaque copy of the whole state, for ``restore`` (the per-test reset uses the pair)."""
        with self._lock:
            self._see_others()
            return {name: {d.doc_id: d for d in self._db.table(name).all()} for name in self._db.tables()}

    def restore(self, snapshot: dict) -> None:
        """Put back the state ``snapshot`` captured (a DB file gets a new snapshot file)."""
        with self.transaction():
            if self._before is None:
                self._rollback()  # to the transaction's start: the state to put back if it fails
                self._before = self.snapshot()
            self._set_state(snapshot)

    def account(self, namespace: str, account: str) -> AccountView:
        return AccountView(self, namespace, account)


class Transaction:
    """``Store.transaction``'s context manager."""

    __slots__ = ("store", "outer")

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Store:
        store = self.store
        store._lock.acquire()
        self.outer = not store._active
        if self.outer:
            try:
                store._begin()
            except BaseException:
                store._lock.release()
                raise
        return store

    def __exit__(self, exc_type: type | None, *_exc: object) -> None:
        store = self.store
        try:
            unsynced = store._end(commit=exc_type is None) if self.outer else None
        finally:
            store._lock.release()
        if unsynced is not None:
            store._files.flush(unsynced)


class AccountView:
    """One account's objects of one vendor: ``view.get("campaigns", "12")`` and so on."""

    def __init__(self, store: Store, namespace: str, account: str) -> None:
        self.store, self.namespace, self.account = store, namespace, str(account)

    def _at(self, kind: str, id_: Any = "") -> tuple[str, str]:
        return f"{self.namespace}.{kind}", f"{self.account}/{id_}"

    def get(self, kind: str, id_: Any) -> dict | None:
        return self.store.get(*self._at(kind, id_))

    def peek(self, kind: str, id_: Any) -> dict | None:
        return self.store.peek(*self._at(kind, id_))

    def exists(self, kind: str, id_: Any) -> bool:
        return self.peek(kind, id_) is not None

    def put(self, kind: str, id_: Any, doc: dict) -> None:
        self.store.put(*self._at(kind, id_), doc)

    def merge(self, kind: str, id_: Any, fields: dict) -> None:
        self.store.merge(*self._at(kind, id_), fields)

    def delete(self, kind: str, id_: Any) -> bool:
        return self.store.delete(*self._at(kind, id_))

    def list(self, kind: str) -> list[dict]:
        return [doc for _, doc in self.store.items(*self._at(kind))]

    def peek_list(self, kind: str) -> list[dict]:
        """``list`` without the deep copy, for reading only: change a copy (``get``) and ``put`` it."""
        return self.store.peek_docs(f"{self.namespace}.{kind}", self.account)

    def count(self, kind: str) -> int:
        return self.store.count(*self._at(kind))

    def transaction(self):
        return self.store.transaction()


def init_app(app: Flask) -> None:
    app.extensions["mockdialer.store"] = Store(app.config["DB"], fsync=bool(app.config["FSYNC"]))


def get_store(app: Flask | None = None) -> Store:
    return (app or current_app).extensions["mockdialer.store"]
