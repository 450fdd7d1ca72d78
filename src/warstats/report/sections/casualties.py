"""Civilian casualties section: OHCHR verified minimums, latest revision and as published."""

from __future__ import annotations

import pandas as pd

from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent

#: The seed article's date (19 Nov 2024, war day 1,000) for the "as known then" paragraph.
SEED_DATE = pd.Timestamp("2024-11-19")
POPULATION_YEAR = 2021


def _n(x: float) -> str:
    return f"{x:,.0f}"


def _by_measure(df: pd.DataFrame, column: str = "value") -> dict[str, float]:
    return dict(zip(df["measure"].astype(str), df[column], strict=True))


def build(ctx: ReportContext) -> SectionContent:
    from warstats.analysis.breaks import series_breaks
    from warstats.analysis.casualties import (
        annual_totals,
        average_per_day,
        known_on,
        rate_per_100k,
        revision,
        to_cumulative,
    )
    from warstats.analysis.time import war_day
    from warstats.charts.casualties import plot_cumulative, plot_monthly, plot_revision
    from warstats.tables.sourced import sourced_table

    published = ctx.load("casualties_published")
    monthly = ctx.load("casualties_monthly")
    population = ctx.load("population")
    published.attrs["kind"] = "cumulative"
    monthly.attrs["kind"] = "flow"
    for frame in (published, monthly):
        frame["measure"] = frame["measure"].astype(str)

    cumulative = to_cumulative(monthly)
    last_date = cumulative["date"].max()
    latest = cumulative[cumulative["date"] == last_date]
    rates = _by_measure(rate_per_100k(latest, population, year=POPULATION_YEAR), "per_100000")
    now = _by_measure(latest)

    annual = average_per_day(annual_totals(monthly))
    full_years = annual[annual["period_end"].dt.month.eq(12)
                        & annual["period_end"].dt.day.eq(31)]
    killed_years = full_years[full_years["measure"] == "killed"]
    worst = killed_years.loc[killed_years["value"].idxmax()]

    rev = revision(published, monthly)
    end22 = rev[rev["date"] == pd.Timestamp("2022-12-31")]
    rev22 = {r.measure: r for r in end22.itertuples()}

    seen = known_on(published, SEED_DATE)
    seen_v = _by_measure(seen)
    seen_date = seen["date"].max()
    month_before = (SEED_DATE.to_period("M") - 1).end_time.normalize()
    latest_then = _by_measure(cumulative[cumulative["date"] == month_before])

    text = [
        f"OHCHR's monitoring mission (HRMMU) had verified at least {_n(now['killed'])} "
        f"civilians killed and {_n(now['injured'])} injured in Ukraine from 24 February 2022 to "
        f"{last_date:%d %B %Y} (sum of monthly figures in the latest revision). That is "
        f"{rates['killed']:.1f} killed and {rates['injured']:.1f} injured per 100,000 of the "
        f"pre-war ({POPULATION_YEAR}) population. These are verified minimums: HRMMU states the "
        "real numbers are considerably higher.",
        f"{int(worst['year'])} was the deadliest full year: at least {_n(worst['value'])} "
        f"killed, {worst['per_day']:.1f} a day on average. "
        + " ".join(f"In {int(r.year)}, at least {_n(r.value)} were killed ({r.per_day:.1f} a "
                   "day)." for r in killed_years.itertuples() if r.year != worst["year"]),
        "Counts grow as verification continues. At the end of 2022 OHCHR had published "
        f"{_n(rev22['killed'].as_published)} killed and {_n(rev22['injured'].as_published)} "
        f"injured; the latest monthly figures put the same period at "
        f"{_n(rev22['killed'].latest)} killed ({rev22['killed'].revision_pct:+.0f}%) and "
        f"{_n(rev22['injured'].latest)} injured ({rev22['injured'].revision_pct:+.0f}%).",
        f"The seed article of {SEED_DATE:%d %B %Y} (war day {war_day(SEED_DATE):,}) cites over "
        "12,000 killed and nearly 27,000 injured. The as-published series held here ends "
        f"earlier: the newest figure published by then was that of {seen_date:%d %B %Y}, "
        f"{_n(seen_v['killed'])} killed and {_n(seen_v['injured'])} injured. The latest "
        f"revision puts the toll to {month_before:%d %B %Y} at {_n(latest_then['killed'])} "
        f"killed and {_n(latest_then['injured'])} injured, in line with the article.",
    ]

    bundle = published[published["source_id"] == "ocha_ude_casualties"]
    both = pd.concat([cumulative, bundle], ignore_index=True)
    ax1 = plot_cumulative(both, breaks=series_breaks("casualties_published"),
                          series_labels={"engelde_ohchr_monthly": "latest revision",
                                         "ocha_ude_casualties": "as published"})
    ax2 = plot_monthly(monthly)
    ax3 = plot_revision(rev)

    table_rows = annual.pivot_table(index="year", columns="measure", values="value",
                                    aggfunc="sum").reset_index()
    span = annual.groupby("year").agg(start=("period_start", "min"), end=("period_end", "max"))
    table_rows["Period"] = [f"{span.at[y, 'start']:%d %b} – {span.at[y, 'end']:%d %b %Y}"
                            for y in table_rows["year"]]
    display = table_rows.rename(columns={"year": "Year", "killed": "Killed (at least)",
                                         "injured": "Injured (at least)"})[
        ["Year", "Period", "Killed (at least)", "Injured (at least)"]]
    table = sourced_table(display, monthly,
                          "Civilians killed and injured in Ukraine by year (latest revision)",
                          subtitle="OHCHR / HRMMU verified minimums, sum of monthly figures",
                          note="Verified minimums; earlier months are revised upward as "
                               "verification continues")
    return SectionContent(
        paragraphs=text,
        figures=[
            FigureItem("casualties_cumulative", ax1.figure,
                       "Cumulative civilians killed and injured (at least), latest revision"),
            FigureItem("casualties_monthly", ax2.figure,
                       "Civilians killed and injured per month (at least)"),
            FigureItem("casualties_revision", ax3.figure,
                       "Cumulative figures as published and in the latest revision"),
        ],
        tables=[("casualties_by_year", table)],
        datasets=["casualties_published", "casualties_monthly", "population"],
    )


SECTION = Section(key="casualties", title="Civilian casualties", build=build)
