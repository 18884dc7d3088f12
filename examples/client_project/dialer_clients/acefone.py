"""A small Acefone dialer-campaign client: login, token refresh, retries."""

from __future__ import annotations

import requests

from .retry import Retrier


class AcefoneError(Exception):
    def __init__(self, status: int, message: str, body: dict | None = None):
        super().__init__(f"{status}: {message}")
        self.status, self.message, self.body = status, message, body or {}


class AcefoneClient:
    """``AcefoneClient("https://api.acefone.in", email, password)``."""

    def __init__(self, base_url: str, email: str, password: str, retrier: Retrier | None = None):
        self.base_url = base_url.rstrip("/")
        self.email, self.password = email, password
        self.retrier = retrier or Retrier()
        self.session = requests.Session()
        self.token: str | None = None

    def _post_auth(self, path: str, **kwargs) -> requests.Response:
        return self.retrier.call(lambda: self.session.post(self.base_url + path, timeout=10, **kwargs))

    def login(self) -> None:
        body = {"email": self.email, "password": self.password}
        response = self._post_auth("/v1/auth/login", json=body)
        data = response.json()
        if not data.get("success"):
            raise AcefoneError(response.status_code, data.get("message", ""), data)
        self.token = data["access_token"]

    def refresh(self) -> bool:
        """A new token for the current one; False when the current one cannot be refreshed (expired)."""
        response = self._post_auth("/v1/auth/refresh", headers={"Authorization": f"Bearer {self.token}"})
        if response.status_code != 200:
            return False
        self.token = response.json()["access_token"]
        return True

    def _send(self, method: str, path: str, body: dict | None) -> requests.Response:
        def send():
            headers = {"Authorization": f"Bearer {self.token}"}
            return self.session.request(method, self.base_url + path, json=body, headers=headers, timeout=10)

        return self.retrier.call(send)

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        if self.token is None:
            self.login()
        response = self._send(method, path, body)
        if response.status_code == 401:  # expired or ended: refresh, or log in again
            if not self.refresh():
                self.login()
            response = self._send(method, path, body)
        data = response.json()
        if response.status_code != 200 or not data.get("success"):
            raise AcefoneError(response.status_code, data.get("message", ""), data)
        return data

    def list_campaigns(self) -> list[dict]:
        return self._call("GET", "/v1/dialer/campaign")["data"]

    def get_campaign(self, campaign_id: str) -> dict:
        return self._call("GET", f"/v1/dialer/campaign/{campaign_id}")["data"]

    def update_campaign(self, campaign_id: str, **fields) -> str:
        return self._call("PUT", f"/v1/dialer/campaign/{campaign_id}", fields)["message"]
