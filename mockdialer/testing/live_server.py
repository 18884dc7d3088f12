"""A live mockdialer on a free port in a background thread, for contract tests and the pytest plugin.

It serves with ``mockdialer.http_server`` (request framing checked, header limits raised for this
process, as ``mockdialer run`` does)."""

from __future__ import annotations

import threading

from flask import Flask

from ..http_server import make_server


class LiveServer:
    """``with LiveServer(app) as server: requests.get(server.url + "/v1/...")``."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self._server = make_server(app, host, port)
        self.host = host
        self.port = self._server.server_port
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
