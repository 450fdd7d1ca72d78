"""Maps section: displacement, returns, attack targets and occupation by oblast.

Every figure is named ``map_…`` and carries its source footer (data and boundaries).
Maps whose data were not yet published on the report's ``as_of`` date are left out with a
sentence saying so (``ReportContext.part``).
"""

from __future__ import annotations

import math

import pandas as pd

from warstats.labels import date_label
from warstats.report.registry import (
    FigureItem,
    NotYetKnown,
    ReportContext,
    Section,
    SectionContent,
)

#: Occupied-area change classes (km²) and share classes (%), fixed so that maps compare.
SHARE_BINS = [0, 1, 10, 50, 90, 100]
ATTACK_WINDOW_DAYS = 365


def _name(pcode: str) -> str:
    from warstats.codes.oblasts import oblast_name

    return oblast_name(pcode)


def _oblast_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["area_level"].isin(["oblast", "unknown"])]


def _idp_maps(ctx: ReportContext, text: list[str], figures: list[FigureItem]) -> None:
    from warstats.analysis.displacement_idps import idps_change
    from warstats.catalog import series_breaks
    from warstats.charts.maps import plot_oblast_map
    from warstats.errors import SeriesBreakError

    idps = _oblast_rows(ctx.load("idps"))
    if idps.empty:  # with as_of: only round 1, by macro-region, was out
        raise NotYetKnown("an IOM round by oblast")
    rounds = sorted(idps["round"].unique())
    last = int(rounds[-1])
    newest = idps[idps["round"] == last]
    date = newest["date"].max()
    ax = plot_oblast_map(newest, legend_title="IDPs present (persons)",
                         title=f"Internally displaced people by oblast, IOM round {last} "
                               f"({date:%b %Y})",
                         note="Survey estimates; government-controlled areas only")
    figures.append(FigureItem("map_idps_newest_round", ax.figure,
                              f"IDPs by oblast, IOM round {last} ({date:%d %B %Y})"))
    missing = newest.loc[newest["value"].isna(), "area_name"].tolist()
    text.append(f"IOM's round {last} ({date:%B %Y}) estimates IDPs in each oblast it could "
                f"survey; {len(missing)} oblasts have no estimate ({', '.join(missing)}), drawn "
                "hatched rather than as zero. Crimea and Sevastopol are not surveyed.")
    delta = None
    idp_breaks = series_breaks("idps")
    for start in rounds[:-1]:  # the earliest round comparable with the newest (no break)
        try:
            delta, first = idps_change(idps, int(start), last, breaks=idp_breaks), int(start)
            break
        except SeriesBreakError:
            continue
    if delta is not None:
        ax = plot_oblast_map(delta, column="change", pcode_column="area_code",
                             diverging=True, legend_title="Change in IDPs (persons)",
                             title=f"Change in IDPs by oblast, round {first} to round {last}",
                             note="Blue: fewer IDPs; red: more. Earlier rounds are left out "
                                  "where IOM changed what it counts (see the series breaks)")
        figures.append(FigureItem("map_idps_change", ax.figure,
                                  f"Change in IDPs by oblast, IOM round {first} to {last}"))


def _returnee_map(ctx: ReportContext, text: list[str], figures: list[FigureItem]) -> None:
    from warstats.charts.maps import plot_oblast_map

    ret = _oblast_rows(ctx.load("returnees"))
    last = int(ret["round"].max())
    newest = ret[ret["round"] == last]
    date = newest["date"].max()
    ax = plot_oblast_map(newest, cmap="YlGnBu", legend_title="Returnees present (persons)",
                         title=f"Returnees by oblast, IOM round {last} ({date:%b %Y})",
                         note="People back in their habitual oblast after displacement")
    figures.append(FigureItem("map_returnees", ax.figure,
                              f"Returnees by oblast, IOM round {last}"))


