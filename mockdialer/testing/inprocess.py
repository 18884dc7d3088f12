"""In-process mode: the vendors' real hosts answered by the mock's WSGI app, no port, no base-URL change.

``mock_vendors()`` is a context manager, a decorator (``@mock_vendors`` or ``@mock_vendors(...)``) and
the engine of the pytest fixture ``mockdialer_vendors``. While it is active, HTTP sent with ``requests``
(so zeep too) or ``httpx`` (sync and async clients) to

    api.acefone.in, callfire.com, www.callfire.com, api.callfire.com   (http and https)
    mockdialer.test                                                    (the whole app, admin API included)

is handed to the app in this process, on the same paths (``https://www.callfire.com/api/1.1/rest/...``
is the mock's ``/api/1.1/rest/...``; CallFire's published WSDL URL is served too). The interceptors are
the libraries' own mocking layers: ``responses`` (callbacks, and passthrough for other hosts) for
requests, ``respx`` (side effects, and ``pass_through``) for httpx; no socket is patched. Other hosts
pass through untouched unless ``block_other_hosts=True``. Every ``mock_vendors()`` given no app of its
own answers from the process's one ``default_app()``, put back to its seeded state on each entry.

Every request takes the server's path (pipeline, journal, faults, clock, accounts): a ``drop`` fault
surfaces as the client library's own connection error, a ``delay`` as a sleep.

The mock's webhooks come back in process too, without a port: while it is active every delivery of the
app is appended to ``mock.deliveries`` (``harness.deliveries.Delivered``: ``method``, ``url``,
``headers``, ``body``, ``event``, ``json()``, ``form()``) and handed to ``receiver`` if one was given (its
answer is the status: None is 200); ``mock.wait_for_deliveries()`` sends what the clock has passed and
waits until it is all delivered.
"""

from __future__ import annotations

import functools
import inspect
import io
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar, overload
from urllib.parse import unquote, urlsplit

from flask import Flask

from ..admin import actions
from ..admin.accounts import Endpoints
from ..admin.client import LocalAdmin
from ..app import create_app
from ..config import MEMORY
from ..harness import deliveries as outbound

VENDOR_HOSTS = ("api.acefone.in", "callfire.com", "www.callfire.com", "api.callfire.com")
MOCK_HOST = "mockdialer.test"  # a reserved name (RFC 2606) for the mock itself: admin API, docs
HOSTS = (*VENDOR_HOSTS, MOCK_HOST)
URL_PATTERN = re.compile(
    r"^https?://(?:" + "|".join(re.escape(h) for h in HOSTS) + r")(?::\d+)?(?:[/?#].*)?$", re.IGNORECASE
)
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
F = TypeVar("F", bound=Callable[..., Any])

_active: list[VendorMock] = []


class ConnectionDropped(Exception):
    """The app dropped the connection (a ``drop`` fault): re-raised as the client library's error."""


class _Socket:
    """Stands in for the client socket a ``drop`` fault shuts (``werkzeug.socket`` in the environ)."""

    def __init__(self) -> None:
        self.dropped = False

    def shutdown(self, _how: int) -> None:
        self.dropped = True


def wsgi_environ(method: str, url: str, headers: list[tuple[str, str]], body: bytes) -> dict[str, Any]:
    """The WSGI environ (PEP 3333) of one request, as a server builds it from what arrived, with the keys
    and values werkzeug's test ``EnvironBuilder`` gives (``HTTP_HOST`` from a ``Host`` header when one is
    sent, ``CONTENT_LENGTH`` the length of a body there is, repeated headers joined with ", "), except
    that ``REQUEST_URI`` holds the query too, as servers send it."""
    parts = urlsplit(url)
    scheme, host, path = parts.scheme, parts.netloc, parts.path or "/"
    name, colon, port = host.partition(":")
    if not (colon and port.isdigit()):
        port = "443" if scheme == "https" else "80"
    raw_uri = f"{path}?{parts.query}" if parts.query else path
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "QUERY_STRING": parts.query.encode().decode("latin-1"),
        "REQUEST_URI": raw_uri,
        "RAW_URI": raw_uri,
        "SERVER_NAME": name,
        "SERVER_PORT": port,
        "HTTP_HOST": host,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    fields: dict[str, list[str]] = {}
    for key, value in headers:
        fields.setdefault(key.upper().replace("-", "_"), []).append(value)
    fields.pop("CONTENT_LENGTH", None)
    if body:
        environ["CONTENT_LENGTH"] = str(len(body))
    content_type = fields.pop("CONTENT_TYPE", None)
    if content_type:
        environ["CONTENT_TYPE"] = content_type[0]
    for key, values in fields.items():
        environ[f"HTTP_{key}"] = ", ".join(values)
    return environ


