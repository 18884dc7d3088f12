"""The make interop clients beyond CallFire's PHP and Java SDKs: CallFire's Node SDK and three generic SOAP
stacks built from the WSDL the live mock serves (JAX-WS wsimport, gSOAP, zeep). run.py registers them.

Each client is one entry of CLIENTS: its Debian packages, and ``prepare(base, env)`` that builds what it needs
under build/ (cached: rebuilt only when its inputs change) once the mock answers at ``base``, and returns the
command that runs it plus the environment it adds. Each runner prints ``RESULT<tab>client<tab>Operation<tab>
PASS|FAIL<tab>reason`` for the operations run.py's CHECKS lists for it. The SOAP stacks are built from the
CccService WSDL and the CallService, BroadcastService and SubscriptionService ones (SERVICES).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUILD = REPO / "build"
SERVED_WSDL = REPO / "mockdialer" / "callfire" / "soap" / "wsdl"  # what the generated clients are made from
JAXWS_JAR = Path("/usr/share/java/jaxws-rt.jar")  # its manifest's Class-Path names the rest of the runtime
SERVICES = ("call", "broadcast", "subscription")  # the SOAP ports beside ccc, each with its ?wsdl


class StackError(Exception):
    """A client could not be built: its checks are reported FAIL with this reason."""


@dataclass(frozen=True)
class Client:
    name: str
    packages: tuple[str, ...]
    prepare: Callable[[str, dict], tuple[list[str], dict]]


def say(msg: str) -> None:
    print(f"interop: {msg}", flush=True)


def digest(*paths: Path, extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for path in paths:
        for f in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if f.is_file():
                h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def cached(folder: Path, key: str, build: Callable[[Path], None], what: str) -> None:
    """Run ``build(folder)`` in a fresh ``folder`` unless its stamp says ``key`` was built already."""
    stamp = folder / ".stamp"
    if stamp.is_file() and stamp.read_text() == key:
        return
    t0 = time.monotonic()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    build(folder)
    stamp.write_text(key)
    say(f"built {folder.relative_to(REPO)} ({what}) in {time.monotonic() - t0:.1f}s")


def run(cmd: list[str], cwd: Path, what: str, env: dict | None = None, timeout: int = 900) -> None:
    try:
        r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise StackError(f"{what}: {e}") from None
    if r.returncode != 0:
        tail = " ".join((r.stdout + r.stderr).strip().splitlines()[-6:])[:600]
        raise StackError(f"{what} failed (exit {r.returncode}): {tail}")


# ---------------------------------------------------------------- CallFire's Node SDK (npm callfire 0.2.0)


def node_packages() -> tuple[str, ...]:
    """nodejs + npm from Debian only when there is no node/npm already (a NodeSource nodejs ships its own
    npm and conflicts with Debian's); make and g++ build the native libxmljs2."""
    have_node = shutil.which("node") and shutil.which("npm")
    return ("make", "g++", "python3") + (() if have_node else ("nodejs", "npm"))


def prepare_node(base: str, env: dict) -> tuple[list[str], dict]:
    folder = BUILD / "interop-node"
    manifest = HERE / "node" / "package.json"

    def install(dest: Path) -> None:
        shutil.copy(manifest, dest / "package.json")
        npm_env = dict(os.environ)
        if Path("/usr/include/node/node.h").is_file():  # build libxmljs2 against the installed headers
            npm_env["npm_config_nodedir"] = "/usr"
        run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], dest, "npm install", npm_env)

    cached(folder, digest(manifest), install, "npm install of callfire 0.2.0")
    return ["node", str(HERE / "node" / "runner.js")], {"NODE_PATH": str(folder / "node_modules")}


# ---------------------------------------------------------------- JAX-WS RI: wsimport from the served WSDL


