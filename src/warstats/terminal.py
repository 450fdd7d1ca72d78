"""Tables that fit the terminal: long text shortened, columns dropped last-first, said so.

``warstats datasets``, ``sources`` and ``describe`` print through :func:`fit_table`; their
``--wide`` flag prints every column in full instead.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

#: No column is shortened below this many characters.
MIN_WIDTH = 8
GAP = 2


def terminal_width(default: int = 100) -> int:
    """``COLUMNS`` if set, else the terminal's width, else ``default`` (a pipe, a file)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 20:
        return int(env)
    return shutil.get_terminal_size((default, 24)).columns


def _cells(frame) -> tuple[list[str], list[list[str]]]:
    import pandas as pd

    cols = [str(c) for c in frame.columns]
    plain = [any(k in c.lower() for k in ("year", "start", "end", "round")) for c in cols]
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for v, no_sep in zip(row, plain, strict=True):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                cells.append("")
            elif isinstance(v, pd.Timestamp):
                cells.append(v.strftime("%Y-%m-%d"))
            elif isinstance(v, float):
                cells.append(f"{v:,.6g}")
            elif isinstance(v, int) and not isinstance(v, bool):
                cells.append(str(v) if no_sep else f"{v:,}")
            else:
                cells.append(" ".join(str(v).split()))
        rows.append(cells)
    return cols, rows


def wrap(text: str, width: int | None = None, *, indent: str = "", wide: bool = False) -> str:
    """A paragraph wrapped to the terminal (unchanged with ``wide``)."""
    if wide:
        return indent + text
    width = terminal_width() if width is None else width
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent
                         + "  " if indent else "")


def fit_table(frame, width: int | None = None, *, wide: bool = False) -> str:
    """The frame as an aligned text table at most ``width`` characters wide.

    The widest text columns are shortened (with ``…``) first; if the table still does not
    fit, columns are left out from the right and a last line names them and ``--wide``.
    """
    width = terminal_width() if width is None else width
    cols, rows = _cells(frame)
    natural = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    widths = list(natural)
    hidden: list[str] = []
    if not wide:
        def total(ws):
            return sum(ws) + GAP * (len(ws) - 1)

        while total(widths) > width:
            # the first column names the row: it is never shortened
            i = max(range(1, len(widths)), key=lambda k: widths[k]) if len(widths) > 1 else 0
            floor = max(MIN_WIDTH, len(cols[i]))
            if widths[i] > floor:
                widths[i] = max(floor, widths[i] - (total(widths) - width))
                continue
            if len(widths) <= 2:
                break
            hidden.insert(0, cols.pop())
            widths.pop()
            natural.pop()
            rows = [r[:-1] for r in rows]

    def line(cells):
        out = []
        for cell, w in zip(cells, widths, strict=True):
            text = cell if len(cell) <= w else textwrap.shorten(cell, w, placeholder="…") \
                if " " in cell[:w] else cell[: w - 1] + "…"
            out.append(text.ljust(w))
        return (" " * GAP).join(out).rstrip()

    lines = [line(cols), *(line(r) for r in rows)]
    if hidden:
        lines.append(f"({len(hidden)} more column(s): {', '.join(hidden)}; --wide shows all)")
    return "\n".join(lines)


def print_frame(frame, fmt: str = "table", *, fit: bool = False, wide: bool = False) -> None:
    """Print a frame as CSV, JSON or a table; ``fit`` tables fit the terminal unless ``wide``."""
    import pandas as pd

    if fmt == "table" and fit:
        print(fit_table(frame, wide=wide))
    elif fmt == "csv":
        from warstats.cell_safety import spreadsheet_csv

        sys.stdout.write(spreadsheet_csv(frame))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", indent=1) + "\n")
    else:
        with pd.option_context("display.max_rows", 200, "display.max_columns", 30,
                               "display.width", 160, "display.max_colwidth", 60):
            print(frame.to_string(index=False))
