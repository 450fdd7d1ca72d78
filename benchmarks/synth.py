"""The synthetic event table (fixed seed), generated in memory: never written to disk."""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import SEED

COUNTRIES = ["UKR", "RUS", "BLR", "MDA", "POL"]
SOURCES = ["uaf_air_attacks", "genstaff_losses", "deepstatemap"]


def make_events(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` events over 1,400 days from 24 Feb 2022: date, country, admin1, category,
    launched, destroyed (1 % / 2 % missing), source_id; vocabularies as categoricals."""
    from warstats.schemas.conflict import CATEGORIES
    from warstats.schemas.events import _admin1_codes

    rng = np.random.default_rng(seed)
    admin1 = _admin1_codes()
    days = rng.integers(0, 1400, n).astype("timedelta64[D]")
    country = rng.choice(len(COUNTRIES), n, p=[0.9, 0.04, 0.03, 0.02, 0.01])
    adm = np.where(country == 0, rng.integers(0, len(admin1), n), admin1.index("UA_UNK"))
    launched = rng.poisson(8, n).astype("float64")
    destroyed = np.floor(launched * rng.random(n))
    launched[rng.random(n) < 0.01] = np.nan
    destroyed[rng.random(n) < 0.02] = np.nan
    return pd.DataFrame({
        "date": np.datetime64("2022-02-24", "ns") + days,
        "country": pd.Categorical.from_codes(country, COUNTRIES),
        "admin1": pd.Categorical.from_codes(adm, admin1),
        "category": pd.Categorical.from_codes(rng.integers(0, len(CATEGORIES), n), CATEGORIES),
        "launched": launched,
        "destroyed": destroyed,
        "source_id": pd.Categorical.from_codes(rng.integers(0, len(SOURCES), n), SOURCES),
    })
