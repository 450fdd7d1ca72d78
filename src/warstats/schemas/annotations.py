"""Schema of the shared ``series_breaks`` table."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation


class SeriesBreaks(Observation):
    """Definitional breaks and annotations, shared by every topic."""

    break_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$", title="Break id")
    dataset: Series[str] = pa.Field(title="Dataset", description="Dataset the break applies to")
    date: Series[pd.Timestamp] = pa.Field(title="Date", description="First date on the new basis")
    country_iso3: Series[str] = pa.Field(nullable=True, title="Country",
                                         description="Country concerned (empty: all)")
    measure: Series[str] = pa.Field(nullable=True, title="Measure",
                                    description="Measure concerned (empty: all)")
    kind: Series[str] = pa.Field(isin=["definition", "coverage", "revision", "annotation"],
                                 title="Kind")
    description: Series[str] = pa.Field(title="Description")
    documented_at: Series[str] = pa.Field(title="Documented at",
                                          description="URL of the publisher's note")

    class Config:
        unique = ["break_id"]
