"""Check quantitative claims (news figures) against the data, date and source.

``check_claims()`` reads the claims (default: the seed article's, ``seeds/claims.csv``)
and the qualifier rules (``seeds/claim_rules.csv``, fixed before any data is read),
measures each claim in the data as known on its reference date (or ``as_of``), and
computes a verdict:

``consistent``
    the figure as known then (or, failing that, the latest revision) meets the rule;
``consistent-with-definition-caveat``
    it does not, but a figure under another definition does (the output says which);
``inconsistent``
    no figure meets the rule;
``not checkable here``
    no dataset here measures the claim (the output says what data would be needed), or
    its dataset is missing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from warstats.analysis.claim_checks import CHECKS, Figure
from warstats.errors import WarstatsError

VERDICTS = ("consistent", "consistent-with-definition-caveat", "inconsistent",
            "not checkable here")


@cache
def _rules() -> pd.DataFrame:
    from warstats.readers.claims import read_claim_rules

    return read_claim_rules().set_index("qualifier")


def rule_text(qualifier: str, figure: float, rules: pd.DataFrame | None = None) -> str:
    """The tolerance as a range: ``'over' 12,000`` → ``(12,000, 13,200]``."""
    r = (rules if rules is not None else _rules()).loc[qualifier]
    lo = figure * r["lower"]
    left = "[" if r["lower_inclusive"] else "("
    if pd.isna(r["upper"]):
        return f"{qualifier}: {left}{lo:,.4g}, ∞)"
    hi = figure * r["upper"]
    right = "]" if r["upper_inclusive"] else ")"
    return f"{qualifier}: {left}{lo:,.6g}, {hi:,.6g}{right}"


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
    r = (rules if rules is not None else _rules()).loc[qualifier]
    lo = figure * r["lower"]
    ok_lo = value >= lo if r["lower_inclusive"] else value > lo
    if pd.isna(r["upper"]):
        return bool(ok_lo)
    hi = figure * r["upper"]
    ok_hi = value <= hi if r["upper_inclusive"] else value < hi
    return bool(ok_lo and ok_hi)


def _loader():
    from warstats.datasets.load import load
    from warstats.datasets.registry import dataset_names

    cached: dict[str, pd.DataFrame] = {}

    def get(name: str) -> pd.DataFrame:
        if name not in dataset_names():
            raise _Missing(name)
        if name not in cached:
            cached[name] = load(name, validate=False)
        return cached[name]

    return get


class _Missing(Exception):
    pass


#: An as-known figure older than this, before the reference date, is stale: when a later
#: revision refers to a date closer to the claim, the verdict rests on that revision (and
#: says so) rather than on a figure the claim could not have been about.
STALE_AFTER = pd.Timedelta(days=183)


def _newest(pool: list[Figure]) -> Figure | None:
    pool = [f for f in pool if f.value is not None]
    return max(pool, key=lambda f: (f.date or pd.Timestamp.min, f.series)) if pool else None


def _choose(figures: list[Figure], ref: pd.Timestamp) -> Figure | None:
    """The figure a verdict rests on: the newest as known then, else the latest revision."""
    known = _newest([f for f in figures if f.role == "as_known"])
    latest = _newest([f for f in figures if f.role == "latest"])
    if known is None:
        return latest
    stale = known.date is not None and ref - known.date > STALE_AFTER
    if stale and latest is not None and latest.date is not None and latest.date > known.date:
        return latest
    return known


def fmt_number(value: float) -> str:
    """12,162 for large figures, 18.48 for shares."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"


def _fmt(f: Figure) -> str:
    date = f"{f.date:%Y-%m-%d}" if f.date is not None else "?"
    return f"{f.series}: {fmt_number(f.value)} ({date})"


