"""Population analysis: observed population against a projection."""

from __future__ import annotations

import pandas as pd

from warstats.analysis.kinds import carry_sources, join_ids


def projection_gap(observed: pd.DataFrame, projections: pd.DataFrame, *, country: str = "UKR",
                   vintage: str = "WPP 2019", variant: str = "medium") -> pd.DataFrame:
    """Observed population against a projection, per year both cover.

    ``observed`` is ``ws.load("population")``; ``projections`` is
    ``ws.load("population_projections")``. The default compares with the pre-war
    WPP 2019 medium variant: ``gap`` = observed − projected, ``gap_pct`` relative to
    the projection.

    Examples
    --------
    >>> obs = pd.DataFrame({"country_iso3": ["UKR"], "year": [2024], "value": [38.0],
    ...                     "source_id": "wb"})
    >>> proj = pd.DataFrame({"country_iso3": ["UKR"], "year": [2024], "value": [40.0],
    ...     "vintage": ["WPP 2019"], "variant": ["medium"], "source_id": "wpp"})
    >>> projection_gap(obs, proj)["gap_pct"].tolist()
    [-5.0]
    """
    obs = observed[observed["country_iso3"] == country][["country_iso3", "year", "value",
                                                         "source_id"]]
    proj = projections[(projections["country_iso3"] == country)
                       & (projections["vintage"].astype(str) == vintage)
                       & (projections["variant"].astype(str) == variant)]
    proj = proj[["country_iso3", "year", "value", "source_id"]]
    merged = obs.merge(proj, on=["country_iso3", "year"], suffixes=("_observed", "_projected"))
    out = pd.DataFrame({
        "country_iso3": merged["country_iso3"],
        "year": merged["year"],
        "observed": merged["value_observed"],
        "projected": merged["value_projected"],
    })
    out["gap"] = out["observed"] - out["projected"]
    out["gap_pct"] = out["gap"] / out["projected"] * 100
    out["projection"] = f"{vintage} {variant}"
    out["source_id"] = [join_ids(pd.Series([a, b])) for a, b in
                        zip(merged["source_id_observed"], merged["source_id_projected"],
                            strict=True)]
    return carry_sources(out.sort_values("year").reset_index(drop=True), observed, projections)
