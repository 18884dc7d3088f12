"""Calling windows: weekly time groups, daily local restrict hours, midnight crossing, DST, next opening."""

from __future__ import annotations

from datetime import UTC, datetime

from mockdialer.simulation import calendar

from .conftest import DAY, MONDAY

IST_OFFICE = calendar.weekly(
    "Asia/Kolkata",
    [{"days": ["mon", "tue", "wed", "thu", "fri", "sat"], "start": "09:30", "end": "18:30"}],
)


def ts(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def test_clock_seconds_reads_the_vendors_forms():
    assert calendar.clock_seconds("09:30", 0) == 34200
    assert calendar.clock_seconds("08:00:00", 0) == 28800
    assert calendar.clock_seconds("08:00:00Z", 0) == 28800  # CallFire returns times with a Z
    assert calendar.clock_seconds(None, 7) == 7
    assert calendar.clock_seconds("24:00", 0) == DAY


def test_weekly_time_group_in_ist():
    # 09:30 IST is 04:00 UTC, 18:30 IST is 13:00 UTC
    assert not calendar.is_open(IST_OFFICE, ts("2026-01-05T03:59:59"))
    assert calendar.is_open(IST_OFFICE, ts("2026-01-05T04:00:00"))
    assert calendar.is_open(IST_OFFICE, ts("2026-01-05T12:59:59"))
    assert not calendar.is_open(IST_OFFICE, ts("2026-01-05T13:00:00"))
    assert calendar.next_open(IST_OFFICE, ts("2026-01-05T13:00:00")) == ts("2026-01-06T04:00:00")


def test_sunday_is_skipped_in_one_jump():
    saturday_close = ts("2026-01-10T13:00:00")
    assert calendar.next_open(IST_OFFICE, saturday_close) == ts("2026-01-12T04:00:00")


def test_no_calendar_is_always_open():
    assert calendar.daily("UTC", None, None) is None
    assert calendar.is_open(None, MONDAY)
    assert calendar.next_open(None, MONDAY) == MONDAY


def test_daily_window_crossing_midnight():
    night = calendar.daily("UTC", "22:00:00", "02:00:00")
    assert calendar.is_open(night, MONDAY + 23 * 3600)
    assert calendar.is_open(night, MONDAY + DAY + 3600)
    assert not calendar.is_open(night, MONDAY + 12 * 3600)
    assert calendar.next_open(night, MONDAY + 12 * 3600) == MONDAY + 22 * 3600


def test_local_restrict_follows_daylight_saving():
    la = calendar.daily("America/Los_Angeles", "08:00:00", "20:00:00")
    assert calendar.next_open(la, ts("2026-03-07T12:00:00")) == ts("2026-03-07T16:00:00")  # PST, UTC-8
    assert calendar.next_open(la, ts("2026-03-09T12:00:00")) == ts("2026-03-09T15:00:00")  # PDT, UTC-7


def test_a_calendar_that_never_opens():
    assert calendar.next_open({"tz": "UTC", "rules": []}, MONDAY) is None
