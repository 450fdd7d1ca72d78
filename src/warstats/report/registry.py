"""Topic sections of the report. Each module in ``sections/`` defines ``SECTION``."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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


class _Unpublished(Exception):
    """A part that ran although a dataset it needs had no row published by ``as_of``."""


class NotYetKnown(Exception):
    """Raised inside :meth:`ReportContext.part` when a part needs something that was not
    yet published on ``as_of`` although its dataset has earlier rows (e.g. a later round)."""

    def __init__(self, need: str) -> None:
        super().__init__(need)
        self.need = need


@dataclass
class _Said:
    """A not-yet sentence already in a section: where, for which missing data, for what."""

    content: object
    index: int
    missing: dict[str, str]
    labels: list[str]


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
    _said: list[_Said] = field(default_factory=list)

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
        self._said = []

    def not_yet_published(self, names: Sequence[str] | None = None) -> dict[str, pd.Timestamp]:
        """Datasets the current section loaded (or ``names``) that had no row published by
        ``as_of``, with the date each was first published."""
        if self.as_of is None:
            return {}
        for name in names or ():
            if name not in self._cache:
                self.load(name)
        asked = self._asked if names is None else names
        return {name: self._first_published[name] for name in dict.fromkeys(asked)
                if name in self._first_published and self._cache[name].empty}

    @contextmanager
    def part(self, content: SectionContent, label: str,
             needs: Sequence[str] = ()) -> Iterator[None]:
        """One part of a section (a paragraph, chart or table, or a few that go together).

        With ``as_of``, a part is taken out (what it added is dropped, any figure it opened
        is closed) and one sentence says what it needs when a dataset named in ``needs`` had
        no row published by then (even if the part ran on no rows), when it fails while a
        dataset it loaded had no row yet, or when it raises :class:`NotYetKnown`. Parts
        missing the same data share one sentence. Any other failure, and every failure
        without ``as_of``, is raised as itself.

        ``label`` says in words what the part shows ("the chart of drones per month").
        """
        import warnings

        plt = sys.modules.get("matplotlib.pyplot")
        open_before = set(plt.get_fignums()) if plt else set()
        sizes = (len(content.paragraphs), len(content.figures), len(content.tables))
        asked = len(self._asked)
        unpublished = self.not_yet_published(needs) if needs else {}
        try:
            with warnings.catch_warnings():
                if unpublished:  # drawn on no rows, then dropped: no warning about it
                    warnings.simplefilter("ignore")
                yield
            if unpublished:  # ran on no rows without failing: still not yet known
                raise _Unpublished
        except Exception as err:
            missing = self.not_yet_published([*needs, *self._asked[asked:]])
            if isinstance(err, NotYetKnown) and self.as_of is not None and not missing:
                self._drop(content, sizes, open_before)
                self._say(content, label, {err.need: err.need})
                return
            if not missing:
                raise
            self._drop(content, sizes, open_before)
            self._say(content, label, {name: _published_phrase(name, day)
                                       for name, day in sorted(missing.items())})

    def _drop(self, content: SectionContent, sizes: tuple[int, int, int],
              open_before: set[int]) -> None:
        """Remove what a failed part added (its own not-yet sentences too) and close the
        figures it drew."""
        plt = sys.modules.get("matplotlib.pyplot")
        self._said = [s for s in self._said if s.content is not content or s.index < sizes[0]]
        for item in content.figures[sizes[1]:]:
            if plt:
                plt.close(item.figure)
        del content.paragraphs[sizes[0]:], content.figures[sizes[1]:], content.tables[sizes[2]:]
        if plt:
            for num in set(plt.get_fignums()) - open_before:
                plt.close(num)

    def _say(self, content: SectionContent, label: str, missing: dict[str, str]) -> None:
        """Add (or extend) the one sentence for parts that miss the same data."""
        for said in self._said:
            if said.content is content and said.missing.keys() == missing.keys():
                if label not in said.labels:
                    said.labels.append(label)
                content.paragraphs[said.index] = _part_sentence(self.as_of, said.labels,
                                                                list(said.missing.values()))
                return
        self._said.append(_Said(content, len(content.paragraphs), missing, [label]))
        content.paragraphs.append(_part_sentence(self.as_of, [label], list(missing.values())))


def _published_phrase(name: str, day: pd.Timestamp) -> str:
    from warstats.labels import dataset, date_label

    return f"{dataset(name)} (first published {date_label(day)})"


def _words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _part_sentence(as_of: pd.Timestamp, labels: Sequence[str], needs: Sequence[str]) -> str:
    """One sentence: 'Not yet known on 19 Nov 2024: the chart of X, based on Y (first
    published …), which had not been published by then.'"""
    from warstats.labels import date_label

    return (f"Not yet known on {date_label(as_of)}: {_words(labels)}, based on "
            f"{_words(needs)}, which had not been published by then.")


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
