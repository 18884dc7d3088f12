"""Exact wire bodies of CallService and contact batches (Call, CallRecord, ContactBatch) against golden
files in tests/golden/callfire/rest/; regenerate after an intended change with ``--update-goldens``."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from mockdialer.harness.clock import get_clock

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "callfire" / "rest"
AUTH = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
FROZEN_AT = 1435069199  # 2015-06-23T14:19:59Z: campaign 1001's seeded calls are its only ones

CASES = {
    "call.xml": ("GET", "/call/10010000002", None, 200),
    "call.json": ("GET", "/call/10010000002.json", None, 200),
    "call_list.xml": ("GET", "/call?BroadcastId=1001&MaxResults=3&Result=NO_ANS%20BUSY", None, 200),
    "call_list.json": ("GET", "/call.json?BroadcastId=1001&MaxResults=3&Result=NO_ANS%20BUSY", None, 200),
    "call_error_400.json": ("GET", "/call.json?State=RINGING&MaxResults=5000", None, 400),
    "call_error_404.xml": ("GET", "/call/10019999999", None, 404),
    "contact_batch_reference.json": ("POST", "/broadcast/1001/batch.json", {"To": "12135559000"}, 201),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_wire_body_matches_golden(app, client, name, golden):
    get_clock(app).freeze(FROZEN_AT)
    method, path, data, status = CASES[name]
    response = client.open("/api/1.1/rest" + path, method=method, data=data, headers=AUTH)
    assert response.status_code == status, response.data
    golden(GOLDEN / name, response.data)


@pytest.mark.parametrize("suffix", ["", ".json"])
def test_contact_batch_matches_golden(app, client, golden, suffix):
    get_clock(app).freeze(FROZEN_AT)
    created = client.post("/api/1.1/rest/broadcast/1001/batch.json", data={"To": "12135559000"}, headers=AUTH)
    batch_id = created.get_json()["ResourceReference"]["Id"]
    response = client.get(f"/api/1.1/rest/broadcast/batch/{batch_id}{suffix}", headers=AUTH)
    assert response.status_code == 200
    golden(GOLDEN / f"contact_batch{suffix or '.xml'}", response.data)
