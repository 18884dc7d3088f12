"""Gunicorn settings for ``make serve``: the "heavier way" to run the mock for many clients.

``gunicorn -c python:mockdialer.serve 'mockdialer:create_app()'`` (``make serve PORT=NNNN``) runs
the app under gunicorn's **gevent** worker class: each worker process serves every connection from
one greenlet, so a connection that is idle (a keep-alive client between requests, a socket opened
and left silent, a long-lived stream) costs a greenlet and a socket, not a thread. ``workers``
processes share the one DB file (the store's ``flock`` serialises their transactions).

This module holds only gunicorn settings, read by gunicorn as a config file; the command line (and
``GUNICORN_CMD_ARGS``) override them (``make serve`` passes ``-b 127.0.0.1:$(PORT)``). The worker
count comes from ``WEB_CONCURRENCY`` (default: one per CPU, at least 2).
See docs/benchmarks.md, "Serving many clients and the peers", for why gevent and what it measured.
"""

from __future__ import annotations

import os

bind = ["127.0.0.1:8000"]
worker_class = "gevent"  # greenlets: idle and silent connections hold no thread
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))
worker_connections = 1000  # per worker: open connections (idle ones included) it holds at once
keepalive = 75  # seconds a keep-alive connection may idle between requests (nginx's default)
timeout = 30  # a worker that blocks its event loop this long is restarted
graceful_timeout = 10
control_socket_disable = True  # gunicorn >= 25 opens ~/.gunicorn/gunicorn.ctl: one per user, not per server
accesslog = None  # like `make run` without its per-request lines: logging each request costs throughput
errorlog = "-"
