"""Ukrainian Air Force attack reports compiled per attack by Petro Ivaniuk (Kaggle, piterfm).

Files: ``missile_attacks/missile_attacks_daily.csv`` (one row per reported attack and
weapon model, newest first) and ``missile_attacks/missiles_and_uavs.csv`` (weapon table).
These are **claims by a party to the war** (provenance ``party``).

Documented rules (each case goes to the rejects report with file, row, value, rule):

``timestamp-whitespace``
    ``time_start``/``time_end`` with surrounding blanks are stripped.
``timestamp-one-digit-hour``
    ``2023-05-16 3:30`` is read as ``03:30``. The two formats ``YYYY-MM-DD HH:MM`` and
    ``YYYY-MM-DD`` are both kept (``time_precision`` says which); anything else raises
    :class:`SourceFormatError`.
``weapon-case-variant``
    A model that matches a weapon-table name only when case is ignored
    ("Intercontinental ballistic missile") takes that entry.
``weapon-combined-name``
    A model absent from the table that joins table names with " and "
    ("X-101/X-555 and Kalibr and Iskander-M/KN-23") takes the parts' common category, or
    ``mixed`` when the parts differ; ``weapon_ref`` stays blank.
``weapon-cyrillic-name``
    A model written in Cyrillic that is absent from the table ("Фенікс") is kept with
    category ``unclassified`` (no guess at what it is).
``weapon-generic-aerial-bomb``
    The generic "Aerial Bomb" is kept with category ``unclassified`` (it is not the
    table's guided-bomb entry "GBU").
``count-blank``
    A blank ``launched`` or ``destroyed`` stays missing (never zero); interception rates
    refuse such rows.
``destroyed-exceeds-launched``
    A row claiming more destroyed than launched is set aside.

Any other model missing from the table is an untolerated reject, so the build fails.

Regional rows: the regional air commands (PvK Pivden, Skhid, Zakhid, Tsentr) post their own
tallies that can overlap the national Air Force summary. ``regional_row`` is True for rows
posted by a regional command or whose target is a command zone (south/east/west/north);
national totals use ``regional_row == False``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_unique,
    parse_numbers,
    read_csv_checked,
    source_columns,
)

ATTACKS_FILE = "missile_attacks/missile_attacks_daily.csv"
WEAPONS_FILE = "missile_attacks/missiles_and_uavs.csv"
ATTACK_COLUMNS = (
    "time_start", "time_end", "model", "launch_place", "target", "target_main", "launched",
    "destroyed", "not_reach_goal", "still_attacking", "border_crossing", "is_shahed",
    "num_hit_location", "num_fall_fragment_location", "carrier", "turbojet",
    "turbojet_destroyed", "affected region", "destroyed_details", "launched_details",
    "launch_place_details", "source",
)
WEAPON_COLUMNS = (
    "model", "category", "national_origin", "type", "launch_platform", "name", "name_NATO",
    "in_sevice", "designer", "manufacturer", "guidance_system", "unit_cost",
)
REGIONAL_ACCOUNTS = frozenset({"pvkpivden", "pvkshid", "pvkzahid", "pvkcenter"})
COMMAND_ZONES = frozenset({"south", "east", "west", "north"})
GENERIC_BOMB = "aerial bomb"
_TS = re.compile(r"^(\d{4}-\d{2}-\d{2})(?: (\d{1,2}):(\d{2}))?$")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
EARLIEST = pd.Timestamp("2022-02-24")


def read_weapons(raw_dir: Path) -> pd.DataFrame:
    """The weapon reference table as strings, one row per ``model`` (checked unique)."""
    path = raw_dir / WEAPONS_FILE
    raw = read_csv_checked(path, WEAPON_COLUMNS)
    raw["model"] = raw["model"].str.strip()
    blank = raw["model"] == ""
    if blank.any():
        first = blank.idxmax()
        raise SourceFormatError(path, "weapon without a model name", row=raw.at[first, "_row"],
                                column="model", value="", expected="a model name")
    nocat = raw["category"].str.strip() == ""
    if nocat.any():
        first = nocat.idxmax()
        raise SourceFormatError(path, "weapon without a category", row=raw.at[first, "_row"],
                                column="category", value=raw.at[first, "model"],
                                expected="a category (UAV, cruise missile, …)")
    check_unique(raw, ["model"], path)
    return raw


def _service_year(raw: pd.DataFrame, path: Path) -> pd.Series:
    """``in_sevice`` (sic) is a year: blank allowed, anything else must be 1940..this year."""
    import datetime as dt

    years = parse_numbers(raw, "in_sevice", path, blank_ok=True, integer=True)
    bad = years.notna() & ((years < 1940) | (years > dt.date.today().year))
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "service year out of range", row=raw.at[first, "_row"],
                                column="in_sevice", value=raw.at[first, "in_sevice"],
                                expected=f"a year 1940..{dt.date.today().year} or a blank")
    return years


def build_weapons(raw_dir: Path) -> ReaderOutput:
    """Build the ``weapons`` reference table."""
    path = raw_dir / WEAPONS_FILE
    raw = read_weapons(raw_dir)
    frame = pd.DataFrame({
        "model": raw["model"],
        "category": raw["category"].str.strip(),
        "national_origin": raw["national_origin"].str.strip(),
        "type": raw["type"].str.strip(),
        "launch_platform": raw["launch_platform"].str.strip(),
        "name": raw["name"].str.strip(),
        "name_nato": raw["name_NATO"].str.strip(),
        "in_service": _service_year(raw, path),
        "manufacturer": raw["manufacturer"].str.strip(),
        "unit_cost": raw["unit_cost"].str.strip(),
        **source_columns("piterfm_weapons"),
    }).sort_values("model", kind="stable").reset_index(drop=True)
    return ReaderOutput(frame, [path])


def parse_timestamps(raw: pd.DataFrame, column: str, path: Path, rejects: Rejects
                     ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Mixed ``YYYY-MM-DD HH:MM`` / ``YYYY-MM-DD`` → (datetime, normalised text, precision)."""
    text = raw[column].astype(str)
    stripped = text.str.strip()
    for idx in raw.index[stripped != text]:
        rejects.add(path, raw.at[idx, "_row"], column, text[idx], "timestamp-whitespace",
                    f"read as {stripped[idx]!r}")
    parts = stripped.str.extract(_TS)
    bad = parts[0].isna()
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "timestamp cannot be parsed", row=raw.at[first, "_row"],
                                column=column, value=text[first],
                                expected="YYYY-MM-DD HH:MM or YYYY-MM-DD")
    has_time = parts[1].notna()
    one_digit = has_time & (parts[1].str.len() == 1)
    hours = parts[1].fillna("").str.zfill(2)
    norm = parts[0].where(~has_time, parts[0] + " " + hours + ":" + parts[2].fillna(""))
    for idx in raw.index[one_digit]:
        rejects.add(path, raw.at[idx, "_row"], column, text[idx], "timestamp-one-digit-hour",
                    f"read as {norm[idx]!r}")
    stamp = pd.to_datetime(norm.where(has_time, norm + " 00:00"), format="%Y-%m-%d %H:%M",
                           errors="coerce")
    bad = stamp.isna()
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "timestamp is not a real date/time",
                                row=raw.at[first, "_row"], column=column, value=text[first],
                                expected="a valid calendar date and 24-hour time")
    out_of_range = (stamp < EARLIEST) | (stamp > pd.Timestamp.now().normalize()
                                         + pd.Timedelta(days=1))
    if out_of_range.any():
        first = out_of_range.idxmax()
        raise SourceFormatError(path, "timestamp outside the war", row=raw.at[first, "_row"],
                                column=column, value=text[first],
                                expected=f"between {EARLIEST.date()} and today")
    precision = pd.Series(np.where(has_time, "minute", "day"), index=raw.index)
    return stamp, norm, precision


