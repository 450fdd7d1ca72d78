"""Claims to check (``seeds/claims.csv`` or a user's file in the same format) and the
qualifier tolerance rules (``seeds/claim_rules.csv``).

Both are validated on read: a malformed file raises :class:`SourceFormatError` naming the
file, row, column and value, so a user's own claims file gets a clear message.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats._paths import seeds_dir
from warstats.errors import SourceFormatError
from warstats.readers.common import (
    check_unique,
    parse_dates,
    parse_numbers,
    read_csv_checked,
)

CLAIM_COLUMNS = ("claim_id", "claim", "figure", "qualifier", "unit", "reference_date",
                 "attributed_to", "topic", "dataset", "measure", "filters", "aggregation",
                 "definition_note", "not_checkable_reason")
#: Optional columns (blank when absent): what the claim is measured against, and, for a
#: reading other than the article's own wording, its label (declared before data is read);
#: ``quote_as``: the template of the pasteable sentence (see ``words.quote_sentence``).
OPTIONAL_COLUMNS = ("baseline", "reading", "quote_as")
RULE_COLUMNS = ("qualifier", "lower", "upper", "lower_inclusive", "upper_inclusive",
                "description")


def read_claim_rules(path: Path | None = None) -> pd.DataFrame:
    """The qualifier → tolerance table. ``lower``/``upper`` are factors of the claimed figure."""
    path = Path(path) if path else seeds_dir() / "claim_rules.csv"
    raw = read_csv_checked(path, RULE_COLUMNS)
    check_unique(raw, ["qualifier"], path)
    out = pd.DataFrame({"qualifier": raw["qualifier"].str.strip().str.lower()})
    out["lower"] = parse_numbers(raw, "lower", path, blank_ok=True)
    out["upper"] = parse_numbers(raw, "upper", path, blank_ok=True)
    for col in ("lower_inclusive", "upper_inclusive"):
        values = raw[col].str.strip().str.lower()
        bad = ~values.isin(["true", "false"])
        if bad.any():
            first = bad.idxmax()
            raise SourceFormatError(path, "not a boolean", row=raw.at[first, "_row"],
                                    column=col, value=raw.at[first, col],
                                    expected="true or false")
        out[col] = values == "true"
    out["description"] = raw["description"]
    if out["lower"].isna().all():
        raise SourceFormatError(path, "no rule has a lower bound", column="lower")
    return out.reset_index(drop=True)


def read_claims(source: Path | str | pd.DataFrame | None = None,
                rules: pd.DataFrame | None = None,
                aggregations: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read and check a claims table (default: the seed article's claims).

    Every claim needs an id, text, a number, a known qualifier, a unit and a reference
    date; a claim is either mapped to data (``dataset`` + ``aggregation``) or says why it
    cannot be checked (``not_checkable_reason``). ``aggregations`` lists the known ways
    of measuring (default: those of :mod:`warstats.claims.measure`).
    """
    rules = read_claim_rules() if rules is None else rules
    if isinstance(source, pd.DataFrame):
        path = Path("<claims frame>")
        raw = source.astype(str).replace({"nan": "", "None": ""})
        missing = [c for c in CLAIM_COLUMNS if c not in raw.columns]
        if missing:
            raise SourceFormatError(path, "claims table lacks columns", column=missing[0],
                                    value=missing, expected=", ".join(CLAIM_COLUMNS))
        keep = [*CLAIM_COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in raw.columns)]
        raw = raw[keep].copy()
        raw.insert(0, "_row", range(2, len(raw) + 2))
    else:
        path = Path(source) if source else seeds_dir() / "claims.csv"
        raw = read_csv_checked(path, CLAIM_COLUMNS, allow_extra=OPTIONAL_COLUMNS)
    for col in OPTIONAL_COLUMNS:
        if col not in raw.columns:
            raw[col] = ""
    check_unique(raw, ["claim_id"], path)
    out = raw.drop(columns="_row").copy()
    out["figure"] = parse_numbers(raw, "figure", path, nonnegative=False)
    out["reference_date"] = parse_dates(raw, "reference_date", path, fmt="%Y-%m-%d")
    out["qualifier"] = raw["qualifier"].str.strip().str.lower()
    unknown = ~out["qualifier"].isin(rules["qualifier"])
    if unknown.any():
        first = unknown.idxmax()
        raise SourceFormatError(path, "unknown qualifier", row=raw.at[first, "_row"],
                                column="qualifier", value=raw.at[first, "qualifier"],
                                expected=" / ".join(rules["qualifier"]))
    for col in ("claim_id", "claim", "unit"):
        blank = raw[col].str.strip() == ""
        if blank.any():
            first = blank.idxmax()
            raise SourceFormatError(path, f"{col} is empty", row=raw.at[first, "_row"],
                                    column=col, value="", expected="a value")
    mapped = (raw["aggregation"].str.strip() != "")
    reason = raw["not_checkable_reason"].str.strip() != ""
    neither = ~mapped & ~reason
    if neither.any():
        first = neither.idxmax()
        raise SourceFormatError(path, "claim is neither mapped to data nor explained",
                                row=raw.at[first, "_row"], column="aggregation",
                                value=raw.at[first, "claim_id"],
                                expected="an aggregation (and dataset), or a "
                                         "not_checkable_reason saying what data would be needed")
    if aggregations is None:
        from warstats.claims.measure import CHECKS

        aggregations = tuple(CHECKS)
    bad_agg = mapped & ~raw["aggregation"].str.strip().isin(list(aggregations))
    if bad_agg.any():
        first = bad_agg.idxmax()
        raise SourceFormatError(path, "unknown aggregation", row=raw.at[first, "_row"],
                                column="aggregation", value=raw.at[first, "aggregation"],
                                expected=" / ".join(sorted(aggregations)))
    return out.reset_index(drop=True)


def article_date() -> pd.Timestamp:
    """The seed article's date: the one reference date of ``seeds/claims.csv`` (defined
    there once; the report and notebooks take it from here)."""
    dates = read_claims()["reference_date"].unique()
    if len(dates) != 1:
        raise SourceFormatError(seeds_dir() / "claims.csv", "the seed claims do not share one "
                                "reference date", column="reference_date",
                                value=sorted(map(str, dates)), expected="one date")
    return pd.Timestamp(dates[0])
