"""Shared helpers for readers: checked CSV reading, number parsing, rejects."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError


@dataclass
class Reject:
    """A row a documented rule changed or set aside."""

    file: str
    row: str
    column: str
    value: str
    rule: str
    action: str
    tolerated: bool = True


@dataclass
class Rejects:
    """Collects :class:`Reject` records during a read. Untolerated ones fail the build."""

    records: list[Reject] = field(default_factory=list)

    def add(self, file: str | Path, row: object, column: str, value: object, rule: str,
            action: str, *, tolerated: bool = True) -> None:
        self.records.append(Reject(_rel(file), str(row), column, str(value), rule, action,
                                   tolerated))

    def extend(self, other: Rejects) -> None:
        self.records.extend(other.records)

    def frame(self) -> pd.DataFrame:
        cols = ["file", "row", "column", "value", "rule", "action", "tolerated"]
        return pd.DataFrame([r.__dict__ for r in self.records], columns=cols)

    def untolerated(self) -> list[Reject]:
        return [r for r in self.records if not r.tolerated]

    def __len__(self) -> int:
        return len(self.records)


@dataclass
class ReaderOutput:
    """What a dataset builder returns: the tidy frame, the rejects and the inputs it read."""

    frame: pd.DataFrame
    inputs: list[Path]
    rejects: Rejects = field(default_factory=Rejects)


def _rel(path: str | Path) -> str:
    p = Path(path)
    parts = p.parts
    if "sources" in parts:
        return "/".join(parts[parts.index("sources") + 1:])
    return p.name


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def require_file(path: Path) -> Path:
    if not path.is_file():
        raise SourceFormatError(
            path, "file not found",
            expected="the publisher's file at this path (run `warstats fetch` or pass --raw DIR)",
        )
    if path.stat().st_size == 0:
        raise SourceFormatError(path, "file is empty", expected="at least a header and one row")
    return path


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (a leading BOM and CRLF line ends are tolerated)."""
    require_file(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceFormatError(
            path, "file is not valid UTF-8 (another encoding, e.g. Latin-1?)",
            row=line, value=raw[exc.start: exc.start + 8].decode("latin-1"),
            expected="UTF-8 text as the publisher releases it",
        ) from None
    return text.replace("\r\n", "\n")


def read_csv_checked(
    path: Path,
    expected: Sequence[str],
    *,
    sep: str = ",",
    header_row: int = 0,
    allow_extra: Iterable[str] = (),
    drop_empty_trailing: bool = False,
    final_newline: bool = True,
) -> pd.DataFrame:
    """Read a CSV as strings and check its header and record shape.

    Columns must equal ``expected`` in order (``allow_extra`` may follow). Every record
    must have as many fields as the header, and the file must end with a line break
    (``final_newline=False`` for publishers whose files never do): a download cut off
    mid-record is an error, not a shorter table. A column ``_row`` holds each
    record's 1-based line number in the file, for error messages.
    """
    text = read_text(path)
    check_complete_records(path, text, sep=sep, final_newline=final_newline)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            header=header_row, skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        raise SourceFormatError(path, f"cannot be parsed as delimited text ({exc})") from None
    except pd.errors.EmptyDataError:
        raise SourceFormatError(path, "file has no header", expected=", ".join(expected)) from None
    cols = [str(c) for c in frame.columns]
    if drop_empty_trailing and cols and cols[-1].startswith("Unnamed"):
        if (frame[frame.columns[-1]] != "").any():
            raise SourceFormatError(path, "the trailing empty column holds values",
                                    column=cols[-1])
        frame = frame.iloc[:, :-1]
        cols = cols[:-1]
    check_columns(path, cols, expected, allow_extra)
    frame.columns = cols
    frame.insert(0, "_row", range(header_row + 2, header_row + 2 + len(frame)))
    blank = (frame[cols] == "").all(axis=1)
    if blank.any():
        frame = frame[~blank]
    if frame.empty:
        raise SourceFormatError(path, "file has a header but no data rows")
    return frame


def check_complete_records(path: Path, text: str, *, sep: str = ",",
                           final_newline: bool = True) -> None:
    """Refuse truncated files: a missing final line break, or a record with too few fields."""
    import csv

    if not text.strip():
        raise SourceFormatError(path, "file is empty", expected="a header and data rows")
    if final_newline and not text.endswith("\n"):
        last = text.count("\n") + 1
        raise SourceFormatError(path, "file ends mid-record (no final line break): a truncated "
                                "download?", row=last, value=text.rsplit("\n", 1)[-1][:60],
                                expected="a complete last line")
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    try:
        width = len(next(reader))
        for record in reader:
            if record and len(record) != width:
                raise SourceFormatError(
                    path, f"record has {len(record)} fields, the header {width}",
                    row=reader.line_num, value=sep.join(record)[:80],
                    expected=f"{width} fields per record (a truncated or shifted row?)")
    except csv.Error as exc:
        raise SourceFormatError(path, f"malformed delimited text ({exc})",
                                row=reader.line_num) from None


def check_columns(path: Path, found: Sequence[str], expected: Sequence[str],
                  allow_extra: Iterable[str] = ()) -> None:
    found = [str(c) for c in found]
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected and c not in set(allow_extra)]
    if missing or extra:
        problem = "header differs from the release this reader was written for"
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"unexpected {extra}")
        raise SourceFormatError(path, f"{problem}: {'; '.join(detail)}", row=1,
                                column=(missing or extra)[0], expected=", ".join(expected))


