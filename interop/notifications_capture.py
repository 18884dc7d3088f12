"""The XML notifications the mock sends for a campaign run by its clock, captured in process (no port):
one file per notification in the folder given, ``<n>.xml`` with ``<n>.headers.json`` beside it. make
interop hands them to CallFire's PHP SDK parser (interop/php/notifications.php)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.harness import deliveries

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # the seeded demo account
REST = "/api/1.1/rest"
EVENTS = ("OUTBOUND_CALL_FINISHED", "CAMPAIGN_STARTED", "CAMPAIGN_STOPPED")


def main(folder: str) -> int:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app = create_app(TestingConfig)
    got: list[deliveries.Delivered] = []
    deliveries.set_receiver(got.append, app)
    client = app.test_client()
    for event in EVENTS:
        fields = {"Endpoint": "http://127.0.0.1/notify", "TriggerEvent": event, "BroadcastId": "1001"}
        assert client.post(f"{REST}/subscription", data=fields, headers=AUTH).status_code == 201
    client.post("/__admin/clock", json={"freeze": "2026-03-02T17:30:00Z"})
    client.put(f"{REST}/ccc/1001/control", data={"Command": "START"}, headers=AUTH)
    client.post("/__admin/clock", json={"advance": 900})
    client.get(f"{REST}/call.json", query_string={"BroadcastId": 1001}, headers=AUTH)
    client.put(f"{REST}/ccc/1001/control", data={"Command": "STOP"}, headers=AUTH)
    deliveries.get_dispatcher(app).wait(30)
    for n, delivered in enumerate(got):
        (out / f"{n:04d}.xml").write_bytes(delivered.body)
        (out / f"{n:04d}.headers.json").write_text(json.dumps(delivered.headers))
    print(f"{len(got)} notifications in {out}")
    return 0 if got else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
