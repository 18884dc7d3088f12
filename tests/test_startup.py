"""Start-up loads only what routing needs: marshmallow, lxml, PyJWT and apispec are imported by the
first request that uses them (``mockdialer/lazy.py``; the P3 figure in docs/benchmarks.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("marshmallow", "lxml", "jwt", "apispec")

PROBE = """
import json, sys
import mockdialer

HEAVY = {heavy!r}
loaded = lambda: sorted(m for m in HEAVY if m in sys.modules)
seen = {{}}
app = mockdialer.create_app()
seen["create_app"] = loaded()
client = app.test_client()
acefone = {{"Authorization": "Bearer acefone-demo-token"}}
callfire = {{"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}}
assert client.get("/v1/dialer/campaign/40001", headers=acefone).status_code == 200
assert client.get("/api/1.1/rest/ccc/1001.json", headers=callfire).status_code == 200
assert client.get("/__admin/health").status_code == 200
seen["reads"] = loaded()
answer = client.put("/v1/dialer/campaign/40001", json={{"description": "x"}}, headers=acefone)
assert answer.status_code == 200, answer.get_data(as_text=True)
seen["a write"] = loaded()
print(json.dumps(seen))
"""


def _probe(db) -> dict:
    env = {**os.environ, "MOCKDIALER_DB": str(db)}
    code = PROBE.format(heavy=HEAVY)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # seeds the DB
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_start_up_and_reads_leave_validation_xml_and_jwt_unloaded(tmp_path):
    seen = _probe(tmp_path / "db.json")
    assert seen["create_app"] == []
    assert seen["reads"] == []
    assert "marshmallow" in seen["a write"]  # a write validates: the schemas load then
