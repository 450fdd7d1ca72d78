"""Ukraine's first-level units (oblasts, Kyiv, Sevastopol, Crimea) by official pcode.

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
            for key in [row["pcode"], row["name"], *row["name_variants"].split("|")]:
                if key:
                    by_key[key.casefold()] = row["pcode"]
    return by_key, names


def oblasts():
    """The oblast table as a DataFrame (pcode, name, name_variants, kind)."""
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