def call_app(
    app: Flask, method: str, url: str, headers: list[tuple[str, str]], body: bytes
) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request through the app's WSGI interface, as a server would hand it over."""
    environ = wsgi_environ(method, url, headers, body)
    sock = _Socket()
    environ["werkzeug.socket"] = sock
    answered: list[Any] = []

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answered[:] = [status, response_headers]

    app_iter = app(environ, start_response)
    try:
        content = b"".join(app_iter)
    finally:
        if hasattr(app_iter, "close"):
            app_iter.close()
    if sock.dropped:
        raise ConnectionDropped(f"mockdialer dropped the connection (fault injected): {method} {url}")
    status, response_headers = answered
    return int(status.split(" ", 1)[0]), list(response_headers), content


def _strip_hop_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Body framing headers the client libraries recompute from the body they are handed."""
    return [(k, v) for k, v in headers if k.lower() not in ("content-length", "transfer-encoding")]


class DeliveryLog(list):
    """The deliveries a ``mock_vendors()`` received (``Delivered``, in arrival order); called, the
    journal's delivery attempts as ``AdminClient.deliveries(**filters)`` gives them."""

    def __init__(self, handle: LocalAdmin) -> None:
        super().__init__()
        self._handle = handle

    def __call__(self, **filters: Any) -> list[dict]:
        return self._handle.requests(direction="outbound", **filters)


class VendorMock(LocalAdmin):
    """The in-process handle: the ``Endpoints`` fields name the vendors' own URLs (``acefone_url`` is
    ``https://api.acefone.in``, ``callfire_wsdl_url`` CallFire's published WSDL), ``base_url`` is
    ``http://mockdialer.test`` (the whole app, intercepted too), and every admin verb works in
    process: ``requests``, ``count``, ``verify``, ``fault``, ``assert_all_faults_fired``, ``clock``,
    ``seed``, ``reset``; ``deliveries`` and ``wait_for_deliveries()`` for the webhooks it sends."""

    def __init__(
        self,
        app: Flask | None = None,
        *,
        block_other_hosts: bool = False,
        reset: bool = True,
        receiver: outbound.Receiver | None = None,
    ):
        # LocalAdmin's fields, but the default app is built on first use (a decorator is applied
        # at import time)
        self._app = app
        self._test_client: Any = None
        self._set_endpoints(Endpoints.vendor_hosts(f"http://{MOCK_HOST}"))
        self.block_other_hosts = block_other_hosts
        self._reset_on_start = reset
        self._interception: _Interception | None = None
        self.receiver = receiver
        self.deliveries = DeliveryLog(self)

    def _receive(self, delivered: outbound.Delivered) -> int | None:
        self.deliveries.append(delivered)
        return self.receiver(delivered) if self.receiver is not None else None

    @property
    def app(self) -> Flask:
        """The mockdialer app that answers (``default_app()`` when none was given)."""
        if self._app is None:
            self._app = default_app()
        return self._app

    @property
    def _client(self) -> Any:
        if self._test_client is None:
            self._test_client = self.app.test_client()
        return self._test_client

    # -- the admin verbs (reset without a request through the test client)
    def reset(self, vendor: str | None = None, account: str | None = None) -> dict:
        return actions.reset(self.app, vendor, account)

    # -- interception
    def start(self) -> VendorMock:
        interception = _interception(self.block_other_hosts)
        if self._reset_on_start:
            self.reset()
        self.deliveries.clear()
        outbound.set_receiver(self._receive, self.app)
        _active.append(self)
        try:
            interception.enter()
        except BaseException:
            _active.remove(self)
            raise
        self._interception = interception
        return self

    def stop(self) -> None:
        if self in _active:
            _active.remove(self)
            outbound.set_receiver(
                _active[-1]._receive if _active and _active[-1].app is self.app else None, self.app
            )
        if self._interception is not None:
            self._interception.exit()
            self._interception = None

    def __enter__(self) -> VendorMock:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        """Decorate a function (sync or async): the mock is active while it runs."""
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await func(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return run  # type: ignore[return-value]


class _Interception:
    """The two libraries' mocks for one ``block_other_hosts`` setting, built once per process and
    started while at least one ``VendorMock`` with that setting is active; each request is answered
    by the innermost active mock's app."""

    def __init__(self, block_other_hosts: bool) -> None:
        try:
            import responses
            import respx
        except ImportError as exc:
            raise RuntimeError(
                f"mock_vendors() needs the testing extra ({exc.name} is missing): "
                "pip install 'mockdialer[testing]'"
            ) from exc
        self.depth = 0
        self.responses = responses.RequestsMock(assert_all_requests_are_fired=False)
        for method in METHODS:
            self.responses.add_callback(method, URL_PATTERN, self._requests_callback, content_type=None)
        if not block_other_hosts:
            self.responses.add_passthru(re.compile(r".*"))
        # patches httpx's own transports (not httpcore's many classes): the clients users build
        self.respx = respx.MockRouter(assert_all_called=False, assert_all_mocked=True, using="httpx")
        self.respx.route(url__regex=URL_PATTERN.pattern).mock(side_effect=self._httpx_side_effect)
        if block_other_hosts:
            self.respx.route().mock(side_effect=self._httpx_blocked)
        else:
            self.respx.route().pass_through()

    def enter(self) -> None:
        if self.depth == 0:
            self.responses.start()
            self.respx.start()
        self.depth += 1

    def exit(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.respx.stop(quiet=True)
            self.responses.stop()
            self.responses.calls.reset()

    def _requests_callback(self, request: Any) -> tuple[int, list[tuple[str, str]], bytes]:
        import requests

        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):
            body = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in body)
        try:
            status, headers, content = call_app(
                current_mock().app, request.method, request.url, list(request.headers.items()), body
            )
        except ConnectionDropped as exc:
            raise requests.exceptions.ConnectionError(str(exc), request=request) from None
        return status, _strip_hop_headers(headers), content

    def _httpx_side_effect(self, request: Any) -> Any:
        import httpx

        headers = list(request.headers.multi_items())
        try:
            status, headers, content = call_app(
                current_mock().app, request.method, str(request.url), headers, request.read()
            )
        except ConnectionDropped as exc:
            raise httpx.RemoteProtocolError(str(exc), request=request) from None
        return httpx.Response(status, headers=_strip_hop_headers(headers), content=content)

    def _httpx_blocked(self, request: Any) -> Any:
        import httpx

        raise httpx.ConnectError(
            f"mockdialer.mock_vendors(block_other_hosts=True) refused {request.method} {request.url}",
            request=request,
        )


