"""The clock through the admin API, and vendor timestamps following it."""

from __future__ import annotations

import time

import requests


def test_freeze_set_advance_and_back_to_real_time(admin):
    state = admin.clock.freeze("2030-01-01T00:00:00Z")
    assert state == {"now": "2030-01-01T00:00:00Z", "time": 1893456000.0, "frozen": True}
    assert admin.clock.advance(hours=1)["now"] == "2030-01-01T01:00:00Z"
    assert admin.clock.set(1893456000 + 5)["now"] == "2030-01-01T00:00:05Z"
    running = admin.clock.unfreeze()
    assert running["frozen"] is False and running["time"] >= 1893456005
    back = admin.clock.reset()
    assert back["frozen"] is False and abs(back["time"] - time.time()) < 60


def test_vendor_timestamps_follow_the_clock(admin, rest):
    admin.clock.freeze("2031-05-06T07:08:09Z")
    assert rest("PUT", "/ccc/1001", data={"Name": "Timed"}).status_code == 204
    campaign = rest("GET", "/ccc/1001.json").json()["Resource"]["CccCampaign"]
    assert campaign["LastModified"] == "2031-05-06T07:08:09Z"
    assert admin.requests()[0]["time"] == "2031-05-06T07:08:09Z"


def test_bad_clock_bodies_are_422(live):
    for body in ({}, {"set": "soon"}, {"advance": "a lot"}, {"freeze": "never"}):
        r = requests.post(live.url + "/__admin/clock", json=body, timeout=5)
        assert r.status_code == 422, body
        assert r.json()["ok"] is False


def test_stamp_truncates_to_the_second_and_follows_every_move():
    from mockdialer.harness.clock import Clock

    clock = Clock()
    clock.freeze(1893456000.999)
    assert clock.stamp() == "2030-01-01T00:00:00Z"
    clock.advance(0.002)
    assert clock.stamp() == "2030-01-01T00:00:01Z"
    clock.set(-0.5)  # before the epoch: still the second it falls in
    assert clock.stamp() == "1969-12-31T23:59:59Z"
    clock.set(1893456000.999)
    assert clock.stamp() == "2030-01-01T00:00:00Z"
