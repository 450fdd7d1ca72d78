"""War-day arithmetic. Day 1 is 24 February 2022, the first day of the full-scale invasion.

The seed article calls Tuesday 19 November 2024 the war's 1,000th day. Counting
24 Feb 2022 as day 1 gives day 1,000 = 19 Nov 2024 (and 19 Nov 2024 was a Tuesday),
so warstats uses that inclusive convention; ``tests/test_time.py`` derives it.
"""

from __future__ import annotations

import datetime as dt

INVASION_START = dt.date(2022, 2, 24)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    return dt.date.fromisoformat(str(value)[:10])


def war_day(date) -> int:
    """Day number of the full-scale war on ``date`` (24 Feb 2022 is day 1).

    Examples
    --------
    >>> war_day("2024-11-19")
    1000
    """
    return (_as_date(date) - INVASION_START).days + 1


def date_of_war_day(n: int) -> dt.date:
    """Calendar date of war day ``n`` (day 1 is 24 Feb 2022).

    Examples
    --------
    >>> date_of_war_day(1000)
    datetime.date(2024, 11, 19)
    """
    if n < 1:
        raise ValueError(f"war days start at 1 (24 Feb 2022), got {n}")
    return INVASION_START + dt.timedelta(days=n - 1)
