"""``make serve``: the mock under Granian, the "heavier way" to serve it to many clients.

``python -m mockdialer.serve [--host H] [--port N] [--workers W]`` (``make serve PORT=N``) runs the
WSGI app ``mockdialer:create_app()`` under Granian (a Rust HTTP server; https://github.com/emmett-framework/granian)
with the settings this module holds:

* worker processes: one (``WEB_CONCURRENCY``, ``--workers`` or ``make serve WORKERS=N`` overrides). One
  process is one state already: the clock, fault rules, journal and simulation are in its memory,
  and its Python threads are kept to one CPU (``http_server.keep_to_one_cpu``: a request handed
  between threads on two CPUs cost twice the CPU time). Several workers share the one DB file, whose
  ``flock`` serialises their transactions exactly as under ``make run``'s threaded server (no
  monkey-patching: real threads), and ``MOCKDIALER_SHARED_STATE`` is set for them (unless set
  already): the clock, fault rules and journal live in and beside the DB file too, so every worker
  answers as one mock, at a cost per request that one worker does not pay (docs/benchmarks.md, "One
  worker or several", has both measured).
* Connections are held by Granian's Rust event loop: one that is idle (a keep-alive client between
  requests, a socket opened and left silent, a slow client) costs no Python thread. Only a request
  whose headers are in runs the app, on one of ``BLOCKING_THREADS`` Python threads per worker
  (started on demand, retired after 30 s idle); more requests in flight than that wait their turn
  in Granian, their connections still open. A long-lived streamed answer (a server-sent-events
  stream or long poll) holds one such thread while it runs.
* ``BACKPRESSURE`` caps the connections a worker holds open at once, idle ones included (Granian
  calls it requests, but a connection keeps its permit until it closes: at 32, the 65th idle
  keep-alive client of two workers waited until another was closed).
* Granian's HTTP/1 defaults: keep-alive on; a connection that sends no complete request headers
  for 30 s (silent or idle) is closed.

Each worker builds its app with ``worker_app`` (kept to one CPU when it is the only one, then
``create_app()``, then ``http_server.settle_heap``);
``MOCKDIALER_SERVE_FACTORY`` (``module:callable``) serves another app factory the same way
(``bench/bare_serve.py``'s yardstick).

Granian prints a warning at start that ``BLOCKING_THREADS`` is high for the CPU count: it is, on
purpose (see above; the threads are only started as requests arrive). docs/benchmarks.md, "Serving
many clients and the peers", has the candidates measured and the figures.
"""

from __future__ import annotations

import argparse
import os

TARGET = "mockdialer.serve:worker_app"  # each worker calls it
APP_FACTORY = "mockdialer:create_app"  # what worker_app builds
BLOCKING_THREADS = 32  # Python threads per worker running requests (and, later, streams)
BACKPRESSURE = 1000  # connections a worker holds at once (idle ones included); more wait in the backlog
BACKLOG = 2048  # the listening socket's queue of connections not yet accepted
ALONE = "MOCKDIALER_SERVE_ALONE"  # "1" in the worker of a one-worker server (set by server())


def worker_app():
    """The app of one worker process: ``APP_FACTORY``'s, the heap settled after it is built
    (``http_server.settle_heap``); the process kept to one CPU if it is the server's only worker."""
    from importlib import import_module

    from .http_server import keep_to_one_cpu, settle_heap

    if os.environ.get(ALONE) == "1":
        keep_to_one_cpu()  # before the app and Granian start their threads, which inherit it
    module, _, name = os.environ.get("MOCKDIALER_SERVE_FACTORY", APP_FACTORY).partition(":")
    app = getattr(import_module(module), name)()
    settle_heap()
    return app


def default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY") or 1)


def server(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None):
    """The configured Granian server, not yet started (``.serve()`` blocks until SIGINT/SIGTERM)."""
    from granian.constants import Interfaces
    from granian.server import Server

    workers = workers or default_workers()
    os.environ[ALONE] = "1" if workers == 1 else "0"  # read by each worker's worker_app
    if workers > 1:
        os.environ.setdefault("MOCKDIALER_SHARED_STATE", "1")  # the workers' create_app: one harness state
    return Server(
        TARGET,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        factory=True,
        websockets=False,  # WSGI has none
        workers=workers,
        blocking_threads=BLOCKING_THREADS,
        backpressure=BACKPRESSURE,
        backlog=BACKLOG,
        respawn_failed_workers=True,  # a worker that dies is replaced; the others keep serving
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mockdialer.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=None, help="default: WEB_CONCURRENCY or 1")
    args = parser.parse_args(argv)
    server(args.host, args.port, args.workers).serve()


if __name__ == "__main__":
    main()
