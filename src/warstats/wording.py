"""Numbers as people read them: 12,162; 5.98 million; 18.5.

Pure functions with no dependency beyond pandas' missing-value test, used by the claims
check, its quotes, the report and the command line so every output words figures alike.
Missing values print as an en dash (:data:`MISSING`), never ``nan``/``NaT``. Dates in words
(``9 Nov 2023``, ``17 November 2024``) are :mod:`warstats.labels`' job.
"""

from __future__ import annotations

import math

MISSING = "–"


def is_missing(value: object) -> bool:
    """Whether ``value`` is None, NaN, NaT or ``pd.NA`` (pandas' test, imported lazily)."""
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value, *, unit: str = "") -> str:
    """A figure in words people read.

    Examples
    --------
    >>> number(12162), number(5_975_300), number(18.4821), number(1000.0), number(None)
    ('12,162', '5.98 million', '18.5', '1,000', '–')
    >>> number(100, unit="USD million")
    '100'
    """
    if is_missing(value):
        return MISSING
    value = float(value)
    if abs(value) >= 1_000_000_000:
        return f"{value / 1e9:,.2f} billion"
    if abs(value) >= 1_000_000:
        return f"{value / 1e6:,.2f} million"
    if abs(value) >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")


def exact_number(value) -> str:
    """All digits with thousands separators (for quotes of counted figures)."""
    if is_missing(value):
        return MISSING
    value = float(value)
    return f"{value:,.0f}" if value == int(value) or abs(value) >= 100 else f"{value:,.1f}"


def finite(value) -> bool:
    """Whether ``value`` is a real, finite number."""
    return not is_missing(value) and math.isfinite(float(value))
