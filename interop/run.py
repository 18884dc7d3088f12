"""make interop: CallFire's own API 1.1 SDKs (PHP REST, PHP SOAP, Java REST, and the Node SDK) and generic
SOAP stacks (JAX-WS, gSOAP, zeep; stacks.py) against a live seeded mock.

Steps: find the SDK sources (interop/sources.py); install the Debian packages that are missing; copy the
SDKs into build/interop/ and apply interop/patches/ there; compile the Java client and
interop/java/InteropRunner.java;
start the mock on a free port with a new temporary DB; run interop/php/rest.php, interop/php/soap.php and the
Java runner one after another; print one line per operation and client and "N passed, M failed"; stop the
server. Exit status 1 if anything failed, 2 if the run itself could not be set up.

Settings (environment): INTEROP_SOURCES (a folder holding callfire/sdks/...; see interop/sources.py),
INTEROP_CLIENTS (comma-separated subset of
php-rest,php-soap,java,node,jaxws,gsoap,zeep,php-notify),
INTEROP_PHP_SOAP_VERSION=1.2 (see php/soap.php), INTEROP_NO_APT=1 (never run apt-get; report what is missing).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import sources  # interop/sources.py, beside this file
import stacks

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUILD = REPO / "build" / "interop"

OPERATIONS = [
    "CreateCccCampaign",
    "GetCccCampaign",
    "QueryCccCampaigns",
    "UpdateCccCampaign",
    "GetCccCampaignStats",
    "ControlCccCampaign",
    "DeleteCccCampaignQuestions",
    "DeleteCccCampaignTransferNumbers",
    "CreateAgentGroup",
    "GetAgentGroup",
    "QueryAgentGroups",
    "UpdateAgentGroup",
    "QueryAgents",
    "GetAgent",
    "AddAgents",
    "GetAgents",
    "RemoveAgent",
    "AddAgentGroups",
    "GetAgentGroups",
    "RemoveAgentGroup",
    "SendAgentInvites",
    "GetAgentInviteUri",
    "QueryAgentSessions",
    "GetAgentSession",
    "DeleteAgentGroup",
    "DeleteCccCampaign",
]
# CallService, BroadcastService's contact batches and SubscriptionService, in the runners that have them
NEW_OPERATIONS = [
    "QueryCalls",
    "GetCall",
    "CreateContactBatch",
    "GetContactBatch",
    "CreateSubscription",
    "QuerySubscriptions",
    "GetSubscription",
    "UpdateSubscription",
    "DeleteSubscription",
]
# BroadcastService's other contact-batch operations, in the runners that have them
BATCH_OPERATIONS = ["QueryContactBatches", "ControlContactBatch"]
NOTIFY = "Notification (CallFinished)"  # the PHP SDK's parser over the mock's XML notifications
CHECKS = {
    **{
        client: OPERATIONS + NEW_OPERATIONS + BATCH_OPERATIONS
        for client in ("php-rest", "php-soap", "java", "node", "jaxws", "gsoap", "zeep")
    },
    "php-notify": [NOTIFY],
}  # other clients: OPERATIONS


def checks_of(client: str) -> list[str]:
    return CHECKS.get(client, OPERATIONS)


CLIENTS = ["php-rest", "php-soap", "java", *stacks.NAMES, "php-notify"]
PHP_CLIENTS = ("php-rest", "php-soap")  # the two that check the Delete operations on a seeded campaign

DEBIAN_PACKAGES = [
    "php-cli",
    "php-soap",
    "php-curl",
    "php-xml",
    "default-jdk-headless",
    "patch",
    "libhttpclient-java",
    "libhttpcore-java",
    "libhttpmime-java",
    "libcommons-lang3-java",
    "libjackson2-core-java",
    "libjackson2-databind-java",
    "libjackson2-annotations-java",
    "libcommons-logging-java",
    "libcommons-codec-java",
    *stacks.DEBIAN_PACKAGES,
]
JARS = [
    "httpclient",
    "httpcore",
    "httpmime",
    "commons-lang3",
    "jackson-core",
    "jackson-databind",
    "jackson-annotations",
    "commons-logging",
    "commons-codec",
]
JAVA_SRC = "callfire-java/callfire-api-1.1-client-core/src/main"
SDK_TARGETS = [
    f"callfire/sdks/{name}"
    for name in ("callfire-php-sdk", "zend-stdlib", "zend-filter", "zend-servicemanager", "callfire-java")
]
RUNNER_TIMEOUT = 300


class SetupError(Exception):
    pass


def say(msg: str) -> None:
    print(f"interop: {msg}", flush=True)


# ---------------------------------------------------------------- SDK sources and Debian packages


def find_sdks() -> Path:
    """The CallFire SDK folder, from interop/sources.py ($INTEROP_SOURCES, ../shared/vendor or clones)."""
    try:
        return sources.find(SDK_TARGETS) / "callfire" / "sdks"
    except sources.SourcesMissing as exc:
        raise SetupError(str(exc)) from None


def missing_packages() -> list[str]:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *DEBIAN_PACKAGES],
        capture_output=True,
        text=True,
    ).stdout
    installed = {
        line.split()[0] for line in out.splitlines() if len(line.split()) > 1 and line.split()[1] == "ii"
    }
    return [p for p in DEBIAN_PACKAGES if p not in installed]


def ensure_packages() -> None:
    missing = missing_packages()
    if not missing:
        return
    if os.environ.get("INTEROP_NO_APT") == "1":
        raise SetupError("missing Debian packages: " + " ".join(missing))
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None:
        raise SetupError("missing Debian packages (run as root or install them): " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = prefix + ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    say("installing " + " ".join(missing))
    if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
        say("apt-get install failed; running apt-get update once and retrying")
        subprocess.run(prefix + ["apt-get", "update"], env=env, stdout=subprocess.DEVNULL)
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            raise SetupError("apt-get install failed for: " + " ".join(missing))
    still = missing_packages()
    if still:
        raise SetupError("still missing after apt-get: " + " ".join(still))


# ---------------------------------------------------------------- build folder


def fingerprint(sdks: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(sdks.rglob("*")):
        if f.is_file():
            st = f.stat()
            h.update(f"{f.relative_to(sdks)} {st.st_size} {st.st_mtime_ns}\n".encode())
    for f in sorted((HERE / "patches").glob("*.patch")) + [HERE / "java" / "InteropRunner.java"]:
        h.update(f.read_bytes())
    return h.hexdigest()


def build(sdks: Path) -> tuple[Path, str]:
    """Copy of the SDKs with our patches applied, the compiled Java client and runner; cached."""
    stamp = BUILD / "stamp"
    copy = BUILD / "sdks"
    classes = BUILD / "java-classes"
    jar_dir = Path("/usr/share/java")
    classpath = ":".join([str(classes)] + [str(jar_dir / f"{j}.jar") for j in JARS])
    fp = fingerprint(sdks)
    if stamp.is_file() and stamp.read_text() == fp:
        return copy, classpath
    t0 = time.monotonic()
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir(parents=True)
    shutil.copytree(sdks, copy)
    for patch in sorted((HERE / "patches").glob("*.patch")):
        r = subprocess.run(
            ["patch", "-p1", "--forward", "--silent", "-d", str(copy), "-i", str(patch)],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            raise SetupError(f"{patch.name} does not apply: {r.stdout}{r.stderr}")
    sources = sorted(str(p) for p in (copy / JAVA_SRC / "java").rglob("*.java"))
    sources.append(str(HERE / "java" / "InteropRunner.java"))
    argfile = BUILD / "javac-sources.txt"
    argfile.write_text("\n".join(sources) + "\n")
    r = subprocess.run(
        ["javac", "-nowarn", "-encoding", "UTF-8", "-d", str(classes), "-cp", classpath, f"@{argfile}"],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise SetupError("javac failed:\n" + r.stdout + r.stderr)
    shutil.copytree(copy / JAVA_SRC / "resources", classes, dirs_exist_ok=True)
    stamp.write_text(fp)
    say(
        f"built {BUILD.relative_to(REPO)} (SDK copy, {len(list((HERE / 'patches').glob('*.patch')))} patches,"
        f" {len(sources)} Java sources) in {time.monotonic() - t0:.1f}s"
    )
    return copy, classpath


# ---------------------------------------------------------------- the mock


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_mock(tmp: Path) -> tuple[subprocess.Popen, int, Path]:
    flask = REPO / ".venv" / "bin" / "flask"
    if not flask.exists():
        raise SetupError(f"{flask} not found: run make install")
    port = free_port()
    log = tmp / "server.log"
    env = dict(os.environ, MOCKDIALER_DB=str(tmp / "db.json"), MOCKDIALER_FSYNC="0")
    env.pop("MOCKDIALER_FIXTURES", None)
    proc = subprocess.Popen(
        [str(flask), "--app", "mockdialer", "run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/api/1.1/soap12/ccc?wsdl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SetupError("the mock exited at start:\n" + log.read_text()[-2000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return proc, port, log
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    stop_mock(proc)
    raise SetupError("the mock did not answer within 60 s:\n" + log.read_text()[-2000:])


def stop_mock(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def accounts() -> dict:
    """Credentials and seeded ids the runners need, from fixtures/callfire/*.json."""
    files = sorted((REPO / "fixtures" / "callfire").glob("*.json"))
    if not files:
        raise SetupError("no fixtures/callfire/*.json")
    docs = [json.loads(f.read_text()) for f in files]
    primary = next((d for f, d in zip(files, docs, strict=True) if f.stem == "demo"), docs[0])
    with_questions = [
        (d, c["id"])
        for d in docs
        for c in d.get("campaigns", [])
        if c.get("Question") and c.get("TransferNumber") and c.get("Status") != "ARCHIVED"
    ]
    if not with_questions:
        raise SetupError("no seeded campaign with questions and transfer numbers")
    seed_agent = next((a for g in primary.get("agentGroups", []) for a in g.get("AgentIds", [])), None)
    agents = primary.get("agents") or []
    if agents and "id" in agents[0]:
        seed_agent = agents[0]["id"]
    return {"primary": primary, "with_questions": with_questions, "seed_agent": seed_agent}


# ---------------------------------------------------------------- runners


def runner_commands(copy: Path, classpath: str) -> dict[str, list[str]]:
    php = ["php", "-d", "display_errors=stderr", "-d", "error_reporting=" + str(32767 & ~8192 & ~16384)]
    return {
        "php-rest": php + [str(HERE / "php" / "rest.php")],
        "php-soap": php + [str(HERE / "php" / "soap.php")],
        "java": ["java", "-Duser.timezone=UTC", "-cp", classpath, "InteropRunner"],
        # the notifications are captured in process first (interop/notifications_capture.py), then parsed
        "php-notify": [
            "sh",
            "-c",
            f'"{python_bin()}" "{HERE / "notifications_capture.py"}" "$CF_NOTIFICATIONS" >&2 && "$@"',
            "php-notify",
            *php,
            str(HERE / "php" / "notifications.php"),
        ],
    }


def python_bin() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv if venv.exists() else sys.executable)


def run_client(client: str, cmd: list[str], env: dict, results: dict) -> None:
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=RUNNER_TIMEOUT, cwd=REPO)
        out, err, code = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        err, code = f"timed out after {RUNNER_TIMEOUT}s", None
    seen = 0
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0] == "RESULT" and len(parts) >= 4 and parts[1] == client:
            results[(parts[2], client)] = (parts[3], parts[4] if len(parts) > 4 else "")
            seen += 1
        elif parts[0] == "NOTE":
            say(f"note ({client}): {parts[-1]}")
    if seen < len(checks_of(client)):
        tail = " ".join(err.strip().splitlines()[-3:])[:300]
        for op in checks_of(client):
            results.setdefault(
                (op, client), ("FAIL", f"runner stopped before this check (exit {code}): {tail}")
            )
    say(f"{client}: {seen} checks in {time.monotonic() - t0:.1f}s")


def main() -> int:
    t_start = time.monotonic()
    clients = [
        c.strip() for c in os.environ.get("INTEROP_CLIENTS", ",".join(CLIENTS)).split(",") if c.strip()
    ]
    unknown = set(clients) - set(CLIENTS)
    if unknown:
        say("unknown client(s): " + ", ".join(sorted(unknown)))
        return 2
    try:
        sdks = find_sdks()
        say(f"SDK sources: {sdks}")
        ensure_packages()
        copy, classpath = build(sdks)
        seeds = accounts()
    except SetupError as e:
        say(f"setup failed: {e}")
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="mockdialer-interop-"))
    try:
        proc, port, log = start_mock(tmp)
    except SetupError as e:
        say(f"setup failed: {e}")
        shutil.rmtree(tmp, ignore_errors=True)
        return 2
    base = f"http://127.0.0.1:{port}"
    say(f"mock on {base} (pid {proc.pid}), DB {tmp / 'db.json'}")
    results: dict = {}
    try:
        primary = seeds["primary"]
        wq = seeds["with_questions"]
        env = dict(
            os.environ,
            CALLFIRE_SDKS=str(copy),
            CF_REST_BASE=f"{base}/api/1.1/rest",
            CF_WSDL=f"{base}/api/1.1/soap12/ccc?wsdl",
            CF_LOGIN=primary["login"],
            CF_PASSWORD=primary["password"],
            CF_TAG=str(int(time.time())),
            CF_SEED_AGENT_ID=str(seeds["seed_agent"] or 4001),
            CF_NOTIFICATIONS=str(tmp / "notifications"),
        )
        commands = runner_commands(copy, classpath)
        more, more_env, broken = stacks.prepare(clients, base, env)
        commands.update(more)
        php = [c for c in clients if c in PHP_CLIENTS]
        for client in clients:
            # each PHP client empties a seeded campaign's questions and transfer numbers of its own (the
            # other clients make theirs)
            owner, qcampaign = wq[min(php.index(client) if client in php else 0, len(wq) - 1)]
            cenv = dict(
                env, CF_Q_LOGIN=owner["login"], CF_Q_PASSWORD=owner["password"], CF_Q_CAMPAIGN=str(qcampaign)
            )
            if client in broken:
                say(f"{client}: could not be built: {broken[client]}")
                for op in checks_of(client):
                    results[(op, client)] = ("FAIL", f"not built: {broken[client]}")
                continue
            cenv.update(more_env.get(client, {}))
            run_client(client, commands[client], cenv, results)
    finally:
        stop_mock(proc)
        if proc.returncode not in (0, -15, None):
            say(f"the mock exited with {proc.returncode}; log: {log}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    passed = failed = 0
    width = max(len(op) for client in clients for op in checks_of(client))
    for op in dict.fromkeys(op for client in clients for op in checks_of(client)):
        for client in clients:
            if op not in checks_of(client):
                continue
            status, reason = results.get((op, client), ("FAIL", "no result"))
            if status == "PASS":
                passed += 1
            else:
                failed += 1
            if len(reason) > 400:
                reason = reason[:400] + "..."
            print(
                f"{status}  {op:<{width}}  {client}"
                + (f"{' ' * (8 - len(client))}  {reason}" if reason else "")
            )
    print(f"{passed} passed, {failed} failed")
    say(f"done in {time.monotonic() - t_start:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
