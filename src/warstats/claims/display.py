"""The claims table for people: every cell text, numbers and dates in words."""

from __future__ import annotations

import pandas as pd

from warstats.labels import date_label
from warstats.wording import number


def for_people(table: pd.DataFrame) -> pd.DataFrame:
    """Claim, claimed, verdict, the figure with its dates, source and reasons, as text
    (12,162; 5.98 million; an en dash where there is nothing: never NaN or NaT)."""
    return pd.DataFrame({
        "Claim": table["claim"],
        "Reading": table["reading"],
        "Claimed": [f"{q} {number(v)} {u}" for q, v, u in
                    zip(table["qualifier"], table["claimed"], table["unit"], strict=True)],
        "Verdict": table["verdict"],
        "Figure": [number(v) for v in table["data_figure"]],
        "Data to": [date_label(d) for d in table["data_date"]],
        "Published": [date_label(d) for d in table["data_published"]],
        "Source": [s or "–" for s in table["source"]],
        "Explanation": table["explanation"],
    })


def to_csv(table: pd.DataFrame) -> str:
    """The full table as CSV: plain numbers (12162, 18.482), ISO dates, blanks for none;
    text a spreadsheet would run as a formula is neutralised (``warstats.cell_safety``)."""
    from warstats.cell_safety import spreadsheet_csv

    return spreadsheet_csv(table, float_format="%.10g", na_rep="")


def _formatters(frame: pd.DataFrame) -> dict:
    out = {}
    for col in frame.columns:
        kind = frame[col].dtype.kind
        if kind == "f" or kind == "i":
            out[col] = number
        elif kind == "M":
            out[col] = date_label
        elif kind == "O":
            out[col] = lambda v: "–" if v is None or (isinstance(v, float) and v != v) else v
    return out


class ClaimsTable(pd.DataFrame):
    """``check_claims()``'s frame: numbers stay numbers, but it prints the way people read
    them (12,162; 5.98 million; an en dash for nothing: never NaN, NaT or 1.2e+04)."""

    @property
    def _constructor(self):
        return ClaimsTable

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 60):
            return self.to_string(formatters=_formatters(self), na_rep="–",
                                  max_rows=pd.get_option("display.max_rows"))

    def _repr_html_(self) -> str:
        return self.to_html(formatters=_formatters(self), na_rep="–",
                            max_rows=pd.get_option("display.max_rows"))
