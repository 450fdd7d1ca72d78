"""How fresh each dataset is: newest data, its sources' last publication, cadence, days overdue.

A source is *due* one cadence period after its last publication (``published`` + period);
``days_overdue`` is how long ago that was (0 when not yet due). Frozen sources (a
compilation that stopped, a one-off snapshot) are marked ``frozen`` and never overdue;
``irregular`` sources have no due date. The publication and retrieval dates are the
release's (its manifest's ``sources``, written by ``warstats update``), else the source
record's.

A source's cadence is its record's ``cadence`` field (``frozen = true`` marks frozen ones),
taken from ``../shared/sources/UPDATES.md`` (the compiler's cadence, as that is the file
warstats reads); the catalog refuses a record without one.

>>> import warstats as ws
>>> ws.freshness()[["dataset", "newest_data", "status", "days_overdue"]]   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

#: Cadence → period after which a new publication is expected (``None``: no due date).
PERIODS: dict[str, pd.DateOffset | None] = {
    "daily": pd.DateOffset(days=1),
    "weekly": pd.DateOffset(weeks=1),
    "monthly": pd.DateOffset(months=1),
    "quarterly": pd.DateOffset(months=3),
    "semiannual": pd.DateOffset(months=6),
    "annual": pd.DateOffset(years=1),
    "irregular": None,
    "frozen": None,
}

SOURCE_COLUMNS = ("source_id", "source", "cadence", "frozen", "published", "retrieved",
                  "next_due", "days_overdue", "status")
DATASET_COLUMNS = ("dataset", "title", "newest_data", "sources", "source_ids", "cadence",
                   "published", "retrieved", "next_due", "days_overdue", "status")


def cadence_of(source) -> tuple[str, bool]:
    """``(cadence, frozen)`` of a source record (the catalog requires both fields)."""
    cadence, frozen = source.cadence, source.frozen
    if cadence not in PERIODS:
        from warstats.errors import WarstatsError

        raise WarstatsError(f"source {source.source_id!r}: cadence {cadence!r} is not one of "
                            f"{', '.join(PERIODS)}; fix its record in provenance/catalog")
    frozen = frozen or cadence == "frozen"
    return ("frozen" if frozen else cadence), frozen


def _today(today) -> pd.Timestamp:
    return pd.Timestamp(today) if today is not None else pd.Timestamp(dt.datetime.now(dt.UTC)
                                                                      .date())


def _as_date(value) -> pd.Timestamp | None:
    return None if value in (None, "") else pd.Timestamp(str(value)[:10])


def source_freshness(release: str = "latest", *, today=None) -> pd.DataFrame:
    """One row per source: cadence, last publication and retrieval, next due date, status.

    ``status`` is ``frozen``, ``irregular``, ``overdue`` or ``up to date``.
    """
    from warstats.provenance.registry import list_sources
    from warstats.releases.store import read_manifest

    now = _today(today)
    dates = read_manifest(release).get("sources") or {}
    rows = []
    for src in list_sources():
        cadence, frozen = cadence_of(src)
        mine = dates.get(src.source_id) or {}
        published = _as_date(mine.get("published")) or pd.Timestamp(src.published)
        retrieved = _as_date(mine.get("retrieved")) or pd.Timestamp(src.retrieved)
        period = PERIODS[cadence]
        due = published + period if period is not None else None
        if frozen:
            status, overdue = "frozen", None
        elif due is None:
            status, overdue = "irregular", None
        else:
            overdue = max(0, (now - due).days)
            status = "overdue" if overdue > 0 else "up to date"
        rows.append({"source_id": src.source_id, "source": src.attribution_short,
                     "cadence": cadence, "frozen": frozen, "published": published,
                     "retrieved": retrieved, "next_due": due, "days_overdue": overdue,
                     "status": status})
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    frame["days_overdue"] = frame["days_overdue"].astype("Int64")
    for col in ("published", "retrieved", "next_due"):
        frame[col] = pd.to_datetime(frame[col])
    frame.attrs["today"] = now.date().isoformat()
    return frame


def _text(value) -> str | None:
    return None if value is None else str(value)


def _dataset_row(spec, meta: dict, per_source: pd.DataFrame) -> dict:
    ids = list(meta.get("source_ids") or spec.source_ids)
    mine = per_source[per_source["source_id"].isin(ids)]
    live = mine[~mine["frozen"]]
    regular = live[live["next_due"].notna()]
    if mine.empty:
        status, cadence = "unknown", ""
    elif live.empty:
        status, cadence = "frozen", "frozen"
    elif regular.empty:
        status, cadence = "irregular", "irregular"
    else:
        status = "overdue" if (regular["days_overdue"] > 0).any() else "up to date"
        cadence = ", ".join(dict.fromkeys(live["cadence"]))
    return {
        "dataset": spec.name, "title": spec.title,
        "newest_data": _text((meta.get("coverage") or {}).get("end")),
        "sources": "; ".join(dict.fromkeys(mine["source"])),
        "source_ids": ", ".join(ids), "cadence": cadence,
        "published": mine["published"].max() if len(mine) else None,
        "retrieved": mine["retrieved"].max() if len(mine) else None,
        "next_due": regular["next_due"].min() if len(regular) else None,
        "days_overdue": int(regular["days_overdue"].max()) if len(regular) else None,
        "status": status,
    }


def freshness(release: str = "latest", *, today=None) -> pd.DataFrame:
    """One row per dataset: newest data date, sources, last publication and retrieval,
    cadence, next due date, days overdue and status.

    Parameters
    ----------
    release : str
        ``"latest"`` (default), ``"shipped"`` or a release id: whose tables and dates.
    today : date-like, optional
        The day to measure staleness against (default: today, UTC).

    Returns
    -------
    DataFrame
        ``status`` is ``frozen`` (every source frozen), ``irregular`` (no due date),
        ``overdue`` (a live source is past its due date; ``days_overdue`` is the largest
        delay among them) or ``up to date``. ``newest_data`` is the sidecar's coverage end
        (a date, or a year).

    Examples
    --------
    >>> import warstats as ws
    >>> f = ws.freshness("shipped", today="2026-08-22")
    >>> f.set_index("dataset").loc["loss_claims", ["newest_data", "status"]].tolist()
    ['2026-08-08', 'overdue']
    """
    from warstats.datasets.load import read_meta
    from warstats.datasets.registry import registry
    from warstats.errors import WarstatsError
    from warstats.releases.store import resolve_release

    _, folder = resolve_release(release)
    per_source = source_freshness(release, today=today)
    rows = []
    for spec in registry().values():
        try:
            meta = read_meta(spec.name, folder)
        except WarstatsError:
            meta = {}
        rows.append(_dataset_row(spec, meta, per_source))
    frame = pd.DataFrame(rows, columns=list(DATASET_COLUMNS))
    frame["days_overdue"] = frame["days_overdue"].astype("Int64")
    for col in ("published", "retrieved", "next_due"):
        frame[col] = pd.to_datetime(frame[col])
    frame.attrs["today"] = per_source.attrs["today"]
    return frame


def freshness_label(row) -> str:
    """A few words for a freshness row: ``frozen``, ``12 days overdue``, ``up to date`` …"""
    if row["status"] == "overdue":
        days = int(row["days_overdue"])
        return f"{days:,} day{'s' if days != 1 else ''} overdue"
    return str(row["status"])
