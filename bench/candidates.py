"""``python bench/candidates.py``: the servers considered for ``make serve``, measured in one run.

Each candidate serves ``mockdialer:create_app()`` with ``MOCKDIALER_FSYNC=0`` on its own temporary
DB and a free loopback port; each is loaded with ``wrk -t2 -c8`` and ``bench/put.lua`` (the full
Acefone PUT) plain, with 200 keep-alive connections idle after one request, and with 50 silent
connections (as ``make bench-peers`` does, ``bench/peers.py``), every (scenario, candidate) pair
``--rounds`` times (default 4, each ``--duration`` 3 s) in an order reversed each round. Prints
requests/s per scenario, the idle and silent figures as a ratio of the plain one, wrk's timeouts
and errors, and how many held connections the server closed during the run.

gevent and waitress are installed into the project's venv if missing (``make serve`` needs neither).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import peers

BIN = Path(sys.executable).parent
CANDIDATES = {
    "granian (make serve)": lambda port: [sys.executable, "-m", "mockdialer.serve", "--port", str(port)],
    "gunicorn gevent 3w": lambda port: [
        str(BIN / "gunicorn"), "-k", "gevent", "-w", "3", "--keep-alive", "75", "--no-control-socket",
        "-b", f"127.0.0.1:{port}", "mockdialer:create_app()",
    ],
    "gunicorn gthread 2x8": lambda port: [
        str(BIN / "gunicorn"), "-k", "gthread", "-w", "2", "--threads", "8", "--no-control-socket",
        "-b", f"127.0.0.1:{port}", "mockdialer:create_app()",
    ],
    "gunicorn gthread 3x32": lambda port: [
        str(BIN / "gunicorn"), "-k", "gthread", "-w", "3", "--threads", "32", "--keep-alive", "75",
        "--no-control-socket", "-b", f"127.0.0.1:{port}", "mockdialer:create_app()",
    ],
    "waitress 8 threads": lambda port: [
        str(BIN / "waitress-serve"), "--host", "127.0.0.1", "--port", str(port), "--threads", "8",
        "--connection-limit", "1000", "--call", "mockdialer:create_app",
    ],
}  # fmt: skip


def main() -> int:
    if shutil.which("wrk") is None:
        peers.apt_install("wrk")
    missing = [name for name in ("gevent", "waitress") if importlib.util.find_spec(name) is None]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)
    procs, served = [], {}
    with tempfile.TemporaryDirectory(prefix="mockdialer-candidates-") as tmp:
        try:
            for i, (name, command) in enumerate(CANDIDATES.items()):
                port = peers.free_port()
                env = {"MOCKDIALER_DB": str(Path(tmp) / f"db{i}.json"), "MOCKDIALER_FSYNC": "0"}
                served[name] = peers.Peer(name, port, command(port), env)
                procs.append(peers.start(served[name]))
                peers.wait_ready(procs[-1], served[name])
            runs: dict[tuple[str, str], list[dict]] = {}
            plan = [(scn, name) for scn in peers.SCENARIOS for name in CANDIDATES]
            for round_ in range(peers.ROUNDS):
                for (scenario, kind, count), name in plan if round_ % 2 == 0 else reversed(plan):
                    result = peers.measure(served[name], kind, count)
                    runs.setdefault((scenario, name), []).append(result)
                    held = f", held {result['idle_opened']}" if kind else ""
                    closed = f", closed by server {result['idle_closed_by_server']}" if kind else ""
                    peers.say(
                        f"  round {round_ + 1} {scenario:<21} {name:<22} {result['rps']:8.1f} req/s, "
                        f"timeouts {result['timeouts']}, errors {result['socket_errors'] + result['non2xx']}"
                        f"{held}{closed}"
                    )
        finally:
            for proc in reversed(procs):
                peers.stop(proc)
    peers.say("")
    peers.say(f"wrk -t2 -c8 -d{peers.DURATION:g}s -s bench/put.lua, mean of {peers.ROUNDS} rounds (req/s)")
    header = "".join(f"{scenario:>24}" for scenario, _, _ in peers.SCENARIOS)
    peers.say(f"{'server':<24}{header}{'timeouts+errors':>17}")
    for name in CANDIDATES:
        plain = sum(r["rps"] for r in runs["plain", name]) / peers.ROUNDS
        cells, bad = [], 0
        for scenario, _, _ in peers.SCENARIOS:
            rps = sum(r["rps"] for r in runs[scenario, name]) / peers.ROUNDS
            bad += sum(r["timeouts"] + r["socket_errors"] + r["non2xx"] for r in runs[scenario, name])
            cells.append(f"{rps:8.0f} ({rps / plain:4.2f}x)" if plain else f"{rps:8.0f}")
        peers.say(f"{name:<24}" + "".join(f"{cell:>24}" for cell in cells) + f"{bad:>17}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
