"""The full Acefone PUT as a WSGI server hands it to the app, in this process: Python calls per PUT and
CPU time per PUT, for docs/benchmarks.md ("Speed-ups kept").

``python bench/put_path.py [--calls N] [--batches B] [--size S]``: the app of ``create_app()`` on a
temporary DB file with ``FSYNC=0``; each PUT changes the description of one of the three seeded
campaigns in turn. Calls are counted with ``sys.setprofile`` (Python functions and C functions alike)
over ``N`` PUTs; the CPU time is the best of ``B`` batches of ``S`` PUTs (``time.process_time``), after
the heap is settled as a server process settles it. Run it for two commits (``PYTHONPATH`` at each
checkout, from outside the repository) and compare.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time


def put_environ(i: int) -> dict:
    body = f'{{"description": "bench update {i}"}}'.encode()
    return {
        "REQUEST_METHOD": "PUT",
        "PATH_INFO": f"/v1/dialer/campaign/4000{i % 3 + 1}",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/json",
        "HTTP_AUTHORIZATION": "Bearer acefone-demo-token",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": "bench",
        "HTTP_ACCEPT": "*/*",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=500, help="PUTs whose calls are counted")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--size", type=int, default=1000, help="PUTs per timed batch")
    args = parser.parse_args()
    os.environ["MOCKDIALER_FSYNC"] = "0"
    os.environ["MOCKDIALER_DB"] = os.path.join(tempfile.mkdtemp(), "db.json")
    from mockdialer import create_app
    from mockdialer.http_server import settle_heap

    app = create_app()
    settle_heap()
    statuses: list[str] = []

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        statuses.append(status)

    def run(n: int) -> None:
        for i in range(n):
            for _chunk in app(put_environ(i), start_response):
                pass

    run(300)  # warm: every cache filled, the journal full
    if set(statuses) != {"200 OK"}:
        raise SystemExit(f"a PUT was not answered 200: {sorted(set(statuses))}")
    counted = [0]

    def count(_frame: object, event: str, _arg: object) -> None:
        if event in ("call", "c_call"):
            counted[0] += 1

    sys.setprofile(count)
    run(args.calls)
    sys.setprofile(None)
    best = []
    for _ in range(args.batches):
        began = time.process_time()
        run(args.size)
        best.append((time.process_time() - began) / args.size * 1e6)
    calls = counted[0] / args.calls
    print(f"{calls:.0f} calls per PUT, {min(best):.0f} us of CPU per PUT (best of {args.batches})")


if __name__ == "__main__":
    main()
