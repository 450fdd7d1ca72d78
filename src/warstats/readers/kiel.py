"""Kiel Institute Ukraine Support Tracker, Release 28, as summarised by engelde/ukrainewar.

The file is a third party's summary of Kiel's XLSX (provenance ``derived``): allocations by
donor and aid type, and by month, in **nominal EUR billions**. The summary holds Kiel's
headline *allocations* only, so every row has ``stage = "allocated"``; no other stage
(pledged, delivered) is in this file and warstats never invents one.

Checks: the top-level ``currency`` must be ``EUR`` and ``unit`` ``billions``; every amount
is a non-negative number; each donor's ``total`` and the file's ``totals`` must equal the
sum of the three aid types within rounding (0.005 bn); the ``cumulative`` series must equal
the running sum of ``byMonth`` within 0.01 bn. Donor names are mapped to ISO3 (EU
institutions → ``EUI``); all unmappable names are listed in one error.

No rows are set aside; there are no reject rules. The published per-donor ``total`` and
the ``cumulative`` series are checked, not stored (they are sums of the stored rows).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from warstats.codes.countries import EU_INSTITUTIONS, entity_kind, to_iso3
from warstats.errors import SourceFormatError
from warstats.readers.common import ReaderOutput, read_text, source_columns

KIEL_FILE = "aid/engelde_kiel_release28_summary.json"
SOURCE_ID = "kiel_ust_r28"
AID_TYPES = ("military", "financial", "humanitarian")
TOLERANCE = 0.005  # EUR bn: the summary rounds every figure to 0.001 bn
FIRST_MONTH = pd.Timestamp("2021-12-01")
LAST_MONTH = pd.Timestamp("2026-01-01")  # R28; used when a file has no lastUpdated


def load_json(path: Path) -> dict:
    """Parse the Kiel summary and check its declared currency, unit and release."""
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=exc.lineno,
                                expected="the Kiel summary JSON object") from None
    if not isinstance(doc, dict):
        raise SourceFormatError(path, "top level is not an object", value=type(doc).__name__)
    for key in ("currency", "unit", "totals", "byCountry", "byMonth", "cumulative"):
        if key not in doc:
            raise SourceFormatError(path, "missing top-level field", column=key,
                                    expected="currency, unit, totals, byCountry, byMonth, "
                                             "cumulative")
    if doc["currency"] != "EUR":
        raise SourceFormatError(path, "currency is not the expected one", column="currency",
                                value=doc["currency"], expected="EUR")
    if doc["unit"] != "billions":
        raise SourceFormatError(path, "unit is not the expected one", column="unit",
                                value=doc["unit"], expected="billions")
    _check_not_empty(path, doc)
    return doc


def _check_not_empty(path: Path, doc: dict) -> None:
    """Refuse a release that lists no donors or months (the compiler's broken weekly files)."""
    empty = [k for k in ("byCountry", "byMonth") if not doc[k]]
    if empty or doc.get("donors") == 0:
        raise SourceFormatError(
            path, f"the file holds no allocations (donors: {doc.get('donors')!r}, "
            f"{', '.join(empty) or 'no field'} empty, release {doc.get('release')!r} of "
            f"{doc.get('lastUpdated')!r})",
            column="donors, byCountry, byMonth",
            expected="a Kiel summary with at least one donor and one month: this looks like a "
                     "broken export; keep the previous release and report it to the compiler")


def publication_date(path: Path):
    """The release's own date (``lastUpdated``), or ``None`` when the file has none."""
    try:
        doc = json.loads(read_text(path))
        return pd.Timestamp(doc["lastUpdated"]).date()
    except (ValueError, KeyError, TypeError):
        return None


def _last_month(path: Path, doc: dict) -> pd.Timestamp:
    """The newest month of ``byMonth``: the period the release's donor totals run to."""
    months = pd.to_datetime([str(r.get("date", "")) for r in doc["byMonth"]], format="%Y-%m",
                            errors="coerce")
    if months.isna().any():
        raise SourceFormatError(path, "month cannot be parsed", column="byMonth[].date",
                                expected="YYYY-MM")
    return months.max()


def _amount(path: Path, record: dict, field: str, where: str) -> float:
    if field not in record:
        raise SourceFormatError(path, "missing field", row=where, column=field,
                                expected="a number of EUR billions")
    value = record[field]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SourceFormatError(path, "amount is not a number", row=where, column=field,
                                value=value, expected="a number of EUR billions")
    if value < 0:
        raise SourceFormatError(path, "negative amount", row=where, column=field, value=value,
                                expected="an allocation >= 0")
    return float(value)


def _check_total(path: Path, parts: float, total: float, where: str) -> None:
    if abs(parts - total) > TOLERANCE:
        raise SourceFormatError(path, "total differs from the sum of military, financial and "
                                "humanitarian", row=where, column="total", value=total,
                                expected=f"{parts:.3f} (within {TOLERANCE})")


def _base(frame_len: int) -> dict:
    return {"stage": ["allocated"] * frame_len, "currency": "EUR", "unit": "EUR billion",
            "price_basis": "nominal", **source_columns(SOURCE_ID)}


def build_aid_by_donor(raw_dir: Path) -> ReaderOutput:
    """Build ``aid_by_donor``: one row per donor and aid type, EUR billions allocated."""
    path = raw_dir / KIEL_FILE
    doc = load_json(path)
    records = doc["byCountry"]
    if not isinstance(records, list) or not records:
        raise SourceFormatError(path, "byCountry is empty or not a list", column="byCountry")
    rows = []
    for i, rec in enumerate(records):
        where = f"byCountry[{i}]"
        name = rec.get("country")
        if not isinstance(name, str) or not name.strip():
            raise SourceFormatError(path, "donor name missing", row=where, column="country",
                                    value=name)
        eu = rec.get("euMember")
        if not isinstance(eu, bool):
            raise SourceFormatError(path, "euMember is not true/false", row=where,
                                    column="euMember", value=eu)
        values = {t: _amount(path, rec, t, where) for t in AID_TYPES}
        _check_total(path, sum(values.values()), _amount(path, rec, "total", where), where)
        for aid_type, value in values.items():
            rows.append({"donor_name": name, "eu_member": eu, "aid_type": aid_type,
                         "value": value, "_where": where})
    frame = pd.DataFrame(rows)
    codes = to_iso3(frame["donor_name"], file=path, column="byCountry[].country")
    frame["donor_iso3"] = codes
    dup = frame.duplicated(["donor_iso3", "aid_type"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "donor listed twice", row=frame.at[first, "_where"],
                                column="country", value=frame.at[first, "donor_name"],
                                expected="one record per donor")
    totals = doc["totals"]
    for t in AID_TYPES:
        published = _amount(path, totals, t, "totals")
        summed = frame.loc[frame["aid_type"] == t, "value"].sum()
        if abs(summed - published) > TOLERANCE * len(records):
            raise SourceFormatError(path, "donors do not add up to the published total",
                                    row="totals", column=t, value=published,
                                    expected=f"{summed:.3f}")
    frame["donor_kind"] = [
        "eu_institutions" if c == EU_INSTITUTIONS else entity_kind(c) for c in codes]
    tidy = pd.DataFrame({
        "donor_iso3": frame["donor_iso3"], "donor_name": frame["donor_name"],
        "donor_kind": frame["donor_kind"], "eu_member": frame["eu_member"],
        "aid_type": frame["aid_type"], "period_start": FIRST_MONTH,
        "period_end": _last_month(path, doc) + pd.offsets.MonthEnd(0), "value": frame["value"],
        **_base(len(frame)),
    })
    return ReaderOutput(tidy.sort_values(["donor_iso3", "aid_type"]).reset_index(drop=True),
                        [path])


def build_aid_by_month(raw_dir: Path) -> ReaderOutput:
    """Build ``aid_by_month``: allocations per month and aid type (a flow), EUR billions."""
    path = raw_dir / KIEL_FILE
    doc = load_json(path)
    released = publication_date(path)
    last_allowed = (pd.Timestamp(released).to_period("M").to_timestamp() if released
                    else LAST_MONTH)
    rows = []
    for i, rec in enumerate(doc["byMonth"]):
        where = f"byMonth[{i}]"
        month = pd.to_datetime(str(rec.get("date", "")), format="%Y-%m", errors="coerce")
        if pd.isna(month):
            raise SourceFormatError(path, "month cannot be parsed", row=where, column="date",
                                    value=rec.get("date"), expected="YYYY-MM")
        if month < FIRST_MONTH or month > last_allowed:
            raise SourceFormatError(path, "month outside the release's coverage", row=where,
                                    column="date", value=rec.get("date"),
                                    expected=f"2021-12 .. {last_allowed:%Y-%m} (the file's "
                                             "lastUpdated month)")
        values = {t: _amount(path, rec, t, where) for t in AID_TYPES}
        _check_total(path, sum(values.values()), _amount(path, rec, "total", where), where)
        for aid_type, value in values.items():
            rows.append({"month": month, "aid_type": aid_type, "value": value, "_where": where})
    frame = pd.DataFrame(rows)
    dup = frame.duplicated(["month", "aid_type"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "month listed twice", row=frame.at[first, "_where"],
                                column="date", value=f"{frame.at[first, 'month']:%Y-%m}")
    expected = pd.date_range(frame["month"].min(), frame["month"].max(), freq="MS")
    missing = sorted(set(expected) - set(frame["month"]))
    if missing:
        raise SourceFormatError(path, "months missing from byMonth", column="date",
                                value=[f"{m:%Y-%m}" for m in missing],
                                expected="one record per month")
    _check_cumulative(path, doc["cumulative"], frame)
    tidy = pd.DataFrame({
        "month": frame["month"], "aid_type": frame["aid_type"], "value": frame["value"],
        **_base(len(frame)),
    })
    return ReaderOutput(tidy.sort_values(["month", "aid_type"]).reset_index(drop=True), [path])


def _check_cumulative(path: Path, cumulative: list, monthly: pd.DataFrame) -> None:
    running = (monthly.pivot_table(index="month", columns="aid_type", values="value",
                                   aggfunc="sum").sort_index().cumsum())
    for i, rec in enumerate(cumulative):
        month = pd.to_datetime(str(rec.get("date", "")), format="%Y-%m", errors="coerce")
        if pd.isna(month) or month not in running.index:
            raise SourceFormatError(path, "cumulative month not in byMonth",
                                    row=f"cumulative[{i}]", column="date", value=rec.get("date"))
        for t in AID_TYPES:
            value = _amount(path, rec, t, f"cumulative[{i}]")
            if abs(value - running.at[month, t]) > 0.01 + 0.01 * value:
                raise SourceFormatError(path, "cumulative differs from the running sum of "
                                        "byMonth", row=f"cumulative[{i}]", column=t,
                                        value=value, expected=f"{running.at[month, t]:.3f}")
