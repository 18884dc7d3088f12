"""CallFire notifications at their edges: an https Endpoint (certificate checked unless NonStrictSsl),
the 10,000-subscriptions-per-account limit, a deleted subscription's queue, and the notifications of a
campaign served by several worker processes (each event delivered exactly once)."""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
import time
from base64 import b64encode
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from live_serve import make_serve
from lxml import etree
from receivers import Receiver

from mockdialer.callfire.domain import subscriptions
from mockdialer.callfire.domain.tables import view_for
from mockdialer.harness import deliveries

AUTH = {"Authorization": "Basic " + b64encode(b"demo-callfire:demo-password").decode()}
OTHER = {"Authorization": "Basic " + b64encode(b"other-callfire:other-password").decode()}
REST = "/api/1.1/rest"


def _subscribe(client, headers=AUTH, **fields):
    answer = client.post(f"{REST}/subscription.json", data=fields, headers=headers)
    assert answer.status_code == 201, answer.data
    return answer.get_json()["ResourceReference"]["Id"]


def _start_1001(client) -> None:
    assert client.post("/__admin/clock", json={"freeze": "2026-03-02T17:30:00Z"}).status_code == 200
    assert client.put(f"{REST}/ccc/1001/control", data={"Command": "START"}, headers=AUTH).status_code == 204


