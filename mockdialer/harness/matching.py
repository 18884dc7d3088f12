"""The one request matcher of the harness: journal filters, fault rules and verifications all describe
requests with ``Criteria`` and test them with ``Criteria.matches`` (docs/admin-api.md, "Matching requests").

What a criterion means, wherever it is used:

* ``vendor``, ``transport``, ``operation``, ``account``, ``path``: a glob (``*``, ``?``, ``[abc]``, as
  Python's ``fnmatch``), matched case-sensitively against the whole value; a name without wildcards is
  an exact match. ``account="demo*"`` matches accounts ``demo`` and ``demo-2``.
* ``direction``: ``inbound`` (a request to the mock; an entry or request that does not say is one) or
  ``outbound`` (a webhook or notification the mock sent), exactly.
* ``event``: for outbound entries, the trigger or notification (``"Call hangup (Missed or Answered)"``,
  ``"CallFinished"``), a glob as above.
* ``url``: for outbound entries, the URL the delivery went to (a GET's query included), a glob as above.
* ``method``: an HTTP method or glob, case-insensitive (``put`` is ``PUT``).
* ``status``: the response status, exactly (journal entries and verifications only).
* ``since``: epoch seconds; the request arrived then or later (journal entries only).
* ``body_contains``: text the request body contains, case-sensitively (verifications only).

A criterion not given matches anything; a given one never matches a request that lacks the fact (a
request with no account, such as a failed login, matches no ``account`` criterion, not even ``*``).
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

GLOBS = ("vendor", "transport", "operation", "account", "path", "event", "url")
NAMES = (*GLOBS, "direction", "method", "status", "since", "body_contains")
FACT = {"since": "timestamp", "body_contains": "body"}  # the entry's key a criterion looks at


def body_text(body: Any) -> str:
    """A journal body as text to search: JSON for parsed bodies, the text itself otherwise."""
    if body is None:
        return ""
    if isinstance(body, str):
        return body
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Criteria:
    """What a request must be; ``None`` fields match anything."""

    vendor: str | None = None
    transport: str | None = None
    operation: str | None = None
    account: str | None = None
    path: str | None = None
    event: str | None = None
    url: str | None = None
    direction: str | None = None
    method: str | None = None
    status: int | None = None
    since: float | None = None
    body_contains: str | None = None

    def __post_init__(self) -> None:
        for name in GLOBS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                object.__setattr__(self, name, str(value))
        if self.method is not None:
            object.__setattr__(self, "method", str(self.method).upper())
        if self.status is not None:
            object.__setattr__(self, "status", int(self.status))
        if self.since is not None:
            object.__setattr__(self, "since", float(self.since))
        given = tuple((f.name, getattr(self, f.name)) for f in fields(self))
        given = tuple((name, value) for name, value in given if value is not None)
        object.__setattr__(self, "_given", given)

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Criteria:
        """From a mapping that may hold other keys (a fault rule's, a journal query's)."""
        return cls(**{name: values[name] for name in NAMES if values.get(name) is not None})

    def given(self) -> dict[str, Any]:
        """The criteria set, by name, in declaration order."""
        return dict(self._given)

    def differences(self, facts: Mapping[str, Any], stop: bool = False) -> list[str]:
        """What of the criteria the request (``facts``: a journal entry or the pipeline's facts) does
        not meet, one phrase each; empty when it matches. ``stop``: the first difference only."""
        found: list[str] = []
        for name, want in self._given:
            have = facts.get(FACT.get(name, name))
            if not _meets(name, want, have):
                if name == "body_contains":
                    found.append(f"body does not contain {want!r}")
                elif name == "since":
                    found.append(f"arrived at {have!r}, before {want!r}")
                else:
                    found.append(f"{name} was {have!r}, expected {want!r}")
                if stop:
                    break
        return found

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return not self.differences(facts, stop=True)


def _meets(name: str, want: Any, have: Any) -> bool:
    if name == "body_contains":
        return want in body_text(have)
    if name == "direction":
        return (have or "inbound") == want
    if have is None:
        return False
    if name == "method":
        return fnmatch.fnmatchcase(str(have).upper(), want)
    if name == "status":
        return have == want
    if name == "since":
        return have >= want
    return fnmatch.fnmatchcase(str(have), want)
