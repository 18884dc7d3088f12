"""``make bench-peers``: ``make serve`` against the peers a user would pick instead, in one run (P6).

The peers, installed on first use into the ignored folder ``.peers/`` (``install()``): from npm, Prism
5's mock (``@stoplight/prism-cli@5``) fed the ``/openapi.json`` we serve, json-server 0.17 (a stateful
REST mock that writes its ``db.json``) with a ``campaigns`` collection, and WireMock 3 (the ``wiremock``
package ships its standalone jar; run with Debian's JDK, installed with apt-get if ``java`` is missing)
with a stub for the PUT and its request journal bounded to 1,000 entries; from PyPI, moto server
(``moto[server,dynamodb]``, its own venv) with a DynamoDB table; and the bare Flask PUT route of
``bench/bare_app.py`` under Granian with ``make serve``'s settings (``bench/bare_serve.py``). wrk is
installed with apt-get if missing. Each runs with its default settings on a free loopback port; ours
is ``make serve``'s command (``python -m mockdialer.serve``) on a temporary DB with
``MOCKDIALER_FSYNC=0``.

Load: ``wrk -t2 -c8`` with ``bench/put.lua`` (the full Acefone ``PUT /v1/dialer/campaign/<id>`` with
auth; json-server's ``PUT /campaigns/<id>``), ``bench/dynamodb_update.lua`` (UpdateItem) for moto.
Every server gets one warm-up run first (WireMock's JIT compiles its hot path then). Three scenarios:
plain; with 200 keep-alive connections idle after one request; with 50 connections that connect and
send nothing (``bench/idle.py`` holds them against the server being measured during its wrk run).
Every (scenario, server) pair is run ``--rounds`` times (default 4), the order reversed each round
so a drift of the shared machine cancels out; a figure is the mean of its rounds.

Targets, in each scenario: ours >= 1.2x json-server, >= 1.2x Prism, >= 5x moto, >= 0.5x the bare
route; WireMock's ratio is printed beside them. Ours with idle / silent connections >= 0.8x ours
plain, with zero wrk timeouts. Prints requests/s, ratios and PASS/MISS; exit status 1 on a miss.
``--duration S`` sets each wrk run's length (default 3 s).

``bench/run.py`` (P3) starts the same peers through ``command()`` to time their start.
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = REPO / ".peers"
NODE_BIN = {
    "prism": PEERS / "prism" / "node_modules" / ".bin" / "prism",
    "json-server": PEERS / "json-server" / "node_modules" / ".bin" / "json-server",
}
NPM_PACKAGES = {
    "prism": "@stoplight/prism-cli@5",
    "json-server": "json-server@0.17",
    "wiremock": "wiremock@3",
}
WIREMOCK_DIR = PEERS / "wiremock" / "node_modules" / "wiremock"
MOTO_VENV = PEERS / "moto"
MOTO = MOTO_VENV / "bin" / "moto_server"
MOTO_PYTHON = MOTO_VENV / "bin" / "python"

DURATION = float(sys.argv[sys.argv.index("--duration") + 1]) if "--duration" in sys.argv else 3.0
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 4
SCENARIOS = (("plain", None, 0), ("idle keep-alive x200", "keepalive", 200), ("silent x50", "silent", 50))
SERVERS = ("ours", "json-server", "prism", "moto", "bare", "wiremock")
TARGETS = {"json-server": 1.2, "prism": 1.2, "moto": 5.0, "bare": 0.5}  # ours / theirs, at least
TOKEN = "acefone-demo-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CAMPAIGN = "/v1/dialer/campaign/40001"
IDS = ("40001", "40002", "40003")
AWS_HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00",
    "X-Amz-Date": "20260101T000000Z",
    "Content-Type": "application/x-amz-json-1.0",
}


def say(*args) -> None:
    print(*args, flush=True)


def installed() -> bool:
    return all(p.exists() for p in NODE_BIN.values()) and MOTO.exists() and wiremock_jar() is not None


def wiremock_jar() -> Path | None:
    return next(iter(sorted(WIREMOCK_DIR.glob("build/wiremock-standalone-*.jar"))), None)


def apt_install(*packages: str) -> None:
    if subprocess.run(["apt-get", "install", "-y", "-q", *packages], capture_output=True).returncode:
        subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-q", *packages], check=True, capture_output=True)


def install() -> None:
    """wrk and a JDK (apt-get), Prism 5, json-server 0.17, WireMock 3 (npm), moto (pip, own venv),
    each only if missing."""
    if shutil.which("wrk") is None:
        say("bench-peers: installing wrk (apt-get)")
        apt_install("wrk")
    if shutil.which("java") is None:
        say("bench-peers: installing default-jdk-headless (apt-get), for WireMock")
        apt_install("default-jdk-headless")
    for name, package in NPM_PACKAGES.items():
        if wiremock_jar() if name == "wiremock" else NODE_BIN[name].exists():
            continue
        say(f"bench-peers: installing {package} into .peers/{name} (npm)")
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(PEERS / name),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                package,
            ],
            check=True,
        )
    if not MOTO.exists():
        say("bench-peers: installing moto[server,dynamodb] into .peers/moto (pip)")
        subprocess.run([sys.executable, "-m", "venv", str(MOTO_VENV)], check=True)
        subprocess.run([str(MOTO_PYTHON), "-m", "pip", "install", "-q", "moto[server,dynamodb]"], check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Peer:
    """How to start one server and ask it one question (its first answered request, for P3)."""

    name: str
    port: int
    cmd: list[str]
    env: dict = field(default_factory=dict)
    method: str = "GET"
    path: str = CAMPAIGN
    headers: dict = field(default_factory=lambda: dict(AUTH))
    body: bytes | None = None
    script: Path = HERE / "put.lua"
    script_args: tuple[str, ...] = ()
    idle_path: str = CAMPAIGN


def write_spec(path: Path) -> Path:
    """Our ``/openapi.json``, for Prism, as the server serves it."""
    sys.path.insert(0, str(REPO))
    from mockdialer import create_app

    path.write_bytes(create_app({"DB": ":memory:", "TESTING": True}).test_client().get("/openapi.json").data)
    return path


def json_server_db(path: Path) -> Path:
    campaign = {"name": "Campaign", "description": "seeded", "dial_method": "1", "auto_dial_duration": "15"}
    path.write_text(json.dumps({"campaigns": [{"id": id_, **campaign} for id_ in IDS]}))
    return path


def wiremock_root(root: Path) -> Path:
    """Stubs for the Acefone campaign GET and PUT, answering the envelope ours does."""
    (root / "mappings").mkdir(parents=True, exist_ok=True)
    for method in ("GET", "PUT"):
        stub = {
            "request": {"method": method, "urlPathPattern": "/v1/dialer/campaign/[0-9]+"},
            "response": {
                "status": 200,
                "headers": {"Content-Type": "application/json"},
                "jsonBody": {"success": True, "message": "Campaign updated", "data": {"id": "40001"}},
            },
        }
        (root / "mappings" / f"{method.lower()}.json").write_text(json.dumps(stub))
    return root


def command(name: str, tmp: Path) -> Peer:
    """``name``'s server on a free port, its files (DB, spec, stubs) fresh under ``tmp``."""
    port = free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    host = "127.0.0.1"
    if name == "ours":
        return Peer(
            name,
            port,
            [sys.executable, "-m", "mockdialer.serve", "--host", host, "--port", str(port)],
            {"MOCKDIALER_DB": str(tmp / "mockdialer.json"), "MOCKDIALER_FSYNC": "0"},
        )
    if name == "bare":
        return Peer(
            name,
            port,
            [sys.executable, str(HERE / "bare_serve.py"), "--host", host, "--port", str(port)],
            {"PYTHONPATH": str(HERE)},
        )
    if name == "prism":
        spec = tmp / "openapi.json"
        if not spec.exists():
            write_spec(spec)
        return Peer(name, port, [str(NODE_BIN["prism"]), "mock", "-h", host, "-p", str(port), str(spec)])
    if name == "json-server":
        db = json_server_db(tmp / "db.json")
        cmd = [str(NODE_BIN["json-server"]), "--quiet", "-H", host, "-p", str(port), str(db)]
        return Peer(
            name,
            port,
            cmd,
            path="/campaigns/40001",
            script_args=("/campaigns/",),
            idle_path="/campaigns/40001",
        )
    if name == "wiremock":
        root = wiremock_root(tmp / "wiremock")
        cmd = ["java", "-jar", str(wiremock_jar()), "--port", str(port), "--bind-address", host]
        cmd += ["--root-dir", str(root), "--max-request-journal-entries", "1000", "--disable-banner"]
        return Peer(name, port, cmd)
    if name == "moto":
        return Peer(
            name,
            port,
            [str(MOTO), "-H", host, "-p", str(port)],
            method="POST",
            path="/",
            headers={**AWS_HEADERS, "X-Amz-Target": "DynamoDB_20120810.ListTables"},
            body=b"{}",
            script=HERE / "dynamodb_update.lua",
            idle_path="/moto-api/",
        )
    raise ValueError(name)


