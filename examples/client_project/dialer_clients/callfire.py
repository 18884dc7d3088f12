"""A small CallFire API 1.1 CccService REST client: HTTP Basic, JSON responses, retries."""

from __future__ import annotations

import uuid

import requests

from .retry import Retrier


class CallFireError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(f"{status}: {message}")
        self.status, self.message = status, message


class CallFireClient:
    """``CallFireClient("https://www.callfire.com/api/1.1/rest", login, password)``."""

    def __init__(self, base_url: str, login: str, password: str, retrier: Retrier | None = None):
        self.base_url = base_url.rstrip("/")
        self.retrier = retrier or Retrier()
        self.session = requests.Session()
        self.session.auth = (login, password)
        self.session.headers["Accept"] = "application/json"

    def _call(self, method: str, path: str, **kwargs) -> dict | None:
        url = self.base_url + path
        response = self.retrier.call(lambda: self.session.request(method, url, timeout=10, **kwargs))
        if response.status_code >= 400:
            try:
                message = response.json()["ResourceException"]["Message"]
            except (ValueError, KeyError):
                message = response.text
            raise CallFireError(response.status_code, message)
        return response.json() if response.content else None

    def get_campaign(self, campaign_id: int) -> dict:
        return self._call("GET", f"/ccc/{campaign_id}.json")["Resource"]["CccCampaign"]

    def update_campaign(self, campaign_id: int, name: str, request_id: str | None = None, **fields) -> str:
        """Returns the RequestId it sent: the same one on every retry, so the update applies once."""
        request_id = request_id or f"urn:uuid:{uuid.uuid4()}"
        self._call("PUT", f"/ccc/{campaign_id}", data={"Name": name, "RequestId": request_id, **fields})
        return request_id

    def control(self, campaign_id: int, command: str) -> None:
        self._call("PUT", f"/ccc/{campaign_id}/control", data={"Command": command})
