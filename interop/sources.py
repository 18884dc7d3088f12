"""Where ``make interop`` finds the vendors' client sources (interop/SOURCES lists them).

``find(targets)`` returns the sources root holding every target folder, looking in order in
``$INTEROP_SOURCES``, ``../shared/vendor`` beside the repository (or beside the main worktree of a git
worktree), and ``build/interop/sources``, where a target still missing is cloned from its public
repository at the pinned commit. If none of that works, ``SourcesMissing`` says in one line what is
missing and where to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LIST = HERE / "SOURCES"
CLONES = REPO / "build" / "interop" / "sources"
STAMP = ".interop-commit"  # written in a cloned target: the commit it holds


class SourcesMissing(Exception):
    """One line: what is missing and where to get it."""


@dataclass(frozen=True)
class Source:
    url: str
    commit: str
    target: str


def listed() -> dict[str, Source]:
    """interop/SOURCES by target folder."""
    sources = {}
    for line in LIST.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            url, commit, target = line.split()
            sources[target] = Source(url, commit, target)
    return sources


def candidates() -> list[Path]:
    found = [Path(os.environ["INTEROP_SOURCES"])] if os.environ.get("INTEROP_SOURCES") else []
    found.append(REPO.parent / "shared" / "vendor")
    try:  # a git worktree: ../shared beside the main worktree
        common = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        found.append(Path(common).parent.parent / "shared" / "vendor")
    except (OSError, subprocess.CalledProcessError):
        pass
    return found


def _has(root: Path, target: str) -> bool:
    folder = root / target
    return folder.is_dir() and any(folder.iterdir())


def clone(source: Source, root: Path = CLONES) -> Path:
    """``source`` at its commit in ``root/target`` (kept: a second run clones nothing)."""
    dest = root / source.target
    if (dest / STAMP).is_file() and (dest / STAMP).read_text().strip() == source.commit:
        return dest
    if shutil.which("git") is None:
        raise SourcesMissing(f"{source.target} is missing and git is not installed to clone {source.url}")
    shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        ["git", "clone", "--quiet", "--no-checkout", "--filter=blob:none", source.url, str(dest)],
        ["git", "-C", str(dest), "checkout", "--quiet", source.commit],
    ]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}  # a moved repository fails, never asks for a login
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            shutil.rmtree(dest, ignore_errors=True)
            why = (done.stderr.strip().splitlines() or ["failed"])[-1]
            raise SourcesMissing(
                f"{source.target} is missing: set INTEROP_SOURCES to a folder holding it, or let git clone "
                f"{source.url} at {source.commit} ({why})"
            )
    shutil.rmtree(dest / ".git")  # the copy is the commit's files, as the shared folder holds them
    (dest / STAMP).write_text(source.commit + "\n")
    return dest


def find(targets: list[str]) -> Path:
    """The sources root that holds every one of ``targets`` (folders named in interop/SOURCES)."""
    for root in candidates():
        if all(_has(root, target) for target in targets):
            return root.resolve()
    sources = listed()
    unknown = [target for target in targets if target not in sources]
    if unknown:
        raise SourcesMissing(f"{', '.join(unknown)} not listed in {LIST}")
    for target in targets:
        if not _has(CLONES, target) or not (CLONES / target / STAMP).is_file():
            print(f"interop: cloning {sources[target].url} at {sources[target].commit[:12]}", flush=True)
        clone(sources[target])
    return CLONES.resolve()
