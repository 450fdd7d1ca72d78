"""Ukrainian General Staff claims of Russian losses, compiled by Petro Ivaniuk (party claims).

Files under ``russian_losses_claims/``: ``russia_losses_personnel.json`` and
``russia_losses_equipment.json`` (one record per day, cumulative totals since 24 Feb 2022)
and ``russia_losses_equipment_correction.json`` (the compiler's per-date corrections).

Layout: one row per date and measure. A measure absent from a day's record has no row
(never a zero); ``greatest losses direction`` is text, not a count, and is not kept.
``qualifier`` keeps the personnel marker (``about`` / ``more``).

Documented rules (each case goes to the rejects report):

``claims-correction``
    The correction file's value for (date, measure) is the part of that day's change in the
    cumulative claim that revises earlier claims (a re-count), not new losses. It is stored
    in ``correction``; ``analysis.conflict.daily_losses`` subtracts it:
    ``daily = value(d) - value(previous date) - correction(d)``. Published cumulative values
    are never edited.
``claims-unexplained-decrease``
    A cumulative claim that falls on a date with no correction entry for that measure keeps
    its published value and is flagged ``unexplained_decrease``; daily losses for that date
    are left missing rather than negative.
``claims-correction-mismatch``
    Where subtracting the correction would make the day's new losses negative (the
    correction does not match that day's change, e.g. the 2023-05-27 entries that the General
    Staff reflected over two days), the row is flagged ``correction_mismatch`` and daily losses
    for that date are left missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import ReaderOutput, Rejects, parse_dates, read_text, source_columns

PERSONNEL_FILE = "russian_losses_claims/russia_losses_personnel.json"
EQUIPMENT_FILE = "russian_losses_claims/russia_losses_equipment.json"
CORRECTION_FILE = "russian_losses_claims/russia_losses_equipment_correction.json"
MEASURES = {
    "personnel": "personnel", "POW": "prisoners_of_war", "aircraft": "aircraft",
    "helicopter": "helicopters", "tank": "tanks", "APC": "armoured_combat_vehicles",
    "field artillery": "artillery_systems", "MRL": "multiple_rocket_launchers",
    "military auto": "military_vehicles", "fuel tank": "fuel_tanks", "drone": "drones",
    "naval ship": "warships_boats", "anti-aircraft warfare": "air_defence_systems",
    "special equipment": "special_equipment", "mobile SRBM system": "srbm_launchers",
    "vehicles and fuel tanks": "vehicles_and_fuel_tanks", "cruise missiles": "cruise_missiles",
    "submarines": "submarines", "ground robotic systems": "ground_robotic_systems",
}
TEXT_FIELDS = {"date", "day", "personnel*", "greatest losses direction"}


def read_records(path: Path) -> list[dict]:
    """A JSON list of daily records; parse errors name the file and line."""
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=f"line {exc.lineno}",
                                value=text[max(exc.pos - 20, 0): exc.pos + 20],
                                expected="a JSON list of daily records") from None
    if not isinstance(doc, list) or not doc or not all(isinstance(r, dict) for r in doc):
        raise SourceFormatError(path, "top level is not a non-empty list of records",
                                value=type(doc).__name__, expected="[{date, day, …}, …]")
    return doc


def _long(path: Path, records: list[dict], *, signed: bool = False) -> pd.DataFrame:
    """Records → long rows ``date, measure, value, qualifier, _row`` with checks."""
    rows = []
    for i, rec in enumerate(records, start=1):
        if "date" not in rec:
            raise SourceFormatError(path, "record without a date", row=f"record {i}",
                                    column="date", expected="a 'date' field")
        unknown = [k for k in rec if k not in MEASURES and k not in TEXT_FIELDS]
        if unknown:
            raise SourceFormatError(path, "unknown field", row=f"record {i} ({rec['date']})",
                                    column=unknown[0], value=rec[unknown[0]],
                                    expected=", ".join(MEASURES))
        qualifier = str(rec.get("personnel*") or "")
        for key, measure in MEASURES.items():
            if key not in rec or rec[key] is None:
                continue
            value = rec[key]
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            if not ok or (value < 0 and not signed) or value != int(value):
                raise SourceFormatError(path, "value is not a whole number"
                                        + ("" if signed else " >= 0"),
                                        row=f"record {i} ({rec['date']})", column=key,
                                        value=value,
                                        expected="a whole number" + ("" if signed else " >= 0"))
            rows.append({"date": str(rec["date"]), "measure": measure, "value": float(value),
                         "qualifier": qualifier if key == "personnel" else "",
                         "_row": f"record {i} ({rec['date']})"})
    frame = pd.DataFrame(rows)
    frame["date"] = parse_dates(frame, "date", path, fmt="%Y-%m-%d",
                                earliest=pd.Timestamp("2022-02-24").date())
    dup = frame.duplicated(["date", "measure"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "date appears twice", row=frame.at[first, "_row"],
                                column="date", value=str(frame.at[first, "date"].date()),
                                expected="one record per date")
    return frame


def build_loss_claims(raw_dir: Path) -> ReaderOutput:
    """Build ``loss_claims``: cumulative party claims of Russian losses, per date and measure."""
    paths = [raw_dir / PERSONNEL_FILE, raw_dir / EQUIPMENT_FILE, raw_dir / CORRECTION_FILE]
    rejects = Rejects()
    claims = pd.concat([_long(p, read_records(p)) for p in paths[:2]], ignore_index=True)
    dup = claims.duplicated(["date", "measure"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(paths[1], "measure given in both files",
                                row=claims.at[first, "_row"], column=claims.at[first, "measure"])
    corrections = _long(paths[2], read_records(paths[2]), signed=True)
    claims = claims.sort_values(["measure", "date"], kind="stable").reset_index(drop=True)
    merged = claims.merge(corrections[["date", "measure", "value", "_row"]],
                          on=["date", "measure"], how="left", suffixes=("", "_corr"),
                          indicator=True)
    orphan = corrections.merge(claims[["date", "measure"]], on=["date", "measure"],
                               how="left", indicator=True)
    orphan = orphan[(orphan["_merge"] == "left_only") & (orphan["value"] != 0)]
    if not orphan.empty:
        first = orphan.iloc[0]
        raise SourceFormatError(paths[2], "correction for a date/measure with no claim",
                                row=first["_row"], column=first["measure"], value=first["value"],
                                expected="a date and measure present in the claims files")
    merged["correction"] = merged["value_corr"].fillna(0.0)
    step = merged.groupby("measure", sort=False)["value"].diff()
    has_corr = merged["correction"] != 0
    unexplained = (step < 0) & ~has_corr
    mismatch = has_corr & ((step - merged["correction"]) < 0)
    for idx in merged.index[has_corr]:
        rejects.add(paths[2], merged.at[idx, "_row_corr"], merged.at[idx, "measure"],
                    f"{merged.at[idx, 'correction']:+g}", "claims-correction",
                    "stored in 'correction'; subtracted from that day's change in daily losses")
    for idx in merged.index[unexplained]:
        rejects.add(paths[1] if merged.at[idx, "measure"] != "personnel" else paths[0],
                    merged.at[idx, "_row"], merged.at[idx, "measure"],
                    f"{merged.at[idx, 'value']:g} (previous "
                    f"{merged.at[idx, 'value'] - step[idx]:g})",
                    "claims-unexplained-decrease",
                    "value kept as published, flagged; daily loss left missing")
    for idx in merged.index[mismatch]:
        rejects.add(paths[2], merged.at[idx, "_row_corr"], merged.at[idx, "measure"],
                    f"correction {merged.at[idx, 'correction']:+g} vs change {step[idx]:+g}",
                    "claims-correction-mismatch",
                    "value kept as published, flagged; daily loss left missing")
    frame = pd.DataFrame({
        "date": merged["date"],
        "measure": merged["measure"],
        "value": merged["value"],
        "unit": np.where(merged["measure"].isin(["personnel", "prisoners_of_war"]),
                         "persons", "items"),
        "qualifier": merged["qualifier"],
        "correction": merged["correction"],
        "unexplained_decrease": unexplained.astype(bool),
        "correction_mismatch": mismatch.astype(bool),
        **source_columns("genstaff_losses"),
    })
    frame = frame.sort_values(["measure", "date"], kind="stable").reset_index(drop=True)
    return ReaderOutput(frame, paths, rejects)
