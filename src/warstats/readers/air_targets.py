"""Air-attack targets as places: the oblasts each Air Force record's ``target`` names.

The ``target`` text of ``air_attacks`` (as compiled by P. Ivaniuk) is split on " and ";
each part is mapped by the first rule that applies, in this order:

1. ``oblast-named``: the part names an oblast ("Kherson oblast", "Dnipropetrovsk oblast,
   Dnipro Raion", "Kyiv oblast (south)", "Odesa oblast, Black Sea"): the text before the
   first comma or bracket is looked up in the oblast code table (``warstats/codes/
   oblasts.csv``, whose ``name_air_force`` column holds these spellings: "Kyiv oblast" is
   Kyivska, UA32, while "Kyiv" alone is the city, UA80).
2. ``city-in-oblast``: the part is a city listed in :data:`PLACES` with its kind "city"
   ("Dnipro", "Kryvyi Rih", "Kyiv"): mapped to the oblast that contains it. Kyiv and
   Sevastopol are first-level units of their own (UA80, UA85).
3. ``place-in-oblast``: another place in :data:`PLACES` ("Snake Island" → Odeska).
4. Anything else is **not** mapped and goes to the rejects report with its reason:
   ``national`` ("Ukraine": the whole country, no oblast), ``command-zone`` ("south",
   "north-east"…: an air command's zone, whose oblasts the record does not list),
   ``outside-ukraine`` ("Kursk oblast"), ``not-a-place`` ("front line"),
   ``target-blank`` and ``unknown-place`` (none of the rules apply: add the place to
   :data:`PLACES` with its oblast, or to the code table).

One row per record and oblast: parts naming the same oblast twice are joined.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from warstats.readers.common import ReaderOutput, Rejects

#: Places named in targets that are not oblasts: name → (pcode of the containing unit, kind).
PLACES: dict[str, tuple[str, str]] = {
    "kyiv": ("UA80", "city"),
    "sevastopol": ("UA85", "city"),
    "dnipro": ("UA12", "city"),
    "kryvyi rih": ("UA12", "city"),
    "zaporizhzhia": ("UA23", "city"),
    "odesa": ("UA51", "city"),
    "kharkiv": ("UA63", "city"),
    "sumy": ("UA59", "city"),
    "kherson": ("UA65", "city"),
    "kramatorsk": ("UA14", "city"),
    "starokostiantyniv": ("UA68", "city"),
    "kolomyia": ("UA26", "city"),
    "ochakiv": ("UA48", "city"),
    "mykolaiv": ("UA48", "city"),
    "lviv": ("UA46", "city"),
    "snake island": ("UA51", "place"),
}
#: Target parts that are deliberately not places in one oblast, with the reason.
NOT_OBLASTS: dict[str, tuple[str, str]] = {
    "ukraine": ("national", "the whole country: no oblast row (national total)"),
    "front line": ("not-a-place", "no oblast named"),
    "kursk oblast": ("outside-ukraine", "a Russian region: no Ukrainian oblast"),
    "belgorod oblast": ("outside-ukraine", "a Russian region: no Ukrainian oblast"),
}
COMMAND_ZONE = re.compile(r"^(north|south|east|west|center|centre)(-(north|south|east|west))?$")
_QUALIFIER = re.compile(r"\s*[,(].*$")
_OBLAST = re.compile(r"\s+oblast$", re.IGNORECASE)


def map_target_part(part: str) -> tuple[str, str]:
    """``(pcode, rule)`` for one part of a target, or ``("", reason rule)`` if unmapped.

    Examples
    --------
    >>> map_target_part("Dnipropetrovsk oblast, Kryvyi Rih Raion")
    ('UA12', 'oblast-named')
    >>> map_target_part("Kyiv"), map_target_part("south")
    (('UA80', 'city-in-oblast'), ('', 'command-zone'))
    """
    from warstats.codes.oblasts import to_pcode
    from warstats.errors import SourceFormatError

    text = " ".join(part.split())
    key = text.casefold()
    if not key:
        return "", "target-blank"
    if key in NOT_OBLASTS:
        return "", NOT_OBLASTS[key][0]
    if COMMAND_ZONE.match(key):
        return "", "command-zone"
    head = _QUALIFIER.sub("", text)
    if _OBLAST.search(head):
        if head.casefold() in NOT_OBLASTS:
            return "", NOT_OBLASTS[head.casefold()][0]
        try:
            return to_pcode([head])[0], "oblast-named"
        except SourceFormatError:
            return "", "unknown-place"
    if key in PLACES:
        pcode, kind = PLACES[key]
        return pcode, "city-in-oblast" if kind == "city" else "place-in-oblast"
    return "", "unknown-place"


_REASONS = {
    "national": "no oblast row (whole country)",
    "command-zone": "no oblast row (command zone)",
    "outside-ukraine": "no oblast row (in Russia)",
    "not-a-place": "no oblast row (no place named)",
    "target-blank": "no oblast row (no target)",
    "unknown-place": "no oblast row: add the place to PLACES or the code table",
}


def map_targets(attacks: pd.DataFrame, file: str | Path) -> tuple[pd.DataFrame, Rejects]:
    """Rows (record, oblast) for the parts that map; a reject for each part that does not."""
    rejects = Rejects()
    rows: dict[tuple[str, str], dict] = {}
    for rec in attacks.itertuples(index=False):
        for part in str(rec.target).split(" and "):
            pcode, rule = map_target_part(part)
            if not pcode:
                rejects.add(file, f"record {rec.record_id}", "target", part.strip() or
                            rec.target, rule, _REASONS[rule])
                continue
            key = (rec.record_id, pcode)
            if key in rows:
                rows[key]["target_part"] += " | " + part.strip()
                continue
            rows[key] = {"record_id": rec.record_id, "date": rec.date, "oblast_pcode": pcode,
                         "target": rec.target, "target_part": part.strip(),
                         "match_rule": rule, "regional_row": bool(rec.regional_row),
                         "source_id": rec.source_id, "published": rec.published,
                         "is_minimum": bool(rec.is_minimum)}
    columns = ["record_id", "date", "oblast_pcode", "target", "target_part", "match_rule",
               "regional_row", "source_id", "published", "is_minimum"]
    return pd.DataFrame(list(rows.values()), columns=columns), rejects


def build_air_attack_targets(raw_dir: Path) -> ReaderOutput:
    """Build ``air_attack_targets`` from the same records as ``air_attacks``."""
    from warstats.readers.air_force import ATTACKS_FILE, build_air_attacks

    attacks = build_air_attacks(Path(raw_dir))
    frame, rejects = map_targets(attacks.frame, Path(raw_dir) / ATTACKS_FILE)
    frame = frame.sort_values(["date", "record_id", "oblast_pcode"], kind="stable")
    return ReaderOutput(frame.reset_index(drop=True), attacks.inputs, rejects)
