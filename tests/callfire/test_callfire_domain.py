"""The CallFire domain, schemas and REST form parsing as units (no HTTP)."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from mockdialer.callfire import schemas
from mockdialer.callfire.domain import agent_groups
from mockdialer.callfire.domain import campaigns as domain
from mockdialer.callfire.rest import forms
from mockdialer.errors import BadRequest, NotFound, ValidationFailed

DEMO = "demo-callfire"


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def test_bracketed_keys_indexed_lists_and_flat_retry_config():
    params = forms.tree(
        MultiDict(
            [
                ("Name", "n"),
                ("Question[1][label]", "second"),
                ("Question[0][label]", "first"),
                ("Question[0][responseType]", "CHOICE"),
                ("Question[0][choices][]", "a b"),
                ("Question[0][choices][]", "c"),
                ("RetryResults[1]", "AM"),
                ("RetryResults[0]", "BUSY"),
                ("RetryPhoneTypes", "HOME_PHONE"),
                ("RetryPhoneTypes", "WORK_PHONE"),
                ("MaxAttempts", "2"),
                ("Status", "RUNNING"),
            ]
        )
    )
    data = forms.campaign_input(params)
    assert data == {
        "Name": "n",
        "Question": [
            {"Label": "first", "ResponseType": "CHOICE", "Choices": ["a b", "c"]},
            {"Label": "second"},
        ],
        "RetryConfig": {
            "MaxAttempts": "2",
            "RetryResults": ["BUSY", "AM"],
            "RetryPhoneTypes": ["HOME_PHONE", "WORK_PHONE"],
        },
    }
    typed = schemas.load(schemas.RetryConfigSchema(), data["RetryConfig"])
    assert typed == {
        "MaxAttempts": 2,
        "RetryResults": ["BUSY", "AM"],
        "RetryPhoneTypes": ["HOME_PHONE", "WORK_PHONE"],
    }


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("08:00:00", "08:00:00"),
        ("08:00:00Z", "08:00:00"),
        ("23:59:59+02:00", "23:59:59"),
        ("07:05:00.250", "07:05:00"),
    ],
)
def test_times_accept_xsd_forms(raw, expected):
    assert (
        schemas.load(schemas.CccCampaignSchema(), {"Name": "n", "LocalRestrictBegin": raw})[
            "LocalRestrictBegin"
        ]
        == expected
    )


def test_empty_values_count_as_not_sent_and_all_problems_are_collected():
    with pytest.raises(ValidationFailed) as info:
        schemas.load(
            schemas.CccCampaignSchema(), {"Name": " ", "Script": "", "NumberOfRings": "x", "Recorded": "2"}
        )
    assert info.value.errors == {
        "Name": ["is required"],
        "Recorded": ["must be true or false, got '2'"],
        "NumberOfRings": ["must be an integer, got 'x'"],
    }
    assert info.value.message.startswith("Name is required; ")


def test_schema_and_reference_problems_are_reported_together(ctx):
    with pytest.raises(ValidationFailed) as info:
        domain.update_campaign(DEMO, 1001, {"Name": "n", "FromNumber": "bad!", "SmartDropSoundId": "9"})
    assert set(info.value.errors) == {"FromNumber", "SmartDropSoundId"}


def test_update_merges_retry_config_and_keeps_internal_fields_hidden(ctx):
    domain.control_campaign(DEMO, "1001", max_active="7")
    domain.update_campaign(DEMO, 1001, {"Name": "n", "RetryConfig": {"MinutesBetweenAttempts": "5"}})
    campaign = domain.get_campaign(DEMO, 1001)
    assert (
        campaign["RetryConfig"]["MaxAttempts"] == 2 and campaign["RetryConfig"]["MinutesBetweenAttempts"] == 5
    )
    assert "MaxActive" not in campaign and "Stats" not in campaign
    assert list(campaign)[:3] == ["id", "Name", "Status"]


def test_ids_typed_errors_and_isolation(ctx):
    with pytest.raises(ValidationFailed, match="Id must be a long integer"):
        domain.get_campaign(DEMO, "abc")
    with pytest.raises(NotFound):
        domain.get_campaign("other-callfire", 1001)
    with pytest.raises(BadRequest, match="ARCHIVED"):
        domain.update_campaign(DEMO, 1003, {"Name": "n"})
    with pytest.raises(BadRequest, match="ARCHIVED"):
        domain.delete_questions(DEMO, 1003)


def test_request_id_outcome_is_remembered_per_operation(ctx):
    first = domain.create_campaign(DEMO, {"Name": "a"}, request_id="same")
    assert domain.create_campaign(DEMO, {"Name": "b"}, request_id="same") == first
    domain.update_campaign(DEMO, first, {"Name": "renamed"}, request_id="same")  # another operation: applied
    assert domain.get_campaign(DEMO, first)["Name"] == "renamed"
    gid = agent_groups.create_agent_group(DEMO, {"Name": "g"}, request_id="same")
    assert agent_groups.get_agent_group(DEMO, gid)["Name"] == "g"  # not the campaign create's outcome


def test_new_ids_do_not_collide_with_fixture_ids(ctx):
    ids = {c["id"] for c in domain.query_campaigns(DEMO)[1]} | {1101}
    assert domain.create_campaign(DEMO, {"Name": "n"}) not in ids


def test_stats_count_agents_of_the_group_when_fixture_has_none(ctx):
    stats = domain.campaign_stats(DEMO, 1002, begin="2015-01-01T00:00:00")
    assert stats["AgentCount"] == 1 and stats["BilledAmount"] == 0.0 and stats["ResultStat"] == []
