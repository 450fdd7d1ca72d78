"""Conflict-dynamics section: air attacks, occupied territory, party loss claims, other wars."""

from __future__ import annotations

import pandas as pd

from warstats import labels
from warstats.report.registry import (
    FigureItem,
    NotYetKnown,
    ReportContext,
    Section,
    SectionContent,
)


def _complete_months(rates: pd.DataFrame, attacks: pd.DataFrame) -> pd.DataFrame:
    """Drop the last month when the data stop before its end (a partial month)."""
    last = attacks["date"].max()
    if (last + pd.Timedelta(days=1)).month == last.month:
        return rates[rates["period"] < last.to_period("M").start_time]
    return rates


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def build(ctx: ReportContext) -> SectionContent:
    """The section; with ``as_of``, each part whose data was not yet published says so."""
    from warstats.analysis.conflict import deadliest_conflicts, rank_of
    from warstats.analysis.events import interception_rate, largest_attacks
    from warstats.catalog import series_breaks
    from warstats.charts.conflict import (
        plot_deadliest,
        plot_launches_interceptions,
        plot_occupied_share,
    )
    from warstats.claims.read import article_date
    from warstats.tables.sourced import sourced_table

    day1000 = article_date()  # the seed article's date (war day 1,000), defined once
    out = SectionContent(datasets=["air_attacks", "occupied_area", "loss_claims",
                                   "conflict_deaths"])
    attacks = ctx.load("air_attacks")
    area = ctx.load("occupied_area")
    deaths = ctx.load("conflict_deaths")
    after_article = ctx.as_of is None or ctx.as_of >= day1000

    def _rates():
        return _complete_months(interception_rate(attacks), attacks)

    def _article():
        if not after_article:
            raise NotYetKnown(f"the news article of {labels.date_label(day1000)}")

    with ctx.part(out, "the Air Force's counts", needs=["air_attacks"]):
        out.paragraphs.extend(_attack_paragraphs(attacks, _rates()))
    with ctx.part(out, "the attacks around the news article's day", needs=["air_attacks"]):
        _article()
        out.paragraphs.append(_window_paragraph(attacks, day1000))
    with ctx.part(out, "the occupied territory on the news article's day",
                  needs=["occupied_area"]):
        _article()
        out.paragraphs.append(_area_paragraph(area, day1000))
    with ctx.part(out, "the General Staff's loss claims", needs=["loss_claims"]):
        _article()
        out.paragraphs.append(_losses_paragraph(ctx.load("loss_claims"), day1000))
    with ctx.part(out, "the deadliest conflicts", needs=["conflict_deaths"]):
        rank = rank_of(deaths, "UKR").iloc[-1]
        place = "deadliest" if rank["rank"] == 1 else "second-deadliest" if rank[
            "rank"] == 2 else f"no. {int(rank['rank'])}"
        out.paragraphs.append(
            f"In {int(rank['year'])}, the last year of the UCDP series, the war made Ukraine "
            f"the {place} conflict country: "
            f"{rank['value']:,.0f} deaths ({rank['share_pct']:.0f}% of the world's conflict "
            "deaths), counting combatants of both sides and civilians where they died.")

    with ctx.part(out, "the charts of drones and missiles", needs=["air_attacks"]):
        rates = _rates()
        out.figures.append(FigureItem("conflict_uav_launches", plot_launches_interceptions(
            rates, categories=["UAV"], title="Drones launched at Ukraine and claimed destroyed"
        ).figure, "Drones per month: launched and claimed destroyed (Ukrainian Air Force)"))
        out.figures.append(FigureItem("conflict_missile_launches", plot_launches_interceptions(
            rates, categories=["cruise missile", "ballistic missile"],
            title="Missiles launched at Ukraine and claimed destroyed").figure,
            "Missiles per month: launched and claimed destroyed (Ukrainian Air Force)"))
    with ctx.part(out, "the chart of the occupied share", needs=["occupied_area"]):
        caption = "Share of Ukraine held by Russia by map source"
        if after_article:
            caption += f"; dotted line: {day1000:%d %b %Y}"
        out.figures.append(FigureItem("conflict_occupied_share", plot_occupied_share(
            area, breaks=series_breaks("occupied_area"),
            highlight=day1000 if after_article else None).figure, caption))
    with ctx.part(out, "the chart of the deadliest conflicts", needs=["conflict_deaths"]):
        year = int(rank_of(deaths, "UKR").iloc[-1]["year"])
        out.figures.append(FigureItem("conflict_deadliest", plot_deadliest(
            deadliest_conflicts(deaths, year, n=10), year=year).figure,
            "Deadliest conflicts by country"))
    with ctx.part(out, "the table of the largest attacks", needs=["air_attacks"]):
        top = largest_attacks(attacks, 8)
        display = top[["date", "models", "launched", "destroyed", "not_reach_goal"]].assign(
            date=top["date"].dt.strftime("%Y-%m-%d")).rename(columns={
                "date": "Date", "models": "Weapons", "launched": "Launched",
                "destroyed": "Destroyed (claimed)", "not_reach_goal": "Did not reach target"})
        out.tables.append(("conflict_largest_attacks", sourced_table(
            display, top, "Largest reported attacks on Ukraine")))
    with ctx.part(out, "the table of the occupied area on the news article's day",
                  needs=["occupied_area"]):
        _article()
        at = _area_at(area, day1000)
        shares = at.reset_index()[["series", "date", "area_km2", "share_pct"]]
        out.tables.append(("conflict_occupied_day1000", sourced_table(
            shares.assign(series=shares["series"].map(labels.series),
                          date=shares["date"].dt.strftime("%Y-%m-%d")).rename(columns={
                "series": "Map source", "date": "As of", "area_km2": "Area (km²)",
                "share_pct": "Share of Ukraine (%)"}),
            at.reset_index(), f"Occupied area on {day1000:%d %B %Y} by map source",
            number_columns={"Share of Ukraine (%)": 1})))
    return out


