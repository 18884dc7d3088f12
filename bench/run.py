"""``make bench``: measures the targets P1-P5 and P7 in one run and prints each ratio and whether it holds.

P1, P2 and P5 run against ``bench/server.py`` subprocesses (the real app on a DB file, served by the
threaded server ``make run`` uses, plus a bare JSON route only the bench adds), loaded by
``bench/load.py`` subprocesses (http.client, one connection per thread; werkzeug's server closes it
after each answer). P3 starts the peers as ``bench/peers.py`` does (installed by ``make bench-peers``;
without them P3 says so and is left out). P4 and P7 run in process (P7: ``bench/inprocess.py``).
``--quick`` divides the request counts by 10 (a smoke run; its figures are not the targets');
``python bench/run.py P3 P7`` measures the named figures only (P1, P3, P4, P5, P7).
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

import peers

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
SCALE = 10 if "--quick" in sys.argv else 1
ONLY = {arg.upper() for arg in sys.argv[1:] if not arg.startswith("-")}
THREADS = 4
P1_ROUNDS = 7
P1_ORDER = ("bare", "put", "put", "bare", "bare", "put")  # ABBA: a linear drift cancels out
P3_ROUNDS = 5
P3_TARGETS = {"moto": 1.0, "json-server": 1.2, "prism": 0.3, "wiremock": 0.3}  # ours / theirs, at most
P7_ROUNDS = 5
MISSED: list[str] = []  # the targets that missed, as report() printed them ("(info)" is none)


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
    MISSED.extend([] if holds or name == "(info)" else [name])
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


def p3(root: Path) -> bool | None:
    """Process start to first answered request: ``flask --app mockdialer run`` on a new DB file against
    the peers a user would start instead (moto server, json-server, Prism 5, WireMock 3, each as
    ``bench/peers.py`` starts it, its files fresh each time), interleaved, ``P3_ROUNDS`` starts each
    after one warm-up start (bytecode written, files cached, as after an install); ratio of the
    medians. None when the peers are not installed."""
    if not peers.installed():
        print("P3  not measured: the peers are not installed; run `make bench-peers` first", flush=True)
        return None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    starts: dict[str, list[float]] = {name: [] for name in ("ours", *P3_TARGETS)}
    for round_ in range(P3_ROUNDS + 1):
        order = list(starts) if round_ % 2 == 0 else list(reversed(starts))
        for name in order:
            folder = root / f"{name}-{round_}"
            if name == "ours":
                port = peers.free_port()
                cmd = [PY, "-m", "flask", "--app", "mockdialer", "run", "--port", str(port)]
                db = {"MOCKDIALER_DB": str(folder / "mockdialer.json")}
                folder.mkdir(parents=True)
                peer = peers.Peer("ours", port, cmd, db)
            else:
                peer = peers.command(name, folder)
            seconds = first_response(peer, env)
            if round_:  # the first round warms up
                starts[name].append(seconds)
    ours = statistics.median(starts["ours"])
    ok = True
    for name, limit in P3_TARGETS.items():
        theirs = statistics.median(starts[name])
        detail = f"{ours:.3f} s / {theirs:.3f} s, medians of {P3_ROUNDS}"
        ok = report("P3", f"start to first answer / {name}'s", ours / theirs, limit, detail) and ok
    return ok


def first_response(peer: peers.Peer, env: dict) -> float:
    """Seconds from starting ``peer`` to its first 2xx answer to its question."""
    import http.client

    began = time.perf_counter()
    proc = subprocess.Popen(
        peer.cmd,
        env={**env, **peer.env},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", peer.port, timeout=5)
                conn.request(peer.method, peer.path, body=peer.body, headers=peer.headers)
                if 200 <= conn.getresponse().status < 300:
                    return time.perf_counter() - began
            except OSError:
                time.sleep(0.002)
            finally:
                conn.close()
            if time.perf_counter() - began > 60 or proc.poll() is not None:
                raise SystemExit(f"bench: {peer.name} did not answer {peer.method} {peer.path}")
    finally:
        peers.stop(proc)


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


def p7() -> bool:
    """In-process, what a test suite pays (``bench/inprocess.py``): ``mock_vendors()`` entered and
    left against moto's ``mock_aws()``, a full Acefone PUT through it against the same PUT answered
    by a static ``responses`` stub and against moto's DynamoDB UpdateItem under ``mock_aws``. moto
    runs from the venv ``make bench-peers`` installs (``.peers/moto``), never this one. The two sides
    alternate, ``P7_ROUNDS`` processes each; a figure is the median of the rounds' medians."""
    n = 500 // SCALE
    have_moto = peers.MOTO_PYTHON.exists()
    sides = {"ours": PY, **({"moto": str(peers.MOTO_PYTHON)} if have_moto else {})}
    rounds: dict[str, list[dict]] = {side: [] for side in sides}
    for round_ in range(P7_ROUNDS):
        for side in sides if round_ % 2 == 0 else reversed(sides):
            cmd = [sides[side], str(HERE / "inprocess.py"), side, str(n)]
            out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
            rounds[side].append(json.loads(out))

    def fig(side: str, key: str) -> float:
        return statistics.median(r[key] for r in rounds[side])

    put, stub = fig("ours", "put_ms"), fig("ours", "stub_put_ms")
    cpu = ", ".join(
        f"{side} {key.removesuffix('_ms')} {fig(side, 'cpu_' + key):.3f}"
        for side in sides
        for key in rounds[side][0]
        if not key.startswith("cpu_")
    )
    print(f"P7  (info) the same in CPU time, ms: {cpu}", flush=True)
    detail = f"{put:.3f} ms / {stub:.3f} ms"
    ok = report("P7", "Acefone PUT via mock_vendors() / responses stub", put / stub, 1.6, detail)
    if not have_moto:
        print("P7  moto not measured: it is not installed; run `make bench-peers` first", flush=True)
        return ok
    ours, theirs = fig("ours", "enter_exit_ms"), fig("moto", "enter_exit_ms")
    detail = f"{ours:.3f} ms / {theirs:.3f} ms"
    ok = report("P7", "mock_vendors() enter+exit / moto mock_aws()'s", ours / theirs, 1.0, detail) and ok
    update = fig("moto", "update_ms")
    detail = f"{update:.3f} ms / {put:.3f} ms"
    what = "moto UpdateItem / our PUT, in-process"
    return report("P7", what, update / put, 2.0, detail, at_least=True) and ok


def p1_alone(root: Path) -> bool:
    proc, port, ids = start_server(root / "small.json", 10)
    try:
        return p1(port, ids)
    finally:
        proc.kill()
        proc.wait()


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
    results.append(p3(root / "p3"))
    results.append(p4())
    results.append(p5(root / "p5.json"))
    results.append(p7())
    return results


def main() -> None:
    print(
        f"mockdialer bench: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
        + (" (--quick: counts / 10)" if SCALE > 1 else ""),
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="mockdialer-bench-") as tmp:
        root = Path(tmp)
        alone = {
            "P1": lambda: p1_alone(root),
            "P3": lambda: p3(root / "p3"),
            "P4": p4,
            "P5": lambda: p5(root / "p5.json"),
            "P7": p7,
        }
        if ONLY - alone.keys():
            raise SystemExit(f"bench: figures measured alone: {', '.join(alone)}")
        results = [alone[name]() for name in sorted(ONLY)] if ONLY else all_figures(root)
    missed = len(MISSED)
    print("all targets hold" if not missed else f"{missed} target(s) missed", end="", flush=True)
    print(" (P3 not measured: run `make bench-peers` first)" if None in results else "", flush=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
