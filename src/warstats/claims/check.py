"""``check_claims()``: one row per claim with its verdict, reasons, source and a quote."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.claims import judge, words
from warstats.claims.rules import load_rules, rule_text, within
from warstats.errors import WarstatsError
from warstats.labels import long_date

COLUMNS = ("claim_id", "claim", "reading", "baseline", "claimed", "qualifier", "unit",
           "reference_date", "as_of", "attributed_to", "topic", "rule", "verdict",
           "data_figure", "data_date", "data_published", "data_series", "source",
           "source_ids", "context_figure", "context_date", "context_published",
           "context_source", "explanation", "quote")


def _figure_columns(prefix: str, f) -> dict:
    if f is None:
        return {}
    return {f"{prefix}_figure": f.value, f"{prefix}_date": f.date,
            f"{prefix}_published": f.published}


def _judge(claim: pd.Series, figures: list, rules, as_of) -> dict:
    ref = pd.Timestamp(claim["reference_date"])
    known_by = min(ref, as_of) if as_of is not None else ref
    basis, context = judge.choose(figures, ref, as_of)
    out: dict = {}
    reasons = []
    if basis is None:
        out["verdict"] = "not checkable here"
        newest = judge._newest([f for f in figures if f.published <= known_by
                                and f.date <= ref])
        reasons.append(words.not_checkable(ref, known_by, judge.STALE_AFTER.days, newest))
    else:
        ok = within(claim["figure"], basis.value, claim["qualifier"], rules)
        out["verdict"] = "consistent" if ok else "inconsistent"
        out.update(_figure_columns("data", basis), data_series=basis.series,
                   source=words.publisher(basis.source_ids), source_ids=basis.source_ids)
        reasons.append(f"{words.describe(basis)} is {'within' if ok else 'outside'} the "
                       f"rule ({rule_text(claim['qualifier'], claim['figure'], rules)}).")
        template = str(claim.get("quote_as") or "").strip()
        if template:
            out["quote"] = words.quote_sentence(
                basis.value, template, end=basis.date, publisher=out["source"],
                published=basis.published, minimum=basis.minimum, series=basis.series)
    if context is not None:
        out.update(_figure_columns("context", context),
                   context_source=words.publisher(context.source_ids))
        reasons.append(f"Context, not known on {long_date(known_by)}: "
                       f"{words.describe(context)}.")
    if str(claim.get("baseline") or "").strip():
        reasons.append(f"Baseline: {claim['baseline']}.")
    if str(claim.get("definition_note") or "").strip():
        reasons.append(f"Definition: {claim['definition_note']}")
    out["explanation"] = " ".join(reasons)
    return out


def check_claims(claims: pd.DataFrame | str | Path | None = None, *,
                 rules: pd.DataFrame | str | Path | None = None, as_of=None) -> pd.DataFrame:
    """Check claims against the data; one row per claim with a computed verdict.

    ``claims`` is a frame or CSV in the format of ``seeds/claims.csv`` (default: the
    seed article's claims); ``rules`` a frame or CSV in the format of
    ``seeds/claim_rules.csv`` (default: the seed rules). Verdicts follow the rule of time
    of :mod:`warstats.claims.judge`; ``as_of`` (default: each claim's date) limits the
    figures to those published by then, including the later figures shown as context.

    Examples
    --------
    >>> import warstats as ws
    >>> table = ws.check_claims()                        # doctest: +SKIP
    >>> table[["claim_id", "claimed", "data_figure", "verdict", "explanation"]]  # doctest: +SKIP
    """
    return check_and_measure(claims, rules=rules, as_of=as_of)[0]


def check_and_measure(claims=None, *, rules=None, as_of=None
                      ) -> tuple[pd.DataFrame, dict[str, list]]:
    """:func:`check_claims` and the measured figures of each claim (for charts)."""
    from warstats.claims.read import read_claims

    rule_table = load_rules(rules)
    table = read_claims(claims, rule_table.reset_index())
    as_of = pd.Timestamp(as_of) if as_of is not None else None
    load = judge.loader()
    rows, measured = [], {}
    for c in table.itertuples(index=False):
        claim = pd.Series(c._asdict())
        base = {"claim_id": claim["claim_id"], "claim": claim["claim"],
                "reading": claim["reading"] or "the article's wording",
                "baseline": claim["baseline"], "claimed": claim["figure"],
                "qualifier": claim["qualifier"], "unit": claim["unit"],
                "reference_date": claim["reference_date"],
                "as_of": as_of if as_of is not None else claim["reference_date"],
                "attributed_to": claim["attributed_to"], "topic": claim["topic"],
                "rule": rule_text(claim["qualifier"], claim["figure"], rule_table)}
        if not str(claim["aggregation"]).strip():
            result = {"verdict": "not checkable here",
                      "explanation": f"Not checkable here: {claim['not_checkable_reason']}"}
        else:
            try:
                figures = judge.measure(table[table["claim_id"] == claim["claim_id"]],
                                        load)[claim["claim_id"]]
            except judge.MissingDataset as missing:
                result = {"verdict": "not checkable here",
                          "explanation": f"Not checkable here: dataset {missing} is not "
                                         "available in this installation."}
            else:
                measured[claim["claim_id"]] = figures
                result = _judge(claim, figures, rule_table, as_of)
        rows.append({**base, **result})
    out = pd.DataFrame(rows)
    for col in COLUMNS:
        if col not in out:
            out[col] = "" if col in ("data_series", "source", "source_ids", "context_source",
                                     "quote") else None
    for col in ("data_series", "source", "source_ids", "context_source", "quote"):
        out[col] = out[col].fillna("")
    for col in ("data_date", "data_published", "context_date", "context_published"):
        out[col] = pd.to_datetime(out[col])
    for col in ("data_figure", "context_figure"):
        out[col] = pd.to_numeric(out[col])
    out = out[list(COLUMNS)]
    if not set(out["verdict"]) <= set(VERDICTS):  # pragma: no cover - internal guard
        raise WarstatsError(f"unexpected verdicts {set(out['verdict'])}")
    from warstats.claims.display import ClaimsTable

    out = ClaimsTable(out)
    out.attrs["sources"] = sorted({s for ids in out["source_ids"] for s in
                                   str(ids).split(";") if s})
    return out, measured


VERDICTS = judge.VERDICTS
