"""The qualifier rules of ``seeds/claim_rules.csv`` (or a user's file): tolerance tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd


@cache
def _seed_rules() -> pd.DataFrame:
    from warstats.claims.read import read_claim_rules

    return read_claim_rules().set_index("qualifier")


def load_rules(rules: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """Rules indexed by qualifier: the seed file, a user's CSV path, or a frame."""
    if rules is None:
        return _seed_rules()
    if isinstance(rules, pd.DataFrame):
        return rules if rules.index.name == "qualifier" else rules.set_index("qualifier")
    from warstats.claims.read import read_claim_rules

    return read_claim_rules(Path(rules)).set_index("qualifier")


def bounds(qualifier: str, figure: float,
           rules: pd.DataFrame | None = None) -> tuple[float, float | None]:
    """The rule's lower and upper values for a claimed figure (upper ``None``: unbounded)."""
    r = load_rules(rules).loc[qualifier]
    return figure * r["lower"], None if pd.isna(r["upper"]) else figure * r["upper"]


def _exact(value: float) -> str:
    """Bounds with all their digits: 13,200; 1,039.5 (a rounded bound would mislead)."""
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def rule_text(qualifier: str, figure: float, rules: pd.DataFrame | None = None) -> str:
    """The tolerance in words: ``'over' 12,000`` → ``over 12,000: above 12,000, up to 13,200``."""
    r = load_rules(rules).loc[qualifier]
    lo, hi = bounds(qualifier, figure, rules)
    low = ("from " if r["lower_inclusive"] else "above ") + _exact(lo)
    if hi is None:
        return f"{qualifier} {_exact(figure)}: {low}, no upper limit"
    high = ("up to " if r["upper_inclusive"] else "below ") + _exact(hi)
    return f"{qualifier} {_exact(figure)}: {low}, {high}"


def within(figure: float, value: float, qualifier: str,
           rules: pd.DataFrame | None = None) -> bool:
    """Whether ``value`` satisfies the claim ``qualifier figure`` under the rules.

    Examples
    --------
    >>> within(12_000, 12_162, "over"), within(27_000, 27_024, "nearly")
    (True, False)
    """
    if value is None or pd.isna(value):
        return False
    r = load_rules(rules).loc[qualifier]
    lo, hi = bounds(qualifier, figure, rules)
    ok_lo = value >= lo if r["lower_inclusive"] else value > lo
    if hi is None:
        return bool(ok_lo)
    ok_hi = value <= hi if r["upper_inclusive"] else value < hi
    return bool(ok_lo and ok_hi)