def prepare_jaxws(base: str, env: dict) -> tuple[list[str], dict]:
    folder = BUILD / "interop-jaxws"
    runners = [HERE / "jaxws" / "JaxwsRunner.java", HERE / "jaxws" / "JaxwsServices.java"]

    def generate(dest: Path) -> None:
        src, classes = dest / "src", dest / "classes"
        src.mkdir()
        classes.mkdir()
        # CccService into the packages of its namespaces; each other service, whose schema shares those
        # namespaces with different content, into a package of its own (-p), e.g. jaxws.call
        for name, package in [("ccc", None)] + [(n, f"jaxws.{n}") for n in SERVICES]:
            wsdl = f"{base}/api/1.1/soap12/{name}?wsdl"
            cmd = ["wsimport", "-extension", "-keep", "-Xnocompile", "-s", str(src), "-d", str(classes)]
            run(cmd + (["-p", package] if package else []) + [wsdl], dest, f"wsimport {name}")
        sources = sorted(str(p) for p in src.rglob("*.java")) + [str(r) for r in runners]
        (dest / "sources.txt").write_text("\n".join(sources) + "\n")
        cmd = [
            "javac",
            "-nowarn",
            "-encoding",
            "UTF-8",
            "-d",
            str(classes),
            "-cp",
            str(JAXWS_JAR),
            "@sources.txt",
        ]
        run(cmd, dest, "javac (JAX-WS client)")

    cached(folder, digest(SERVED_WSDL, *runners, HERE / "stacks.py"), generate, "wsimport + javac")
    cmd = ["java", "-Duser.timezone=UTC", "-cp", f"{folder / 'classes'}:{JAXWS_JAR}", "JaxwsRunner"]
    return cmd, {"CF_SOAP_BASE": f"{base}/api/1.1/soap12"}


# ---------------------------------------------------------------- gSOAP: wsdl2h + soapcpp2, strict mode


def prepare_gsoap(base: str, env: dict) -> tuple[list[str], dict]:
    folder = BUILD / "interop-gsoap"
    runner = HERE / "gsoap" / "runner.cpp"

    def generate(dest: Path) -> None:
        # one wsdl2h over every served WSDL: one set of types, a proxy per binding namespace
        # (CccServiceBinding; CallServiceBinding, which also holds BroadcastService's and
        # SubscriptionService's operations, their WSDLs sharing its target namespace)
        wsdls = [f"{base}/api/1.1/soap12/{name}?wsdl" for name in ("ccc", *SERVICES)]
        run(["wsdl2h", "-o", "callfire.h", *wsdls], dest, "wsdl2h")
        cmd = ["soapcpp2", "-2", "-s", "-C", "-j", "-x", "-I/usr/share/gsoap/import", "callfire.h"]
        run(cmd, dest, "soapcpp2")
        shutil.copy(runner, dest / "runner.cpp")
        proxies = ["soapCccServiceBindingProxy.cpp", "soapCallServiceBindingProxy.cpp"]
        cmd = ["g++", "-O0", "-w", "-I.", "-o", "runner", "runner.cpp", "soapC.cpp", *proxies]
        run(cmd + ["-lgsoap++"], dest, "g++ (gSOAP client)")

    cached(folder, digest(SERVED_WSDL, runner, HERE / "stacks.py"), generate, "wsdl2h + soapcpp2 + g++")
    soap = f"{base}/api/1.1/soap12"
    return [str(folder / "runner")], {"CF_ENDPOINT": f"{soap}/ccc", "CF_SOAP_BASE": soap}


# ---------------------------------------------------------------- zeep (the repository's own test dependency)


def prepare_zeep(base: str, env: dict) -> tuple[list[str], dict]:
    python = REPO / ".venv" / "bin" / "python"
    return [str(python if python.exists() else sys.executable), str(HERE / "zeep_runner.py")], {}


CLIENTS = [
    Client("node", node_packages(), prepare_node),
    Client("jaxws", ("jaxws", "default-jdk-headless"), prepare_jaxws),
    Client("gsoap", ("gsoap", "libgsoap-dev", "g++"), prepare_gsoap),
    Client("zeep", (), prepare_zeep),
]
NAMES = [c.name for c in CLIENTS]
DEBIAN_PACKAGES = sorted({p for c in CLIENTS for p in c.packages})


def prepare(
    names: list[str], base: str, env: dict
) -> tuple[dict[str, list[str]], dict[str, dict], dict[str, str]]:
    """(command per client, extra environment per client, setup error per client that could not be built)."""
    commands: dict[str, list[str]] = {}
    extra: dict[str, dict] = {}
    errors: dict[str, str] = {}
    for client in CLIENTS:
        if client.name not in names:
            continue
        try:
            commands[client.name], extra[client.name] = client.prepare(base, env)
        except StackError as e:
            errors[client.name] = str(e)
    return commands, extra, errors