def _attack_paragraphs(attacks: pd.DataFrame, rates: pd.DataFrame) -> list[str]:
    from warstats.analysis.events import largest_attacks

    national = attacks[~attacks["regional_row"]]
    uav = rates[rates["category"] == "UAV"]
    peak = uav.loc[uav["launched"].idxmax()]
    last12 = rates[rates["period"] > rates["period"].max() - pd.DateOffset(months=12)]
    by_cat = last12.groupby("category", observed=True)[["launched", "destroyed"]].sum()
    first = largest_attacks(attacks, 8).iloc[0]
    return [
        "The Ukrainian Air Force reports each missile and drone attack; these are claims by a "
        f"party to the war. From {attacks['date'].min():%B %Y} to {attacks['date'].max():%B %Y} "
        f"its national reports count {national['launched'].sum():,.0f} missiles and drones "
        f"launched and {national['destroyed'].sum():,.0f} claimed destroyed. Drone launches "
        f"peaked in {peak['period']:%B %Y} at {peak['launched']:,.0f}. Over the last twelve "
        "complete months the claimed interception rate was "
        + ", ".join(f"{_pct(r.destroyed / r.launched)} for {c} ({r.launched:,.0f} launched)"
                    for c, r in by_cat.sort_values("launched", ascending=False).head(3)
                    .iterrows())
        + ". Drones reported as lost to electronic warfare ('did not reach the target') are "
        "not counted as destroyed.",
        f"The largest single attack reported began on {first['date']:%d %B %Y}: "
        f"{first['launched']:,.0f} launched, {first['destroyed']:,.0f} claimed destroyed.",
    ]


def _window_paragraph(attacks: pd.DataFrame, day1000: pd.Timestamp) -> str:
    from warstats.analysis.events import largest_attacks
    from warstats.analysis.time import war_day

    national = attacks[~attacks["regional_row"]]
    window = national[(national["date"] >= day1000 - pd.Timedelta(days=2))
                      & (national["date"] <= day1000)]
    wsum = window.groupby("category")[["launched", "destroyed", "not_reach_goal"]].sum(
        min_count=1)
    big = largest_attacks(window, 1).iloc[0]
    return (
        f"Around the war's {war_day(day1000):,}th day ({day1000:%d %B %Y}), attacks starting on "
        f"{day1000 - pd.Timedelta(days=2):%d}–{day1000:%d %B} were reported as: "
        + "; ".join(f"{c} {r.launched:,.0f} launched, {r.destroyed:,.0f} destroyed"
                    + (f", {r.not_reach_goal:,.0f} did not reach the target"
                       if pd.notna(r.not_reach_goal) else "")
                    for c, r in wsum.sort_values("launched", ascending=False).iterrows())
        + f". The largest, on {big['date']:%d %B}, involved {big['launched']:,.0f} weapons "
        f"({big['destroyed']:,.0f} claimed destroyed).")


def _area_at(area: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    from warstats.analysis.conflict import area_at
    from warstats.errors import MissingDataError

    try:
        return area_at(area, day, max_gap_days=31).set_index("series")
    except MissingDataError:  # with as_of: no map of that month published yet
        if area["published"].max() > day:
            raise  # the full data have maps of that month: a real failure
        raise NotYetKnown("a map of the occupied area from the month before "
                          f"{labels.date_label(day)}") from None


def _area_paragraph(area: pd.DataFrame, day1000: pd.Timestamp) -> str:
    at = _area_at(area, day1000)
    text = ("Occupied territory on that day, by map source: "
            + "; ".join(f"{s} {r.share_pct:.1f}% ({r.area_km2:,.0f} km², as of {r.date:%d %b %Y})"
                        for s, r in at.iterrows())
            + f" of Ukraine's {area['ukraine_area_km2'].iloc[0]:,.0f} km².")
    nzz = area.loc[area["series"] == "nzz", "date"]
    if not nzz.empty:
        text += f" The NZZ series ended in {nzz.max():%B %Y}."
    text += (" Each source uses its own map and baseline; the chart shows them side by side "
             "and never joins them.")
    ds = area[area["series"] == "deepstatemap"].sort_values("date")
    before, after = ds[ds["date"] <= day1000], ds[ds["date"] > day1000]
    if not before.empty and not after.empty:  # with as_of, a later map may not be out yet
        ds_before, ds_after = before.iloc[-1], after.iloc[0]
        text += (f" DeepStateMap's snapshots either side of that day give "
                 f"{ds_before['share_pct']:.2f}% ({ds_before['date']:%d %b}) and "
                 f"{ds_after['share_pct']:.2f}% ({ds_after['date']:%d %b %Y}).")
    return text


def _losses_paragraph(claims: pd.DataFrame, day1000: pd.Timestamp) -> str:
    from warstats.analysis.conflict import daily_losses

    daily = daily_losses(claims)
    pers = daily[daily["measure"] == "personnel"]
    at_day = pers[pers["date"] <= day1000].iloc[-1]
    last = pers.iloc[-1]
    recent = pers[pers["date"] > last["date"] - pd.Timedelta(days=365)]["daily"].mean()
    return (
        "Ukraine's General Staff claims, unverified, that Russia lost about "
        f"{at_day['value']:,.0f} personnel by {at_day['date']:%d %B %Y} "
        f"and {last['value']:,.0f} by {last['date']:%d %B %Y}; the claimed daily figure "
        f"averaged {recent:,.0f} over the last year. These are claims by a party to the war.")


SECTION = Section(key="conflict", title="Conflict dynamics", build=build)
