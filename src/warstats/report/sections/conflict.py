"""Conflict-dynamics section: air attacks, occupied territory, party loss claims, other wars."""

from __future__ import annotations

import pandas as pd

from warstats import labels
from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent


def _complete_months(rates: pd.DataFrame, attacks: pd.DataFrame) -> pd.DataFrame:
    """Drop the last month when the data stop before its end (a partial month)."""
    last = attacks["date"].max()
    if (last + pd.Timedelta(days=1)).month == last.month:
        return rates[rates["period"] < last.to_period("M").start_time]
    return rates


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def build(ctx: ReportContext) -> SectionContent:
    from warstats.analysis.conflict import (
        area_at,
        daily_losses,
        deadliest_conflicts,
        rank_of,
    )
    from warstats.analysis.events import interception_rate, largest_attacks
    from warstats.analysis.time import war_day
    from warstats.catalog import series_breaks
    from warstats.charts.conflict import (
        plot_deadliest,
        plot_launches_interceptions,
        plot_occupied_share,
    )
    from warstats.claims.read import article_date
    from warstats.tables.sourced import sourced_table

    day1000 = article_date()  # the seed article's date (war day 1,000), defined once
    attacks = ctx.load("air_attacks")
    area = ctx.load("occupied_area")
    claims = ctx.load("loss_claims")
    deaths = ctx.load("conflict_deaths")

    rates = _complete_months(interception_rate(attacks), attacks)
    national = attacks[~attacks["regional_row"]]
    uav = rates[rates["category"] == "UAV"]
    peak = uav.loc[uav["launched"].idxmax()]
    last12 = rates[rates["period"] > rates["period"].max() - pd.DateOffset(months=12)]
    by_cat = last12.groupby("category", observed=True)[["launched", "destroyed"]].sum()
    top = largest_attacks(attacks, 8)
    first = top.iloc[0]

    window = national[(national["date"] >= day1000 - pd.Timedelta(days=2))
                      & (national["date"] <= day1000)]
    wsum = window.groupby("category")[["launched", "destroyed", "not_reach_goal"]].sum(
        min_count=1)
    big = largest_attacks(window, 1).iloc[0]
    at = area_at(area, day1000, max_gap_days=31).set_index("series")
    ds = area[area["series"] == "deepstatemap"].sort_values("date")
    ds_before = ds[ds["date"] <= day1000].iloc[-1]
    ds_after = ds[ds["date"] > day1000].iloc[0]
    text = [
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
        f"Around the war's {war_day(day1000):,}th day ({day1000:%d %B %Y}), attacks starting on "
        f"{day1000 - pd.Timedelta(days=2):%d}–{day1000:%d %B} were reported as: "
        + "; ".join(f"{c} {r.launched:,.0f} launched, {r.destroyed:,.0f} destroyed"
                    + (f", {r.not_reach_goal:,.0f} did not reach the target"
                       if pd.notna(r.not_reach_goal) else "")
                    for c, r in wsum.sort_values("launched", ascending=False).iterrows())
        + f". The largest, on {big['date']:%d %B}, involved {big['launched']:,.0f} weapons "
        f"({big['destroyed']:,.0f} claimed destroyed).",
        "Occupied territory on that day, by map source: "
        + "; ".join(f"{s} {r.share_pct:.1f}% ({r.area_km2:,.0f} km², as of {r.date:%d %b %Y})"
                    for s, r in at.iterrows())
        + f" of Ukraine's {area['ukraine_area_km2'].iloc[0]:,.0f} km². The NZZ series ended in "
        f"{area.loc[area['series'] == 'nzz', 'date'].max():%B %Y}. Each source uses its own map "
        "and baseline; the chart shows them side by side and never joins them. "
        f"DeepStateMap's snapshots either side of that day give {ds_before['share_pct']:.2f}% "
        f"({ds_before['date']:%d %b}) and {ds_after['share_pct']:.2f}% "
        f"({ds_after['date']:%d %b %Y}).",
    ]
    daily = daily_losses(claims)
    pers = daily[daily["measure"] == "personnel"]
    at_day = pers[pers["date"] <= day1000].iloc[-1]
    last = pers.iloc[-1]
    recent = pers[pers["date"] > last["date"] - pd.Timedelta(days=365)]["daily"].mean()
    text.append(
        "Ukraine's General Staff claims, unverified, that Russia lost about "
        f"{at_day['value']:,.0f} personnel by {at_day['date']:%d %B %Y} "
        f"and {last['value']:,.0f} by {last['date']:%d %B %Y}; the claimed daily figure "
        f"averaged {recent:,.0f} over the last year. These are claims by a party to the war.")
    rank = rank_of(deaths, "UKR").iloc[-1]
    place = "deadliest" if rank["rank"] == 1 else "second-deadliest" if rank[
        "rank"] == 2 else f"no. {int(rank['rank'])}"
    text.append(
        f"In {int(rank['year'])}, the last year of the UCDP series, the war made Ukraine the "
        f"{place} conflict country: "
        f"{rank['value']:,.0f} deaths ({rank['share_pct']:.0f}% of the world's conflict "
        "deaths), counting combatants of both sides and civilians where they died.")

    figures = [
        FigureItem("conflict_uav_launches", plot_launches_interceptions(
            rates, categories=["UAV"], title="Drones launched at Ukraine and claimed destroyed"
        ).figure, "Drones per month: launched and claimed destroyed (Ukrainian Air Force)"),
        FigureItem("conflict_missile_launches", plot_launches_interceptions(
            rates, categories=["cruise missile", "ballistic missile"],
            title="Missiles launched at Ukraine and claimed destroyed").figure,
            "Missiles per month: launched and claimed destroyed (Ukrainian Air Force)"),
        FigureItem("conflict_occupied_share", plot_occupied_share(
            area, breaks=series_breaks("occupied_area"), highlight=day1000).figure,
            "Share of Ukraine held by Russia by map source; dotted line: "
            f"{day1000:%d %b %Y}"),
    ]
    top_deaths = deadliest_conflicts(deaths, int(rank["year"]), n=10)
    figures.append(FigureItem("conflict_deadliest", plot_deadliest(
        top_deaths, year=int(rank["year"])).figure, "Deadliest conflicts by country"))
    display = top[["date", "models", "launched", "destroyed", "not_reach_goal"]].assign(
        date=top["date"].dt.strftime("%Y-%m-%d")).rename(columns={
            "date": "Date", "models": "Weapons", "launched": "Launched",
            "destroyed": "Destroyed (claimed)", "not_reach_goal": "Did not reach target"})
    table = sourced_table(display, top, "Largest reported attacks on Ukraine")
    shares = at.reset_index()[["series", "date", "area_km2", "share_pct"]]
    share_table = sourced_table(
        shares.assign(series=shares["series"].map(labels.series),
                      date=shares["date"].dt.strftime("%Y-%m-%d")).rename(columns={
            "series": "Map source", "date": "As of", "area_km2": "Area (km²)",
            "share_pct": "Share of Ukraine (%)"}),
        at.reset_index(), f"Occupied area on {day1000:%d %B %Y} by map source",
        number_columns={"Share of Ukraine (%)": 1})
    return SectionContent(
        paragraphs=text, figures=figures,
        tables=[("conflict_largest_attacks", table), ("conflict_occupied_day1000", share_table)],
        datasets=["air_attacks", "occupied_area", "loss_claims", "conflict_deaths"],
    )


SECTION = Section(key="conflict", title="Conflict dynamics", build=build)
