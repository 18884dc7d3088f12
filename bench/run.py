"""``make bench``: measures issue 6's targets P1-P5 in one run and prints each ratio and whether it holds.

Servers are ``bench/server.py`` subprocesses (the real app on a DB file, served by the threaded
server ``make run`` uses, plus a bare JSON route only the bench adds); load comes from
``bench/load.py`` subprocesses (http.client, one connection per thread; werkzeug's server closes it
after each answer).
``--quick`` divides the request counts by 10 (a smoke run; its figures are not the targets');
``python bench/run.py P3`` measures the named figures only (P1 ... P5).
Exit status 1 when a target misses.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
SCALE = 10 if "--quick" in sys.argv else 1
ONLY = {arg.upper() for arg in sys.argv[1:] if not arg.startswith("-")}
THREADS = 4
P1_ROUNDS = 7
P1_ORDER = ("bare", "put", "put", "bare", "bare", "put")  # ABBA: a linear drift cancels out


def start_server(db: Path, campaigns: int, fsync: bool = False) -> tuple[subprocess.Popen, int, list[str]]:
    proc = subprocess.Popen(
        [PY, str(HERE / "server.py"), str(db), str(campaigns)],
        cwd=REPO,
        env={**os.environ, "MOCKDIALER_FSYNC": "1" if fsync else "0"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline()
    if not line.startswith("PORT "):
        proc.kill()
        raise SystemExit(f"bench server did not start: {line!r}")
    ids = ["40001", "40002", "40003", *(str(70001 + i) for i in range(max(0, campaigns - 3)))]
    return proc, int(line.split()[1]), ids[:campaigns]


def load(port: int, kind: str, total: int, threads: int, ids: list[str], rss_pid: int | None = None) -> dict:
    cmd = [PY, str(HERE / "load.py"), f"127.0.0.1:{port}", kind, str(total), str(threads), *ids]
    if rss_pid is not None:
        cmd += ["--rss", str(rss_pid)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    if result["errors"]:
        raise SystemExit(f"bench: {result['errors']} failed {kind} requests, first: {result['first_error']}")
    return result


def report(name: str, what: str, ratio: float, limit: float, detail: str, at_least: bool = False) -> bool:
    holds = ratio >= limit if at_least else ratio <= limit
    sign = ">=" if at_least else "<="
    verdict = "holds" if holds else "MISSES"
    print(f"{name}  {what:<44} {ratio:6.3f}  (target {sign} {limit})  {verdict}   {detail}", flush=True)
    return holds


def p1(port: int, ids: list[str], label: str = "P1") -> bool:
    """Throughput of the full Acefone PUT against a bare JSON route, same server: ``P1_ROUNDS`` rounds,
    each of bare and PUT runs in the order ``P1_ORDER`` (1,000 requests a run: a drift of the machine's
    speed within a round falls on both kinds alike), the round's ratio from its summed requests and
    seconds; the median of the rounds' ratios."""
    n = 1000 // SCALE
    load(port, "bare", 300, THREADS, ids)
    load(port, "put", 300, THREADS, ids[:10])
    rounds = []
    for _ in range(P1_ROUNDS):
        seconds = {"bare": 0.0, "put": 0.0}
        for kind in P1_ORDER:
            seconds[kind] += load(port, kind, n, THREADS, ids if kind == "bare" else ids[:10])["seconds"]
        per_kind = n * P1_ORDER.count("put")
        put, bare = per_kind / seconds["put"], per_kind / seconds["bare"]
        rounds.append((put / bare, put, bare))
    rounds.sort()
    ratio, put, bare = rounds[len(rounds) // 2]
    detail = (
        f"PUT {put:.0f} req/s, bare route {bare:.0f} req/s ({THREADS} client threads); "
        f"{P1_ROUNDS} rounds {rounds[0][0]:.2f}-{rounds[-1][0]:.2f}"
    )
    what = "Acefone PUT throughput / bare JSON route" + ("" if label == "P1" else ", FSYNC=1")
    return report(label, what, ratio, 0.6, detail, at_least=True)


def p2(small: tuple[int, list[str]], big: tuple[int, list[str]]) -> bool:
    """Median latency of sequential PUTs with 10,000 campaigns stored against 10."""
    n = 1500 // SCALE
    for port, ids in (small, big):
        load(port, "put", 200, 1, ids[:10])
    few, many = [], []
    for _ in range(3):
        few.append(load(small[0], "put", n, 1, small[1])["median_ms"])
        many.append(load(big[0], "put", n, 1, big[1][::1000] + big[1][-5:])["median_ms"])
    f, m = statistics.median(few), statistics.median(many)
    detail = f"median PUT {m:.2f} ms with {len(big[1])} campaigns, {f:.2f} ms with {len(small[1])}"
    return report("P2", "PUT latency, 10,000 campaigns / 10", m / f, 1.5, detail)


def p3(db: Path) -> bool:
    """``import mockdialer; create_app()`` in a fresh interpreter against a bare Flask app's import and
    create (``bench/bare_app.py``), and process start to first answered request against the bare app
    under ``flask run``: interleaved pairs, ratio of the medians. As after an install, the modules'
    bytecode is cached (the warm-up runs write it, whatever ``PYTHONDONTWRITEBYTECODE`` says outside)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["MOCKDIALER_DB"] = str(db)
    env["PYTHONPATH"] = str(REPO / "bench")
    timed = (
        "import time; t = time.perf_counter(); import {0}; {0}.create_app(); print(time.perf_counter() - t)"
    )
    ours, bare = timed.format("mockdialer"), timed.format("bare_app")
    for code in (ours, bare):  # seeds the DB, warms .pyc
        subprocess.run([PY, "-c", code], env=env, check=True, capture_output=True)
    creates: dict[str, list[float]] = {"ours": [], "bare": []}
    firsts: dict[str, list[float]] = {"ours": [], "bare": []}
    for _ in range(9):
        for name, code in (("ours", ours), ("bare", bare)):
            run = subprocess.run([PY, "-c", code], env=env, check=True, capture_output=True, text=True)
            creates[name].append(float(run.stdout))
    for _ in range(5):
        firsts["ours"].append(first_response(env, "mockdialer", "/v1/dialer/campaign/40001"))
        firsts["bare"].append(first_response(env, "bare_app", "/v1/dialer/campaign/40001"))
    (co, cb), (fo, fb) = (
        (statistics.median(t["ours"]), statistics.median(t["bare"])) for t in (creates, firsts)
    )
    ok = report(
        "P3", "import + create_app() / bare Flask's", co / cb, 1.4, f"{co:.3f} s / {cb:.3f} s, median of 9"
    )
    detail = f"{fo:.3f} s / {fb:.3f} s, median of 5"
    f = fo / fb
    return report("P3", "start to first response / bare Flask's (flask run)", f, 1.4, detail) and ok


def first_response(env: dict, app: str, path: str) -> float:
    import http.client
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [PY, "-m", "flask", "--app", app, "run", "--port", str(port)]
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", path, headers={"Authorization": "Bearer acefone-demo-token"})
                if conn.getresponse().status == 200:
                    return time.perf_counter() - began
            except OSError:
                time.sleep(0.002)
            if time.perf_counter() - began > 30 or proc.poll() is not None:
                raise SystemExit(f"bench: flask run of {app} did not answer")
    finally:
        proc.kill()
        proc.wait()


def p4() -> bool:
    """The pytest plugin's per-test reset (``mockdialer`` fixture -> MockDialer.reset), after a PUT."""
    sys.path.insert(0, str(REPO))
    from mockdialer import create_app
    from mockdialer.admin import actions as ops

    app = create_app({"DB": ":memory:", "TESTING": True})  # as the plugin's mockdialer_app builds it
    ops.capture_baseline(app)
    client = app.test_client()
    headers = {"Authorization": "Bearer acefone-demo-token"}
    store = app.extensions["mockdialer.store"]
    snap = store.snapshot()
    resets, restores = [], []
    for i in range(300):
        client.put("/v1/dialer/campaign/40001", json={"description": f"test {i}"}, headers=headers)
        t = time.perf_counter()
        ops.reset(app)
        resets.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.restore(snap)
        restores.append(time.perf_counter() - t)
    r, s = statistics.median(resets) * 1000, statistics.median(restores) * 1000
    docs = sum(store.count(t) for t in store.tables())
    detail = f"store.restore alone {s:.3f} ms; {docs} documents seeded"
    return report("P4", "plugin per-test reset, ms (median of 300)", r, 2.0, detail)


def p5(db: Path) -> bool:
    """Resident memory of the server after 100,000 requests (PUT and GET, alternating) against 1,000."""
    proc, port, ids = start_server(db, 10)
    try:
        early = load(port, "mix", 1000, THREADS, ids, rss_pid=proc.pid)["rss_kib"]
        late = load(port, "mix", 100_000 // SCALE - 1000, THREADS, ids, rss_pid=proc.pid)["rss_kib"]
    finally:
        proc.kill()
        proc.wait()
    total = 100_000 // SCALE
    detail = f"RSS {late / 1024:.1f} MiB after {total} requests, {early / 1024:.1f} MiB after 1,000"
    return report("P5", "RSS after 100,000 requests / after 1,000", late / early, 1.2, detail)


def all_figures(root: Path) -> list[bool]:
    results = []
    small, small_port, small_ids = start_server(root / "small.json", 10)
    servers = [small]
    try:
        results.append(p1(small_port, small_ids))
        # seeding 10,000 campaigns writes and fsyncs megabytes: started after P1, not beside it
        big, big_port, big_ids = start_server(root / "big.json", 10_000)
        servers.append(big)
        results.append(p2((small_port, small_ids), (big_port, big_ids)))
    finally:
        for proc in servers:
            proc.kill()
            proc.wait()
    # not a target: the same figure with MOCKDIALER_FSYNC=1 (on disk before the answer), to show its cost
    synced, synced_port, synced_ids = start_server(root / "fsync.json", 10, fsync=True)
    try:
        p1(synced_port, synced_ids, label="(info)")
    finally:
        synced.kill()
        synced.wait()
    results.append(p3(root / "p3.json"))
    results.append(p4())
    results.append(p5(root / "p5.json"))
    return results


def main() -> None:
    print(
        f"mockdialer bench: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
        + (" (--quick: counts / 10)" if SCALE > 1 else ""),
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="mockdialer-bench-") as tmp:
        root = Path(tmp)
        alone = {"P3": lambda: p3(root / "p3.json"), "P4": p4, "P5": lambda: p5(root / "p5.json")}
        if ONLY - alone.keys():
            raise SystemExit(f"bench: figures measured alone: {', '.join(alone)}")
        results = [alone[name]() for name in sorted(ONLY)] if ONLY else all_figures(root)
    missed = results.count(False)
    print("all targets hold" if not missed else f"{missed} target(s) missed", flush=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
