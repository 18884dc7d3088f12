"""Many threads and many processes on one DB file: no update lost, every process sees the others."""

from __future__ import annotations

import multiprocessing
import threading

from mockdialer.store import Store, files

THREADS, TOTAL = 8, 1000


def _bump(store: Store, key: str) -> None:
    with store.transaction():
        doc = store.get("t.x", key) or {"n": 0}
        store.put("t.x", key, {"n": doc["n"] + 1})


def _run_threads(target) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(i: int) -> None:
        try:
            target(i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted empty
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_eight_threads_a_thousand_writes_to_one_document_and_to_many(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))

    def work(i: int) -> None:
        for j in range(TOTAL // THREADS):
            _bump(store, "a/shared")
            store.put("t.x", f"a/{i}-{j}", {"by": i, "j": j})

    assert _run_threads(work) == []
    assert store.get("t.x", "a/shared") == {"n": TOTAL}
    assert store.count("t.x") == TOTAL + 1
    reopened = Store(str(path))
    assert reopened.items("t.x") == store.items("t.x")


def test_threads_each_with_their_own_store_on_one_file(tmp_path):
    path = str(tmp_path / "db.json")
    stores = [Store(path) for _ in range(THREADS)]  # as separate processes would: the flock serialises

    def work(i: int) -> None:
        for _ in range(50):
            _bump(stores[i], "a/shared")

    assert _run_threads(work) == []
    assert all(s.get("t.x", "a/shared") == {"n": THREADS * 50} for s in stores)


def _process(path: str, inherited: Store | None, index: int, rounds: int, barrier, out) -> None:
    if index == 3:
        files.COMPACT_BYTES = 2048  # one process compacts often: the others reload its snapshots
    store = inherited or Store(path)
    for j in range(rounds):
        _bump(store, "a/shared")
        store.put("t.x", f"a/p{index}-{j}", {"by": index})
    barrier.wait(timeout=30)  # every process has acknowledged all of its writes
    seen = sorted({doc["by"] for key, doc in store.items("t.x") if key != "a/shared"})
    out.put((index, seen, store.get("t.x", "a/shared")["n"]))


def test_four_processes_read_modify_write_one_file(tmp_path):
    path = str(tmp_path / "db.json")
    parent = Store(path)
    parent.put("t.x", "a/shared", {"n": 0})
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(4), ctx.Queue()
    # two processes use a store opened before the fork, two open their own
    procs = [
        ctx.Process(target=_process, args=(path, parent if i < 2 else None, i, 150, barrier, out))
        for i in range(4)
    ]
    for p in procs:
        p.start()
    results = sorted(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert [seen for _, seen, _ in results] == [[0, 1, 2, 3]] * 4
    assert [n for _, _, n in results] == [600] * 4
    assert parent.get("t.x", "a/shared") == {"n": 600}
    assert Store(path).count("t.x") == 601
