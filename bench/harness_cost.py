"""What a request pays for the harness's state: an Acefone PUT and a GET through Flask's test client (in
process, no server), on ``:memory:``, on a DB file, on a DB file with ``SHARED_STATE``, with no fault
rule and with one that never matches. ``python bench/harness_cost.py [N]`` prints the median
microseconds of each, over 7 runs of N requests (default 300), in CPU time of this process (user and
system: a loaded machine moves it least). docs/architecture.md, "One state across workers", has the
figures."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from mockdialer import create_app

HEADERS = {"Authorization": "Bearer acefone-demo-token"}
PATH = "/v1/dialer/campaign/40001"


def per_request(client, method: str, n: int) -> float:
    start = time.process_time()
    for i in range(n):
        if method == "PUT":
            client.put(PATH, json={"name": f"Bench {i}"}, headers=HEADERS)
        else:
            client.get(PATH, headers=HEADERS)
    return (time.process_time() - start) / n * 1e6


def main(n: int = 300) -> None:
    with tempfile.TemporaryDirectory() as folder:
        apps = {
            "memory": create_app({"DB": ":memory:", "FSYNC": False}),
            "file": create_app({"DB": str(Path(folder) / "db.json"), "FSYNC": False}),
            "shared": create_app({"DB": str(Path(folder) / "s.json"), "FSYNC": False, "SHARED_STATE": True}),
        }
        for label, app in apps.items():
            client = app.test_client()
            for rule in (None, {"action": "error", "status": 503, "path": "/nowhere"}):
                if rule:
                    client.post("/__admin/faults", json=rule)
                for method in ("PUT", "GET"):
                    per_request(client, method, 50)  # warm
                    runs = sorted(per_request(client, method, n) for _ in range(7))
                    what = f"{label:6} {method:3} {'one rule' if rule else 'no rule':8}"
                    spread = f"runs {runs[0]:.1f}-{runs[-1]:.1f}"
                    print(f"{what} median {statistics.median(runs):7.1f} us  ({spread})")
            client.delete("/__admin/faults")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
