"""Python clients of the admin API: ``AdminClient(base_url)`` over HTTP (stdlib only), and
``LocalAdmin(app)`` with the same verbs in process (the pytest plugin's handles build on it).
Both carry the ``Endpoints`` fields (URLs and demo credentials) and ``verify(...)``."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib import request as urllib_request

from ..config import ENVIRONMENT
from .accounts import Endpoints

TOKEN_VARIABLE = ENVIRONMENT["ADMIN_TOKEN"][0]  # MOCKDIALER_ADMIN_TOKEN
WAIT_STEP = 5.0  # seconds one wait call may take: below AdminClient's HTTP timeout


class VerificationError(AssertionError):
    """A verification failed: the message says what was expected and lists the closest requests
    seen; ``verification`` holds the admin API's answer (``near_misses``, ``matched``)."""

    def __init__(self, verification: dict) -> None:
        self.verification = verification
        super().__init__(verification["message"])


class AdminError(Exception):
    """The admin API refused a call: ``status``, ``message`` and per-field ``errors``."""

    def __init__(self, status: int, body: Any) -> None:
        error = body.get("error", {}) if isinstance(body, dict) else {}
        self.status = status
        self.message = error.get("message") or str(body)
        self.errors = error.get("errors", {})
        super().__init__(f"{status}: {self.message}" + (f" {self.errors}" if self.errors else ""))


def _when(value: Any) -> Any:
    """A time for the API: datetime (naive = UTC) to ISO 8601; strings and epoch numbers as they are."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return value


def _query(filters: dict[str, Any]) -> dict[str, str]:
    return {k: str(_when(v)) for k, v in filters.items() if v is not None}


class AdminClock:
    """The mock's clock, moved through the admin API: ``freeze``, ``set``, ``advance``, ``reset``."""

    def __init__(self, admin: _Verbs) -> None:
        self._admin = admin

    def _post(self, **body: Any) -> dict:
        return self._admin._call("POST", "/clock", body)["clock"]

    def state(self) -> dict:
        """``{"now": ISO time, "time": epoch seconds, "frozen": bool}``."""
        return self._admin._call("GET", "/clock")["clock"]

    def freeze(self, at: datetime | str | float | None = None) -> dict:
        """Stop the clock now, or at ``at``."""
        return self._post(freeze=True if at is None else _when(at))

    def unfreeze(self) -> dict:
        """Let a frozen clock run on from where it stands."""
        return self._post(freeze=False)

    def set(self, at: datetime | str | float) -> dict:
        """Move to ``at``, staying frozen or running as it was."""
        return self._post(set=_when(at))

    def advance(self, seconds: float | timedelta = 0, **delta: float) -> dict:
        """``advance(3600)``, ``advance(timedelta(hours=1))`` or ``advance(hours=1)``."""
        if isinstance(seconds, timedelta):
            seconds = seconds.total_seconds()
        return self._post(advance=seconds + timedelta(**delta).total_seconds())

    def reset(self) -> dict:
        """Back to real time."""
        return self._admin._call("DELETE", "/clock")["clock"]

    def time(self) -> float:
        return self.state()["time"]

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)


