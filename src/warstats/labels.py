"""Words for people: the one place that turns codes into what a reader sees.

Charts, tables, the report's prose and the terminal call these helpers; the data and the
CSV exports keep the codes. Nothing here imports pandas or matplotlib at module level.

- :func:`date_label` writes every date one way: ``9 Nov 2023`` (``Nov 2023`` for a month,
  ``2023`` for a year); :func:`long_date` spells the month out (``17 November 2024``) for
  quotable sentences (``ws.quote``, the claims check). Numbers are :mod:`warstats.wording`'s job.
- :func:`country` gives a short English name for an ISO3 code (``COD`` → ``DR Congo``).
- :func:`source` gives a publisher's short attribution for a source id.
- :func:`series` names a series, level or dataset key (``deepstatemap`` → ``DeepStateMap``,
  ``macro_region`` → ``macro-region``).
- :func:`dataset` gives a dataset's title for its name.
"""

from __future__ import annotations

import datetime as dt
import re

from warstats.wording import MISSING, is_missing

#: Short names for countries whose ISO 3166 name is long or formal (for tables and bars).
SHORT_COUNTRY_NAMES = {
    "COD": "DR Congo", "COG": "Congo", "CAF": "Central African Rep.", "RUS": "Russia",
    "GBR": "United Kingdom", "USA": "United States", "MDA": "Moldova", "PSE": "Palestine",
    "SYR": "Syria", "VEN": "Venezuela", "IRN": "Iran", "KOR": "South Korea",
    "PRK": "North Korea", "LAO": "Laos", "TZA": "Tanzania", "BOL": "Bolivia",
    "CZE": "Czechia", "TUR": "Türkiye", "VNM": "Viet Nam", "EUI": "EU institutions",
    "MKD": "North Macedonia", "BIH": "Bosnia and Herzegovina",
}

#: Readable names of series, levels and other keys that appear in the data.
SERIES_NAMES = {
    "deepstatemap": "DeepStateMap", "liveuamap": "liveuamap", "nzz": "NZZ map data",
    "macro_region": "macro-region", "oblast": "oblast", "raion": "raion",
    "unknown": "residence unknown", "country": "country",
    "latest revision (monthly sums)": "latest revision (sum of monthly figures)",
    "PDA": "Drawdown (PDA)", "USAI": "USAI procurement", "FMF": "Foreign Military Financing",
}

_DATE_FORMATS = {"day": "{d.day} {d:%b %Y}", "month": "{d:%b %Y}", "year": "{d.year}",
                 "long": "{d.day} {d:%B %Y}"}


def date_label(value: object, precision: str = "day") -> str:
    """One date style for people: ``9 Nov 2023`` (``precision`` ``month``: ``Nov 2023``;
    ``year``: ``2023``; ``long``: ``9 November 2023``). Missing values (None, NaN, NaT,
    ``pd.NA``) read ``–``.

    >>> date_label("2023-11-09")
    '9 Nov 2023'
    >>> date_label("2025-04-01", "month")
    'Apr 2025'
    """
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10]) if len(value) >= 10 else (
            dt.date.fromisoformat(value + "-01") if len(value) == 7 else value)
        if isinstance(value, str):
            return value
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    elif not isinstance(value, dt.date):  # numpy datetime64 and other date-likes
        import pandas as pd

        value = pd.Timestamp(value).to_pydatetime()
    return _DATE_FORMATS[precision].format(d=value)


def long_date(value: object) -> str:
    """``17 November 2024`` (no leading zero): the date of a quotable sentence; ``–`` if missing.

    >>> long_date("2024-11-07"), long_date(None)
    ('7 November 2024', '–')
    """
    return date_label(value, "long")


def date_range(start: object, end: object, precision: str = "day") -> str:
    """``24 Feb 2022 – 31 Jan 2026`` (one date if both ends are the same)."""
    a, b = date_label(start, precision), date_label(end, precision)
    return a if a == b else f"{a} – {b}"


def country(code: object) -> str:
    """A short English name for an ISO3 (or aggregate) code; unknown codes come back as given.

    >>> country("DEU"), country("COD")
    ('Germany', 'DR Congo')
    """
    text = str(code)
    if text in SHORT_COUNTRY_NAMES:
        return SHORT_COUNTRY_NAMES[text]
    from warstats.codes.countries import country_name

    try:
        return country_name(text)
    except Exception:
        return text


