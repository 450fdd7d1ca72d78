"""The base observation model every dataset schema extends."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.provenance.registry import list_sources


def _known_source_ids() -> list[str]:
    return [s.source_id for s in list_sources()]


class Observation(pa.DataFrameModel):
    """Columns every row of every dataset carries."""

    source_id: Series[str] = pa.Field(
        title="Source", description="Key into ws.sources(): the publisher release of this figure",
        isin=_known_source_ids(),
    )
    published: Series[pd.Timestamp] = pa.Field(
        nullable=True, title="Published",
        description="Date the figure was published (the release or vintage date), where known",
    )
    is_minimum: Series[bool] = pa.Field(
        title="Verified minimum",
        description="True where the publisher states the figure is a verified lower bound",
    )

    class Config:
        strict = True
        coerce = True


def non_negative(**kwargs) -> object:
    """A Field for counts: float, >= 0."""
    return pa.Field(ge=0, **kwargs)
