"""The live mock the Acefone interop run talks to: ``flask --app mockdialer run`` on a free port with a new
temporary DB (seeded from fixtures/), and the admin calls the checks use (clock, campaign control)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
TOKEN = "acefone-demo-token"  # fixtures/acefone/demo.json


class SetupError(Exception):
    pass


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path

    def admin(self, method: str, path: str, **kwargs) -> dict:
        response = requests.request(method, f"{self.url}/__admin{path}", timeout=30, **kwargs)
        response.raise_for_status()
        return response.json()

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {TOKEN}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=30, **kwargs)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp: Path) -> Server:
    flask = REPO / ".venv" / "bin" / "flask"
    if not flask.exists():
        raise SetupError(f"{flask} not found: run make install")
    port = _free_port()
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
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SetupError("the mock exited at start:\n" + log.read_text()[-2000:])
        try:
            if requests.get(f"{server.url}/__admin/health", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.stop()
    raise SetupError("the mock did not answer within 60 s:\n" + log.read_text()[-2000:])
