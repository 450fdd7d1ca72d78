"""Derive corrupted variants of a raw publisher file.

Each variant is a ``(name, bytes)`` pair built from the real file's bytes. Variants
are chosen by file type (delimited text, JSON, xlsx, R data, GeoJSON). A variant that
cannot apply to a particular file (no numeric cell found, say) is skipped, never
faked.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

#: Variants a reader may meet with a documented tolerance when the result equals the
#: clean build exactly: encodings and line ends it normalises, and unknown extra columns
#: it does not read.
TOLERABLE = {"bom", "crlf", "latin1", "extra_column", "extra_field"}
#: Cell-level variants that may leave the result unchanged because the corrupted cell
#: lies outside what the reader reads (e.g. a group-heading row, an unused column). Any
#: change to the result is still a failure.
UNREAD_OK = {"number_as_text", "negative_count", "key_renamed", "date_other_format",
             "date_in_future"}

_NUM = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _sniff_sep(text: str) -> str:
    head = text.split("\n", 1)[0]
    return "\t" if head.count("\t") > head.count(",") else ","


def _split(line: str, sep: str) -> list[str]:
    import csv

    return next(csv.reader([line], delimiter=sep)) if line else []


def _join(cells: list[str], sep: str) -> str:
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="").writerow(cells)
    return buf.getvalue()


def _first_data_line(lines: list[str], sep: str) -> int:
    """Index of the first line after the header that has numbers in it."""
    for i, line in enumerate(lines[1:40], start=1):
        if any(_NUM.match(c.strip()) for c in _split(line, sep)):
            return i
    return 1 if len(lines) > 1 else 0


def _mid_record_cut(data: bytes) -> bytes:
    """The first half of ``data``, cut inside a record (never just after a line break)."""
    cut = len(data) // 2
    while cut > 1 and data[cut - 1:cut] in (b"\n", b"\r"):
        cut -= 1
    return data[:cut - 1] if cut > 2 else data[:cut]


def text_variants(data: bytes) -> Iterator[tuple[str, bytes]]:
    text = data.decode("utf-8-sig")
    sep = _sniff_sep(text)
    lines = text.split("\n")
    header = _split(lines[0], sep)
    has_header = not any(_NUM.match(h.strip()) or _DATE.match(h.strip()) for h in header)
    yield "empty", b""
    yield "truncated", _mid_record_cut(data)
    if has_header:
        yield "header_only", (lines[0] + "\n").encode()
        renamed = [f"{header[0]}_renamed", *header[1:]]
        yield "key_renamed", ("\n".join([_join(renamed, sep), *lines[1:]])).encode()
        dropped = [_join(_split(ln, sep)[1:], sep) if ln else ln for ln in lines]
        yield "key_removed", "\n".join(dropped).encode()
        extra = [_join([*_split(ln, sep), "x" if i else "unexpected_extra"], sep) if ln else ln
                 for i, ln in enumerate(lines)]
        yield "extra_column", "\n".join(extra).encode()
    row = _first_data_line(lines, sep)
    cells = _split(lines[row], sep) if row else []
    num_idx = next((i for i, c in enumerate(cells) if _NUM.match(c.strip())
                    and not _DATE.match(c.strip())), None)
    if num_idx is not None:
        for name, new in (("number_as_text", "abc"), ("negative_count", "-5")):
            changed = list(cells)
            changed[num_idx] = new
            yield name, "\n".join([*lines[:row], _join(changed, sep), *lines[row + 1:]]).encode()
    if row:
        yield "duplicated_record", "\n".join([*lines[:row + 1], lines[row],
                                              *lines[row + 1:]]).encode()
    date_idx = next((i for i, c in enumerate(cells) if _DATE.match(c.strip())), None)
    if date_idx is not None:
        m = _DATE.match(cells[date_idx].strip())
        for name, new in (("date_other_format", f"{m[3]}/{m[2]}/{m[1]}"),
                          ("date_in_future", "2099-01-01")):
            changed = list(cells)
            changed[date_idx] = new
            yield name, "\n".join([*lines[:row], _join(changed, sep), *lines[row + 1:]]).encode()
    yield "bom", b"\xef\xbb\xbf" + data
    yield "crlf", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if all(ord(ch) < 256 for ch in text):
        yield "latin1", text.encode("latin-1")


def _record_lists(obj) -> list[list]:
    """Every non-empty list of dicts inside a JSON document (the record tables)."""
    found: list[list] = []
    stack = [obj]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            stack.extend(cur.values())
        elif isinstance(cur, list):
            if cur and all(isinstance(x, dict) for x in cur):
                found.append(cur)
            stack.extend(x for x in cur if isinstance(x, dict | list))
    return found


def json_variants(data: bytes) -> Iterator[tuple[str, bytes]]:
    yield "empty", b""
    yield "truncated", _mid_record_cut(data)
    doc = json.loads(data.decode("utf-8-sig"))
    dump = lambda d: json.dumps(d, ensure_ascii=False).encode()  # noqa: E731

    def mutate(fn: Callable[[list], bool]) -> bytes | None:
        """Apply ``fn`` to every record table, so whichever one the reader reads is hit."""
        copy = json.loads(data.decode("utf-8-sig"))
        changed = [fn(records) for records in _record_lists(copy)]
        return dump(copy) if any(changed) else None

    def rename(records):
        key = next(iter(records[0]))
        for r in records:
            if key in r:
                r[f"{key}_renamed"] = r.pop(key)
        return True

    def remove(records):
        key = next(iter(records[0]))
        for r in records:
            r.pop(key, None)
        return True

    def extra(records):
        for r in records:
            r["unexpected_extra"] = "x"
        return True

    def set_number(value):
        def fn(records):
            for r in records[:3]:
                for k, v in r.items():
                    if isinstance(v, int | float) and not isinstance(v, bool) and v > 0:
                        r[k] = value
                        return True
                    if isinstance(v, str) and _NUM.match(v) and float(v) > 0:
                        r[k] = value if isinstance(value, str) else str(value)
                        return True
            return False
        return fn

    def duplicate(records):
        records.insert(1, json.loads(json.dumps(records[0])))
        return True

    def date(value_fn):
        def fn(records):
            for k, v in records[0].items():
                if isinstance(v, str) and _DATE.match(v):
                    records[0][k] = value_fn(v)
                    return True
            return False
        return fn

    for name, fn in (("key_renamed", rename), ("key_removed", remove),
                     ("extra_field", extra), ("number_as_text", set_number("abc")),
                     ("negative_count", set_number(-5)), ("duplicated_record", duplicate),
                     ("date_other_format",
                      date(lambda v: f"{v[8:10]}/{v[5:7]}/{v[0:4]}{v[10:]}")),
                     ("date_in_future", date(lambda v: "2099-01-01" + v[10:]))):
        out = mutate(fn)
        if out is not None:
            yield name, out
    yield "bom", b"\xef\xbb\xbf" + data
    yield "crlf", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if doc is None:  # pragma: no cover
        return


def xlsx_variants(data: bytes) -> Iterator[tuple[str, bytes]]:
    import openpyxl

    yield "empty", b""
    yield "truncated", data[: len(data) // 2]

    def edit(fn) -> bytes:
        wb = openpyxl.load_workbook(io.BytesIO(data))
        fn(wb)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    def rename_sheets(wb):
        for ws in wb.worksheets:
            ws.title = f"{ws.title[:20]} renamed"

    yield "sheet_renamed", edit(rename_sheets)

    def header(wb):
        for ws in wb.worksheets:
            for row in ws.iter_rows(min_row=1, max_row=3):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.strip():
                        cell.value = cell.value + " renamed"
                        return

    yield "key_renamed", edit(header)

    def set_number(value):
        def fn(wb):
            for ws in wb.worksheets:
                for row in ws.iter_rows(min_row=2, max_row=8):
                    for cell in row:
                        if isinstance(cell.value, int | float) and not isinstance(
                                cell.value, bool) and cell.value > 100:
                            cell.value = value
                            return
        return fn

    yield "number_as_text", edit(set_number("abc"))
    yield "negative_count", edit(set_number(-5))


def binary_variants(data: bytes) -> Iterator[tuple[str, bytes]]:
    yield "empty", b""
    yield "truncated", data[: len(data) // 2]
    yield "garbage", b"this is not the publisher's file\n" * 10


def geojson_variants(data: bytes) -> Iterator[tuple[str, bytes]]:
    yield "empty", b""
    yield "truncated", data[: len(data) // 2]
    doc = json.loads(data)
    feats = doc.get("features") or []
    if feats:
        bad = json.loads(data)
        bad["features"][0]["geometry"]["coordinates"] = [[[[30.0, 50.0], [31.0, 51.0],
                                                           [31.0, 50.0], [30.0, 51.0],
                                                           [30.0, 50.0]]]]
        bad["features"][0]["geometry"]["type"] = "MultiPolygon"
        yield "invalid_polygon", json.dumps(bad).encode()
        text = json.loads(data)
        text["features"][0]["geometry"]["coordinates"] = "abc"
        yield "number_as_text", json.dumps(text).encode()
        missing = json.loads(data)
        missing["features"][0].pop("geometry")
        yield "key_removed", json.dumps(missing).encode()


def variants_for(path: Path) -> Iterator[tuple[str, bytes]]:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        yield from text_variants(data)
    elif suffix == ".geojson":
        yield from geojson_variants(data)
    elif suffix == ".json":
        yield from json_variants(data)
    elif suffix in {".xlsx", ".xlsm"}:
        yield from xlsx_variants(data)
    else:
        yield from binary_variants(data)
