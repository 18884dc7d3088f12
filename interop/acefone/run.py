"""make interop (Acefone): three public Acefone integrations, unmodified, against a live seeded mock.

Finds the clients' sources (``client_sources()``), starts the mock on a free port with a new temporary DB,
puts ``interop/acefone/stubs`` (a stand-in ``frappe``) and the clients on ``sys.path``, and runs every
function their apps call: click-to-call, users/agents, departments, numbers, call records (click-to-call
and dialer calls) with the pull mapping, recording download; then feeds every webhook payload the mock's
renderer produces for those calls (JSON and form) to frappe_tatva_connect's ``normalize()``, and runs that
app's own two test files. Prints ``PASS|FAIL  client  check  reason`` lines and "N passed, M failed";
exit 1 if anything failed, 2 if the run could not be set up. interop/acefone/README.md says more.

Settings (environment): INTEROP_SOURCES (a folder holding ``acefone/clients`` or the clients themselves;
default ../shared/vendor/acefone/clients beside the repository or beside its main git worktree).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CLIENTS = ("frappe_tatva_connect", "crm_acefone_integration", "tata_tele_service")
sys.path[:0] = [str(HERE), str(REPO)]

import checks  # noqa: E402 (interop/acefone/checks.py, beside this file)
import live  # noqa: E402


def say(msg: str) -> None:
    print(f"interop-acefone: {msg}", flush=True)


def client_sources() -> Path:
    """The folder holding the three clients (the one place that knows where they are)."""
    candidates = []
    if os.environ.get("INTEROP_SOURCES"):
        root = Path(os.environ["INTEROP_SOURCES"])
        candidates += [root / "acefone" / "clients", root / "vendor" / "acefone" / "clients", root]
    candidates.append(REPO.parent / "shared" / "vendor" / "acefone" / "clients")
    try:  # a git worktree: ../shared beside the main worktree
        common = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "vendor" / "acefone" / "clients")
    except (OSError, subprocess.CalledProcessError):
        pass
    for candidate in candidates:
        if all((candidate / name).is_dir() for name in CLIENTS):
            return candidate.resolve()
    raise live.SetupError("Acefone client sources not found; looked in " + ", ".join(map(str, candidates)))


def main() -> int:
    t0 = time.monotonic()
    try:
        sources = client_sources()
        say(f"client sources: {sources}")
        checks.prepare(sources)
    except (live.SetupError, ImportError) as exc:
        say(f"setup failed: {exc}")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="mockdialer-interop-acefone-"))
    try:
        server = live.start(tmp)
    except live.SetupError as exc:
        say(f"setup failed: {exc}")
        shutil.rmtree(tmp, ignore_errors=True)
        return 2
    say(f"mock on {server.url} (pid {server.proc.pid})")
    results: list[tuple[str, str, str, str]] = []
    try:
        for client, name, check in checks.CHECKS:
            try:
                check(server)
                results.append(("PASS", client, name, ""))
            except Exception as exc:  # noqa: BLE001 (every failure is reported, the run goes on)
                reason = f"{type(exc).__name__}: {exc}"
                results.append(("FAIL", client, name, reason.replace("\n", " ")[:400]))
    finally:
        server.stop()
        if server.proc.returncode not in (0, -15, None):
            say(f"the mock exited with {server.proc.returncode}; log kept: {server.log}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(name) for _, _, name, _ in results)
    for status, client, name, reason in results:
        print(f"{status}  {client:<24}  {name:<{width}}  {reason}".rstrip())
    passed = sum(1 for r in results if r[0] == "PASS")
    print(f"{passed} passed, {len(results) - passed} failed")
    say(f"done in {time.monotonic() - t0:.1f}s")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
