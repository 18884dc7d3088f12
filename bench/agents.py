"""``python bench/agents.py [N]``: CallFire agents at scale (issue 23). One AddAgents with 15,000 new
AgentEmails on campaign 1001, then agents up to N (default 20,000) in all; prints the median of 5 answers
of QueryAgents ``MaxResults=1``, QueryAgents (every agent), GetAgents of the campaign, and the size of
the error for 100,000 unknown AgentIds. In-process (Flask's test client, the in-memory store)."""

from __future__ import annotations

import statistics
import sys
import time

from mockdialer import create_app
from mockdialer.config import TestingConfig

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
ROUNDS = 5


def timed(client, method: str, path: str, **kw) -> tuple[float, int, int]:
    start = time.perf_counter()
    answer = client.open(path, method=method, headers=AUTH, **kw)
    return time.perf_counter() - start, answer.status_code, len(answer.data)


def median_ms(client, path: str) -> float:
    runs = [timed(client, "GET", path) for _ in range(ROUNDS)]
    assert all(status == 200 for _, status, _ in runs), runs
    return 1000 * statistics.median(seconds for seconds, _, _ in runs)


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    client = create_app(TestingConfig).test_client()
    first = [f"agent{i}@bench.example" for i in range(15_000)]
    seconds, status, _ = timed(
        client, "POST", "/api/1.1/rest/ccc/1001/agent", data={"AgentEmails": " ".join(first)}
    )
    assert status == 204, status
    print(f"AddAgents, 15,000 new AgentEmails: {1000 * seconds:.0f} ms")
    rest = [f"agent{i}@bench.example" for i in range(15_000, total)]
    if rest:
        assert (
            timed(client, "POST", "/api/1.1/rest/ccc/1002/agent", data={"AgentEmails": " ".join(rest)})[1]
            == 204
        )
    print(f"agents: {total + 4:,}")
    for label, path in (
        ("QueryAgents MaxResults=1", "/api/1.1/rest/ccc/agent.json?MaxResults=1"),
        (
            "QueryAgents MaxResults=1 CampaignId=1001",
            "/api/1.1/rest/ccc/agent.json?MaxResults=1&CampaignId=1001",
        ),
        ("QueryAgents (first 1000)", "/api/1.1/rest/ccc/agent.json"),
        ("GetAgents 1001 (15,001 agents)", "/api/1.1/rest/ccc/1001/agent.json"),
        ("GetAgents 1002 (5,000 agents)", "/api/1.1/rest/ccc/1002/agent.json"),
        ("GetAgents 1003 (none)", "/api/1.1/rest/ccc/1003/agent.json"),
    ):
        print(f"{label}: {median_ms(client, path):.0f} ms")
    unknown = " ".join(str(900_000 + i) for i in range(100_000))
    seconds, status, size = timed(
        client, "POST", "/api/1.1/rest/ccc/1001/agent.json", data={"AgentIds": unknown}
    )
    print(f"AddAgents with 100,000 unknown AgentIds: {status}, {size:,} bytes, {1000 * seconds:.0f} ms")


if __name__ == "__main__":
    main()
