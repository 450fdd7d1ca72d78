"""Topic sections of the report. Each module in ``sections/`` defines ``SECTION``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

#: Section modules under ``warstats.report.sections``, in report order.
SECTION_MODULES: tuple[str, ...] = (
    "overview",
    "population",
    "casualties",
    "displacement",
    "aid",
    "conflict",
    "maps",
    "claims",
    "changes",
)


@dataclass
class ReportContext:
    """What a section builder gets: ``load`` (cached) and the ``as_of`` date, if any."""

    as_of: pd.Timestamp | None = None
    _cache: dict[str, pd.DataFrame] = field(default_factory=dict)

    def load(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            from warstats.datasets.load import load

            frame = load(name, validate=False)
            if self.as_of is not None and "published" in frame.columns:
                # Figures as known then: rows published later are left out; rows whose
                # publication date is unknown are kept (their dataset says so in the report).
                frame = frame[frame["published"].isna() | (frame["published"] <= self.as_of)]
            self._cache[name] = frame
        return self._cache[name].copy()


@dataclass
class FigureItem:
    name: str
    figure: object  # matplotlib Figure
    caption: str


@dataclass
class SectionContent:
    paragraphs: list[str] = field(default_factory=list)
    figures: list[FigureItem] = field(default_factory=list)
    tables: list[tuple[str, object]] = field(default_factory=list)  # (name, SourcedTable)
    datasets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    build: Callable[[ReportContext], SectionContent]


@cache
def sections() -> dict[str, Section]:
    out: dict[str, Section] = {}
    for name in SECTION_MODULES:
        section = importlib.import_module(f"warstats.report.sections.{name}").SECTION
        out[section.key] = section
    return out
