"""Ukraine's first-level units (oblasts, Kyiv, Sevastopol, Crimea) by official pcode.

The table is also the crosswalk between codes and the names each publisher uses:
``pcode`` (OCHA COD / KATOTTH) ↔ ``iso3166_2`` (most are the pcode's number with a dash;
the exceptions are UA01→UA-43, UA44→UA-09, UA73→UA-77, UA80→UA-30, UA85→UA-40) ↔
``name`` (warstats' English name) ↔ ``name_uk`` ↔ ``name_ocha`` (``ADM1_EN`` in OCHA's
2017 COD-AB, recorded as published: it gives UA80 the name "Kyivska", so it is never a
join key) ↔ ``name_iom`` (IOM DTM) ↔ ``name_air_force`` (the Air Force reports as compiled
by P. Ivaniuk: "Kherson oblast"). DeepStateMap polygons carry no names at all: they are
placed in oblasts by geometry. ``name_variants`` lists further spellings met in files.

``UA_UNK`` is the explicit code for IOM's "residence location unknown" row, so that
national sums that include it can be reproduced. Oblast names in publisher files
carry footnote asterisks (``Khersonska*``); they are stripped by the same rule as
country names.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from warstats.codes.countries import clean_name
from warstats.errors import SourceFormatError

UNKNOWN_OBLAST = "UA_UNK"
_HERE = Path(__file__).resolve().parent


@cache
def _rows() -> tuple[dict[str, str], dict[str, str]]:
    by_key: dict[str, str] = {}
    names: dict[str, str] = {}
    with (_HERE / "oblasts.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["pcode"]] = row["name"]
            keys = [row["pcode"], row["iso3166_2"], row["name"], row["name_iom"],
                    row["name_air_force"], *row["name_variants"].split("|")]
            for key in filter(None, keys):
                if by_key.setdefault(key.casefold(), row["pcode"]) != row["pcode"]:
                    raise ValueError(f"oblasts.csv: {key!r} names both "
                                     f"{by_key[key.casefold()]} and {row['pcode']}")
    return by_key, names


def oblasts():
    """The oblast table and crosswalk as a DataFrame (pcode, iso3166_2, names, kind)."""
    import pandas as pd

    return pd.read_csv(_HERE / "oblasts.csv", dtype=str)


def to_pcode(values: Iterable[object], *, file: str | Path = "<input>",
             column: str = "oblast") -> list[str]:
    """Map oblast names or pcodes to official pcodes; all unknown values in one error.

    Examples
    --------
    >>> to_pcode(["Khersonska*", "UA80", "Residence location unknown (in Ukraine)**"])
    ['UA65', 'UA80', 'UA_UNK']
    """
    by_key, _ = _rows()
    out, unknown = [], []
    for value in values:
        code = by_key.get(clean_name(str(value)).casefold())
        if code is None:
            unknown.append(str(value))
        out.append(code or "")
    if unknown:
        raise SourceFormatError(file, f"{len(set(unknown))} oblast name(s) cannot be mapped",
                                column=column, value=sorted(set(unknown)),
                                expected="an oblast name or pcode in warstats/codes/oblasts.csv")
    return out


def oblast_name(pcode: str) -> str:
    return _rows()[1][pcode]


def iso3166_2(pcode: str) -> str:
    """ISO 3166-2 code of an oblast pcode.

    Examples
    --------
    >>> iso3166_2("UA80"), iso3166_2("UA46")
    ('UA-30', 'UA-46')
    """
    return _iso()[pcode]


@cache
def _iso() -> dict[str, str]:
    with (_HERE / "oblasts.csv").open(encoding="utf-8") as fh:
        return {row["pcode"]: row["iso3166_2"] for row in csv.DictReader(fh)
                if row["iso3166_2"]}
