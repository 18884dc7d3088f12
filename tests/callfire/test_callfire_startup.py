"""CallFire's part of start-up (tests/test_startup.py states the whole goal): create_app and every JSON
read leave lxml and the CallFire schemas (marshmallow) unloaded; an XML answer or a SOAP request loads
lxml, a write the schemas."""

from __future__ import annotations

import json
import os
import subprocess
import sys

READS = [
    "/api/1.1/rest/ccc/1001.json",
    "/api/1.1/rest/ccc.json",
    "/api/1.1/rest/ccc.json?MaxResults=5&FirstResult=0&Running=false",
    "/api/1.1/rest/ccc/1001/stats.json",
    "/api/1.1/rest/ccc/1001/stats.json?IntervalBegin=2015-01-01T00:00:00Z",
    "/api/1.1/rest/ccc/agent-group.json",
    "/api/1.1/rest/ccc/agent-group/3001.json",
    "/api/1.1/rest/ccc/agent.json?Enabled=true",
    "/api/1.1/rest/ccc/agent/4001.json",
    "/api/1.1/rest/ccc/agent-session.json?Active=true",
    "/api/1.1/rest/ccc/agent-session/5001.json",
    "/api/1.1/rest/ccc/1001/agent.json",
    "/api/1.1/rest/ccc/1001/agent-group.json",
    "/api/1.1/rest/ccc/1001/agent-invite-uri.json?AgentEmail=alice@example.com",
]
SOAP = (
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body>'
    '<GetCccCampaignRequest xmlns="http://api.callfire.com/service/xsd"><Id>1001</Id></GetCccCampaignRequest>'
    "</env:Body></env:Envelope>"
)

PROBE = """
import json, sys
import mockdialer

loaded = lambda: sorted(m for m in ("lxml", "mockdialer.callfire.schemas") if m in sys.modules)
auth = {{"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}}
seen = {{}}
client = mockdialer.create_app().test_client()
seen["create_app"] = loaded()
for path in {reads!r}:
    answer = client.get(path, headers=auth)
    assert answer.status_code == 200, (path, answer.get_data(as_text=True))
seen["JSON reads"] = loaded()
soap = {{**auth, "Content-Type": "application/soap+xml"}}
assert client.post("/api/1.1/soap12/ccc", data={soap!r}, headers=soap).status_code == 200
seen["a SOAP read"] = loaded()
answer = client.put("/api/1.1/rest/ccc/1001", data={{"Name": "x"}}, headers=auth)
assert answer.status_code == 204, answer.get_data(as_text=True)
seen["a write"] = loaded()
print(json.dumps(seen))
"""


def test_start_up_and_json_reads_load_neither_lxml_nor_the_schemas(tmp_path):
    env = {**os.environ, "MOCKDIALER_DB": str(tmp_path / "db.json")}
    code = PROBE.format(reads=READS, soap=SOAP)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # seeds the DB
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "create_app": [],
        "JSON reads": [],
        "a SOAP read": ["lxml"],
        "a write": ["lxml", "mockdialer.callfire.schemas"],
    }
