"""Claims in words: the figure's publisher, the verdict's reasons and pasteable quotes."""

from __future__ import annotations

import re

import pandas as pd

from warstats.labels import long_date
from warstats.wording import number


def publisher(source_ids: str) -> str:
    """Short publisher attribution for ``;``-joined source ids: ``OHCHR/HRMMU``.

    Examples
    --------
    >>> publisher("")
    ''
    """
    from warstats.provenance.registry import get_source

    names: list[str] = []
    for sid in filter(None, str(source_ids or "").split(";")):
        try:
            short = get_source(sid).attribution_short
        except KeyError:
            short = sid
        short = re.sub(r"\s*\(\d{4}\)\s*$", "", short).strip()
        if short not in names:
            names.append(short)
    return "; ".join(names)


def describe(figure, unit: str = "") -> str:
    """``12,162 (cumulative figure as published, to 31 October 2024; OHCHR/HRMMU,
    published 17 November 2024)``"""
    who = publisher(figure.source_ids)
    by = f"{who}, published" if who else "known"
    return (f"{number(figure.value)}{' ' + unit if unit else ''} ({figure.series}, to "
            f"{long_date(figure.date)}; {by} {long_date(figure.published)})")


def quote_sentence(value: float, template: str, *, end, publisher: str, published,
                   minimum: bool = False, series: str = "") -> str:
    """A sentence a journalist can paste.

    ``template`` holds ``{value}``, ``{end}`` (the end of the period, in words) and
    optionally ``{series}``; verified minimums get "At least".

    Examples
    --------
    >>> quote_sentence(12162, "{value} were killed by {end}", end="2024-10-31",
    ...     publisher="OHCHR", published="2024-11-17", minimum=True)
    'At least 12,162 were killed by 31 October 2024 (OHCHR, published 17 November 2024).'
    """
    text = template.format(value=number(value), end=long_date(end), series=series,
                           year=pd.Timestamp(end).year).strip()
    if minimum:
        text = "at least " + text
    text = text[0].upper() + text[1:]
    source = f"{publisher}, published {long_date(published)}" if publisher else \
        f"published {long_date(published)}"
    return f"{text} ({source})."


def not_checkable(ref: pd.Timestamp, known_by: pd.Timestamp, stale_days: int,
                  newest_known) -> str:
    """Why no figure qualifies and what figure would be needed."""
    need = (f"a figure for a period ending between {long_date(ref - pd.Timedelta(days=stale_days))}"
            f" and {long_date(ref)}, published by {long_date(known_by)}")
    if newest_known is None:
        return f"Not checkable here: no figure in the data was published by " \
               f"{long_date(known_by)}; it would need {need}."
    age = (ref - newest_known.date).days
    return (f"Not checkable here: the newest figure published by {long_date(known_by)} is "
            f"{describe(newest_known)}, {age:,} days older than the claim (limit "
            f"{stale_days}); it would need {need}.")
