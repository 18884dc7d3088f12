"""The README's way of running the mock, killed (SIGKILL) and started again on the same DB file: every
acknowledged write, login token and logout is still there."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from .conftest import PREVIEW, Api, create_body, login

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "MOCKDIALER_DB": str(db)}
        env.pop("MOCKDIALER_STRICT", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "mockdialer", "run", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited: {self.proc.stderr.read().decode()}")
            try:
                requests.get(self.url + "/", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.kill()
        pytest.fail("server did not start")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc.stderr.close()


def test_updates_survive_sigkill_and_restart(tmp_path):
    db = tmp_path / "mockdialer.json"
    first = Served(db)
    try:
        api = Api(first.url)
        assert api("PUT", f"/v1/dialer/campaign/{PREVIEW}", json={"name": "Survives", "ring_timeout": 44}).ok
        created = api("POST", "/v1/dialer/campaign", json=create_body(name="Created before kill")).json()
        kept, ended = login(api), login(api)
        assert api.as_token(ended)("POST", "/v1/auth/logout").ok
    finally:
        first.kill()

    second = Served(db)
    try:
        api = Api(second.url)
        data = api("GET", f"/v1/dialer/campaign/{PREVIEW}").json()["data"]
        assert (data["name"], data["ring_timeout"]) == ("Survives", "44")
        assert api("GET", f"/v1/dialer/campaign/{created['campaign_id']}").json()["data"]["name"] == (
            "Created before kill"
        )
        assert api.as_token(kept)("GET", "/v1/dialer/campaign").status_code == 200
        assert api.as_token(ended)("GET", "/v1/dialer/campaign").status_code == 401
        again = api("POST", "/v1/dialer/campaign", json=create_body()).json()["campaign_id"]
        assert int(again) > int(created["campaign_id"])  # ids are never reused
    finally:
        second.kill()
