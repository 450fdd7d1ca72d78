"""Judge each claim under one rule of time, the same for every claim.

A verdict of ``consistent`` or ``inconsistent`` rests only on a figure that

* describes the period up to the claim's date (its period ends on or before it),
* was published by the claim's date (and by ``as_of``, if earlier), and
* is not stale: its period ends at most :data:`STALE_AFTER` before the claim's date.

Among such figures the newest (latest period, then latest publication) is used. When no
figure qualifies the verdict is ``not checkable here`` and the explanation says what
figure would be needed; a figure published later may be shown as context, labelled so.
The qualifier tolerances (``seeds/claim_rules.csv``) and each claim's baseline and
readings are declared in files read before any data.
"""

from __future__ import annotations

import pandas as pd

from warstats.claims.measure import CHECKS, Figure

VERDICTS = ("consistent", "inconsistent", "not checkable here")

#: One staleness limit for every claim: about two reporting quarters, so that monthly,
#: quarterly and half-yearly series qualify with their latest release, and a figure more
#: than half a year older than the claim never decides it.
STALE_AFTER = pd.Timedelta(days=183)


def qualifies(figure: Figure, ref: pd.Timestamp, known_by: pd.Timestamp) -> bool:
    """The rule of time: period up to ``ref``, published by ``known_by``, not stale."""
    return (figure.date <= ref and figure.published <= known_by
            and ref - figure.date <= STALE_AFTER)


def _newest(pool: list[Figure]) -> Figure | None:
    return max(pool, key=lambda f: (f.date, f.published, f.series)) if pool else None


def choose(figures: list[Figure], ref: pd.Timestamp, as_of: pd.Timestamp | None
           ) -> tuple[Figure | None, Figure | None]:
    """The figure a verdict rests on (or ``None``) and a later figure shown as context.

    Context is the newest figure for a period up to ``ref`` that was published by
    ``as_of`` (any time, without it) but not by the claim's date, or, failing that, the
    figure nearest the date that was not known then.
    """
    known_by = min(ref, as_of) if as_of is not None else ref
    basis = _newest([f for f in figures if qualifies(f, ref, known_by)])
    seen = [f for f in figures if f is not basis and (as_of is None or f.published <= as_of)]
    later = [f for f in seen if f.published > known_by]
    before = [f for f in later if f.date <= ref
              and (basis is None or (f.date, f.published) > (basis.date, basis.published))]
    context = _newest(before)
    if context is None and basis is None:  # e.g. only figures describing later periods
        context = min(later, key=lambda f: (abs(f.date - ref), -f.published.value),
                      default=None)
    return basis, context


def measure(claims: pd.DataFrame, load) -> dict[str, list[Figure]]:
    """Candidate figures of each mapped claim (claim_id → figures); a dataset that is
    not available raises :class:`MissingDataset`."""
    out: dict[str, list[Figure]] = {}
    for claim in claims.itertuples(index=False):
        c = pd.Series(claim._asdict())
        agg = str(c["aggregation"]).strip()
        if agg:
            out[c["claim_id"]] = CHECKS[agg](c, pd.Timestamp(c["reference_date"]), load)
    return out


class MissingDataset(Exception):
    """A dataset a claim needs is not in this installation."""


def loader():
    """A caching dataset loader that raises :class:`MissingDataset` for unknown names."""
    from warstats.datasets.load import load
    from warstats.datasets.registry import dataset_names

    cached: dict[str, pd.DataFrame] = {}

    def get(name: str) -> pd.DataFrame:
        if name not in dataset_names():
            raise MissingDataset(name)
        if name not in cached:
            cached[name] = load(name, validate=False)
        return cached[name]

    return get
