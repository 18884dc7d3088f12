"""The docs' runnable snippets run, in order, on a fresh copy of the project (``make docs-test``).

Marker convention (for README.md and the docs/*.md files in ``DOCS``): a fenced block runs when its info
string has the word ``runnable`` after the language; renderers highlight by the first word only, so
readers see a plain bash/python block.

    ```bash runnable            a shell snippet: ``bash -euo pipefail``, the project's venv first on PATH
    ```bash runnable server     a snippet that starts a server: run in the background, waited for (its
                                port answers), stopped (SIGINT) once the file's last snippet has run
    ```python runnable          a script, run with the venv's python
    ```python runnable pytest   a test module, run with ``python -m pytest`` (the mockdialer fixtures load)
    ```bash                     (no marker) shown only, never run

A ``bash`` snippet that runs ``mockdialer run``, ``python -m mockdialer run``, ``flask run`` or
``make run`` is a server snippet even without the ``server`` word. The port 5000 written in snippets
(``:5000``, ``--port 5000``, ``PORT=5000``) is replaced by a free port, also exported as ``PORT``,
``MOCKDIALER_PORT`` and ``FLASK_RUN_PORT``. Each doc file runs in its own fresh copy of the project (its
own ``instance/`` DB); its snippets share that folder and run top to bottom; any non-zero exit fails.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["README.md", "docs/testing-your-client.md", "docs/command-line.md"]
FENCE = re.compile(r"^(?P<fence>```+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
SERVER_COMMAND = re.compile(r"(^|[\s;&|(])(mockdialer run|python -m mockdialer run|flask run|make run)\b")
PORT = re.compile(r"(?<=[:= ])5000\b")
SNIPPET_TIMEOUT = 180
SKIP_COPY = {
    ".venv",
    ".git",
    "instance",
    "build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".readme-parts",
}


@dataclass
class Snippet:
    doc: str
    line: int
    language: str
    flags: set[str]
    body: str

    @property
    def server(self) -> bool:
        return self.language == "bash" and ("server" in self.flags or bool(SERVER_COMMAND.search(self.body)))

    def __str__(self) -> str:
        return f"{self.doc}:{self.line} ({self.language} {' '.join(sorted(self.flags))})"


def snippets(text: str, doc: str = "<text>") -> list[Snippet]:
    """The runnable snippets of a Markdown text, in order."""
    found = []
    for match in FENCE.finditer(text):
        words = match["info"].split()
        if len(words) < 2 or words[0] not in ("bash", "python") or "runnable" not in words[1:]:
            continue
        line = text.count("\n", 0, match.start()) + 1
        found.append(Snippet(doc, line, words[0], set(words[1:]) - {"runnable"}, match["body"]))
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_copy(target: Path) -> Path:
    """The project as a user would have it, with a ``.venv`` that lends this one's interpreter and
    packages (so ``make`` targets find it installed) without writing to it."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=lambda _dir, names: set(names) & SKIP_COPY)
    venv = Path(sys.prefix)
    local = target / ".venv"
    local.mkdir()
    for item in venv.iterdir():
        if item.name != ".installed-stamp":
            (local / item.name).symlink_to(item)
    (local / ".installed-stamp").touch()  # newer than the copied setup.cfg: make sees it installed
    return target


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the server snippet exited ({proc.returncode}):\n{out}\n{err}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing answered on port {port} within {timeout}s")


def stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    return out + err


def run_doc(doc: str, workdir: Path) -> int:
    """Run every runnable snippet of ``doc`` in a fresh copy under ``workdir``; the number run."""
    found = snippets((ROOT / doc).read_text(encoding="utf-8"), doc)
    if not found:
        return 0
    project = fresh_copy(workdir / "project")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "MOCKDIALER_PORT": str(port), "FLASK_RUN_PORT": str(port)}
    env["PATH"] = f"{project / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"
    for name in ("MOCKDIALER_DB", "MOCKDIALER_ADMIN_TOKEN", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER"):
        env.pop(name, None)
    # the editable install's instance folder is the repository's: the copy keeps its own DB
    env["MOCKDIALER_DB"] = str(project / "instance" / "mockdialer.json")
    servers: list[tuple[Snippet, subprocess.Popen]] = []
    try:
        for index, snippet in enumerate(found):
            body = PORT.sub(str(port), snippet.body)
            if snippet.language == "bash":
                command = ["bash", "-euo", "pipefail", "-c", body]
            elif "pytest" in snippet.flags:
                path = project / f"test_docs_snippet_{index}.py"
                path.write_text(body, encoding="utf-8")
                command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)]
            else:
                command = [sys.executable, "-c", body]
            if snippet.server:
                proc = subprocess.Popen(
                    command,
                    cwd=project,
                    env=env,
                    text=True,
                    start_new_session=True,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                )
                servers.append((snippet, proc))
                wait_for_port(port, proc)
                continue
            result = subprocess.run(
                command, cwd=project, env=env, capture_output=True, text=True, timeout=SNIPPET_TIMEOUT
            )
            assert result.returncode == 0, (
                f"{snippet} exited {result.returncode}\n--- snippet\n{body}\n--- stdout\n{result.stdout}"
                f"\n--- stderr\n{result.stderr}"
            )
    finally:
        for _snippet, proc in servers:
            stop(proc)
    return len(found)


def test_marker_convention():
    text = (
        "```bash runnable\necho one\n```\n"
        "```bash\necho shown only\n```\n"
        "```python runnable pytest\ndef test_x(): pass\n```\n"
        "````bash runnable\nmockdialer run --port 5000\n````\n"
        "```python\nprint('shown')\n```\n"
    )
    found = snippets(text)
    assert [(s.language, s.flags, s.line) for s in found] == [
        ("bash", set(), 1),
        ("python", {"pytest"}, 7),
        ("bash", set(), 10),
    ]
    assert [s.server for s in found] == [False, False, True]
    assert PORT.sub("5123", found[2].body) == "mockdialer run --port 5123\n"
    assert PORT.sub("5123", "curl http://127.0.0.1:5000/x; make run PORT=5000; id 15000") == (
        "curl http://127.0.0.1:5123/x; make run PORT=5123; id 15000"
    )


def test_docs_have_runnable_snippets():
    assert sum(len(snippets((ROOT / d).read_text(encoding="utf-8"), d)) for d in DOCS if (ROOT / d).exists())


@pytest.mark.parametrize("doc", DOCS)
def test_doc_snippets_run(doc, tmp_path):
    assert (ROOT / doc).exists(), f"{doc} is missing"
    ran = run_doc(doc, tmp_path)
    assert ran, f"{doc} has no runnable snippets"