def start(peer: Peer) -> subprocess.Popen:
    """A server in its own process group (stopped with its workers by stop())."""
    return subprocess.Popen(
        peer.cmd,
        cwd=REPO,
        env={**os.environ, **peer.env},
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


def wait_ready(proc: subprocess.Popen, peer: Peer) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise SystemExit(
                f"bench-peers: {peer.name} exited with status {proc.returncode} before it served"
            )
        try:
            http(peer.port, peer.method, peer.path, peer.body, peer.headers)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"bench-peers: {peer.name} did not answer {peer.path} within 60 s") from None
            time.sleep(0.2)


def dynamodb(port: int, action: str, payload: dict) -> bytes:
    headers = {**AWS_HEADERS, "X-Amz-Target": f"DynamoDB_20120810.{action}"}
    return http(port, "POST", "/", json.dumps(payload).encode(), headers)


def seed_moto(port: int) -> None:
    """The DynamoDB table ``campaigns`` with three items, as UpdateItem's target."""
    dynamodb(
        port,
        "CreateTable",
        {
            "TableName": "campaigns",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        },
    )
    for id_ in IDS:
        item = {"id": {"S": id_}, "name": {"S": f"Campaign {id_}"}, "description": {"S": "seeded"}}
        dynamodb(port, "PutItem", {"TableName": "campaigns", "Item": item})


