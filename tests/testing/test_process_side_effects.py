"""``create_app()`` changes nothing in the process it runs in: an HTTP client there (``requests`` reads
answers through ``http.client``) still refuses what the standard library refuses. Only a server this
package starts raises those limits, in its own process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHECK = textwrap.dedent(
    """
    import http.client, io, sys
    line = b"X-Long: " + b"a" * 70000 + b"\\r\\n\\r\\n"

    def refused():
        try:
            http.client.parse_headers(io.BytesIO(line))
        except http.client.LineTooLong:
            return True
        return False

    assert refused()
    from mockdialer import create_app
    create_app({"DB": ":memory:"})
    assert refused(), "create_app() raised http.client's limits for the whole process"
    if sys.argv[1] == "server":
        from mockdialer.testing.live_server import LiveServer
        with LiveServer(create_app({"DB": ":memory:"})):
            assert not refused(), "a server this package starts lets long header lines reach the app"
    print("ok")
    """
)


def run(mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", CHECK, mode], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_create_app_leaves_the_http_clients_limits_alone():
    assert run("app") == "ok"


def test_the_live_server_raises_them_in_its_own_process():
    assert run("server") == "ok"