def classify_models(raw: pd.DataFrame, weapons: pd.DataFrame, path: Path,
                    rejects: Rejects) -> tuple[pd.Series, pd.Series]:
    """Weapon-table key and category per row, under the rules in the module docstring."""
    category = dict(zip(weapons["model"], weapons["category"], strict=True))
    folded = {m.casefold(): m for m in weapons["model"]}
    models = raw["model"].str.strip()
    ref = models.where(models.isin(category.keys()), "")
    cat = models.map(category).fillna("")
    for model in sorted(models[ref == ""].unique()):
        rows = raw.loc[models == model, "_row"]
        where = ",".join(str(r) for r in rows.head(5)) + ("…" if len(rows) > 5 else "")
        hit = models == model
        parts = [p.strip() for p in model.split(" and ")]
        if model.casefold() in folded:
            key = folded[model.casefold()]
            ref[hit], cat[hit] = key, category[key]
            rule, action = "weapon-case-variant", f"read as table entry {key!r}"
        elif len(parts) > 1 and all(p in category for p in parts):
            cats = {category[p] for p in parts}
            cat[hit] = cats.pop() if len(cats) == 1 else "mixed"
            rule, action = "weapon-combined-name", f"category {cat[hit].iloc[0]!r} from its parts"
        elif _CYRILLIC.search(model):
            cat[hit] = "unclassified"
            rule, action = "weapon-cyrillic-name", "kept, category 'unclassified'"
        elif model.casefold() == GENERIC_BOMB:
            cat[hit] = "unclassified"
            rule, action = "weapon-generic-aerial-bomb", "kept, category 'unclassified'"
        else:
            rejects.add(path, where, "model", model, "weapon-unknown",
                        "model not in the weapon table and no rule covers it", tolerated=False)
            continue
        rejects.add(path, where, "model", model, rule, action)
    return ref, cat


