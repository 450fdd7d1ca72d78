"""One colour per meaning, per series and per source, shared by every chart.

Charts never pick colours from a cycle: they ask :func:`colour` for the key they draw (a
measure such as ``killed``, a series such as ``deepstatemap``, a source id such as
``ocha_ude_refugees``), so the same source or series has the same colour in every chart of
the report. Keys not listed get a stable colour from the palette (a checksum of the key,
never the drawing order).
"""

from __future__ import annotations

import zlib

NAVY, RED, ORANGE, GREEN, PURPLE, SKY, GREY, PINK = (
    "#1f4e79", "#c0504d", "#e8a33d", "#4e9a6a", "#7d5ba6", "#5b8fd1", "#8c8c8c", "#b07aa1")
PALETTE = [NAVY, RED, ORANGE, GREEN, PURPLE, SKY, GREY, PINK]

#: Colours keyed by meaning (measures, aid types, roles in a chart).
MEANINGS = {
    "killed": "#8b1a1a", "injured": ORANGE, "observed": NAVY, "projected": GREY,
    "military": NAVY, "financial": SKY, "humanitarian": ORANGE,
    "launched": GREY, "destroyed": NAVY, "refugees": NAVY, "idps": RED,
    # context bars (other countries next to a highlighted one), and a shortfall/gap shading
    "other": GREY, "gap": RED, "annotation": "#555555",
    "claimed": "#8b1a1a", "tolerance": ORANGE, "data": "#222222", "context": GREY,
}

#: Colours keyed by series (map sources, aid authorities, weapon categories, claim series).
SERIES = {
    # occupied-territory map sources
    "liveuamap": NAVY, "nzz": ORANGE, "deepstatemap": RED,
    # US security assistance authorities
    "PDA": NAVY, "USAI": ORANGE, "FMF": GREEN,
    # weapon categories (Air Force reports)
    "UAV": NAVY, "cruise missile": PURPLE, "ballistic missile": GREEN,
    "surface-to-air missile": PINK,
    # claim-check series
    "latest revision (monthly sums)": "#8b1a1a",
    # the claim chart's Europe series is UNHCR's series as the OCHA bundle carries it:
    # it takes that source's colour (SOURCES["ocha_ude_refugees"])
    "refugees recorded across Europe": NAVY,
    "decline since 2021 (%)": NAVY, "decline since 1991 (%)": GREY,
}

#: Colours keyed by source id, for charts that draw one line per source.
SOURCES = {
    "ocha_ude_refugees": NAVY, "unhcr_odp_timeseries_2022_08": ORANGE,
    "deepstatemap": RED, "liveuamap_area": NAVY, "nzz_area": ORANGE,
    "ocha_ude_casualties": "#8b1a1a", "engelde_ohchr_monthly": "#8b1a1a",
}


def colour(key: object) -> str:
    """The colour of ``key``: a meaning, a series or a source id (see the tables above).

    >>> colour("deepstatemap") == colour("deepstatemap")
    True
    """
    text = str(key)
    for table in (MEANINGS, SERIES, SOURCES):
        if text in table:
            return table[text]
    return PALETTE[zlib.crc32(text.encode("utf-8")) % len(PALETTE)]
