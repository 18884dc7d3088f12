"""``python bench/serve_settings.py``: ``make serve``'s own settings against each other, in one run.

Each setting serves the full Acefone PUT (``mockdialer:create_app()``) and the bare Flask route
(``bench/bare_app.py``) under ``mockdialer.serve`` with one thing changed: the default (one worker,
kept to one CPU, 32 Python threads), one worker free to run on any CPU, one worker with one Python
thread, three workers sharing the harness through the DB file. Each server runs alone (the settings
differ in how they use the CPUs), on a new DB with ``MOCKDIALER_FSYNC=0``, loaded with ``wrk -t2 -c8``
and ``bench/put.lua`` for ``--duration`` seconds (default 4) after a 2 s warm-up, the settings in an
order reversed each of ``--rounds`` rounds (default 2). Prints requests/s and the server's CPU time per
request (all its processes and threads, from ``/proc``; Linux).

``python bench/serve_settings.py --serve THREADS ALONE [serve's arguments]`` is how each server is
started: ``mockdialer.serve`` with ``BLOCKING_THREADS`` and the lone worker's CPU rule replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peers

SETTINGS = {  # name: (workers, BLOCKING_THREADS, a lone worker kept to one CPU)
    "default: 1 worker, one CPU": (1, 32, "1"),
    "1 worker, any CPU": (1, 32, "0"),
    "1 worker, 1 thread, any CPU": (1, 1, "0"),
    "3 workers (SHARED_STATE)": (3, 32, "0"),
}
APPS = {"ours": None, "bare": "bare_app:create_app"}


def serve(threads: int, alone: str, argv: list[str]) -> None:
    from mockdialer import serve as served

    served.BLOCKING_THREADS = threads
    server = served.server(*served_args(argv))
    if os.environ[served.ALONE] == "1":
        os.environ[served.ALONE] = alone  # the workers, started by serve(), read it
    server.serve()


def served_args(argv: list[str]) -> tuple[str, int, int]:
    values = dict(zip(argv[::2], argv[1::2], strict=True))
    return "127.0.0.1", int(values["--port"]), int(values["--workers"])


def cpu_seconds(pid: int) -> float:
    """The CPU time of ``pid`` and its children (Granian's workers)."""
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    total = 0
    for each in [pid, *map(int, children.stdout.split())]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def measure(setting: str, app: str, tmp: Path) -> tuple[float, float]:
    workers, threads, alone = SETTINGS[setting]
    port = peers.free_port()
    env = {"MOCKDIALER_DB": str(tmp / f"{port}.json"), "MOCKDIALER_FSYNC": "0", "PYTHONPATH": str(peers.HERE)}
    if APPS[app]:
        env["MOCKDIALER_SERVE_FACTORY"] = APPS[app]
    cmd = [sys.executable, __file__, "--serve", str(threads), alone]
    cmd += ["--port", str(port), "--workers", str(workers)]
    peer = peers.Peer(f"{setting} {app}", port, cmd, env)
    proc = peers.start(peer)
    try:
        peers.wait_ready(proc, peer)
        peers.wrk(peer, 2.0)
        before = cpu_seconds(proc.pid)
        result = peers.wrk(peer, DURATION)
        used = cpu_seconds(proc.pid) - before
    finally:
        peers.stop(proc)
    return result["rps"], used / max(result["requests"], 1) * 1e6


def mean(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(r[0] for r in runs) / len(runs), sum(r[1] for r in runs) / len(runs)


DURATION = float(sys.argv[sys.argv.index("--duration") + 1]) if "--duration" in sys.argv else 4.0
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 2


def main() -> int:
    plan = [(setting, app) for setting in SETTINGS for app in APPS]
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="mockdialer-settings-") as tmp:
        for round_ in range(ROUNDS):
            for setting, app in plan if round_ % 2 == 0 else reversed(plan):
                rps, cpu = measure(setting, app, Path(tmp))
                runs.setdefault((setting, app), []).append((rps, cpu))
                peers.say(f"  round {round_ + 1} {setting:<30} {app:<5} {rps:6.0f} req/s, {cpu:5.0f} us CPU")
                time.sleep(0.5)
    peers.say("")
    peers.say(f"wrk -t2 -c8 -d{DURATION:g}s -s bench/put.lua, mean of {ROUNDS} rounds")
    columns = f"{'ours req/s':>11}{'CPU us':>7}{'bare req/s':>11}{'CPU us':>7}{'ours/bare':>10}"
    peers.say(f"{'setting':<30}{columns}")
    for setting in SETTINGS:
        (ours, ours_cpu), (bare, bare_cpu) = (mean(runs[setting, app]) for app in APPS)
        peers.say(f"{setting:<30}{ours:11.0f}{ours_cpu:7.0f}{bare:11.0f}{bare_cpu:7.0f}{ours / bare:9.2f}x")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
    else:
        sys.exit(main())
