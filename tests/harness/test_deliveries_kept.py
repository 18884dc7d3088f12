"""What the deliveries keep: Dispatcher.cancel drops what a target has queued (and the retries of the
attempt under way), then forgets the target, so nothing of a cancelled target is kept and a later
delivery to the same target is sent as any other; the journal keeps a delivery's URL with its secret
query fields masked."""

from __future__ import annotations

import json
import time

import pytest
from test_deliveries import Receiver, outbound

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.harness import deliveries


@pytest.fixture
def app():
    return create_app(TestingConfig)


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def make(*args, **kwargs):
        made.append(Receiver(*args, **kwargs))
        return made[-1]

    yield make
    for r in made:
        r.close()


def test_cancel_drops_the_queue_then_the_same_target_receives_again(app, receiver):
    r = receiver(statuses=(500, 200))
    dispatcher = deliveries.get_dispatcher(app)
    dispatcher.submit(outbound(r.url + "/hook?token=s3cret", body=b"first", pauses=(0.4, 0.4)))
    dispatcher.submit(outbound(r.url + "/hook?token=s3cret", body=b"queued"))
    deadline = time.monotonic() + 5
    while not r.seen and time.monotonic() < deadline:  # the first attempt fails; its retry waits
        time.sleep(0.01)
    assert dispatcher.cancel("hook-1") == 1
    assert dispatcher.wait(5)
    time.sleep(0.5)
    assert [s["body"] for s in r.seen] == [b"first"]  # no retry, the queued one dropped
    assert dispatcher.targets() == 0
    dispatcher.submit(outbound(r.url + "/hook?token=s3cret", body=b"after"))
    assert dispatcher.wait(5)
    assert [s["body"] for s in r.seen] == [b"first", b"after"]


def test_cancelled_and_finished_targets_leave_nothing_behind(app, receiver):
    r = receiver()
    dispatcher = deliveries.get_dispatcher(app)
    for n in range(2000):
        dispatcher.cancel(f"gone-{n}")  # targets that never had work: nothing to remember
    for n in range(40):
        dispatcher.submit(outbound(r.url, target=f"hook-{n}", body=str(n).encode()))
        if n % 2:
            dispatcher.cancel(f"hook-{n}")
    assert dispatcher.wait(10)
    assert dispatcher.targets() == 0 and dispatcher.pending() == 0
    assert len(r.seen) >= 20  # every even one, and the odd ones already under way when cancelled


def test_cancel_everything_then_new_work_goes_out(app, receiver):
    r = receiver(statuses=(500,))
    dispatcher = deliveries.get_dispatcher(app)
    dispatcher.submit(outbound(r.url, target="a", pauses=(0.3,)))
    dispatcher.submit(outbound(r.url, target="b", pauses=(0.3,)))
    time.sleep(0.1)
    dispatcher.cancel()
    assert dispatcher.wait(5)
    seen = len(r.seen)
    assert seen <= 2
    r.statuses = [200]
    dispatcher.submit(outbound(r.url, target="a", body=b"new"))
    assert dispatcher.wait(5)
    assert [s["body"] for s in r.seen[seen:]] == [b"new"] and dispatcher.targets() == 0


def test_the_journal_keeps_no_secret_of_a_delivery_url(app, receiver):
    r = receiver()
    deliveries.submit(outbound(r.url + "/hook?token=s3cret&api_key=k3y&src=mock"), app)
    assert deliveries.get_dispatcher(app).wait(5)
    assert r.seen[0]["path"] == "/hook?token=s3cret&api_key=k3y&src=mock"  # sent as given
    shown = app.test_client().get("/__admin/requests", query_string={"direction": "outbound"}).get_json()
    (entry,) = shown["requests"]
    assert entry["url"] == r.url + "/hook?token=***&api_key=***&src=mock"
    assert "s3cret" not in json.dumps(shown) and "k3y" not in json.dumps(shown)
    found = app.test_client().get("/__admin/requests", query_string={"url": r.url + "/hook*"}).get_json()
    assert found["count"] == 1  # a URL glob still finds it


def test_a_finished_target_is_gone_when_wait_returns(app, receiver):
    r = receiver()
    dispatcher = deliveries.get_dispatcher(app)
    for n in range(100):
        dispatcher.submit(outbound(r.url, target="hook", body=str(n).encode()))
        assert dispatcher.wait(5)
        assert dispatcher.targets() == 0, f"delivery {n}: its target outlived wait()"
    assert len(r.seen) == 100