def evaluate(claim: pd.Series, figures: list[Figure], rules: pd.DataFrame | None = None,
             as_of=None) -> dict:
    """Verdict and explanation for one claim from its measured figures.

    Staleness of the as-known figure is judged against ``as_of`` (default: the claim's
    reference date): the newest figure a reader could have seen then.
    """
    known_on = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(
        claim["reference_date"])
    primary = _choose(figures, min(known_on, pd.Timestamp(claim["reference_date"])))
    out = {"data_figure": None, "data_date": None, "data_series": "", "vintage": "",
           "latest_figure": None, "latest_date": None, "source_ids": "",
           "verdict": "not checkable here", "explanation": ""}
    if primary is None:
        out["explanation"] = "no figure in the data on or before the reference date"
        return out
    q, fig = claim["qualifier"], claim["figure"]
    out.update(data_figure=primary.value, data_date=primary.date, data_series=primary.series,
               source_ids=primary.source_ids,
               vintage="as known then" if primary.role == "as_known"
               else "latest revision, not as known then")
    stale = [f for f in figures if f.role == "as_known" and f is not primary
             and f.date is not None and primary.date is not None and f.date < primary.date]
    if primary.role == "latest" and stale:
        newest = _newest(stale)
        out["explanation"] = (f"the newest figure published by then ({_fmt(newest)}) is more "
                              f"than {STALE_AFTER.days} days older than the claim")
    latest = [f for f in figures if f.role == "latest" and f.value is not None]
    if latest:
        newest = max(latest, key=lambda f: (f.date or pd.Timestamp.min, f.series))
        out.update(latest_figure=newest.value, latest_date=newest.date)
    ok = within(fig, primary.value, q, rules)
    others = [f for f in figures if f is not primary and f.value is not None]
    alt_ok = [f for f in others if f.role == "alternative" and within(fig, f.value, q, rules)]
    if ok:
        out["verdict"] = "consistent"
    elif alt_ok:
        out["verdict"] = "consistent-with-definition-caveat"
        out["explanation"] = "only " + "; ".join(f"{_fmt(f)} — {f.definition}" for f in alt_ok)
    else:
        out["verdict"] = "inconsistent"
    rest = "; ".join(_fmt(f) for f in others if f not in alt_ok)
    if rest:
        out["explanation"] = (out["explanation"] + "; " if out["explanation"] else "") + \
            "other figures: " + rest
    return out


def measure(claims: pd.DataFrame, as_of=None) -> dict[str, list[Figure]]:
    """Run each mapped claim's check; returns claim_id → figures (for charts and detail)."""
    load = _loader()
    out: dict[str, list[Figure]] = {}
    for claim in claims.itertuples(index=False):
        c = pd.Series(claim._asdict())
        agg = str(c["aggregation"]).strip()
        if not agg:
            continue
        ref = pd.Timestamp(c["reference_date"])
        known = pd.Timestamp(as_of) if as_of is not None else ref
        try:
            out[c["claim_id"]] = CHECKS[agg](c, ref, known, load)
        except _Missing as missing:
            out[c["claim_id"]] = []
            out.setdefault("_missing", []).append((c["claim_id"], str(missing)))  # type: ignore
    return out


def check_claims(claims: pd.DataFrame | str | Path | None = None, as_of=None) -> pd.DataFrame:
    """Check claims against the data; one row per claim with a computed verdict.

    ``claims`` is a frame or CSV in the format of ``seeds/claims.csv`` (default: the
    seed article's claims). ``as_of`` overrides each claim's reference date for "as known
    on" (the figures' reference dates still stop at the claim's date).

    Examples
    --------
    >>> import warstats as ws
    >>> table = ws.check_claims()                        # doctest: +SKIP
    >>> table[["claim_id", "claimed", "data_figure", "verdict"]]  # doctest: +SKIP
    """
    from warstats.readers.claims import read_claims

    rules = _rules()
    table = read_claims(claims, rules.reset_index())
    measured = measure(table, as_of)
    missing = dict(measured.pop("_missing", []))  # type: ignore[arg-type]
    rows = []
    for c in table.itertuples(index=False):
        claim = pd.Series(c._asdict())
        base = {"claim_id": claim["claim_id"], "claim": claim["claim"],
                "claimed": claim["figure"], "qualifier": claim["qualifier"],
                "unit": claim["unit"], "reference_date": claim["reference_date"],
                "as_of": pd.Timestamp(as_of) if as_of is not None else claim["reference_date"],
                "attributed_to": claim["attributed_to"], "topic": claim["topic"],
                "rule": rule_text(claim["qualifier"], claim["figure"], rules)}
        if not str(claim["aggregation"]).strip():
            result = {"verdict": "not checkable here",
                      "explanation": claim["not_checkable_reason"]}
        elif claim["claim_id"] in missing:
            result = {"verdict": "not checkable here",
                      "explanation": f"dataset {missing[claim['claim_id']]} is not available"}
        else:
            result = evaluate(claim, measured.get(claim["claim_id"], []), rules, as_of)
            if claim["definition_note"]:
                result["explanation"] = "; ".join(
                    x for x in (result.get("explanation", ""),
                                f"definition: {claim['definition_note']}") if x)
        rows.append({**base, **result})
    out = pd.DataFrame(rows)
    for col in ("data_figure", "data_date", "data_series", "vintage", "latest_figure",
                "latest_date", "source_ids", "explanation"):
        if col not in out:
            out[col] = None
    if not set(out["verdict"]) <= set(VERDICTS):  # pragma: no cover - internal guard
        raise WarstatsError(f"unexpected verdicts {set(out['verdict'])}")
    out.attrs["sources"] = sorted({s for ids in out["source_ids"].dropna() for s in
                                   str(ids).split(";") if s})
    return out
