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
    release = data.attrs.get("release") if isinstance(data, pd.DataFrame) else None
    if release and release != "shipped":  # an update's tables: say which, and when fetched
        notes.append(f"Release {release}, retrieved {data.attrs.get('retrieved')}")
    if isinstance(data, pd.DataFrame) and "is_minimum" in data and data["is_minimum"].any():
        notes.append("Figures are verified minimums: the true numbers are higher")
    if note:
        notes.append(note)
    if notes:
        text = ". ".join([text, *notes]) if text else ". ".join(notes)
    return text + "."


def add_source_footer(fig, data: pd.DataFrame | Iterable[str], note: str | None = None):
    """Write the source footer under a figure; returns the Text artist.

    A figure with one axes is then fitted around its contents (``style.fit_layout``): the
    axes leaves room for its tick labels, legend and title and never runs into the footer.

    Examples
    --------
    >>> import warstats as ws
    >>> from warstats.charts import new_figure, add_source_footer
    >>> fig, ax = new_figure()
    >>> add_source_footer(fig, ws.load("population")).get_text()[:20]
    'Source: World Bank W'
    """
    import textwrap

    from warstats.charts.style import EDGE_PAD, fit_layout
    from warstats.labels import house_style

    text = house_style(footer_text(data, note))
    # about 15.6 characters of 7.5 pt text per inch of figure width (125 on the 8-inch figure)
    width = max(60, int(fig.get_figwidth() * 15.6))
    wrapped = "\n".join(textwrap.wrap(text, width=width))
    pad_x, pad_y = EDGE_PAD / fig.get_figwidth(), EDGE_PAD * 0.8 / fig.get_figheight()
    artist = fig.text(pad_x, pad_y, wrapped, ha="left", va="bottom", fontsize=7.5,
                      color="#555555", gid="source-footer")
    fit_layout(fig, footer=artist)
    return artist