class _Verbs(Endpoints):
    """Every admin verb, over ``_call(method, path, body, query)``."""

    def _call(self, method: str, path: str, body: Any = None, query: dict | None = None) -> dict:
        raise NotImplementedError

    @property
    def clock(self) -> AdminClock:
        return AdminClock(self)

    def health(self) -> dict:
        return self._call("GET", "/health")

    def reset(self, vendor: str | None = None, account: str | None = None) -> dict:
        """Everything (state, journal, faults, clock), or only one vendor's and/or account's state."""
        body = {k: v for k, v in {"vendor": vendor, "account": account}.items() if v is not None}
        return self._call("POST", "/reset", body)["reset"]

    def seed(self, fixtures: dict[str, list[dict]] | None = None, *, folder: str | None = None) -> dict:
        """Add ``{vendor: [account document]}`` (the fixtures' format) or a fixtures folder to the state."""
        body = {"folder": str(folder)} if folder is not None else {"fixtures": fixtures or {}}
        return self._call("POST", "/seed", body)["seeded"]

    def requests(self, **filters: Any) -> list[dict]:
        """Recorded vendor requests, oldest first: vendor, transport, operation, account, method,
        path (glob), status, since (datetime, ISO or epoch), limit (the last N)."""
        return self._call("GET", "/requests", query=_query(filters))["requests"]

    def count(self, **filters: Any) -> int:
        return self._call("GET", "/requests/count", query=_query(filters))["count"]

    def clear_requests(self) -> int:
        return self._call("DELETE", "/requests")["cleared"]

    def verify(
        self,
        operation: str | None = None,
        account: str | None = None,
        times: int | None = None,
        body_contains: str | None = None,
        **match: Any,
    ) -> dict:
        """Assert the journal holds the requests described: ``operation`` (name or glob, e.g.
        ``acefone.update_campaign``), ``account``, ``body_contains`` (text in the parsed body),
        and ``vendor``, ``transport``, ``method``, ``path``, ``status``. ``times``: exactly that many;
        none: at least once. Raises ``VerificationError`` (an AssertionError) listing the closest
        requests seen and what differed; ``AdminError`` (400) for an operation that does not exist."""
        body = {"operation": operation, "account": account, "times": times, "body_contains": body_contains}
        body = {k: v for k, v in {**body, **match}.items() if v is not None}
        result = self._call("POST", "/verify", body)["verification"]
        if not result["passed"]:
            raise VerificationError(result)
        return result

    def assert_all_faults_fired(self) -> None:
        """Raise AssertionError if a fault rule never fired, or fired fewer than its ``times``."""
        idle = [r for r in self.faults() if r["fired"] == 0 or (r["remaining"] or 0) > 0]
        if idle:
            lines = [
                f"  rule {r['id']} {r['action']} operation={r['operation']!r} account={r['account']!r}: "
                f"fired {r['fired']}"
                + (f" of {r['times']}" if r["times"] is not None else "")
                + f" (matched {r['matched']})"
                for r in idle
            ]
            raise AssertionError("Fault rules that did not fire as set:\n" + "\n".join(lines))

    def fault(self, action: str, **rule: Any) -> dict:
        """Add a fault rule: ``fault("error", status=503, vendor="acefone", times=2)``,
        ``fault("rate_limit", retry_after=5)``, ``fault("delay", ms=200)``, ``fault("drop", times=1)``;
        ``probability=0.3, seed=7`` for a repeatable share of requests. ``operation`` must name a
        real operation (or a glob matching one): otherwise ``AdminError`` 400 lists the valid ones."""
        return self._call("POST", "/faults", {"action": action, **rule})["fault"]

    def faults(self) -> list[dict]:
        """Every rule, with ``matched`` / ``fired`` counts and ``remaining``."""
        return self._call("GET", "/faults")["faults"]

    def delete_fault(self, rule_id: int) -> None:
        self._call("DELETE", f"/faults/{rule_id}")

    def clear_faults(self) -> int:
        return self._call("DELETE", "/faults")["cleared"]

    def campaigns(self, vendor: str | None = None, account: str | None = None) -> list[dict]:
        """Every campaign's row (vendor, account, id, name, status, last_change, fields, simulation)."""
        query = _query({"vendor": vendor, "account": account})
        return self._call("GET", "/campaigns", query=query)["campaigns"]

    def campaign(self, vendor: str, account: str, campaign_id: Any) -> dict:
        """One campaign's row, with ``history``: the journal's requests that changed it, newest first."""
        answer = self._call("GET", f"/campaigns/{vendor}/{account}/{campaign_id}")
        return {**answer["campaign"], "history": answer["history"]}

    def control(self, vendor: str, account: str, campaign_id: Any, command: str) -> dict:
        """The vendor's own state change (CallFire START, STOP, ARCHIVE; Acefone start, stop)."""
        path = f"/campaigns/{vendor}/{account}/{campaign_id}/control"
        return self._call("POST", path, {"command": command})["campaign"]

    def add_webhook(
        self,
        trigger: str,
        url: str,
        *,
        vendor: str = "acefone",
        account: str = "demo",
        method: str = "POST",
        format: str = "json",
        headers: dict[str, str] | None = None,
        repeat: bool = False,
    ) -> dict:
        """Add a webhook (``POST /__admin/webhooks``): Acefone's ``trigger`` name verbatim, the ``url``
        it is delivered to, ``method`` POST or GET, ``format`` json or form, custom ``headers``,
        ``repeat`` (each call record sent twice). Returns it, with its ``id``."""
        body = {
            "vendor": vendor,
            "account": account,
            "trigger": trigger,
            "url": url,
            "method": method,
            "format": format,
            "headers": headers or {},
            "repeat": repeat,
        }
        return self._call("POST", "/webhooks", body)["webhook"]

    def webhooks(self, vendor: str | None = None, account: str | None = None) -> list[dict]:
        query = _query({"vendor": vendor, "account": account})
        return self._call("GET", "/webhooks", query=query)["webhooks"]

    def webhook(self, webhook_id: Any) -> dict:
        return self._call("GET", f"/webhooks/{webhook_id}")["webhook"]

    def delete_webhook(self, webhook_id: Any) -> dict:
        """Remove a webhook; what it still had queued (retries included) is not sent."""
        return self._call("DELETE", f"/webhooks/{webhook_id}")["deleted"]

    def wait_for_deliveries(self, timeout: float = 30.0) -> bool:
        """Send the webhooks and notifications of what the clock has passed, then block until every
        delivery (retries included) is done; False if ``timeout`` passed first
        (``POST /__admin/deliveries/wait``, repeated: each call waits at most a few seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            left = max(0.0, deadline - time.monotonic())
            if self._call("POST", "/deliveries/wait", {"timeout": min(left, WAIT_STEP)})["done"]:
                return True
            if time.monotonic() >= deadline:
                return False

    def deliveries(self, **filters: Any) -> list[dict]:
        """The journal's delivery attempts (``direction`` outbound), oldest first: the same filters as
        ``requests`` plus ``event`` (the trigger) and ``url`` (globs)."""
        return self.requests(direction="outbound", **filters)


class AdminClient(_Verbs):
    """The admin API of a mockdialer running elsewhere: ``AdminClient("http://127.0.0.1:5000")``.
    ``token``: the server's admin token (default: ``MOCKDIALER_ADMIN_TOKEN`` from the environment)."""

    def __init__(self, base_url: str, timeout: float = 10.0, token: str | None = None) -> None:
        url = base_url.rstrip("/")
        self._set_endpoints(Endpoints.served_at(url[: -len("/__admin")] if url.endswith("/__admin") else url))
        self.timeout = timeout
        self.token = token if token is not None else os.environ.get(TOKEN_VARIABLE) or None

    def _call(self, method: str, path: str, body: Any = None, query: dict | None = None) -> dict:
        url = f"{self.admin_url}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if data is not None or method != "GET":  # a write without one is refused as cross-site
            headers["Content-Type"] = "application/json"
        req = urllib_request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib_request.urlopen(req, timeout=self.timeout) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                payload = json.loads(raw)
            except ValueError:
                payload = raw.decode("utf-8", errors="replace")
            raise AdminError(exc.code, payload) from None


class LocalAdmin(_Verbs):
    """The same verbs on an app in this process (no socket): ``LocalAdmin(app, url=server.url)``; it
    sends the app's own admin token (``ADMIN_TOKEN``), if one is set. Its requests reach the app as if
    sent to ``acefone_url``, the Acefone host the client under test uses (the served URL, or
    ``https://api.acefone.in`` in ``mock_vendors()``), so a webhook added here puts that host in its
    payloads' ``recording_url``, as one added over HTTP puts the host it was added through."""

    def __init__(self, app, url: str = "http://localhost") -> None:
        self.app = app
        self._set_endpoints(Endpoints.served_at(url))
        self._client = app.test_client()

    def _call(self, method: str, path: str, body: Any = None, query: dict | None = None) -> dict:
        token = self.app.config.get("ADMIN_TOKEN")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if body is None and method != "GET":  # a write without one is refused as cross-site
            headers["Content-Type"] = "application/json"
        response = self._client.open(
            f"/__admin{path}",
            method=method,
            json=body,
            query_string=query,
            headers=headers,
            base_url=self.acefone_url,
        )
        payload = response.get_json(silent=True)
        if response.status_code >= 400:
            raise AdminError(response.status_code, payload)
        return payload
