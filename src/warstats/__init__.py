"""warstats: humanitarian and aid statistics of wars, every figure traced to its publisher.

>>> import warstats as ws
>>> ws.list_datasets()                     # doctest: +SKIP
>>> df = ws.load("population")             # doctest: +SKIP
>>> ws.cite("population", style="full")    # doctest: +SKIP

Heavy libraries (pandera, matplotlib, pyreadr) load on first use, not on import.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

from warstats.errors import (
    DatasetNotFoundError,
    IncompatibleUnitsError,
    InputFileError,
    InputPathError,
    IntegrityError,
    MeasureKindError,
    OutputPathError,
    SeriesBreakError,
    SourceFormatError,
    ValidationError,
    WarstatsError,
)

_LAZY = {
    "load": "warstats.datasets.load",
    "list_datasets": "warstats.catalog",
    "describe": "warstats.catalog",
    "sources": "warstats.catalog",
    "cite": "warstats.catalog",
    "validate": "warstats.catalog",
    "as_of": "warstats.analysis.vintages",
    "war_day": "warstats.analysis.time",
    "date_of_war_day": "warstats.analysis.time",
    "change": "warstats.analysis.change",
    "per_capita": "warstats.analysis.change",
    "projection_gap": "warstats.analysis.population",
    "series_breaks": "warstats.catalog",
    "with_kind": "warstats.analysis.kinds",
    "check_claims": "warstats.claims.check",
    "quote": "warstats.claims.quote",
    "update": "warstats.releases.update",
    "releases": "warstats.releases.store",  # (the package is callable too: see it)
    "changes": "warstats.releases.changes",
    "freshness": "warstats.releases.freshness",
    "known_on": "warstats.releases.known",
}

__all__ = [
    "DatasetNotFoundError", "IncompatibleUnitsError", "InputFileError", "InputPathError",
    "IntegrityError",
    "MeasureKindError", "OutputPathError", "SeriesBreakError", "SourceFormatError",
    "ValidationError", "WarstatsError", "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in {"analysis", "charts", "tables", "report", "codes", "datasets", "readers",
                "schemas", "claims"}:
        return importlib.import_module(f"warstats.{name}")
    raise AttributeError(f"module 'warstats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