def parse_numbers(frame: pd.DataFrame, column: str, path: Path, *, blank_ok: bool = False,
                  row_col: str = "_row", nonnegative: bool = True,
                  integer: bool = False) -> pd.Series:
    """Parse a string column to float; any text that is not a number is an error.

    Thousands separators (``1,234``) are accepted. Blank cells become NaN when
    ``blank_ok`` and are an error otherwise.
    """
    raw = frame[column].astype(str).str.strip().str.replace(",", "", regex=False)
    values = pd.to_numeric(raw.where(raw != ""), errors="coerce")
    bad = values.isna() & (raw != "") & ~raw.str.lower().isin(["nan"])
    if not blank_ok:
        bad |= raw == ""
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(
            path, f"{int(bad.sum())} value(s) are not numbers", row=frame.at[first, row_col],
            column=column, value=frame.at[first, column],
            expected="a number" + (" or a blank" if blank_ok else ""),
        )
    if nonnegative and (values < 0).any():
        first = (values < 0).idxmax()
        raise SourceFormatError(path, "negative count", row=frame.at[first, row_col],
                                column=column, value=frame.at[first, column],
                                expected="a count >= 0")
    if integer:
        frac = values.notna() & (values != values.round())
        if frac.any():
            first = frac.idxmax()
            raise SourceFormatError(path, "count is not a whole number",
                                    row=frame.at[first, row_col], column=column,
                                    value=frame.at[first, column], expected="a whole number")
    return values.astype("float64")


def parse_dates(frame: pd.DataFrame, column: str, path: Path, *, fmt: str,
                row_col: str = "_row", earliest: dt.date | None = None,
                latest: dt.date | None = None) -> pd.Series:
    """Parse dates in one exact format; out-of-range or unparseable dates are errors."""
    raw = frame[column].astype(str).str.strip()
    values = pd.to_datetime(raw, format=fmt, errors="coerce")
    bad = values.isna()
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "date cannot be parsed", row=frame.at[first, row_col],
                                column=column, value=frame.at[first, column],
                                expected=f"a date in format {fmt}")
    if earliest is not None:
        early = values < pd.Timestamp(earliest)
        if early.any():
            first = early.idxmax()
            raise SourceFormatError(path, "date before the series can start",
                                    row=frame.at[first, row_col], column=column,
                                    value=frame.at[first, column],
                                    expected=f"on or after {earliest}")
    latest = latest or dt.date.today()
    late = values > pd.Timestamp(latest)
    if late.any():
        first = late.idxmax()
        raise SourceFormatError(path, "date lies in the future", row=frame.at[first, row_col],
                                column=column, value=frame.at[first, column],
                                expected=f"on or before {latest}")
    return values


def check_unique(frame: pd.DataFrame, keys: Sequence[str], path: Path,
                 row_col: str = "_row") -> None:
    dup = frame.duplicated(list(keys), keep="first")
    if dup.any():
        first = dup.idxmax()
        value = ", ".join(f"{k}={frame.at[first, k]}" for k in keys)
        raise SourceFormatError(path, f"duplicated record ({int(dup.sum())} duplicate(s))",
                                row=frame.at[first, row_col], column=", ".join(keys),
                                value=value, expected="one record per " + " × ".join(keys))


def source_columns(source_id: str, *, is_minimum: bool = False) -> dict:
    """The provenance columns every row carries: ``source_id``, ``published`` (the source
    record's publication date) and ``is_minimum``, as a dict to splice into a frame."""
    from warstats.provenance.registry import get_source

    return {"source_id": source_id,
            "published": pd.Timestamp(get_source(source_id).published),
            "is_minimum": is_minimum}
