"""P7's measurements, one side per process: what a Python test suite pays for an in-process mock.

``python bench/inprocess.py ours <n>`` (the project's venv) times ``with mockdialer.mock_vendors():
pass`` (enter + exit), the full Acefone PUT sent with ``requests`` through ``mock_vendors()``, and the
same PUT against a static ``responses`` stub (a canned answer of the same shape).
``python bench/inprocess.py moto <n>`` (the venv moto is installed in) times ``with mock_aws(): pass``
and a DynamoDB ``UpdateItem`` sent with boto3 under ``mock_aws``.

Each figure is the median of ``n`` timed calls after a warm-up (the first entry builds the app, as
the first test of a suite does), wall time; the PUT through the mock and the stub's are timed in turn,
50 calls of each at a time (``in_turn_ms``), and the same in CPU time of this process as ``cpu_<key>``
(on a machine shared with other work, a call longer than the scheduler's time slice is preempted
more often than a short one, so wall times there overstate the longer side). Prints one JSON line of
milliseconds. ``bench/run.py`` (P7) runs the
two sides alternately and compares them.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

ACEFONE = "https://api.acefone.in/v1/dialer/campaign/40001"
HEADERS = {"Authorization": "Bearer acefone-demo-token"}
WARM_UP = 20


CPU_MS: list[float] = []
BATCH = 50  # calls of one side timed in a row by ``in_turn_ms``


Side = tuple[Callable[[], AbstractContextManager], Callable[[int], object]]  # (its context, the timed call)


def in_turn_ms(sides: dict[str, Side], n: int) -> dict[str, float]:
    """The median wall time of each side's call inside its own context (entered and left outside the timing),
    the sides timed in turn, ``BATCH`` calls at a time, so that a machine whose speed drifts during the
    run moves them alike; the median CPU times go to ``CPU_MS`` in the order of ``sides``."""
    for context, call in sides.values():
        with context():
            for i in range(WARM_UP):
                call(i)
    times: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    for start in range(0, n, BATCH):
        for name, (context, call) in sides.items():
            with context():
                for i in range(start, min(start + BATCH, n)):
                    began, began_cpu = time.perf_counter(), time.process_time()
                    call(i)
                    times[name].append(time.perf_counter() - began)
                    cpu[name].append(time.process_time() - began_cpu)
    CPU_MS.extend(statistics.median(cpu[name]) * 1000 for name in sides)
    return {name: statistics.median(times[name]) * 1000 for name in sides}


def median_ms(call: Callable[[int], object], n: int) -> float:
    """The median wall time of a call (``in_turn_ms`` of one side); its median CPU time joins ``CPU_MS``."""
    return in_turn_ms({"call": (nullcontext, call)}, n)["call"]


def ours(n: int) -> dict:
    import requests
    import responses

    import mockdialer

    def enter_exit(_i: int) -> None:
        with mockdialer.mock_vendors():
            pass

    session = requests.Session()

    def put(i: int) -> None:
        r = session.put(ACEFONE, json={"description": f"bench update {i}"}, headers=HEADERS)
        assert r.status_code == 200, r.text

    result = {"enter_exit_ms": median_ms(enter_exit, n)}
    with mockdialer.mock_vendors():
        canned = session.put(ACEFONE, json={"description": "shape"}, headers=HEADERS).json()

    def stub() -> responses.RequestsMock:
        answers = responses.RequestsMock()
        answers.add(responses.PUT, ACEFONE, json=canned)
        return answers

    times = in_turn_ms({"put_ms": (mockdialer.mock_vendors, put), "stub_put_ms": (stub, put)}, n)
    return {**result, **times}


def moto(n: int) -> dict:
    import boto3
    from moto import mock_aws

    def enter_exit(_i: int) -> None:
        with mock_aws():
            pass

    result = {"enter_exit_ms": median_ms(enter_exit, n)}
    with mock_aws():
        client = boto3.client(
            "dynamodb",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        client.create_table(
            TableName="campaigns",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        )
        client.put_item(TableName="campaigns", Item={"id": {"S": "40001"}, "description": {"S": "seeded"}})

        def update(i: int) -> None:
            client.update_item(
                TableName="campaigns",
                Key={"id": {"S": "40001"}},
                UpdateExpression="SET description = :d",
                ExpressionAttributeValues={":d": {"S": f"bench update {i}"}},
            )

        result["update_ms"] = median_ms(update, n)
    return result


def main() -> None:
    side, n = sys.argv[1], int(sys.argv[2])
    result = {"ours": ours, "moto": moto}[side](n)
    result.update({f"cpu_{key}": ms for key, ms in zip(result, CPU_MS, strict=True)})
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
