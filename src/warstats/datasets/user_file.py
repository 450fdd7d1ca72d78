"""Read an analyst's file for ``ws.validate``: whatever a person can hand over, a plain answer.

- A missing path, a folder or an unreadable file raises :class:`warstats.InputPathError`
  (a usage problem: exit status 2 on the command line); an empty, binary or header-only
  file raises :class:`warstats.InputFileError` (a data problem: exit status 1); both say
  what was found and what to do.
- Encodings: UTF-8 with or without BOM and UTF-16 (with BOM, or without one when the NUL
  pattern shows it) are read; a file that is not UTF-8 is read as Windows-1252 (cp1252,
  a superset of Latin-1's printable characters) and a note says so.
- A header split by ``;``, tab or ``|`` instead of commas is refused naming the delimiter.
- An Excel workbook (``.xlsx``) is read from its first sheet, with a note naming it; an
  old ``.xls`` is refused with what to do.
- Rows are indexed by the line number a text editor shows for the row's first line:
  blank lines are counted and skipped, and a quoted cell spanning lines counts each one.
  A row with more or fewer cells than the header is a problem of its own (not read).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from warstats.errors import InputFileError, InputPathError

_DELIMITERS = {";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}
_ACT = "Save it from your spreadsheet as 'CSV UTF-8 (comma delimited)' and try again."


@dataclass
class UserTable:
    """The file's cells as text (index = editor line numbers), notes, and row problems."""

    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["row", "column", "check", "value"]))


def _raw_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputPathError(f"{path}: no such file. Check the name and folder "
                             f"(looked in {path.resolve().parent}).")
    if path.is_dir():
        raise InputPathError(f"{path} is a folder, not a file: pass the path of the CSV file "
                             "inside it.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputPathError(f"{path} cannot be read ({exc.strerror or exc}): check that it "
                             "exists and that you may read it.") from None
    if not data.strip():
        raise InputFileError(f"{path} is empty: it has no header line and no rows. "
                             "Export your table again.")
    return data


def _decode(path: Path, data: bytes, notes: list[str]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append(f"{path.name} is UTF-16 text: read as such")
        return data.decode("utf-16")
    if b"\x00" in data:
        sample = data[:4000]
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            notes.append(f"{path.name} is UTF-16 (little-endian, no BOM) text: read as such")
            return data.decode("utf-16-le")
        if even > len(sample) // 4 and odd == 0:
            notes.append(f"{path.name} is UTF-16 (big-endian, no BOM) text: read as such")
            return data.decode("utf-16-be")
        at = data.index(b"\x00")
        raise InputFileError(f"{path} is not a text file (binary content at byte {at}). "
                             f"{_ACT}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputFileError(f"{path} is neither UTF-8 nor Windows-1252 text (byte "
                                 f"{exc.start} cannot be read). {_ACT}") from None
        notes.append(f"{path.name} is not UTF-8 (byte {exc.start}); read as Windows-1252 "
                     "(cp1252/Latin-1): check that accented names look right")
        return text


def _excel(path: Path, data: bytes, notes: list[str]) -> UserTable:
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        names = book.sheetnames
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise InputFileError(f"{path} looks like an Excel workbook but cannot be read "
                             f"({type(exc).__name__}). {_ACT}") from None
    more = f" (it has {len(names)} sheets; the others were not read)" if len(names) > 1 else ""
    notes.append(f"{path.name} is an Excel workbook: read its first sheet, "
                 f"{names[0]!r}{more}; row numbers are the sheet's")
    frame.index = frame.index + 2
    frame.columns = [str(c) for c in frame.columns]
    if frame.empty:
        raise InputFileError(f"{path}: the first sheet {names[0]!r} has a header but no rows.")
    return UserTable(frame.astype(object), notes)


def _check_delimiter(path: Path, header_line: str) -> None:
    cells = next(csv.reader([header_line]))
    if len(cells) > 1:
        return
    for sep, words in _DELIMITERS.items():
        if len(next(csv.reader([header_line], delimiter=sep))) > 1:
            raise InputFileError(
                f"{path}: the columns are separated by {words}, not commas (header: "
                f"{header_line[:80]!r}). Save it as comma-separated CSV and try again.")


def read_user_table(path: str | Path) -> UserTable:
    """The cells of a user's CSV or XLSX file as text, indexed by editor line numbers."""
    path = Path(path)
    data = _raw_bytes(path)
    notes: list[str] = []
    if data.startswith(b"PK\x03\x04"):
        return _excel(path, data, notes)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputFileError(f"{path} is an old-style Excel (.xls) workbook. {_ACT}")
    text = _decode(path, data, notes)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows, lines, problems = [], [], []
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if not cells or (header is None and not "".join(cells).strip()):
                continue  # a blank line: counted, not read
            if header is None:
                _check_delimiter(path, text.splitlines()[start - 1])
                header = [c.strip() for c in cells]
                continue
            if len(cells) != len(header):
                problems.append({"row": start, "column": "(whole row)",
                                 "check": f"has {len(cells)} cells; the header has "
                                          f"{len(header)}", "value": ",".join(cells)[:80]})
                continue
            rows.append(cells)
            lines.append(start)
    except csv.Error as exc:
        raise InputFileError(f"{path}, line {reader.line_num}: not readable as CSV ({exc}). "
                             f"{_ACT}") from None
    if header is None:
        raise InputFileError(f"{path} holds only blank lines. Export your table again.")
    seen = {c for c in header if header.count(c) > 1}
    if seen:
        raise InputFileError(f"{path}: column(s) {sorted(seen)} appear more than once in the "
                             "header; rename or remove the copies.")
    if not rows and not problems:
        raise InputFileError(f"{path} has a header but no data rows: nothing to validate.")
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, dtype="int64"),
                         dtype=object)
    return UserTable(frame, notes, pd.DataFrame(problems,
                                                columns=["row", "column", "check", "value"]))