@functools.cache
def _interception(block_other_hosts: bool) -> _Interception:
    return _Interception(block_other_hosts)


@functools.cache
def default_app() -> Flask:
    """The app every ``mock_vendors()`` without one of its own answers from: one per process, on an
    in-memory store seeded from the shipped fixtures, built on first use (each entry resets it)."""
    return create_default_app()


def create_default_app() -> Flask:
    """A fresh mockdialer app on an in-memory store, seeded from the shipped fixtures."""
    app = create_app({"DB": MEMORY, "TESTING": True})
    actions.capture_baseline(app)
    return app


@overload
def mock_vendors(
    app: Flask | None = None,
    *,
    block_other_hosts: bool = False,
    reset: bool = True,
    receiver: outbound.Receiver | None = None,
) -> VendorMock: ...


@overload
def mock_vendors(
    app: F, *, block_other_hosts: bool = False, reset: bool = True, receiver: outbound.Receiver | None = None
) -> F: ...


def mock_vendors(
    app: Flask | Callable[..., Any] | None = None,
    *,
    block_other_hosts: bool = False,
    reset: bool = True,
    receiver: outbound.Receiver | None = None,
) -> VendorMock | Callable[..., Any]:
    """Answer the vendors' real hosts from mockdialer in this process.

    ``with mock_vendors() as mock: ...``, ``@mock_vendors``, ``@mock_vendors(block_other_hosts=True)``.
    ``app``: a mockdialer app to use (default: ``default_app()``, the process's one app on an in-memory
    store with the shipped demo accounts); ``reset``: put it back to its seeded state on entry (journal,
    faults and clock cleared too; with ``reset=False`` the state is what earlier entries left);
    ``block_other_hosts``: refuse every other host instead of letting it through; ``receiver``: a
    callable given each webhook delivery (``Delivered``) that answers its status (None: 200); every
    delivery is in ``mock.deliveries`` either way."""
    if callable(app) and not isinstance(app, Flask):  # @mock_vendors without parentheses
        return VendorMock(block_other_hosts=block_other_hosts, reset=reset, receiver=receiver)(app)
    return VendorMock(app, block_other_hosts=block_other_hosts, reset=reset, receiver=receiver)


def current_mock() -> VendorMock:
    """The innermost active ``mock_vendors()`` handle (inside a decorated function)."""
    if not _active:
        raise RuntimeError("no mock_vendors() is active")
    return _active[-1]
