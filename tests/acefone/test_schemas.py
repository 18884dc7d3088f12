"""The campaign schema, domain helpers and seeding, without HTTP."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from marshmallow import ValidationError

from mockdialer import create_app
from mockdialer.acefone import schemas
from mockdialer.acefone.seed import seed_account
from mockdialer.admin import LocalAdmin
from mockdialer.config import TestingConfig
from mockdialer.harness.fixtures import FixtureError
from mockdialer.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "acefone"


def test_the_schema_has_the_51_fields_of_the_vendors_page():
    """docs/vendors/acefone.md restates the vendor's update page's body table as data."""
    page = Path(__file__).resolve().parents[2] / "docs" / "vendors" / "acefone.md"
    section = page.read_text().split("## The campaign body's 51 fields", 1)[1]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| `")]
    assert list(schemas.FIELD_ORDER) == [row[1].strip().strip("`") for row in rows]
    assert len(schemas.FIELD_ORDER) == 51
    mandatory = {row[1].strip().strip("`") for row in rows if row[3].strip() == "yes"}
    assert mandatory == set(schemas.CREATE_MANDATORY)
    assert set(schemas.CREATE_MANDATORY) == {
        "name", "dial_method", "outbound_caller_id", "disposition_list", "number_of_retry",
        "retry_after_minutes", "auto_disposition_cancel_duration", "dial_status",
    }  # fmt: skip


def test_strict_and_lenient_schemas_declare_the_same_fields_in_the_same_order():
    assert tuple(schemas.StrictCampaignSchema().fields) == tuple(schemas.CampaignSchema().fields)


def test_lenient_reading_normalises_to_the_pages_types():
    loaded = schemas.CampaignSchema().load(
        {"dial_method": 2, "dial_ratio": 3, "hide_lead_details": "1", "enable_hangup": False, "agent": ["7"]},
        partial=True,
    )
    assert loaded == {
        "dial_method": "2",
        "dial_ratio": "3",
        "hide_lead_details": 1,
        "enable_hangup": 0,
        "agent": [7],
    }


def test_strict_reading_takes_the_pages_types_only():
    ok = {"dial_method": "2", "dial_ratio": "3", "hide_lead_details": 1, "agent": [7]}
    assert schemas.StrictCampaignSchema().load(ok, partial=True) == ok
    with pytest.raises(ValidationError) as exc:
        schemas.StrictCampaignSchema().load({"dial_ratio": 3, "x": 1}, partial=True)
    assert set(exc.value.messages) == {"dial_ratio", "x"}


def test_every_field_carries_the_pages_type_for_the_openapi_document():
    for name, field in schemas.CampaignSchema().fields.items():
        assert field.metadata["x-vendor-type"] and field.metadata["description"], name


def test_flatten_names_array_items():
    messages = {"a": ["x"], "b": {0: ["y"], 2: {"c": ["z"], "_schema": ["w"]}}}
    assert schemas.flatten(messages) == {"a": ["x"], "b": ["[0]: y", "[2].c: z", "[2]: w"]}


def test_seeding_refuses_a_fixture_campaign_the_api_would_refuse():
    doc = json.loads((FIXTURES / "demo.json").read_text())
    broken = copy.deepcopy(doc)
    broken["campaigns"][0]["dial_method"] = "9"
    with pytest.raises(FixtureError, match="40001"):
        seed_account(Store(), broken)
    store = Store()
    seed_account(store, doc)
    assert store.account("acefone", "demo").count("campaigns") == 3


def test_fixture_accounts_have_disjoint_ids():
    def ids(doc):
        found = {("campaigns", c["id"]) for c in doc["campaigns"]}
        return found | {(k, str(o["id"])) for k, items in doc["objects"].items() for o in items}

    demo, other = (json.loads((FIXTURES / f"{n}.json").read_text()) for n in ("demo", "other"))
    assert not {i for _, i in ids(demo)} & {i for _, i in ids(other)}


def test_views_name_their_operation_and_account():
    app = create_app(TestingConfig)
    client = app.test_client()
    journal = LocalAdmin(app)

    client.put(
        "/v1/dialer/campaign/40001", json={"name": "x"}, headers={"Authorization": "acefone-demo-token"}
    )
    client.get("/v1/broadcast/lists", headers={"Authorization": "acefone-other-token"})
    seen = [(e["operation"], e["account"]) for e in journal.requests()]
    assert seen == [("acefone.update_campaign", "demo"), ("acefone.list_lead_lists", "other")]
