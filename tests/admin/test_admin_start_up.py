"""The admin API and the console at start-up: reads (health, the journal, the campaigns, the console's
page) load none of the admin schemas (so no marshmallow of theirs); the first body to validate does.
``tests/test_startup.py`` states the whole app's goal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
import mockdialer

schemas = lambda: "mockdialer.admin.schemas" in sys.modules
app = mockdialer.create_app()
seen = {{"create_app": schemas()}}
client = app.test_client()
for path, headers in [
    ("/__admin/health", {{}}),
    ("/__admin/requests", {{}}),
    ("/__admin/requests/count", {{}}),
    ("/__admin/campaigns", {{}}),
    ("/__admin/campaigns", {{"HX-Request": "true"}}),
    ("/", {{"Accept": "text/html"}}),
    ("/", {{"Accept": "application/json"}}),
]:
    answer = client.get(path, headers=headers)
    assert answer.status_code == 200, (path, answer.status_code)
assert client.post("/__admin/reset", content_type="application/json").status_code == 200
seen["reads"] = schemas()
answer = client.post("/__admin/clock", json={{"advance": 60}})
assert answer.status_code == 200, answer.get_data(as_text=True)
seen["a body"] = schemas()
print(json.dumps(seen))
"""


def test_admin_and_console_reads_load_no_admin_schemas(tmp_path):
    env = {**os.environ, "MOCKDIALER_DB": str(tmp_path / "db.json")}
    code = PROBE.format()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # seeds the DB
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen == {"create_app": False, "reads": False, "a body": True}


def test_queries_are_validated_when_given_and_empty_ones_are_none(client):
    assert client.get("/__admin/campaigns?vendor=acefone").json["count"] >= 1
    assert client.get("/__admin/campaigns?vendor=").json == client.get("/__admin/campaigns").json
    assert client.get("/__admin/campaigns?colour=red").status_code == 422
    assert client.get("/__admin/requests/count?status=42").status_code == 422
    assert client.get("/__admin/requests/count?status=").json["count"] == 0
