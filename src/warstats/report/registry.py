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
    """What a section builder gets: ``load`` (cached) and the ``as_of`` date, if any.

    With ``as_of``, every frame a section loads is cut to the rows published by then (one
    filter for all sections); ``not_yet_published()`` names the datasets a section asked for
    that had no row yet, so the report can say so instead of failing.
    """

    as_of: pd.Timestamp | None = None
    _cache: dict[str, pd.DataFrame] = field(default_factory=dict)
    _first_published: dict[str, pd.Timestamp] = field(default_factory=dict)
    _asked: list[str] = field(default_factory=list)

    def load(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            from warstats.datasets.load import load

            frame = load(name, validate=False)
            if self.as_of is not None and "published" in frame.columns:
                # Figures as known then: rows published later are left out; rows whose
                # publication date is unknown are kept (their dataset says so in the report).
                published = pd.to_datetime(frame["published"])
                if published.notna().any():
                    self._first_published[name] = published.min()
                frame = frame[published.isna() | (published <= self.as_of)]
            self._cache[name] = frame
        self._asked.append(name)
        return self._cache[name].copy()

    def start_section(self) -> None:
        """Forget which datasets the previous section asked for."""
        self._asked = []

    def not_yet_published(self) -> dict[str, pd.Timestamp]:
        """Datasets the current section loaded that had no row published by ``as_of``,
        with the date each was first published."""
        if self.as_of is None:
            return {}
        return {name: self._first_published[name] for name in dict.fromkeys(self._asked)
                if name in self._first_published and self._cache[name].empty}


def not_yet_sentence(as_of: pd.Timestamp, missing: dict[str, pd.Timestamp]) -> str:
    """One sentence: which data this section needs that was not yet published on ``as_of``."""
    from warstats.labels import dataset, date_label

    parts = [f"{dataset(name)} (first published {date_label(day)})"
             for name, day in sorted(missing.items())]
    return (f"Not yet known on {date_label(as_of)}: this part of the report needs "
            f"{', '.join(parts)}, which had not been published by then.")


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
