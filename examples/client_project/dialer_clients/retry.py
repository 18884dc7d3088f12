"""Retrying an HTTP call on 429, 5xx and dropped connections, waiting as the server asks."""

from __future__ import annotations

import time
from collections.abc import Callable

import requests

RETRY_STATUSES = {429, 500, 502, 503, 504}


class Retrier:
    def __init__(self, retries: int = 3, backoff: float = 0.05, max_wait: float = 5.0, sleep=time.sleep):
        self.retries, self.backoff, self.max_wait, self.sleep = retries, backoff, max_wait, sleep

    def wait_for(self, attempt: int, response: requests.Response | None) -> float:
        retry_after = response.headers.get("Retry-After") if response is not None else None
        wait = float(retry_after) if retry_after else self.backoff * 2**attempt
        return min(wait, self.max_wait)

    def call(self, send: Callable[[], requests.Response]) -> requests.Response:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = send()
            except requests.ConnectionError:
                if last:
                    raise
                self.sleep(self.wait_for(attempt, None))
                continue
            if response.status_code not in RETRY_STATUSES or last:
                return response
            self.sleep(self.wait_for(attempt, response))
        raise AssertionError("unreachable")
