"""The DB file: reopening, a torn last line, compaction, damaged files, crashes mid-write or compaction."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mockdialer.store import FORMAT_VERSION, Store, StoreError, files

HERE = Path(__file__).parent
WRITER, COMPACTOR = HERE / "writer.py", HERE / "compactor.py"


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _tear(path: Path) -> None:
    """Half a line at the end of the write log, as a process killed in the middle of its write leaves."""
    with open(f"{path}.log", "ab") as fh:
        fh.write(b'[["t.x/a","2",{"v"')


def test_a_write_leaves_the_snapshot_alone_and_a_reopened_store_has_it(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    snapshot = path.read_bytes()
    store.put("t.x", "a/1", {"v": 1})
    with store.transaction():
        store.put("t.x", "a/2", {"v": 2})
        store.delete("t.x", "a/1")
    assert path.read_bytes() == snapshot
    assert json.loads(snapshot)["_mockdialer"]["format"]["version"] == FORMAT_VERSION
    assert Store(str(path)).items("t.x") == [("a/2", {"v": 2})]


def test_a_torn_last_line_is_dropped_and_the_log_goes_on(tmp_path):
    path = tmp_path / "db.json"
    Store(str(path)).put("t.x", "a/1", {"v": 1})
    _tear(path)
    store = Store(str(path))
    assert store.items("t.x") == [("a/1", {"v": 1})]
    store.put("t.x", "a/3", {"v": 3})
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/3", {"v": 3})]


def test_a_line_torn_by_a_dead_process_is_cut_by_a_running_one(tmp_path):
    path = tmp_path / "db.json"
    running = Store(str(path))
    running.put("t.x", "a/1", {"v": 1})
    _tear(path)
    assert running.get("t.x", "a/1") == {"v": 1}  # a read leaves the half line alone (it may be growing)
    running.put("t.x", "a/3", {"v": 3})  # a transaction holds the lock: the half line is a dead write
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/3", {"v": 3})]


def test_a_damaged_line_inside_the_log_stops_the_start_and_nothing_is_rewritten(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    store.put("t.x", "a/2", {"v": 2})
    log = tmp_path / "db.json.log"
    lines = log.read_bytes().split(b"\n")
    lines[1] = b"garbage"
    log.write_bytes(b"\n".join(lines))
    before = (path.read_bytes(), log.read_bytes())
    with pytest.raises(StoreError) as info:
        Store(str(path))
    assert str(path) in str(info.value) and "move it away" in str(info.value)
    assert (path.read_bytes(), log.read_bytes()) == before


def test_a_file_of_the_earlier_format_is_named_and_left_alone(tmp_path):
    path = tmp_path / "db.json"
    content = json.dumps({"_mockdialer": {"format": {"version": 3, "generation": 0}}, "t.x": {"a/1": {}}})
    path.write_text(content)
    with pytest.raises(StoreError) as info:
        Store(str(path))
    assert str(path) in str(info.value) and "version 3" in str(info.value)
    assert path.read_text() == content


def test_compaction_folds_the_log_into_a_new_snapshot_that_other_processes_load(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "COMPACT_BYTES", 2000)
    path = tmp_path / "db.json"
    store = Store(str(path))
    other = Store(str(path))  # another process's view of the same file
    snapshot = path.read_bytes()
    for i in range(40):
        store.put("t.x", f"a/{i}", {"i": i, "pad": "x" * 100})
        if i % 7 == 0:
            assert other.count("t.x") == i + 1
    assert path.read_bytes() != snapshot
    assert other.count("t.x") == 40
    other.put("t.x", "a/40", {"i": 40})
    assert Store(str(path)).items("t.x") == store.items("t.x") == other.items("t.x")
    assert _leftovers(tmp_path) == []


def test_a_log_older_than_the_snapshot_is_ignored(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    stale = (tmp_path / "db.json.log").read_bytes()
    store.restore(store.snapshot())  # a new snapshot generation
    store.put("t.x", "a/1", {"v": 2})
    (tmp_path / "db.json.log").write_bytes(stale)  # as if a crash hit between snapshot and log rename
    assert Store(str(path)).get("t.x", "a/1") == {"v": 1}


def test_a_merge_is_seen_by_every_reader_and_rolled_back_with_its_transaction(tmp_path):
    path = tmp_path / "db.json"
    store, other = Store(str(path)), Store(str(path))
    store.put("t.x", "a/1", {"v": 1, "name": "first", "tags": ["x"]})
    store.merge("t.x", "a/1", {"name": "second"})
    store.merge("t.x", "a/2", {"v": 2})  # nothing stored yet: the fields are the document
    merged = [("a/1", {"v": 1, "name": "second", "tags": ["x"]}), ("a/2", {"v": 2})]
    assert store.items("t.x") == other.items("t.x") == Store(str(path)).items("t.x") == merged
    with pytest.raises(RuntimeError), store.transaction():
        store.merge("t.x", "a/1", {"name": "third"})
        raise RuntimeError("the view failed after the write")
    assert store.items("t.x") == other.items("t.x") == Store(str(path)).items("t.x") == merged


def test_restore_on_a_file_store_is_durable_and_seen_by_other_processes(tmp_path):
    path = tmp_path / "db.json"
    store, other = Store(str(path)), Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    snap = store.snapshot()
    store.put("t.x", "a/2", {"v": 2})
    assert other.count("t.x") == 2
    store.restore(snap)
    assert other.items("t.x") == [("a/1", {"v": 1})]
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1})]


@pytest.mark.parametrize("fsync", [False, True])
def test_writes_reach_the_file_with_and_without_fsync(tmp_path, fsync):
    path = tmp_path / "db.json"
    store = Store(str(path), fsync=fsync)
    store.put("t.x", "a/1", {"v": 1})
    store.restore(store.snapshot())
    store.put("t.x", "a/2", {"v": 2})
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/2", {"v": 2})]


def test_a_crash_between_a_compactions_write_and_its_rename_loses_nothing(tmp_path):
    path = tmp_path / "db.json"
    proc = subprocess.run(
        [sys.executable, str(COMPACTOR), str(path), "50"], capture_output=True, text=True, timeout=60
    )
    assert proc.stdout == "acked\n" and proc.returncode == 9, proc.stderr
    assert _leftovers(tmp_path)  # the new snapshot's temporary file, never renamed
    store = Store(str(path))
    assert store.items("t.docs") == [(f"a/{n}", {"n": n}) for n in range(50)]
    assert _leftovers(tmp_path) == []


def test_sigkill_in_a_write_burst_never_loses_an_acknowledged_write(tmp_path):
    path = str(tmp_path / "db.json")
    rng = random.Random(6)
    next_n = acked = 0
    for _ in range(5):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), path, str(next_n)], stdout=subprocess.PIPE, text=True
        )
        target = next_n + rng.randint(30, 300)
        for line in proc.stdout:
            acked = int(line.split()[1])
            if acked >= target:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        store = Store(path)  # always loads
        docs = dict(store.items("t.docs"))
        assert all(f"a/{n}" in docs for n in range(acked + 1))
        assert store.get("t.counter", "a/1") == {"n": len(docs)}  # each transaction whole or not at all
        assert _leftovers(tmp_path) == []
        next_n = max(int(k.split("/")[1]) for k in docs) + 1
