"""The CallFire REST client against mockdialer: errors, retries with one RequestId, timestamps, accounts."""

import pytest
from dialer_clients.callfire import CallFireClient, CallFireError
from dialer_clients.retry import Retrier


@pytest.fixture
def waits():
    return []


@pytest.fixture
def client(mockdialer, waits):
    retrier = Retrier(retries=2, sleep=waits.append)
    return CallFireClient(
        mockdialer.callfire_rest_url, mockdialer.callfire_login, mockdialer.callfire_password, retrier
    )


def test_reads_a_campaign(client):
    assert client.get_campaign(1001)["Name"] == "Demo Customer Survey"


def test_update_retried_after_503_keeps_its_request_id(client, mockdialer):
    mockdialer.fault("error", status=503, operation="callfire.UpdateCccCampaign", times=1)
    request_id = client.update_campaign(1001, "Renamed")
    sent = mockdialer.requests(operation="callfire.UpdateCccCampaign")
    assert [r["status"] for r in sent] == [503, 204]
    assert sent[-1]["body"]["RequestId"] == request_id
    assert client.get_campaign(1001)["Name"] == "Renamed"


def test_last_modified_follows_the_mocks_clock(client, mockdialer):
    mockdialer.clock.freeze("2030-02-03T04:05:06Z")
    client.update_campaign(1001, "Timed")
    assert client.get_campaign(1001)["LastModified"] == "2030-02-03T04:05:06Z"


def test_rate_limit_then_success(client, mockdialer, waits):
    mockdialer.fault("rate_limit", retry_after=2, vendor="callfire", times=1)
    assert client.get_campaign(1001)["Name"] == "Demo Customer Survey"
    assert waits == [2.0]


def test_unknown_campaign_is_a_404_with_the_vendors_message(client):
    with pytest.raises(CallFireError) as exc:
        client.get_campaign(999999)
    assert exc.value.status == 404 and exc.value.message


def test_wrong_password_is_401(mockdialer):
    client = CallFireClient(mockdialer.callfire_rest_url, mockdialer.callfire_login, "wrong")
    with pytest.raises(CallFireError) as exc:
        client.get_campaign(1001)
    assert exc.value.status == 401


def test_a_seeded_account_sees_only_its_own_campaigns(mockdialer):
    account = {"account": "acme", "login": "acme", "password": "acme-pw", "sounds": [], "agentGroups": []}
    account["campaigns"] = [
        {"id": 7001, "Name": "Acme survey", "Status": "SETUP", "FromNumber": "13105551212"}
    ]
    mockdialer.seed({"callfire": [account]})
    acme = CallFireClient(mockdialer.callfire_rest_url, "acme", "acme-pw")
    assert acme.get_campaign(7001)["Name"] == "Acme survey"
    with pytest.raises(CallFireError):
        acme.get_campaign(1001)  # the demo account's campaign
