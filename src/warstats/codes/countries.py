"""Country codes: ISO 3166 alpha-3 (via pycountry) plus publishers' name variants.

Rules, applied in this order by :func:`to_iso3`:

1. Footnote markers are stripped: trailing ``*`` (UNHCR/ONE tables use ``***``) and
   bracketed footnote numbers such as ``[1]``.
2. Case and surrounding white space are ignored.
3. Names match ISO 3166 names (name, official name, common name), then the
   publisher variants in ``aliases.csv``, then codes themselves (alpha-3, alpha-2 or,
   for UN M49, numeric).
4. Aggregates (World Bank regions and income groups, UN M49 regions) are kept
   under their publisher's code and flagged by :func:`is_aggregate`; EU institutions
   (Commission, Council, EIB) use the warstats code ``EUI`` so they can never be
   mistaken for, or silently added to, the member states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from warstats.errors import SourceFormatError, WarstatsError

_HERE = Path(__file__).resolve().parent
EU_INSTITUTIONS = "EUI"
_FOOTNOTE = re.compile(r"(\s*\*+\s*$)|(\s*\[\d+\]\s*$)")
#: Codes outside ISO 3166 that publishers use for a country.
_EXTRA_COUNTRIES = {"XKX": "Kosovo"}


def clean_name(name: str) -> str:
    """Strip footnote markers and white space.

    ``'Russian Federation***'`` → ``'Russian Federation'``.
    """
    return _FOOTNOTE.sub("", str(name)).strip()


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]]]:
    import csv

    import pycountry

    by_name: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        names[c.alpha_3] = getattr(c, "common_name", None) or c.name
        for attr in ("name", "official_name", "common_name", "alpha_3", "alpha_2", "numeric"):
            value = getattr(c, attr, None)
            if value:
                by_name[value.casefold()] = c.alpha_3
        by_name[str(int(c.numeric))] = c.alpha_3
    for code, name in _EXTRA_COUNTRIES.items():
        names[code] = name
        by_name[name.casefold()] = code
        by_name[code.casefold()] = code
    aggregates: dict[str, tuple[str, str]] = {}
    with (_HERE / "aggregates.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            aggregates[row["code"]] = (row["name"], row["kind"])
    with (_HERE / "aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            iso3 = row["iso3"]
            if iso3 not in names and iso3 not in aggregates:
                raise WarstatsError(f"aliases.csv: {row['alias']!r} maps to unknown code {iso3!r}")
            by_name[row["alias"].casefold()] = iso3
    return by_name, names, aggregates


def to_iso3(values: Iterable[object], *, file: str | Path = "<input>", column: str = "country",
            allow_aggregates: bool = True) -> list[str]:
    """Map country names or codes to ISO3; every unmappable value is listed in one error.

    Examples
    --------
    >>> to_iso3(["Poland", "Russian Federation***", "Republic of Moldova"])
    ['POL', 'RUS', 'MDA']
    """
    by_name, names, aggregates = _tables()
    out: list[str] = []
    unknown: list[str] = []
    for value in values:
        raw = clean_name(str(value))
        key = raw.casefold()
        code = by_name.get(key)
        if code is None and raw in aggregates and allow_aggregates:
            code = raw
        if code is None and raw.upper() in names:
            code = raw.upper()
        if code is None or (not allow_aggregates and code in aggregates):
            unknown.append(str(value))
            out.append("")
        else:
            out.append(code)
    if unknown:
        listed = sorted(set(unknown))
        raise SourceFormatError(
            file, f"{len(listed)} country name(s) or code(s) cannot be mapped to ISO3",
            column=column, value=listed,
            expected="an ISO 3166 name or code, or a variant listed in warstats/codes/aliases.csv",
        )
    return out


def is_aggregate(code: str) -> bool:
    """True for regional/income aggregates and institutions (not a single country)."""
    return code in _tables()[2]


def entity_kind(code: str) -> str:
    """``country``, ``aggregate``, ``territory_group`` or ``institution``."""
    aggregates = _tables()[2]
    return aggregates[code][1] if code in aggregates else "country"


def country_name(code: str) -> str:
    """English short name for an ISO3 or aggregate code."""
    _, names, aggregates = _tables()
    if code in names:
        return names[code]
    if code in aggregates:
        return aggregates[code][0]
    raise WarstatsError(f"Unknown country code {code!r}")


def letter_code(code: str) -> str:
    """The three-letter code of a numeric (M49) territory group or aggregate with the same
    name in the World Bank scheme: ``830`` (Channel Islands) → ``CHI``; else ``code``."""
    aggregates = _tables()[2]
    if code not in aggregates or code.isalpha():
        return code
    name = aggregates[code][0]
    same = [c for c, (n, _) in aggregates.items() if n == name and c.isalpha() and len(c) == 3]
    return same[0] if same else code
