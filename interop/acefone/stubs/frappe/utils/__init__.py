"""``frappe.utils`` as the apps use it; the site's timezone is India's (Asia/Kolkata)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from dateutil import parser

SYSTEM_TZ = timezone(timedelta(hours=5, minutes=30))


def cint(value, default=0):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def get_datetime(value=None):
    """As Frappe's: a datetime, a date, or a string dateutil can read (naive, site time)."""
    if value is None:
        return now_datetime()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return parser.parse(value)


def now_datetime():
    return datetime.now(SYSTEM_TZ).replace(tzinfo=None)


def add_to_date(value, days=0, hours=0, minutes=0, seconds=0, as_string=False, **kwargs):
    moved = get_datetime(value) + timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    return moved.strftime("%Y-%m-%d %H:%M:%S") if as_string else moved


def convert_utc_to_system_timezone(utc):
    return utc.astimezone(SYSTEM_TZ).replace(tzinfo=None)
