"""A table plus its source note, rendered as HTML (great_tables), Markdown, CSV or LaTeX.

great_tables is used for HTML/LaTeX because it produces publication tables with
titles, number formats and source notes in a few lines, and escapes text from data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from warstats.charts.footer import footer_text


@dataclass
class SourcedTable:
    """A display table and the rows it was computed from (for the source note)."""

    frame: pd.DataFrame
    title: str
    source_note: str
    subtitle: str = ""
    number_columns: dict[str, int] = field(default_factory=dict)

    def for_people(self) -> pd.DataFrame:
        """The frame as a reader sees it: dates as ``9 Nov 2023``, text through the house
        style (:func:`warstats.labels.cell`); numbers untouched. CSV keeps the frame as is."""
        from warstats.labels import cell

        out = self.frame.copy()
        for col in out.columns:
            if (pd.api.types.is_datetime64_any_dtype(out[col])
                    or pd.api.types.is_object_dtype(out[col])
                    or pd.api.types.is_string_dtype(out[col])):
                out[col] = out[col].map(cell).astype(object)
        return out

    def to_markdown(self) -> str:
        """Markdown table; every text is escaped (see :mod:`warstats.cell_safety`)."""
        from warstats.cell_safety import markdown_text

        cols = [str(c) for c in self.frame.columns]
        lines = [f"**{markdown_text(self.title)}**", ""]
        if self.subtitle:
            lines += [f"_{markdown_text(self.subtitle)}_", ""]
        lines.append("| " + " | ".join(markdown_text(c) for c in cols) + " |")
        lines.append("| " + " | ".join("---:" if self._numeric(c) else "---" for c in cols)
                     + " |")
        for row in self.for_people().itertuples(index=False):
            cells = [markdown_text(self._fmt(c, v)) for c, v in zip(cols, row, strict=True)]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", markdown_text(self.source_note)]
        return "\n".join(lines) + "\n"

    @property
    def table_id(self) -> str:
        """A stable HTML id derived from the title, so rebuilt HTML is byte-identical."""
        import re

        return "t-" + (re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "table")

    def to_csv(self) -> str:
        """CSV text; formula-leading text cells neutralised (:mod:`warstats.cell_safety`)."""
        from warstats.cell_safety import spreadsheet_csv

        return spreadsheet_csv(self.frame)

    def _numeric(self, col: str) -> bool:
        return pd.api.types.is_numeric_dtype(self.frame[col])

    @staticmethod
    def _is_label(col: str) -> bool:
        """Year-like columns are labels, printed without thousands separators."""
        return str(col).lower() in {"year", "round", "month"}

    def _fmt(self, col: str, value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return "–"
        if isinstance(value, bool):
            return str(value)
        if self._is_label(col):
            return str(int(value)) if isinstance(value, int | float) else str(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            decimals = self.number_columns.get(col, 0)
            return f"{value:,.{decimals}f}"
        return str(value)

    def gt(self):
        """The great_tables ``GT`` object (title, number formats, source note)."""
        from great_tables import GT

        from warstats.labels import house_style

        table = GT(self.for_people(), id=self.table_id)
        table = table.tab_header(title=house_style(self.title),
                                 subtitle=house_style(self.subtitle) if self.subtitle else None)
        for col in self.frame.columns:
            if (self._numeric(col) and not self._is_label(col)
                    and not pd.api.types.is_bool_dtype(self.frame[col])):
                table = table.fmt_number(columns=col,
                                         decimals=self.number_columns.get(col, 0))
        return table.tab_source_note(house_style(self.source_note))

    def to_html(self) -> str:
        """HTML fragment (inline styles, no external resources).

        A failure inside great_tables is raised as :class:`~warstats.errors.WarstatsError`
        naming the table (never replaced by a plainer table without a word).
        """
        try:
            return self.gt().as_raw_html(inline_css=False)
        except Exception as exc:
            from warstats.errors import WarstatsError

            raise WarstatsError(
                f"the table library (great_tables) could not render the table "
                f"{self.title!r} ({self.table_id}): {type(exc).__name__}: {exc}. Check that "
                "great_tables is installed at the version pyproject.toml asks for; the table's "
                "CSV and Markdown (to_csv, to_markdown) do not need it."
            ) from exc

    def to_latex(self) -> str:
        return self.gt().as_latex()

    def _repr_html_(self) -> str:
        return self.to_html()


def sourced_table(display: pd.DataFrame, data: pd.DataFrame, title: str, *, subtitle: str = "",
                  note: str | None = None, number_columns: dict[str, int] | None = None
                  ) -> SourcedTable:
    """Build a :class:`SourcedTable` whose source note comes from ``data``'s ``source_id``.

    ``display`` is what is shown; ``data`` is the rows it was computed from.
    """
    return SourcedTable(display.reset_index(drop=True), title, footer_text(data, note), subtitle,
                        dict(number_columns or {}))