def source(source_id: object) -> str:
    """The publisher's short attribution for a source id (``ocha_ude_refugees`` →
    ``UNHCR ODP (2024)``); several ids joined by ``;`` are named in turn."""
    from warstats.provenance.registry import get_source

    names = []
    for sid in str(source_id).split(";"):
        if not sid:
            continue
        try:
            names.append(get_source(sid).attribution_short)
        except Exception:
            names.append(sid)
    return "; ".join(dict.fromkeys(names))


def series(key: object) -> str:
    """A readable name for a series, level or category key that appears in the data."""
    text = str(key)
    if text in SERIES_NAMES:
        return SERIES_NAMES[text]
    if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", text):  # a source id or another code
        named = source(text)
        return named if named != text else text.replace("_", " ")
    return text


def dataset(name: str) -> str:
    """A dataset's title for its name (``refugees_europe`` → its registry title)."""
    from warstats.datasets.registry import get_spec

    try:
        return get_spec(name).title
    except Exception:
        return name.replace("_", " ")


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LONG_DAY = re.compile(r"\b0?(\d{1,2}) (" + "|".join(_MONTHS) + r"|"
                       + "|".join(m[:3] for m in _MONTHS) + r")\b")
#: Words and file names of the project's own vocabulary, and what a reader sees instead.
_VOCABULARY = [
    (re.compile(r"\s*\((?:fixed )?(?:in |per )?seeds/[\w.]+\)"), ""),
    (re.compile(r";\s*seeds/[\w.]+\)"), ")"),
    (re.compile(r"\bseeds/claim_rules\.csv\b"), "the tolerance rules"),
    (re.compile(r"\bseeds/[\w.]+\b"), "the hand-transcribed figures"),
    (re.compile(r"\bseed article\b"), "article"),
    (re.compile(r"\bdeepstatemap\b"), "DeepStateMap"),
    (re.compile(r"\bmacro_region\b"), "macro-region"),
]


#: A whole number of 5 to 9 digits written without separators ("12000"), standing alone:
#: not part of a code, decimal, date, commit ("commit 1128331") or signed value.
_BARE_NUMBER = re.compile(r"(?<![\w.,/:#+\-])(?<!commit )(\d{5,9})(?![\w.,/:\-]|\d)")


def house_style(text: str) -> str:
    """Copy-desk pass over text a reader sees: one date style (``9 Nov 2023``), thousands
    separators in large whole numbers, and no file names or internal vocabulary. Applied by
    the report to every paragraph, caption and table cell, so a new section gets it without
    asking.

    >>> house_style("as of 09 November 2023 (seeds/figures.csv) in deepstatemap")
    'as of 9 Nov 2023 in DeepStateMap'
    >>> house_style("dates 2022-03-01 to 2025-04-01")
    'dates 1 Mar 2022 to 1 Apr 2025'
    >>> house_style("More than 12000 civilians (commit 1128331, 2024, 1234.5)")
    'More than 12,000 civilians (commit 1128331, 2024, 1234.5)'
    """
    text = str(text)
    for pattern, repl in _VOCABULARY:
        text = pattern.sub(repl, text)
    text = _ISO_DAY.sub(lambda m: date_label(m.group(0)), text)
    text = _BARE_NUMBER.sub(lambda m: f"{int(m.group(1)):,}", text)
    return _LONG_DAY.sub(lambda m: f"{int(m.group(1))} {m.group(2)[:3]}", text)


def cell(value: object) -> object:
    """A table cell for people: dates in the house style, text through :func:`house_style`;
    numbers are left to the table's number formats."""
    import datetime as _dt

    if isinstance(value, _dt.datetime | _dt.date) or type(value).__name__ == "Timestamp":
        return date_label(value)
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date_label(value, "month")
        return house_style(value)
    return value


#: OCHA FTS appeal codes start with the plan type: H(RP), F(lash), R(egional) …
APPEAL_KINDS = {"H": "Response plan", "F": "Flash appeal", "R": "Regional plan",
                "O": "Other plan"}


def appeals(codes: object) -> str:
    """The kind of each FTS appeal code in words (``HUKR25`` → ``Response plan``).

    >>> appeals("FUKR22"), appeals("HUKR1615")
    ('Flash appeal', 'Response plan')
    """
    kinds = [APPEAL_KINDS.get(code[:1].upper(), "Appeal")
             for code in re.split(r"[;,+\s]+", str(codes)) if code]
    return " + ".join(dict.fromkeys(kinds))
