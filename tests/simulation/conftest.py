"""Scenarios for the simulation tests: the shipped fixtures' campaigns and small hand-made ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "mockdialer" / "shipped_fixtures"
MONDAY = 1767571200  # 2026-01-05T00:00:00Z, a Monday
DAY = 86400


def load(vendor: str, name: str = "demo") -> dict:
    return json.loads((FIXTURES / vendor / f"{name}.json").read_text())


@pytest.fixture(scope="session")
def acefone_doc() -> dict:
    return load("acefone")


@pytest.fixture(scope="session")
def callfire_doc() -> dict:
    return load("callfire")


def acefone_campaign(doc: dict, campaign_id: str) -> dict:
    return next(c for c in doc["campaigns"] if c["id"] == campaign_id)


def acefone_time_group(doc: dict, campaign: dict) -> dict | None:
    return next((g for g in doc["objects"]["time_groups"] if g["id"] == campaign.get("time_group")), None)
