"""The store under real servers: 8 threads of Acefone PUTs, SIGKILL of ``flask run`` mid-burst,
and gunicorn with 4 worker processes on one DB file (PUTs and creates: no update lost)."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from mockdialer import create_app
from mockdialer.store import Store, get_store
from mockdialer.testing.live_server import LiveServer

TOKEN = {"Authorization": "Bearer acefone-demo-token"}
TABLE, ACCOUNT, FIRST = "acefone.campaigns", "demo", "40001"
CREATE = {  # the fields mandatory on create
    "name": "Created",
    "dial_method": "1",
    "auto_dial_duration": "10",
    "outbound_caller_id": "1001",
    "disposition_list": "3001",
    "number_of_retry": "2",
    "retry_after_minutes": "30",
    "auto_disposition_cancel_duration": "15",
    "dial_status": ["0"],
}
REPO = Path(__file__).resolve().parents[2]


def _seeded_db(path: Path, extra: int) -> list[str]:
    """A DB file seeded from the shipped fixtures plus ``extra`` clones of campaign 40001."""
    store = get_store(create_app({"DB": str(path)}))
    template = store.get(TABLE, f"{ACCOUNT}/{FIRST}")
    ids = [str(60001 + i) for i in range(extra)]
    with store.transaction():
        for id_ in ids:
            store.put(TABLE, f"{ACCOUNT}/{id_}", {**template, "id": id_})
    store.restore(store.snapshot())  # a new snapshot and an empty log: the test's writes are the lines
    return [FIRST, *ids]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited"
        try:
            if requests.get(f"{url}/v1/dialer/campaign/{FIRST}", headers=TOKEN, timeout=2).ok:
                return
        except (requests.ConnectionError, requests.Timeout):  # workers still booting on a busy machine
            time.sleep(0.05)
    raise AssertionError("the server did not start")


def _put(session: requests.Session, url: str, id_: str, description: str) -> None:
    r = session.put(f"{url}/v1/dialer/campaign/{id_}", json={"description": description}, headers=TOKEN)
    assert r.status_code == 200, r.text


def test_an_acefone_put_is_on_file_and_a_restart_has_the_whole_campaign(tmp_path):
    path = tmp_path / "db.json"
    _seeded_db(path, 0)
    client = create_app({"DB": str(path)}).test_client()
    before = client.get(f"/v1/dialer/campaign/{FIRST}", headers=TOKEN).get_json()["data"]
    r = client.put(f"/v1/dialer/campaign/{FIRST}", json={"description": "kept"}, headers=TOKEN)
    assert r.status_code == 200
    restarted = create_app({"DB": str(path)}).test_client()
    after = restarted.get(f"/v1/dialer/campaign/{FIRST}", headers=TOKEN).get_json()["data"]
    assert after["description"] == "kept"
    assert after == {**before, "description": "kept", "updated_at": after["updated_at"]}


def test_eight_threads_a_thousand_acefone_puts(tmp_path):
    path = tmp_path / "db.json"
    ids = _seeded_db(path, 4)
    app = create_app({"DB": str(path)})
    errors: list[BaseException] = []

    def work(i: int, url: str) -> None:
        try:
            with requests.Session() as session:
                for j in range(125):  # threads 0-3 share campaign 40001, 4-7 have one each
                    _put(session, url, ids[0] if i < 4 else ids[i - 3], f"t{i}-{j}")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted empty
            errors.append(exc)

    with LiveServer(app) as server:
        threads = [threading.Thread(target=work, args=(i, server.url)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    reopened = Store(str(path))
    for i in range(4, 8):
        assert reopened.get(TABLE, f"{ACCOUNT}/{ids[i - 3]}")["description"] == f"t{i}-124"
    assert reopened.get(TABLE, f"{ACCOUNT}/{FIRST}")["description"] in {f"t{i}-124" for i in range(4)}


def _burst(url: str, ids: list[str], label: str, acked: dict[str, int], stop: threading.Event) -> None:
    """PUTs round the campaigns until stopped or the server dies; ``acked`` holds each one's last 200."""
    with requests.Session() as session:
        n = 0
        while not stop.is_set():
            id_ = ids[n % len(ids)]
            try:
                _put(session, url, id_, f"{label}-{n:06d}")
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                return  # killed mid-request (before or while answering): not acknowledged
            acked[id_] = n
            n += 1


def test_sigkill_of_flask_run_mid_burst_keeps_every_acknowledged_put(tmp_path):
    path = tmp_path / "db.json"
    ids = _seeded_db(path, 2)
    rng = random.Random(6)
    for round_ in range(3):
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "MOCKDIALER_DB": str(path)}
        cmd = [sys.executable, "-m", "flask", "--app", "mockdialer", "run", "--port", str(port)]
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_ready(url, proc)
            acked: dict[str, int] = {}
            target, stop = rng.randint(20, 120), threading.Event()
            client = threading.Thread(target=_burst, args=(url, ids, f"r{round_}", acked, stop))
            client.start()
            while len(acked) < len(ids) or max(acked.values()) < target:
                assert client.is_alive()
                time.sleep(0.005)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            stop.set()
            client.join()
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
        store = Store(str(path))  # always loads
        for id_, n in acked.items():
            stored = store.get(TABLE, f"{ACCOUNT}/{id_}")["description"]
            assert stored.startswith(f"r{round_}-") and int(stored.split("-")[1]) >= n


@pytest.fixture
def gunicorn(tmp_path):
    path = tmp_path / "db.json"
    ids = _seeded_db(path, 8)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MOCKDIALER_DB": str(path)}
    binary = Path(sys.executable).with_name("gunicorn")
    cmd = [str(binary), "-w", "4", "-b", f"127.0.0.1:{port}", "mockdialer:create_app()"]
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(url, proc)
        yield url, path, ids
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_gunicorn_four_workers_share_one_db_file(gunicorn):
    url, path, ids = gunicorn
    errors: list[BaseException] = []
    created: list[str] = []
    before = Store(str(path)).count(TABLE, f"{ACCOUNT}/")  # one more process on the file

    def work(i: int) -> None:
        try:
            for j in range(40):
                # a new connection each time, so the PUT and the GET land on any of the 4 workers
                with requests.Session() as s:
                    _put(s, url, ids[0], f"shared-{i}-{j}")
                with requests.Session() as s:
                    _put(s, url, ids[i + 1], f"own-{i}-{j}")
                with requests.Session() as s:
                    got = s.get(f"{url}/v1/dialer/campaign/{ids[i + 1]}", headers=TOKEN).json()
                assert got["data"]["description"] == f"own-{i}-{j}", got
                with requests.Session() as s:
                    body = {**CREATE, "name": f"c{i}-{j}"}
                    r = s.post(f"{url}/v1/dialer/campaign", json=body, headers=TOKEN)
                assert r.status_code == 200, r.text
                created.append(r.json()["campaign_id"])
        except BaseException as exc:  # noqa: BLE001 - collected and asserted empty
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store(str(path))
    assert store.get(TABLE, f"{ACCOUNT}/{ids[0]}")["description"].startswith("shared-")
    assert all(store.get(TABLE, f"{ACCOUNT}/{ids[i + 1]}")["description"] == f"own-{i}-39" for i in range(8))
    # each create is a read-modify-write of the id sequence and a new document: none is lost
    assert len(set(created)) == len(created) == 320
    assert all(store.get(TABLE, f"{ACCOUNT}/{id_}") is not None for id_ in created)
    assert store.count(TABLE, f"{ACCOUNT}/") == before + 320
