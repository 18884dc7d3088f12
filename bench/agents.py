"""``python bench/agents.py [N]``: CallFire agents at scale (issue 23). One AddAgents with 15,000 new
AgentEmails on campaign 1001, then agents up to N (default 20,000) in all on campaign 1002; prints the
median of 7 answers of QueryAgents (``MaxResults=1``, with ``CampaignId``, the first 1,000) and GetAgents
(15,001, 5,000 and no agents), each in REST JSON, REST XML and SOAP, and the size of the error for
100,000 unknown AgentIds. In-process (Flask's test client, the in-memory store), the heap settled after
the app is built as in the servers the package starts (``http_server.settle_heap``); ``--unsettled``
leaves it as a test process has it. ``--one-campaign``: all N agents on campaign 1001 in the one
AddAgents. ``--url URL``: the same requests to a server already running there (``mockdialer run``),
reset first, with ``requests``; its CPU column is then this client's. Before and after, the time of a
fixed loop (a million additions, the fastest of 5) shows how fast the host ran then: on a shared
machine it varies about 2.5x within minutes, and every figure with it."""

from __future__ import annotations

import argparse
import os
import statistics
import time

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.http_server import settle_heap

AUTH = {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"}  # demo-callfire:demo-password
ROUNDS = 7
REST = "/api/1.1/rest/ccc"
SOAP = "/api/1.1/soap12/ccc"
SOAP_TYPE = "application/soap+xml; charset=utf-8"
ENVELOPE = (
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
    'xmlns:svc="http://api.callfire.com/service/xsd"><env:Body>{}</env:Body></env:Envelope>'
)
# label, REST path (".json" added for JSON), SOAP body
READS = [
    (
        "QueryAgents MaxResults=1",
        "/agent?MaxResults=1",
        "<svc:QueryAgents><svc:MaxResults>1</svc:MaxResults>",
    ),
    (
        "QueryAgents MaxResults=1 CampaignId=1001",
        "/agent?MaxResults=1&CampaignId=1001",
        "<svc:QueryAgents><svc:MaxResults>1</svc:MaxResults><svc:CampaignId>1001</svc:CampaignId>",
    ),
    ("QueryAgents (first 1000)", "/agent", "<svc:QueryAgents>"),
    (
        "GetAgents 1001 (15,001 agents, or all)",
        "/1001/agent",
        "<svc:GetAgents><svc:CampaignId>1001</svc:CampaignId>",
    ),
    ("GetAgents 1002 (5,000 agents)", "/1002/agent", "<svc:GetAgents><svc:CampaignId>1002</svc:CampaignId>"),
    ("GetAgents 1003 (none)", "/1003/agent", "<svc:GetAgents><svc:CampaignId>1003</svc:CampaignId>"),
]


def timed(client, method: str, path: str, **kw) -> tuple[float, int, int, float]:
    """Wall seconds, status, body size, CPU seconds of one request."""
    start, cpu = time.perf_counter(), time.process_time()
    answer = client.open(path, method=method, headers=AUTH, **kw)
    return time.perf_counter() - start, answer.status_code, len(answer.data), time.process_time() - cpu


def median_ms(client, method: str, path: str, **kw) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds of ``ROUNDS`` requests, and the body size."""
    runs = [timed(client, method, path, **kw) for _ in range(ROUNDS)]
    assert all(run[1] == 200 for run in runs), runs
    wall = statistics.median(run[0] for run in runs)
    return 1000 * wall, 1000 * statistics.median(run[3] for run in runs), runs[0][2]


class LiveClient:
    """The test client's ``open`` over HTTP, to a running server (``--url``), put back to its seed."""

    def __init__(self, url: str) -> None:
        import requests

        self.url, self.session = url.rstrip("/"), requests.Session()
        assert self.session.post(f"{self.url}/__admin/reset", json={}).status_code == 200

    def open(self, path: str, method: str, headers: dict, data=None, content_type: str | None = None):
        if content_type:
            headers = {**headers, "Content-Type": content_type}
        answer = self.session.request(method, self.url + path, headers=headers, data=data)
        answer.data = answer.content
        return answer


def host_loop_ms() -> float:
    """The fastest of 5 runs of a fixed loop of a million additions, in milliseconds."""
    runs = []
    for _ in range(5):
        start, total = time.perf_counter(), 0
        for i in range(1_000_000):
            total += i
        runs.append(time.perf_counter() - start)
    return 1000 * min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description="CallFire agents at scale (docs/benchmarks.md).")
    parser.add_argument("total", nargs="?", type=int, default=20_000, help="agents in all (default 20,000)")
    parser.add_argument("--unsettled", action="store_true", help="leave the heap as a test process has it")
    parser.add_argument("--one-campaign", action="store_true", help="all agents on campaign 1001")
    parser.add_argument("--url", help="a running server to send the requests to")
    args = parser.parse_args()
    total = args.total
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"host: a fixed loop took {host_loop_ms():.0f} ms")
    if args.url:
        client = LiveClient(args.url)
    else:
        client = create_app(TestingConfig).test_client()
        if not args.unsettled:
            settle_heap()
    on_first = total if args.one_campaign else 15_000
    first = [f"agent{i}@bench.example" for i in range(on_first)]
    seconds, status, *_ = timed(client, "POST", f"{REST}/1001/agent", data={"AgentEmails": " ".join(first)})
    assert status == 204, status
    print(f"AddAgents, {on_first:,} new AgentEmails: {1000 * seconds:.0f} ms")
    rest = [f"agent{i}@bench.example" for i in range(on_first, total)]
    if rest:
        assert timed(client, "POST", f"{REST}/1002/agent", data={"AgentEmails": " ".join(rest)})[1] == 204
    print(f"agents: {total + 4:,}")
    print("median ms, wall / CPU, and the answer's size")
    print(f"{'answer':42} {'REST JSON':>22} {'REST XML':>22} {'SOAP':>22}")
    for label, path, soap in READS:
        name = soap.split(">", 1)[0][1:]
        body = ENVELOPE.format(soap.replace(name, f"{name}Request", 1) + f"</{name}Request>")
        figures = [
            median_ms(client, "GET", f"{REST}{path.replace('/agent', '/agent.json', 1)}"),
            median_ms(client, "GET", f"{REST}{path}"),
            median_ms(client, "POST", SOAP, data=body, content_type=SOAP_TYPE),
        ]
        cells = [f" {wall:5.0f} / {cpu:4.0f} ms {size // 1024:>5}K" for wall, cpu, size in figures]
        print(f"{label:42}" + "".join(cells))
    unknown = " ".join(str(900_000 + i) for i in range(100_000))
    seconds, status, size, _ = timed(client, "POST", f"{REST}/1001/agent.json", data={"AgentIds": unknown})
    print(f"AddAgents with 100,000 unknown AgentIds: {status}, {size:,} bytes, {1000 * seconds:.0f} ms")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"host: a fixed loop took {host_loop_ms():.0f} ms")


if __name__ == "__main__":
    main()
