"""Regression tests for defects the fuzzers found, one per defect, each naming it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "body, field",
    [
        ({"set": 0.3333333333333333, "advance": 3.72723603914632e16}, "advance"),  # schemathesis' find
        ({"set": 1e300}, "set"),
        ({"freeze": -1e12}, "freeze"),
        ({"set": "nan"}, "set"),
        ({"freeze": "inf"}, "freeze"),
        ({"set": 10**400}, "set"),
    ],
)
def test_clock_moved_out_of_range_is_422_not_500(client, body, field):
    """Defect: POST /__admin/clock with a time past datetime's range answered 500 (ValueError)."""
    before = client.get("/__admin/clock").get_json()["clock"]
    response = client.post("/__admin/clock", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["errors"]
    assert client.get("/__admin/clock").get_json()["clock"]["frozen"] == before["frozen"]


def test_journal_since_not_finite_is_422(client):
    """Defect: ``since=inf``/``nan`` was taken as a number (and a huge JSON number overflowed)."""
    for since in ("inf", "nan", "1" + "0" * 400):
        response = client.get("/__admin/requests", query_string={"since": since})
        assert response.status_code == 422, since
        assert "since" in response.get_json()["error"]["errors"]
