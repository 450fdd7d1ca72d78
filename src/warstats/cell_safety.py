"""Make text cells safe for spreadsheets (CSV, XLSX) and Markdown tables.

**Spreadsheets** (OWASP, "CSV Injection"): a text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return may be run as a formula by Excel, LibreOffice or
Google Sheets. Every CSV and XLSX that warstats writes for people (``warstats export``
csv/xlsx/datapackage, report tables, rejects reports, the claims and ``--format csv``
command outputs) prefixes such a cell with a single quote ``'``, which spreadsheets show
as text and never evaluate. Only *text* cells are touched: numbers, dates and booleans
stored as such (``-5`` in a numeric column) are data, not formulas. A text cell that
already starts with ``'`` is left as it is.

The curated tables in ``data/*.csv`` are *not* neutralised: they are data files read back
by ``ws.load`` byte for byte (checksummed), and none of their text cells begins with one
of these characters today (a test checks it, so a future one is noticed). Open them in a
spreadsheet through ``warstats export``.

**Markdown**: a cell can never break a table or inject markup: ``&``, ``<`` and ``>`` become
HTML entities, ``|``, ``\\``, `````, ``[`` and ``]`` are backslash-escaped (so no link,
image or code span can be formed), and line breaks become ``<br>``.
"""

from __future__ import annotations

import pandas as pd

#: Characters that make a spreadsheet read a text cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_ESCAPES = {"\\": "\\\\", "|": "\\|", "`": "\\`", "[": "\\[", "]": "\\]",
               "&": "&amp;", "<": "&lt;", ">": "&gt;"}


def neutralise_text(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Examples
    --------
    >>> neutralise_text("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_text(-5)
    -5
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series) or isinstance(
        series.dtype, pd.CategoricalDtype)


def neutralise_frame(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) are safe in a spreadsheet.

    ``index=True`` also treats the index labels (for tables written with their index).
    """
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if not _is_text(series):
            continue
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        text = series.astype(object)
        risky = text.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
        if risky.any():
            out[col] = text.where(~risky, "'" + text.where(risky, "").astype(str))
    out.columns = [neutralise_text(c) if isinstance(c, str) else c for c in out.columns]
    if index and out.index.dtype == object:
        out.index = out.index.map(neutralise_text)
    return out


def spreadsheet_csv(frame: pd.DataFrame, *, index: bool = False, **to_csv) -> str:
    """``frame`` as CSV text for people: neutralised, ISO dates, LF line ends.

    A carriage return inside a text cell is not quoted by Python's CSV writer when lines
    end in LF, and would split the row in a spreadsheet; a frame holding one is written
    with CRLF line ends instead (RFC 4180), which quotes it.
    """
    safe = neutralise_frame(frame, index=index)
    has_cr = any(safe[c].astype(object).map(lambda v: isinstance(v, str) and "\r" in v).any()
                 for c in safe.columns if _is_text(safe[c]))
    to_csv.setdefault("date_format", "%Y-%m-%d")
    return safe.to_csv(index=index, lineterminator="\r\n" if has_cr else "\n", **to_csv)


def markdown_text(value: object) -> str:
    """One Markdown table cell: escaped so it cannot break the table or add markup.

    Examples
    --------
    >>> markdown_text("a|b <i>\\n[x](y)")
    'a\\\\|b &lt;i&gt;<br>\\\\[x\\\\](y)'
    """
    text = str(value)
    text = "".join(_MD_ESCAPES.get(ch, ch) for ch in text)
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def markdown_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with text cells, column names and index labels Markdown-escaped."""
    out = frame.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].astype(object).map(
                lambda v: markdown_text(v) if isinstance(v, str) else v)
    out.columns = [markdown_text(c) for c in out.columns]
    if out.index.dtype == object:
        out.index = out.index.map(lambda v: markdown_text(v) if isinstance(v, str) else v)
    out.index.name = markdown_text(out.index.name) if out.index.name is not None else None
    return out
