"""What the DB file's cross-process lock costs an Acefone PUT: the store's lock (``flock`` on a kept
descriptor) against a new ``filelock.FileLock`` per transaction, swapped in for alternate batches of one
app. ``python bench/lock_cost.py [--shared]`` prints the median CPU microseconds per PUT of each over 7
interleaved batches of 300 (Flask's test client, in process). docs/benchmarks.md, "Speed-ups kept"."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

from mockdialer import create_app
from mockdialer.store import files

HEADERS = {"Authorization": "Bearer acefone-demo-token"}
PATH = "/v1/dialer/campaign/40001"


@contextmanager
def filelock_per_transaction(storage: files.LogStorage):
    with FileLock(storage.lock_path, poll_interval=files.LOCK_POLL, thread_local=False):
        yield


def main(shared: bool) -> None:
    kept = files.LogStorage.locked
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DB": str(Path(folder) / "db.json"), "FSYNC": False, "SHARED_STATE": shared})
        client = app.test_client()

        def per_put(n: int = 300) -> float:
            start = time.process_time()
            for i in range(n):
                client.put(PATH, json={"name": f"Bench {i}"}, headers=HEADERS)
            return (time.process_time() - start) / n * 1e6

        per_put(50)
        runs: dict[str, list[float]] = {"kept descriptor": [], "FileLock each": []}
        sides = [("kept descriptor", kept), ("FileLock each", filelock_per_transaction)]
        for round_ in range(7):
            for label, locked in sides if round_ % 2 == 0 else sides[::-1]:
                files.LogStorage.locked = locked
                runs[label].append(per_put())
        files.LogStorage.locked = kept
    for label, values in runs.items():
        spread = f"{min(values):.0f}-{max(values):.0f}"
        mode = "shared" if shared else "file"
        print(f"{mode} {label:16} median {statistics.median(values):6.0f} us ({spread})")


if __name__ == "__main__":
    main("--shared" in sys.argv[1:])
