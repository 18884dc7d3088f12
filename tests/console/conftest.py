"""``console``: a browser's view of the console through the Flask test client: it loads a page first
(which starts the session and gives the CSRF token the page's htmx calls send), then ``hx_get`` and
``hx_post`` call fragments and forms as htmx does."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}  # a browser's
HX = {"HX-Request": "true", "Accept": "text/html"}


def csrf_token(page: str) -> str:
    found = re.search(r'"X-CSRFToken": "([^"]+)"', page)
    assert found, "the page carries no CSRF token"
    return found.group(1)


@dataclass
class Console:
    client: object
    token: str = ""

    def page(self, path: str = "/", **kwargs):
        response = self.client.get(path, headers=HTML, **kwargs)
        if response.status_code < 400:
            self.token = csrf_token(response.get_data(as_text=True))
        return response

    def hx_get(self, path: str, **kwargs):
        return self.client.get(path, headers=HX, **kwargs)

    def hx_post(self, path: str, data: dict | None = None, **kwargs):
        if not self.token:
            self.page()
        headers = {**HX, "X-CSRFToken": self.token}
        return self.client.post(path, data=data or {}, headers=headers, **kwargs)


@pytest.fixture
def console(client):
    return Console(client)