#: Accounts the compiler cites that are not the Air Force, and the source of their rows.
OTHER_CHANNELS = {
    "generalstaff.ua": "ua_armed_forces_command_air_attacks",
    "cincafu": "ua_armed_forces_command_air_attacks",
    "chiefukrdiu": "ua_defence_intelligence_air_attacks",
    "war_monitor": "war_monitor_air_attacks",
    "kharkivoda.gov.ua": "kharkiv_oblast_administration_air_attacks",
}
#: A Facebook video link (``watch/?v=…``) names no account.
UNNAMED_VIDEO = "facebook video (account not named)"


def reporting_account(link: pd.Series) -> pd.Series:
    """The account a ``source`` link was posted by.

    Links come as ``account/posts/…`` (Facebook, scheme and host dropped), full URLs
    (``https://t.me/account/123``) or ``watch/?v=…`` (a video naming no account).

    Examples
    --------
    >>> reporting_account(pd.Series(["kpszsu/posts/pfbid0", "https://t.me/war_monitor/1",
    ...                              "watch/?v=12"])).tolist()
    ['kpszsu', 'war_monitor', 'facebook video (account not named)']
    """
    text = link.str.strip()
    url = text.str.match(r"^https?://")
    path = text.where(~url, text.str.replace(r"^https?://[^/]+/", "", regex=True))
    account = path.str.split("/").str[0].str.strip()
    return account.where(~text.str.startswith("watch/"), UNNAMED_VIDEO)


def _record_ids(raw: pd.DataFrame) -> pd.Series:
    keys = raw[["time_start", "time_end", "model", "target", "launch_place", "source"]]
    joined = keys.astype(str).agg("|".join, axis=1)
    return joined.map(lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest()[:12])


def build_air_attacks(raw_dir: Path) -> ReaderOutput:
    """Build ``air_attacks``: one row per reported attack and weapon model."""
    path = raw_dir / ATTACKS_FILE
    raw = read_csv_checked(path, ATTACK_COLUMNS)
    weapons = read_weapons(raw_dir)
    rejects = Rejects()
    check_unique(raw, ["time_start", "time_end", "model", "target", "launch_place", "source"],
                 path)
    start, start_txt, precision = parse_timestamps(raw, "time_start", path, rejects)
    end, end_txt, _ = parse_timestamps(raw, "time_end", path, rejects)
    backwards = end < start.dt.normalize()
    if backwards.any():
        first = backwards.idxmax()
        raise SourceFormatError(path, "attack ends before it starts", row=raw.at[first, "_row"],
                                column="time_end", value=raw.at[first, "time_end"],
                                expected=f"on or after {raw.at[first, 'time_start']}")
    counts = {c: parse_numbers(raw, c, path, blank_ok=True, integer=True)
              for c in ("launched", "destroyed", "not_reach_goal")}
    for col in ("launched", "destroyed"):
        for idx in raw.index[counts[col].isna()]:
            rejects.add(path, raw.at[idx, "_row"], col, "", "count-blank",
                        "kept as missing; interception rates refuse the row")
    ref, cat = classify_models(raw, weapons, path, rejects)
    too_many = counts["destroyed"] > counts["launched"]
    for idx in raw.index[too_many]:
        rejects.add(path, raw.at[idx, "_row"], "destroyed",
                    f"{counts['destroyed'][idx]:g} > launched {counts['launched'][idx]:g}",
                    "destroyed-exceeds-launched", "row set aside")
    account = reporting_account(raw["source"])
    channel = account.str.casefold().map(OTHER_CHANNELS).fillna("uaf_air_attacks")
    target = raw["target"].str.strip()
    regional = account.str.casefold().isin(REGIONAL_ACCOUNTS) | target.str.casefold().isin(
        COMMAND_ZONES)
    frame = pd.DataFrame({
        "record_id": _record_ids(raw),
        "date": start.dt.normalize(),
        "time_start": start_txt,
        "time_end": end_txt,
        "time_precision": precision,
        "model": raw["model"].str.strip(),
        "weapon_ref": ref,
        "category": cat,
        "launched": counts["launched"],
        "destroyed": counts["destroyed"],
        "not_reach_goal": counts["not_reach_goal"],
        "target": target,
        "launch_place": raw["launch_place"].str.strip(),
        "regional_row": regional.astype(bool),
        "reported_by": account,
        "source_post": raw["source"].str.strip(),
        **source_columns("uaf_air_attacks"),
    }, index=raw.index)
    for sid in channel.unique():  # each row carries the source of the channel it cites
        rows = channel == sid
        for col, value in source_columns(sid).items():
            frame.loc[rows, col] = value
    frame = frame[~too_many]
    # rows are newest first in the file: sort oldest first, stable on the file order
    frame = frame.iloc[::-1].sort_values(["date", "time_start", "record_id"], kind="stable")
    return ReaderOutput(frame.reset_index(drop=True), [path, raw_dir / WEAPONS_FILE], rejects)