def _attack_map(ctx: ReportContext, text: list[str], figures: list[FigureItem]) -> None:
    from warstats.analysis.places import attack_counts
    from warstats.charts.maps import plot_oblast_map

    targets = ctx.load("air_attack_targets")
    end = targets["date"].max()
    start = end - pd.Timedelta(days=ATTACK_WINDOW_DAYS - 1)
    counts = attack_counts(targets, start, end)
    ax = plot_oblast_map(counts, cmap="OrRd", legend_title="Attack records naming the oblast",
                         title=f"Oblasts named as air-attack targets, {start:%b %Y} to "
                               f"{end:%b %Y}",
                         note="Most records name only 'Ukraine' or an air-command zone and are "
                              "not counted here")
    figures.append(FigureItem("map_air_attack_targets", ax.figure,
                              f"Air-attack records naming each oblast, {start:%b %Y} to "
                              f"{end:%b %Y} (Air Force claims)"))
    top = counts.sort_values("value", ascending=False).head(3)
    named = ", ".join(f"{_name(p)} ({v:,.0f})"
                      for p, v in zip(top["oblast_pcode"], top["value"], strict=True))

    text.append(
        f"From {start:%d %B %Y} to {end:%d %B %Y}, among the Ukrainian Air Force records that "
        f"name an oblast, the most named are {named}"
        ". These are a party's claims, and most records name only the whole "
        "country or an air-command zone (listed, with the reason, in the dataset's rejects "
        "report).")


def _occupied_maps(ctx: ReportContext, text: list[str], figures: list[FigureItem]) -> None:
    from warstats.analysis.places import occupied_change, occupied_on
    from warstats.charts.maps import plot_oblast_map

    occ = ctx.load("occupied_area_by_oblast")
    first, last = occ["date"].min(), occ["date"].max()
    for when in (first, last):
        day = occupied_on(occ, when)
        ax = plot_oblast_map(day, column="share_pct", bins=SHARE_BINS, percent=True,
                             cmap="Reds", legend_title="Share of the oblast occupied",
                             title=f"Occupied share of each oblast, DeepStateMap "
                                   f"{date_label(when)}",
                             note="Areas computed by warstats from DeepStateMap polygons")
        figures.append(FigureItem(f"map_occupied_share_{when:%Y_%m_%d}", ax.figure,
                                  f"Occupied share of each oblast on {when:%d %B %Y}"))
    delta = occupied_change(occ, first, last)
    regained = bool((delta["value"] < 0).any())
    ax = plot_oblast_map(delta, diverging=regained, cmap=None if regained else "Reds",
                         legend_title="Change in occupied area (km²)",
                         title=f"Change in occupied area by oblast, {first:%b %Y} to "
                               f"{last:%b %Y}",
                         note="Red: more territory occupied" + (
                             "; blue: territory regained" if regained else ""))
    figures.append(FigureItem("map_occupied_change", ax.figure,
                              f"Change in occupied area by oblast, {first:%d %B %Y} to "
                              f"{last:%d %B %Y}"))
    gained = delta.sort_values("value", ascending=False).head(3)
    most = ", ".join(f"{_name(p)} ({v:,.0f} km²)"
                     for p, v in zip(gained["oblast_pcode"], gained["value"], strict=True))
    held = occ.loc[occ["oblast_pcode"].isin(["UA01", "UA85"]), "share_pct"].min()
    held = math.floor(held * 100) / 100  # never round 99.992 up to 100
    national = ctx.load("occupied_area").query("series == 'deepstatemap'").set_index("date")
    total = occ.groupby("date")["occupied_km2"].sum()
    gap = ((national["area_km2"] - total) / national["area_km2"] * 100).dropna()
    text.append(
        f"Between {first:%d %B %Y} and {last:%d %B %Y}, DeepStateMap's occupied area grew by "
        f"{delta['value'].sum():,.0f} km², most in "
        f"{most}. "
        f"Crimea's and Sevastopol's occupied shares are at least {held:.2f} % on every map. "
        f"The oblast figures add up to {gap.min():.1f}–{gap.max():.1f} % less than "
        "the national DeepStateMap figure of the same dates: the Sivash lagoon and "
        "coastal waters lie outside OCHA's land boundaries.")


def build(ctx: ReportContext) -> SectionContent:
    text: list[str] = [
        "The maps draw OCHA's oblast boundaries (2017, simplified) with no network and no map "
        "tiles. Oblasts with no estimate are hatched grey, never shown as zero; Kyiv city and "
        "Sevastopol are outlined and labelled."]
    out = SectionContent(paragraphs=text, datasets=[
        "oblast_boundaries", "idps", "returnees", "air_attack_targets",
        "occupied_area_by_oblast", "occupied_area"])
    for label, needs, draw in (
            ("the maps of internally displaced people", ["idps"], _idp_maps),
            ("the map of returnees", ["returnees"], _returnee_map),
            ("the map of air-attack targets", ["air_attack_targets"], _attack_map),
            ("the maps of the occupied area by oblast", ["occupied_area_by_oblast"],
             _occupied_maps)):
        with ctx.part(out, label, needs=needs):
            draw(ctx, out.paragraphs, out.figures)
    return out


SECTION = Section(key="maps", title="Maps", build=build)
