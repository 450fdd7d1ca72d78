"""US security assistance to Ukraine: packages, drawdown notices and appropriations.

All three files come from Protect Ukraine Now's export of its Google Sheet (provenance
``derived``; the original publishers are DoD/State, the Federal Register and Congress).

``money.json`` (``us_packages``)
    A JSON array of arrays of strings with **unlabelled positions**: ``[0]`` date,
    ``[1]`` PDA, ``[2]`` USAI, ``[3]`` FMF (US$ millions; the FMF reading is inferred by
    warstats from the 2022-09-08 and 2023-01-06 rows), ``[4]`` always empty, ``[5]`` the
    official release URL, ``[6]`` an optional fact-sheet URL. Positions ``[7]`` onwards
    hold the sheet's unrelated side tables (fiscal-year totals, "expired", revaluation);
    they are not row-aligned and are ignored. One row per package and authority; the URL
    is kept on every row (row-level provenance). Stage: ``announced``.
``notifications.csv`` (``us_drawdown_notices``)
    Tab-separated, **no header**: date signed, document type, federalregister.gov URL,
    amount 1, optional amount 2 (text such as ``$800 million`` or ``$2.85 billion``).
    Rule ``fr-undefined-amount``: the cell ``undefined`` (the compiler's sheet could not
    read the amount) is set aside and reported; any other text that is not an amount is
    an error. Stage: ``drawdown_authorized`` for presidential memoranda, ``notified`` for
    State Department notices.
``sankey.json`` (``us_appropriations``)
    Two embedded CSV strings: ``entries`` (node labels) and ``connections``
    (``source,value,destination``, US$ billions). One row per flow; ``level`` is ``act``
    for the flows from an appropriation act into the total and ``breakdown`` for the
    compiler's split of the total by use. Every node except the total must balance
    (inflow = outflow within 0.001 bn). Rule ``appropriations-total-imbalance``: the acts
    add up to 176.422 bn but the breakdown of the total to 177.432 bn; the compiler's
    figures are kept as published and the difference is reported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import ReaderOutput, Rejects, read_text, source_columns

PACKAGES_FILE = "aid/pun_us_security_assistance_announcements_money.json"
NOTICES_FILE = "aid/pun_federal_register_ukraine_drawdown_notifications.csv"
APPROPRIATIONS_FILE = "aid/pun_us_ukraine_appropriations_sankey.json"
AUTHORITIES = {1: "PDA", 2: "USAI", 3: "FMF"}
FIRST_DATE = pd.Timestamp("2014-01-01")
LAST_DATE = pd.Timestamp("2025-12-31")
_MONEY = re.compile(r"^\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(million|billion|bn|m)?$", re.IGNORECASE)
_SCALE = {None: 1.0, "million": 1.0, "m": 1.0, "billion": 1000.0, "bn": 1000.0}


def parse_usd_millions(text: str) -> float:
    """Parse an amount written as text into US$ millions.

    Bare numbers are millions; ``$800 million`` → 800; ``$2.85 billion`` → 2,850.
    Raises ``ValueError`` for anything else (``undefined``, ``-5``, ``1.2 trillion``).

    Examples
    --------
    >>> parse_usd_millions("$2.85 billion"), parse_usd_millions("1,000")
    (2850.0, 1000.0)
    """
    match = _MONEY.match(text.strip())
    if not match:
        raise ValueError(text)
    number = float(match.group(1).replace(",", ""))
    unit = match.group(2).lower() if match.group(2) else None
    return number * _SCALE[unit]


def _date(path: Path, text: str, where: object, column: str) -> pd.Timestamp:
    value = pd.to_datetime(str(text).strip(), format="%Y-%m-%d", errors="coerce")
    if pd.isna(value):
        raise SourceFormatError(path, "date cannot be parsed", row=where, column=column,
                                value=text, expected="YYYY-MM-DD")
    if value < FIRST_DATE or value > LAST_DATE:
        raise SourceFormatError(path, "date outside the file's coverage", row=where,
                                column=column, value=text,
                                expected=f"{FIRST_DATE:%Y-%m-%d} .. {LAST_DATE:%Y-%m-%d}")
    return value


def _amount(path: Path, text: str, where: object, column: str) -> float:
    raw = str(text).strip()
    if raw.startswith("-") or raw.startswith("$-") or raw.startswith("-$"):
        raise SourceFormatError(path, "negative amount", row=where, column=column, value=text,
                                expected="an amount >= 0")
    try:
        return parse_usd_millions(raw)
    except ValueError:
        raise SourceFormatError(path, "amount does not parse", row=where, column=column,
                                value=text, expected="US$ as '800', '$800 million' or "
                                                     "'$2.85 billion'") from None


def _meta(source_id: str) -> dict:
    return {"currency": "USD", "price_basis": "nominal", **source_columns(source_id)}


def _load_json(path: Path):
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=exc.lineno) from None


def build_us_packages(raw_dir: Path) -> ReaderOutput:
    """Build ``us_packages``: one row per announced package and authority, US$ millions."""
    path = raw_dir / PACKAGES_FILE
    doc = _load_json(path)
    if not isinstance(doc, list) or not doc:
        raise SourceFormatError(path, "top level is not a non-empty array",
                                expected="an array of package records")
    rows = []
    for i, rec in enumerate(doc, start=1):
        where = f"record {i}"
        if not isinstance(rec, list) or len(rec) < 7:
            raise SourceFormatError(path, "record is not an array of at least 7 strings",
                                    row=where, value=str(rec)[:60])
        date = _date(path, rec[0], where, "[0] date")
        if str(rec[4]).strip():
            raise SourceFormatError(path, "position [4] holds a value (columns shifted?)",
                                    row=where, column="[4]", value=rec[4], expected="empty")
        url = str(rec[5]).strip()
        if not url.startswith("https://"):
            raise SourceFormatError(path, "release URL missing", row=where,
                                    column="[5] source URL", value=rec[5],
                                    expected="an https:// URL of the official release")
        fact_sheet = str(rec[6]).strip()
        found = 0
        for pos, authority in AUTHORITIES.items():
            text = str(rec[pos]).strip()
            if not text:
                continue
            value = _amount(path, text, where, f"[{pos}] {authority}")
            found += 1
            rows.append({"date": date, "authority": authority, "value": value,
                         "source_url": url, "fact_sheet_url": fact_sheet, "record": i})
        if not found:
            raise SourceFormatError(path, "record has no amount", row=where,
                                    column="[1]..[3]", expected="a PDA, USAI or FMF amount")
    frame = pd.DataFrame(rows)
    dup = frame.duplicated(["date", "authority"])
    if dup.any():
        first = dup.idxmax()
        rec_no = frame.at[first, "record"]
        raise SourceFormatError(path, "package listed twice", row=f"record {rec_no}",
                                column="[0] date",
                                value=f"{frame.at[first, 'date']:%Y-%m-%d}",
                                expected="one record per date and authority")
    tidy = pd.DataFrame({
        "date": frame["date"], "authority": frame["authority"], "stage": "announced",
        "value": frame["value"], "unit": "USD million", **_meta("pun_us_packages"),
        "source_url": frame["source_url"], "fact_sheet_url": frame["fact_sheet_url"],
        "record": frame["record"].astype("int64"),
    })
    return ReaderOutput(tidy.sort_values(["date", "authority"]).reset_index(drop=True), [path])


def build_us_drawdown_notices(raw_dir: Path) -> ReaderOutput:
    """Build ``us_drawdown_notices``: one row per amount in a Federal Register document."""
    path = raw_dir / NOTICES_FILE
    text = read_text(path)
    rejects = Rejects()
    rows = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if not lines:
        raise SourceFormatError(path, "file has no rows")
    for n, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if len(cells) not in (4, 5):
            raise SourceFormatError(path, f"row has {len(cells)} tab-separated fields",
                                    row=n, value=line[:60],
                                    expected="date, document type, URL, amount[, amount 2]")
        date = _date(path, cells[0], n, "date signed")
        doc_type = cells[1].strip()
        if doc_type not in ("Presidential Document", "Notice"):
            raise SourceFormatError(path, "unknown document type", row=n,
                                    column="document type", value=doc_type,
                                    expected="Presidential Document or Notice")
        url = cells[2].strip()
        if not url.startswith("https://www.federalregister.gov/"):
            raise SourceFormatError(path, "not a federalregister.gov URL", row=n,
                                    column="URL", value=url)
        for pos, cell in enumerate(cells[3:], start=1):
            column = f"amount {pos}"
            if cell.strip().lower() == "undefined":
                rejects.add(path, n, column, cell, "fr-undefined-amount",
                            "amount set aside: the compiler's sheet has no value")
                continue
            rows.append({"date_signed": date, "document_type": doc_type, "source_url": url,
                         "amount_position": pos, "value": _amount(path, cell, n, column),
                         "line": n})
    frame = pd.DataFrame(rows)
    dup = frame.duplicated(["source_url", "amount_position"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "document listed twice", row=frame.at[first, "line"],
                                column="URL", value=frame.at[first, "source_url"])
    stage = frame["document_type"].map({"Presidential Document": "drawdown_authorized",
                                        "Notice": "notified"})
    tidy = pd.DataFrame({
        "date_signed": frame["date_signed"], "document_type": frame["document_type"],
        "amount_position": frame["amount_position"].astype("int64"), "stage": stage,
        "value": frame["value"], "unit": "USD million", **_meta("pun_fr_drawdowns"),
        "source_url": frame["source_url"], "line": frame["line"].astype("int64"),
    })
    tidy = tidy.sort_values(["date_signed", "line", "amount_position"]).reset_index(drop=True)
    return ReaderOutput(tidy, [path], rejects)


def _embedded_csv(path: Path, doc: dict, key: str, expected: tuple[str, ...]) -> list[list]:
    if key not in doc or not isinstance(doc[key], str):
        raise SourceFormatError(path, "embedded CSV string missing", column=key)
    rows = list(csv.reader(io.StringIO(doc[key].replace("\r\n", "\n"))))
    header = [h for h in rows[0] if h]
    if tuple(header[: len(expected)]) != expected:
        raise SourceFormatError(path, "embedded CSV header differs", row=f"{key} line 1",
                                column=key, value=rows[0][: len(expected)],
                                expected=", ".join(expected))
    return rows[1:]


def build_us_appropriations(raw_dir: Path) -> ReaderOutput:
    """Build ``us_appropriations``: acts and their breakdown by use, US$ billions."""
    path = raw_dir / APPROPRIATIONS_FILE
    doc = _load_json(path)
    if not isinstance(doc, dict):
        raise SourceFormatError(path, "top level is not an object")
    entries = _embedded_csv(path, doc, "entries", ("name", "category"))
    labels = {row[1]: row[0] for row in entries if len(row) > 1}
    connections = _embedded_csv(path, doc, "connections", ("source", "value", "destination"))
    rows = []
    for n, row in enumerate(connections, start=2):
        where = f"connections line {n}"
        if len(row) < 3:
            raise SourceFormatError(path, "flow has fewer than 3 fields", row=where,
                                    value=row)
        src, value, dst = row[0].strip(), row[1].strip(), row[2].strip()
        for col, node in (("source", src), ("destination", dst)):
            if node not in labels:
                raise SourceFormatError(path, "node not listed in entries", row=where,
                                        column=col, value=node,
                                        expected="a category of the entries table")
        raw = value
        if raw.startswith("-"):
            raise SourceFormatError(path, "negative amount", row=where, column="value",
                                    value=value, expected="US$ billions >= 0")
        try:
            amount = float(raw)
        except ValueError:
            raise SourceFormatError(path, "amount does not parse", row=where, column="value",
                                    value=value, expected="US$ billions") from None
        act = row[3].strip() if len(row) > 3 and row[3].strip() else labels[src]
        rows.append({"flow_from": src, "flow_from_label": labels[src], "flow_to": dst,
                     "flow_to_label": labels[dst], "value": amount,
                     "level": "act" if src.startswith("bill_") else "breakdown",
                     "act": act.lstrip("+") if src.startswith("bill_") else ""})
    frame = pd.DataFrame(rows)
    dup = frame.duplicated(["flow_from", "flow_to"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "flow listed twice", row=first + 2,
                                value=f"{frame.at[first, 'flow_from']}→"
                                      f"{frame.at[first, 'flow_to']}")
    rejects = Rejects()
    inflow = frame.groupby("flow_to")["value"].sum()
    outflow = frame.groupby("flow_from")["value"].sum()
    for node in sorted(set(inflow.index) & set(outflow.index)):
        gap = outflow[node] - inflow[node]
        if abs(gap) <= 0.001:
            continue
        if node == "budget":
            rejects.add(path, "connections", "value", f"in {inflow[node]:.3f}, out "
                        f"{outflow[node]:.3f}", "appropriations-total-imbalance",
                        "kept as published; the breakdown exceeds the acts by "
                        f"{gap:.3f} bn")
        else:
            raise SourceFormatError(path, "node does not balance", row="connections",
                                    column=node, value=f"in {inflow[node]:.3f}, out "
                                    f"{outflow[node]:.3f}", expected="inflow = outflow")
    tidy = pd.DataFrame({
        "flow_from": frame["flow_from"], "flow_to": frame["flow_to"], "level": frame["level"],
        "act": frame["act"], "flow_from_label": frame["flow_from_label"],
        "flow_to_label": frame["flow_to_label"], "stage": "appropriated",
        "value": frame["value"], "unit": "USD billion", **_meta("pun_us_appropriations"),
    })
    return ReaderOutput(tidy, [path], rejects)
