"""Calling windows: when a number may be dialed, as a weekly calendar in one IANA timezone.

A calendar is a JSON-able dict ``{"tz": "Asia/Kolkata", "rules": [[weekday, start, end], ...]}``:
``weekday`` 0 is Monday, ``start``/``end`` are seconds after local midnight (``end`` up to 86400).
``None`` stands for "no restriction" (always open). Rules that cross midnight are split when a
calendar is built. ``is_open`` and ``next_open`` work on whole epoch seconds and jump straight to the
next opening (at most eight local days are looked at), so an idle night or weekend costs nothing.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import date, datetime, timedelta

DAY = 86400
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def clock_seconds(text: str | None, default: int) -> int:
    """``"09:30"``, ``"08:00:00"`` or ``"08:00:00Z"`` as seconds after midnight; ``default`` when unset."""
    if text is None or str(text).strip() == "":
        return default
    parts = str(text).strip().rstrip("Zz").split(":")
    hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    seconds = int(float(parts[2])) if len(parts) > 2 else 0
    return min(DAY, hours * 3600 + minutes * 60 + seconds)


def _rules(days: list[int], start: int, end: int) -> list[list[int]]:
    out = []
    for day in days:
        if end > start:
            out.append([day, start, end])
        elif end == start:  # an empty window read as no restriction that day
            out.append([day, 0, DAY])
        else:  # crosses midnight
            out.append([day, start, DAY])
            if end > 0:
                out.append([(day + 1) % 7, 0, end])
    return out


def weekly(tz: str, schedule: list[dict]) -> dict:
    """A calendar from schedule entries ``{"days": ["mon", ...], "start": "09:30", "end": "18:30"}``."""
    rules: list[list[int]] = []
    for entry in schedule:
        days = [WEEKDAYS[str(d).strip().lower()[:3]] for d in entry.get("days") or WEEKDAYS]
        rules += _rules(days, clock_seconds(entry.get("start"), 0), clock_seconds(entry.get("end"), DAY))
    return {"tz": tz, "rules": sorted(rules)}


def daily(tz: str, begin: str | None, end: str | None) -> dict | None:
    """Every day from ``begin`` to ``end`` local time; ``None`` (always open) when both are unset."""
    if (begin is None or begin == "") and (end is None or end == ""):
        return None
    return {
        "tz": tz,
        "rules": sorted(_rules(list(range(7)), clock_seconds(begin, 0), clock_seconds(end, DAY))),
    }


@functools.cache
def _zone(tz: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(tz)


@functools.lru_cache(maxsize=4096)
def _intervals(tz: str, rules: tuple, ordinal: int) -> tuple[tuple[int, int], ...]:
    """The open intervals (epoch seconds) that the rules give one local date."""
    zone = _zone(tz)
    day = date.fromordinal(ordinal)
    midnight = datetime(day.year, day.month, day.day)
    out = []
    for weekday, start, end in rules:
        if weekday != day.weekday():
            continue
        begin = (midnight + timedelta(seconds=start)).replace(tzinfo=zone).timestamp()
        finish = (midnight + timedelta(seconds=end)).replace(tzinfo=zone).timestamp()
        out.append((int(-(-begin // 1)), int(-(-finish // 1))))
    return tuple(sorted(out))


def _around(calendar: dict, t: int, days: range):
    zone = _zone(calendar["tz"])
    today = datetime.fromtimestamp(t, zone).date().toordinal()
    rules = tuple(tuple(rule) for rule in calendar["rules"])
    for offset in days:
        yield from _intervals(calendar["tz"], rules, today + offset)


def is_open(calendar: dict | None, t: int) -> bool:
    if calendar is None:
        return True
    return any(begin <= t < end for begin, end in _around(calendar, t, range(-1, 2)))


def next_open(calendar: dict | None, t: int) -> int | None:
    """The first second >= ``t`` at which the calendar is open; ``None`` if it never opens."""
    if calendar is None or is_open(calendar, t):
        return t
    starts = [begin for begin, end in _around(calendar, t, range(0, 9)) if begin >= t and end > begin]
    return min(starts) if starts else None
