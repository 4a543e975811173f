"""Publication dates as pages and feeds write them, to ``datetime.date``.

ISO 8601 with or without time and zone ("2023-02-28T08:30:00+07:00" is the
28th: the date as written, never shifted to UTC), compact "20230228", and the
Vietnamese day-first forms "28/02/2023", "28-2-2023", "28.02.2023", optionally
after a weekday and a time ("Thứ Ba, 28/02/2023 - 08:30").  Two-digit years and
anything ambiguous give None.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_ISO_SLASH = re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?\d{0,6})?\s*$")
_DAY_FIRST = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_VI_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def parse_date(value: object) -> dt.date | None:
    """The date in ``value`` (a string, date or datetime), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:200]
    for pattern, order in ((_ISO, "ymd"), (_ISO_SLASH, "ymd"), (_COMPACT, "ymd"), (_DAY_FIRST, "dmy"), (_VI_WORDS, "dmy")):
        m = pattern.search(text)
        if not m:
            continue
        a, b, c = (int(g) for g in m.groups())
        y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
        try:
            date = dt.date(y, mo, d)
        except ValueError:
            continue
        if 1900 <= date.year <= 2100:
            return date
    return None