# ----- https
def _self_signed(folder) -> tuple[str, str] | None:
    """A certificate and key for 127.0.0.1 made for this test: with ``cryptography`` when it is
    installed, else with the ``openssl`` command; None when neither is there."""
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            return None
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
             "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True,
        )  # fmt: skip
        return cert, key
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(private, hashes.SHA256())
    )
    with open(cert, "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key, "wb") as out:
        out.write(
            private.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return cert, key


@pytest.fixture
def https_receiver(tmp_path):
    made = _self_signed(tmp_path)
    if made is None:
        pytest.skip("no way to make a test certificate here: neither the cryptography package nor openssl")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*made)
    receiver = Receiver(context=context)
    yield receiver
    receiver.close()


def test_an_https_endpoint_with_non_strict_ssl_gets_its_notifications(client, app, https_receiver):
    sub = _subscribe(client, Endpoint=https_receiver.url(), TriggerEvent="CAMPAIGN_STARTED",
                     BroadcastId="1001", NonStrictSsl="true")  # fmt: skip
    _start_1001(client)
    assert deliveries.get_dispatcher(app).wait(15)
    (got,) = https_receiver.got
    assert got.path == "/notify?token=s3cret"
    assert got.headers["Content-Type"] == "text/xml; charset=UTF-8"
    assert f"<n:SubscriptionId>{sub}</n:SubscriptionId>".encode() in got.body
    (attempt,) = client.get("/__admin/requests", query_string={"direction": "outbound"}).get_json()[
        "requests"
    ]
    assert attempt["status"] == 200


def test_an_https_endpoint_s_certificate_is_checked_by_default(client, app, https_receiver):
    sub = _subscribe(
        client, Endpoint=https_receiver.url(), TriggerEvent="CAMPAIGN_STARTED", BroadcastId="1001"
    )
    _start_1001(client)
    deadline = time.monotonic() + 10
    while True:  # the first attempt fails on the self-signed certificate; then stop the retries
        tried = client.get("/__admin/requests", query_string={"direction": "outbound"}).get_json()["requests"]
        if tried or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert client.delete(f"{REST}/subscription/{sub}", headers=AUTH).status_code == 204
    assert deliveries.get_dispatcher(app).wait(15)
    assert https_receiver.got == []  # the TLS handshake failed: no request reached it
    assert tried and tried[0]["status"] is None
    assert "CERTIFICATE_VERIFY_FAILED" in json.dumps(tried[0])


# ----- the limit
def test_the_10001st_subscription_of_an_account_is_refused(client, app):
    with app.app_context():
        view = view_for("demo-callfire")
        have = view.count(subscriptions.SUBSCRIPTIONS)
        doc = {"Enabled": True, "NonStrictSsl": False, "Endpoint": "https://example.com/n",
               "NotificationFormat": "XML", "TriggerEvent": "CAMPAIGN_STARTED"}  # fmt: skip
        with view.transaction():
            for n in range(subscriptions.MAX_PER_ACCOUNT - have):
                view.put(subscriptions.SUBSCRIPTIONS, 200_000 + n, {"id": 200_000 + n, **doc, "token": ""})
    listed = client.get(f"{REST}/subscription.json", query_string={"MaxResults": 1}, headers=AUTH).get_json()
    assert listed["ResourceList"]["@totalResults"] == 10_000
    fields = {"Endpoint": "https://example.com/one-more", "TriggerEvent": "CAMPAIGN_FINISHED"}
    refused = client.post(f"{REST}/subscription.json", data=fields, headers=AUTH)
    assert refused.status_code == 400
    error = refused.get_json()["ResourceException"]
    assert error["HttpStatus"] == 400 and "10000" in error["Message"].replace(",", "")
    xml = client.post(f"{REST}/subscription", data=fields, headers=AUTH)
    assert xml.status_code == 400 and b"<r:ResourceException" in xml.data
    listed = client.get(f"{REST}/subscription.json", query_string={"MaxResults": 1}, headers=AUTH).get_json()
    assert listed["ResourceList"]["@totalResults"] == 10_000  # nothing stored
    assert _subscribe(client, headers=OTHER, **fields)  # the limit is per account
    assert client.delete(f"{REST}/subscription/200000", headers=AUTH).status_code == 204
    assert _subscribe(client, **fields)  # below the limit again


# ----- delete
def test_a_deleted_subscription_s_queued_notifications_never_go_out(client, app):
    receiver = Receiver(statuses=[500] * 20)
    try:
        sub = _subscribe(
            client, Endpoint=receiver.url(), TriggerEvent="OUTBOUND_CALL_FINISHED", BroadcastId="1001"
        )
        _start_1001(client)
        assert client.post("/__admin/clock", json={"advance": 1800}).status_code == 200  # many calls end
        receiver.wait_for(1)
        assert client.delete(f"{REST}/subscription/{sub}", headers=AUTH).status_code == 204
        assert deliveries.get_dispatcher(app).wait(10)
        got = len(receiver.got)
        assert got <= 2  # the attempt under way when deleted, at most
        time.sleep(1.5)  # past the first retry pause: nothing more comes
        assert len(receiver.got) == got
        assert deliveries.get_dispatcher(app).targets() == 0
        again = _subscribe(
            client, Endpoint=receiver.url(), TriggerEvent="OUTBOUND_CALL_FINISHED", BroadcastId="1001"
        )
        receiver.statuses = []
        assert client.post("/__admin/clock", json={"advance": 600}).status_code == 200
        assert deliveries.get_dispatcher(app).wait(10)
        later = [json.dumps(g.body.decode()) for g in receiver.got[got:]]
        assert later and all(f"<n:SubscriptionId>{again}<" in body for body in later)
    finally:
        receiver.close()


# ----- several workers
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(port: int, method: str, path: str, body=None, form: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        headers = dict(AUTH)
        data = None
        if form is not None:
            data = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        return response.status, raw
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("granian")
    with make_serve(tmp_path_factory.mktemp("served") / "db.json", workers=3) as port:
        yield port


def test_three_workers_deliver_each_event_exactly_once(served):
    port = served
    receiver = Receiver()
    try:
        assert _call(port, "POST", "/__admin/reset", {})[0] == 200
        assert _call(port, "POST", "/__admin/clock", {"freeze": "2026-03-02T17:30:00Z"})[0] == 200
        subs = {}
        for event in ("OUTBOUND_CALL_FINISHED", "CAMPAIGN_STARTED", "CAMPAIGN_FINISHED"):
            form = {"Endpoint": receiver.url(event), "TriggerEvent": event, "BroadcastId": "1001"}
            status, raw = _call(port, "POST", f"{REST}/subscription.json", form=form)
            assert status == 201, raw
            subs[event] = json.loads(raw)["ResourceReference"]["Id"]
        assert _call(port, "PUT", f"{REST}/ccc/1001/control", form={"Command": "START"})[0] == 204
        for _ in range(30):  # 5 hours in 10-minute moves, each answered by whichever worker
            assert _call(port, "POST", "/__admin/clock", {"advance": 600})[0] == 200
            for _ in range(3):  # reads on new connections: every worker looks at the campaign
                assert _call(port, "GET", f"{REST}/ccc/1001/stats.json")[0] == 200
        status, raw = _call(port, "GET", f"{REST}/ccc/1001.json")
        assert json.loads(raw)["Resource"]["CccCampaign"]["Status"] == "FINISHED"
        status, raw = _call(port, "GET", f"{REST}/call.json?BroadcastId=1001")
        calls = json.loads(raw)["ResourceList"]["Call"]
        started_at = "2026-03-02T17:30:00Z"
        records = sorted(
            (c["@id"], r["@id"]) for c in calls for r in c["CallRecord"] if r["OriginateTime"] >= started_at
        )
        expected = len(records) + 2
        receiver.wait_for(expected, timeout=30)
        time.sleep(2)  # a duplicate from another worker would arrive by now
        by_event: dict[str, list[dict]] = {}
        for got in receiver.got:
            event = parse_qs(urlsplit(got.path).query)["token"][0]
            by_event.setdefault(event, []).append(got)
        finished = [g.body for g in by_event.get("OUTBOUND_CALL_FINISHED", [])]
        seen = []
        for body in finished:
            call = etree.fromstring(body)[1]
            last = call.findall("{http://api.callfire.com/data}CallRecord")[-1]
            seen.append((int(call.get("id")), int(last.get("id"))))
        assert sorted(seen) == records and len(set(seen)) == len(seen)  # each attempt once
        assert len(by_event["CAMPAIGN_STARTED"]) == 1 and len(by_event["CAMPAIGN_FINISHED"]) == 1
        assert len(receiver.got) == expected
    finally:
        receiver.close()
