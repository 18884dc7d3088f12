"""Verification of the journal, as WireMock does it: were the requests a test expects made, and if not,
which recorded requests came closest and what differed.

``check_operation(pattern, known)`` refuses an operation name (or glob) that names no declared
operation, for fault rules and verifications alike; ``verify(entries, ...)`` matches journal entries
against the criteria and returns a ``Verification`` whose ``message`` lists the near misses.
The names of the declared operations are passed in (this module sits below the pipeline).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .matching import Criteria, body_text

__all__ = ["CRITERIA", "Criteria", "UnknownOperation", "Verification", "body_text", "check_operation"]

CRITERIA = ("operation", "vendor", "transport", "account", "method", "path", "status", "body_contains")
CRITERIA += ("direction", "event", "url")  # deliveries: the journal's outbound entries
NEAR_MISSES = 3  # closest requests a failed verification lists


class UnknownOperation(ValueError):
    """An operation name or glob that matches no declared operation; ``valid`` lists the names."""

    def __init__(self, pattern: str, valid: list[str]) -> None:
        self.pattern = pattern
        self.valid = valid
        super().__init__(f"Unknown operation {pattern!r}; one of: {', '.join(valid)}.")


def check_operation(pattern: str | None, known: Iterable[str]) -> None:
    """Raise ``UnknownOperation`` unless ``pattern`` (a name or a glob such as ``acefone.*``) matches
    at least one of ``known``."""
    if pattern is None:
        return
    valid = sorted(set(known))
    if not any(fnmatch.fnmatchcase(name, pattern) for name in valid):
        raise UnknownOperation(pattern, valid)


def differences(entry: dict, criteria: dict[str, Any]) -> list[str]:
    """What of ``criteria`` this journal entry does not meet, one phrase each (empty: it matches)."""
    return Criteria.of(criteria).differences(entry)


@dataclass
class Verification:
    """The outcome: ``passed``, how many requests ``matched``, and the ``near_misses`` when it failed."""

    criteria: dict[str, Any]
    times: int | None
    matched: int
    near_misses: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.matched >= 1 if self.times is None else self.matched == self.times

    @property
    def expected(self) -> str:
        what = " ".join(f"{k}={v!r}" for k, v in self.criteria.items()) or "any request"
        count = "at least once" if self.times is None else f"exactly {self.times} time(s)"
        return f"{what} {count}"

    @property
    def message(self) -> str:
        if self.passed:
            return f"Verified: {self.expected} (matched {self.matched})."
        lines = [f"Expected {self.expected}, but {self.matched} request(s) matched."]
        if self.near_misses:
            lines.append("Closest requests seen:")
            for miss in self.near_misses:
                summary = describe(miss["request"])
                lines.append(f"  {summary}: {'; '.join(miss['differences']) or 'matches'}")
        else:
            lines.append("No vendor requests were recorded.")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "passed": self.passed,
            "expected": self.expected,
            "criteria": self.criteria,
            "times": self.times,
            "matched": self.matched,
            "message": self.message,
            "near_misses": self.near_misses,
        }


def describe(entry: dict) -> str:
    """``#12 acefone.update_campaign account='demo' PUT /v1/dialer/campaign/40001 -> 200``."""
    return (
        f"#{entry.get('id')} {entry.get('operation')} account={entry.get('account')!r} "
        f"{entry.get('method')} {entry.get('path')} -> {entry.get('status')}"
    )


def _summary(entry: dict) -> dict:
    keys = ("id", "time", "vendor", "transport", "operation", "account", "method", "path", "status", "body")
    return {k: entry.get(k) for k in keys}


def verify(entries: list[dict], times: int | None = None, **criteria: Any) -> Verification:
    """Match journal ``entries`` (oldest first) against ``criteria`` (see ``CRITERIA``; operation,
    vendor, transport, account and path are globs; see ``matching``). ``times=None``: at least once."""
    unknown = set(criteria) - set(CRITERIA)
    if unknown:
        raise TypeError(f"unknown verification criteria: {', '.join(sorted(unknown))}")
    criteria = {k: v for k, v in criteria.items() if v is not None}
    wanted = Criteria.of(criteria)
    scored = [(wanted.differences(entry), entry) for entry in entries]
    matched = sum(1 for diffs, _ in scored if not diffs)
    result = Verification(criteria, times, matched)
    if not result.passed:
        # matches first when there are too many or too few of them, then the fewest differences,
        # the most recent first among equals
        ranked = sorted(scored, key=lambda pair: (len(pair[0]), -int(pair[1].get("id") or 0)))
        result.near_misses = [
            {"request": _summary(entry), "differences": diffs} for diffs, entry in ranked[:NEAR_MISSES]
        ]
    return result
