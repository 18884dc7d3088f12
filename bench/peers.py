"""``make bench-peers``: ``make serve`` against the peers a user would pick instead, in one run.

The peers, installed on first use into the ignored folder ``.peers/``: Prism 5's stateless mock
(``@stoplight/prism-cli`` from npm) fed the ``/openapi.json`` our server serves, and moto server
(``moto[server,dynamodb]`` from PyPI, in its own venv) with a DynamoDB table. wrk is installed with
apt-get if missing. All three run with their default settings on free loopback ports; ours is
``make serve``'s command (``python -m mockdialer.serve``: Granian) on a temporary DB with
``MOCKDIALER_FSYNC=0``.

Load: ``wrk -t2 -c8`` with ``bench/put.lua`` (the full Acefone ``PUT /v1/dialer/campaign/<id>``
with auth) for ours and Prism, ``bench/dynamodb_update.lua`` (UpdateItem) for moto. Three
scenarios: plain; with 200 keep-alive connections idle after one request; with 50 connections that
connect and send nothing (``bench/idle.py`` holds them against the server being measured during its
wrk run). Every (scenario, server) pair is run ``--rounds`` times (default 4), the order reversed
each round so a drift of the shared machine cancels out; a figure is the mean of its rounds.

Targets: ours >= 1.2x Prism and >= 5x moto in each scenario; ours with idle / silent connections
>= 0.8x ours plain, with zero wrk timeouts. Prints requests/s, ratios and PASS/MISS; exit status 1
on a miss. ``--duration S`` sets each wrk run's length (default 3 s): about 2.5 minutes in all, plus
the peers' installation on first use.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = REPO / ".peers"
BIN = Path(sys.executable).parent
PRISM = PEERS / "prism" / "node_modules" / ".bin" / "prism"
MOTO_VENV = PEERS / "moto"
MOTO = MOTO_VENV / "bin" / "moto_server"

DURATION = float(sys.argv[sys.argv.index("--duration") + 1]) if "--duration" in sys.argv else 3.0
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 4
SCENARIOS = (("plain", None, 0), ("idle keep-alive x200", "keepalive", 200), ("silent x50", "silent", 50))
SERVERS = ("ours", "prism", "moto")
TOKEN = "acefone-demo-token"
AWS_HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00",
    "X-Amz-Date": "20260101T000000Z",
    "Content-Type": "application/x-amz-json-1.0",
}


def say(*args) -> None:
    print(*args, flush=True)


def install() -> None:
    """wrk (apt-get), Prism 5 (npm) and moto (pip, own venv), each only if missing."""
    if shutil.which("wrk") is None:
        say("bench-peers: installing wrk (apt-get)")
        if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True).returncode:
            subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    if not PRISM.exists():
        say("bench-peers: installing Prism 5 into .peers/prism (npm)")
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(PEERS / "prism"),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "@stoplight/prism-cli@5",
            ],
            check=True,
        )
    if not MOTO.exists():
        say("bench-peers: installing moto[server,dynamodb] into .peers/moto (pip)")
        subprocess.run([sys.executable, "-m", "venv", str(MOTO_VENV)], check=True)
        subprocess.run(
            [str(MOTO_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "moto[server,dynamodb]"],
            check=True,
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(cmd: list[str], env: dict | None = None) -> subprocess.Popen:
    """A server in its own process group (stopped with its workers by stop())."""
    return subprocess.Popen(
        cmd,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def http(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> bytes:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=body, method=method, headers=headers or {}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.read()


def wait_ready(
    proc: subprocess.Popen, port: int, method: str, path: str, headers: dict, body=None, name: str = ""
) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"bench-peers: {name} exited with status {proc.returncode} before it served")
        try:
            http(port, method, path, body, headers)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"bench-peers: {name} did not answer {method} {path} within 60 s") from None
            time.sleep(0.2)


def dynamodb(port: int, action: str, payload: dict) -> bytes:
    headers = {**AWS_HEADERS, "X-Amz-Target": f"DynamoDB_20120810.{action}"}
    return http(port, "POST", "/", json.dumps(payload).encode(), headers)


def start_servers(tmp: Path) -> tuple[dict, list[subprocess.Popen]]:
    """ours, prism, moto: {name: (port, wrk script, idle path)} and the processes."""
    procs: list[subprocess.Popen] = []
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ours = free_port()
    procs.append(
        start(
            [sys.executable, "-m", "mockdialer.serve", "--host", "127.0.0.1", "--port", str(ours)],
            {"MOCKDIALER_DB": str(tmp / "mockdialer.json"), "MOCKDIALER_FSYNC": "0"},
        )
    )
    wait_ready(procs[-1], ours, "GET", "/v1/dialer/campaign/40001", auth, name="make serve")
    spec = tmp / "openapi.json"
    spec.write_bytes(http(ours, "GET", "/openapi.json"))

    prism = free_port()
    procs.append(start([str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(prism), str(spec)]))
    put = json.dumps({"description": "ready"}).encode()
    wait_ready(
        procs[-1],
        prism,
        "PUT",
        "/v1/dialer/campaign/40001",
        {**auth, "Content-Type": "application/json"},
        put,
        name="Prism",
    )

    moto = free_port()
    procs.append(start([str(MOTO), "-H", "127.0.0.1", "-p", str(moto)]))
    wait_ready(procs[-1], moto, "GET", "/moto-api/", {}, name="moto server")
    dynamodb(
        moto,
        "CreateTable",
        {
            "TableName": "campaigns",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        },
    )
    for id_ in ("40001", "40002", "40003"):
        dynamodb(
            moto,
            "PutItem",
            {
                "TableName": "campaigns",
                "Item": {
                    "id": {"S": id_},
                    "name": {"S": f"Campaign {id_}"},
                    "dial_method": {"S": "1"},
                    "description": {"S": "seeded"},
                    "auto_dial_duration": {"S": "15"},
                },
            },
        )
    servers = {
        "ours": (ours, HERE / "put.lua", "/v1/dialer/campaign/40001"),
        "prism": (prism, HERE / "put.lua", "/v1/dialer/campaign/40001"),
        "moto": (moto, HERE / "dynamodb_update.lua", "/moto-api/"),
    }
    return servers, procs


def wrk(port: int, script: Path) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION:g}s", "-s", str(script), f"http://127.0.0.1:{port}/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "requests": total,
        "timeouts": int(errors.group(4)) if errors else 0,
        "socket_errors": sum(int(errors.group(i)) for i in (1, 2, 3)) if errors else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def measure(port: int, script: Path, idle_kind: str | None, count: int, idle_path: str) -> dict:
    """One wrk run, with ``count`` idle or silent connections held against the same server."""
    if idle_kind is None:
        return wrk(port, script)
    holder = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "idle.py"),
            f"127.0.0.1:{port}",
            idle_kind,
            str(count),
            "600",
            "--path",
            idle_path,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready = holder.stdout.readline().split()
        opened = int(ready[1]) if len(ready) == 2 and ready[0] == "READY" else 0
        result = wrk(port, script)
    finally:
        holder.terminate()
        summary = json.loads(holder.stdout.readline() or "{}")
        holder.wait()
    result["idle_opened"] = opened
    result["idle_closed_by_server"] = summary.get("closed_by_server")
    return result


def main() -> int:
    install()
    with tempfile.TemporaryDirectory(prefix="mockdialer-peers-") as tmp:
        servers, procs = start_servers(Path(tmp))
        try:
            runs: dict[tuple[str, str], list[dict]] = {}
            plan = [(scn, srv) for scn in SCENARIOS for srv in SERVERS]
            for round_ in range(ROUNDS):
                for (name, kind, count), server in plan if round_ % 2 == 0 else reversed(plan):
                    port, script, idle_path = servers[server]
                    result = measure(port, script, kind, count, idle_path)
                    runs.setdefault((name, server), []).append(result)
                    extra = (
                        (
                            f", idle held {result['idle_opened']}, closed by server "
                            f"{result['idle_closed_by_server']}"
                        )
                        if kind
                        else ""
                    )
                    say(
                        f"  round {round_ + 1} {name:<21} {server:<6} {result['rps']:9.1f} req/s, "
                        f"timeouts {result['timeouts']}, socket errors {result['socket_errors']}, "
                        f"non-2xx {result['non2xx']}{extra}"
                    )
        finally:
            for proc in reversed(procs):
                stop(proc)
    return report(runs)


def report(runs: dict[tuple[str, str], list[dict]]) -> int:
    def mean(name: str, server: str) -> float:
        return sum(r["rps"] for r in runs[name, server]) / len(runs[name, server])

    def total(name: str, server: str, key: str) -> int:
        return sum(r[key] for r in runs[name, server])

    say("")
    say(
        f"wrk -t2 -c8 -d{DURATION:g}s, mean of {ROUNDS} rounds (req/s); ours = make serve, MOCKDIALER_FSYNC=0"
    )
    say(
        f"{'scenario':<22}{'ours':>9}{'prism':>9}{'moto':>9}{'ours/prism':>12}{'ours/moto':>11}"
        f"{'ours/plain':>12}{'timeouts':>10}"
    )
    plain = mean("plain", "ours")
    misses = 0
    checks = []
    for name, _, _ in SCENARIOS:
        ours, prism, moto = (mean(name, s) for s in SERVERS)
        timeouts = total(name, "ours", "timeouts")
        say(
            f"{name:<22}{ours:9.0f}{prism:9.0f}{moto:9.0f}{ours / prism:11.2f}x{ours / moto:10.2f}x"
            f"{ours / plain:11.2f}x{timeouts:10d}"
        )
        checks.append((f"{name}: ours/prism >= 1.2x", ours / prism >= 1.2, f"{ours / prism:.2f}x"))
        checks.append((f"{name}: ours/moto >= 5x", ours / moto >= 5, f"{ours / moto:.2f}x"))
        bad = total(name, "ours", "non2xx") + total(name, "ours", "socket_errors")
        if name != "plain":
            checks.append((f"{name}: ours >= 0.8x ours plain", ours / plain >= 0.8, f"{ours / plain:.2f}x"))
        checks.append(
            (
                f"{name}: ours zero timeouts, errors",
                timeouts == 0 and bad == 0,
                f"{timeouts} timeouts, {bad} errors",
            )
        )
    say("")
    for what, holds, figure in checks:
        misses += not holds
        say(f"{'PASS' if holds else 'MISS'}  {what:<48} {figure}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