def start_servers(tmp: Path) -> tuple[dict[str, Peer], list[subprocess.Popen]]:
    peers: dict[str, Peer] = {}
    procs: list[subprocess.Popen] = []
    for name in SERVERS:
        peer = command(name, tmp / name)
        procs.append(start(peer))
        wait_ready(procs[-1], peer)
        if name == "moto":
            seed_moto(peer.port)
        peers[name] = peer
    return peers, procs


def wrk(peer: Peer, duration: float = DURATION) -> dict:
    cmd = ["wrk", "-t2", "-c8", f"-d{duration:g}s", "-s", str(peer.script), f"http://127.0.0.1:{peer.port}/"]
    if peer.script_args:
        cmd += ["--", *peer.script_args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
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


def measure(peer: Peer, idle_kind: str | None, count: int) -> dict:
    """One wrk run, with ``count`` idle or silent connections held against the same server."""
    if idle_kind is None:
        return wrk(peer)
    holder = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "idle.py"),
            f"127.0.0.1:{peer.port}",
            idle_kind,
            str(count),
            "600",
            "--path",
            peer.idle_path,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready = holder.stdout.readline().split()
        opened = int(ready[1]) if len(ready) == 2 and ready[0] == "READY" else 0
        result = wrk(peer)
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
        peers, procs = start_servers(Path(tmp))
        try:
            for name in SERVERS:  # WireMock's JIT (and every server's caches) warmed before timing
                warm = wrk(peers[name], max(2 * DURATION, 5.0))
                say(f"  warm-up {name:<11} {warm['rps']:9.1f} req/s")
            runs: dict[tuple[str, str], list[dict]] = {}
            plan = [(scn, srv) for scn in SCENARIOS for srv in SERVERS]
            for round_ in range(ROUNDS):
                for (name, kind, count), server in plan if round_ % 2 == 0 else reversed(plan):
                    result = measure(peers[server], kind, count)
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
                        f"  round {round_ + 1} {name:<21} {server:<11} {result['rps']:9.1f} req/s, "
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
        f"P6: wrk -t2 -c8 -d{DURATION:g}s, mean of {ROUNDS} rounds (req/s); "
        "ours = make serve, MOCKDIALER_FSYNC=0"
    )
    say(f"{'scenario':<22}" + "".join(f"{s:>12}" for s in SERVERS) + f"{'timeouts':>10}")
    for name, _, _ in SCENARIOS:
        say(
            f"{name:<22}"
            + "".join(f"{mean(name, s):12.0f}" for s in SERVERS)
            + f"{total(name, 'ours', 'timeouts'):10d}"
        )
    say(
        f"{'ours / theirs':<22}"
        + " " * 12
        + "".join(f"{'/' + s:>12}" for s in SERVERS[1:])
        + f"{'/plain':>10}"
    )
    plain = mean("plain", "ours")
    checks = []
    for name, _, _ in SCENARIOS:
        ours = mean(name, "ours")
        ratios = {s: ours / mean(name, s) for s in SERVERS[1:]}
        say(
            f"{name:<22}"
            + " " * 12
            + "".join(f"{ratios[s]:11.2f}x" for s in SERVERS[1:])
            + f"{ours / plain:9.2f}x"
        )
        for server, limit in TARGETS.items():
            checks.append(
                (f"{name}: ours/{server} >= {limit:g}x", ratios[server] >= limit, f"{ratios[server]:.2f}x")
            )
        if name != "plain":
            checks.append((f"{name}: ours >= 0.8x ours plain", ours / plain >= 0.8, f"{ours / plain:.2f}x"))
        timeouts = total(name, "ours", "timeouts")
        bad = total(name, "ours", "non2xx") + total(name, "ours", "socket_errors")
        checks.append(
            (
                f"{name}: ours zero timeouts, errors",
                timeouts == 0 and bad == 0,
                f"{timeouts} timeouts, {bad} errors",
            )
        )
    say("")
    misses = 0
    for what, holds, figure in checks:
        misses += not holds
        say(f"{'PASS' if holds else 'MISS'}  {what:<48} {figure}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
