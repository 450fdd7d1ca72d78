"""``ws.quote()``: a checked figure as a sentence a journalist can paste."""

from __future__ import annotations

import pandas as pd


def quote(claim_id: str, claims=None, *, rules=None, as_of=None,
          table: pd.DataFrame | None = None) -> str:
    """The pasteable sentence for a checked claim's figure.

    Uses the figure the verdict rested on ("at least" for verified minimums, the period,
    the publisher and its publication date). Raises ``LookupError`` naming the reason
    when the claim has no such figure (it is not checkable here).

    Examples
    --------
    >>> import warstats as ws
    >>> print(ws.quote("killed"))                        # doctest: +SKIP
    At least 12,162 civilians were killed in Ukraine between 24 February 2022 and
    31 October 2024 (OHCHR/HRMMU, published 17 November 2024).
    """
    from warstats.claims.check import check_claims

    table = check_claims(claims, rules=rules, as_of=as_of) if table is None else table
    rows = table[table["claim_id"] == claim_id]
    if rows.empty:
        raise LookupError(f"no claim {claim_id!r}; claims: {', '.join(table['claim_id'])}")
    row = rows.iloc[0]
    if not row["quote"]:
        raise LookupError(f"claim {claim_id!r} has no quotable figure: {row['explanation']}")
    return str(row["quote"])
