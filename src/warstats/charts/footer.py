"""Source footers built from the rows' ``source_id`` — never typed by hand."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from warstats.provenance.citation import cite_ids


def _ids(data) -> list[str]:
    if isinstance(data, pd.DataFrame):
        ids: set[str] = set()
        for value in data["source_id"].dropna().astype(str):
            ids.update(v for v in value.split(";") if v)
        return sorted(ids)
    return sorted({str(i) for i in data})


def footer_text(data: pd.DataFrame | Iterable[str], note: str | None = None) -> str:
    """``Source: …`` for the rows of ``data`` (party claims and compilers named), plus notes.

    Rows flagged ``is_minimum`` add "Figures are verified minimums (at least)".
    """
    text = cite_ids(_ids(data)).short()
    notes = []
    if isinstance(data, pd.DataFrame) and "is_minimum" in data and data["is_minimum"].any():
        notes.append("Figures are verified minimums: the true numbers are higher")
    if note:
        notes.append(note)
    if notes:
        text = ". ".join([text, *notes]) if text else ". ".join(notes)
    return text + "."


def add_source_footer(fig, data: pd.DataFrame | Iterable[str], note: str | None = None):
    """Write the source footer under a figure; returns the Text artist.

    Examples
    --------
    >>> import warstats as ws
    >>> from warstats.charts import new_figure, add_source_footer
    >>> fig, ax = new_figure()
    >>> add_source_footer(fig, ws.load("population")).get_text()[:20]
    'Source: World Bank W'
    """
    import textwrap

    text = footer_text(data, note)
    wrapped = "\n".join(textwrap.wrap(text, width=125))
    return fig.text(0.01, 0.012, wrapped, ha="left", va="bottom", fontsize=7.5,
                    color="#555555", gid="source-footer")
