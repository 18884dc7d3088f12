"""HTTP load generator, run as its own process so it never shares a GIL with the server.

``python bench/load.py <host:port> <kind> <requests> <threads> [campaign ids...]`` sends ``requests``
requests from ``threads`` threads (http.client, one connection each, reopened whenever the server
closes it: werkzeug's server closes every connection after one answer) and prints one JSON line:
requests, errors, seconds, rps, and the latencies' median and 90th percentile in ms, plus the RSS of
a process if ``--rss <pid>`` is given (read once the last response is in).

kinds: ``bare`` (GET /bench/bare), ``put`` (Acefone PUT /v1/dialer/campaign/<id>, round the ids),
``get`` (Acefone GET of the same), ``mix`` (PUT and GET alternating).
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time

TOKEN = "acefone-demo-token"


def request_for(kind: str, n: int, ids: list[str]) -> tuple[str, str, bytes | None, dict]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if kind == "bare":
        return "GET", "/bench/bare", None, {}
    path = f"/v1/dialer/campaign/{ids[n % len(ids)]}"
    if kind == "get" or (kind == "mix" and n % 2):
        return "GET", path, None, headers
    body = json.dumps({"description": f"bench update {n}"}).encode()
    return "PUT", path, body, {**headers, "Content-Type": "application/json"}


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))


def run(target: str, kind: str, total: int, threads: int, ids: list[str]) -> dict:
    host, port = target.rsplit(":", 1)
    latencies: list[float] = []
    errors: list[str] = []
    requests = [request_for(kind, n, ids) for n in range(total)]  # built before the clock starts
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        mine: list[float] = []
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            method, path, body, headers = requests[n]
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors.append(f"{resp.status} {method} {path}")
            except (OSError, http.client.HTTPException) as exc:
                errors.append(repr(exc))
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    began = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": total,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "seconds": seconds,
        "rps": total / seconds,
        "median_ms": statistics.median(latencies) * 1000,
        "p90_ms": latencies[int(len(latencies) * 0.9)] * 1000,
    }


def main(argv: list[str]) -> None:
    rss_pid = None
    if "--rss" in argv:
        at = argv.index("--rss")
        rss_pid = int(argv[at + 1])
        del argv[at : at + 2]
    target, kind, total, threads, *ids = argv
    result = run(target, kind, int(total), int(threads), ids)
    if rss_pid is not None:
        result["rss_kib"] = rss_kib(rss_pid)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
