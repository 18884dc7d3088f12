"""The Acefone client against mockdialer: retries, Retry-After, dropped connections, token expiry.

Every test gets a fresh mock (seeded demo account, empty journal, no faults, real time) from the
``mockdialer`` fixture of mockdialer's pytest plugin.
"""

import pytest
from dialer_clients.acefone import AcefoneClient, AcefoneError
from dialer_clients.retry import Retrier


@pytest.fixture
def waits():
    return []


@pytest.fixture
def client(mockdialer, waits):
    retrier = Retrier(retries=3, sleep=waits.append)  # record the waits instead of sleeping
    return AcefoneClient(
        mockdialer.acefone_url, mockdialer.acefone_email, mockdialer.acefone_password, retrier
    )


@pytest.fixture
def campaign_id(client):
    return client.list_campaigns()[0]["id"]


def test_logs_in_once_and_reads_campaigns(client, mockdialer, campaign_id):
    assert client.get_campaign(campaign_id)["id"] == campaign_id
    operations = [r["operation"] for r in mockdialer.requests()]
    assert operations == ["acefone.login", "acefone.list_campaigns", "acefone.get_campaign"]
    login = mockdialer.requests(operation="acefone.login")[0]
    assert login["body"]["password"] == "***"  # the journal never keeps credentials


def test_retries_503_until_it_passes(client, mockdialer, campaign_id):
    mockdialer.fault("error", status=503, operation="acefone.get_campaign", times=2)
    assert client.get_campaign(campaign_id)["id"] == campaign_id
    statuses = [r["status"] for r in mockdialer.requests(operation="acefone.get_campaign")]
    assert statuses == [503, 503, 200]


def test_waits_as_long_as_retry_after_says(client, mockdialer, campaign_id, waits):
    mockdialer.fault("rate_limit", retry_after=3, vendor="acefone", method="GET", times=1)
    client.get_campaign(campaign_id)
    assert waits == [3.0]


def test_gives_up_and_reports_the_vendors_message(client, mockdialer, campaign_id):
    mockdialer.fault("error", status=500, message="Temporary failure", operation="acefone.get_campaign")
    with pytest.raises(AcefoneError) as exc:
        client.get_campaign(campaign_id)
    assert (exc.value.status, exc.value.message) == (500, "Temporary failure")
    assert exc.value.body["success"] is False
    assert mockdialer.count(operation="acefone.get_campaign") == 4  # 1 try + 3 retries


def test_a_dropped_update_is_sent_again_and_applied(client, mockdialer, campaign_id):
    mockdialer.fault("drop", operation="acefone.update_campaign", times=1)
    assert client.update_campaign(campaign_id, name="Renamed by retry") == "Campaign updated successfully"
    assert client.get_campaign(campaign_id)["name"] == "Renamed by retry"
    statuses = [r["status"] for r in mockdialer.requests(operation="acefone.update_campaign")]
    assert statuses == [None, 200]  # None: no answer was sent


def test_expired_token_leads_to_a_new_login(client, mockdialer, campaign_id):
    mockdialer.clock.advance(hours=2)  # the login token lives 1 hour
    assert client.get_campaign(campaign_id)["id"] == campaign_id
    calls = [(r["operation"], r["status"]) for r in mockdialer.requests()][2:]
    assert calls == [
        ("acefone.get_campaign", 401),
        ("acefone.refresh", 401),
        ("acefone.login", 200),
        ("acefone.get_campaign", 200),
    ]


def test_token_within_its_hour_is_kept(client, mockdialer, campaign_id):
    mockdialer.clock.advance(minutes=59)
    client.get_campaign(campaign_id)
    assert mockdialer.count(operation="acefone.login") == 1


@pytest.mark.parametrize("run", [1, 2])
def test_every_test_starts_from_the_seeded_state(client, campaign_id, run):
    # Whichever run comes second (on any xdist worker) sees the seeded name again.
    assert client.get_campaign(campaign_id)["name"] == "Home Loan Preview - Bengaluru"
    client.update_campaign(campaign_id, name=f"Changed by run {run}")
