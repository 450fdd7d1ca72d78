"""Civilian casualties section: OHCHR verified minimums, latest revision and as published."""

from __future__ import annotations

import pandas as pd

from warstats.claims.read import article_date, read_claims
from warstats.report.registry import (
    FigureItem,
    NotYetKnown,
    ReportContext,
    Section,
    SectionContent,
)

#: The seed article's date (19 Nov 2024, war day 1,000) for the "as known then" paragraph.
SEED_DATE = article_date()  # defined once: the reference date of seeds/claims.csv
POPULATION_YEAR = 2021


def _seed_claims() -> dict[str, tuple[str, float]]:
    """The seed article's casualty claims, from seeds/claims.csv: measure -> (qualifier,
    figure)."""
    claims = read_claims()
    claims = claims[(claims["aggregation"] == "cumulative_to_date")
                    & (claims["reading"].str.strip() == "")]
    return {m: (q, f) for m, q, f in zip(claims["measure"], claims["qualifier"],
                                         claims["figure"], strict=True)}


#: The seed article's wording: measure -> (qualifier, number), read from the claims file.
SEED_CLAIMS = _seed_claims()


def _claim_holds(qualifier: str, number: float, value: float) -> bool:
    """The qualifier's tolerance of seeds/claim_rules.csv (the same rules as the claims)."""
    from warstats.claims.rules import within

    return within(number, value, qualifier)


def _verdict(values: dict[str, float]) -> str:
    parts = []
    for measure, (qualifier, number) in SEED_CLAIMS.items():
        ok = _claim_holds(qualifier, number, values[measure])
        parts.append(f"{_n(values[measure])} {measure} ({'fits' if ok else 'does not fit'} "
                     f"\"{qualifier} {_n(number)}\")")
    return " and ".join(parts)


def _n(x: float) -> str:
    return f"{x:,.0f}"


def _by_measure(df: pd.DataFrame, column: str = "value") -> dict[str, float]:
    return dict(zip(df["measure"].astype(str), df[column], strict=True))


def build(ctx: ReportContext) -> SectionContent:
    """The section; with ``as_of``, each part whose data was not yet published says so."""
    out = SectionContent(datasets=["casualties_published", "casualties_monthly", "population"])
    published = ctx.load("casualties_published")
    monthly = ctx.load("casualties_monthly")
    published.attrs["kind"] = "cumulative"
    monthly.attrs["kind"] = "flow"
    for frame in (published, monthly):
        frame["measure"] = frame["measure"].astype(str)
    if ctx.as_of is not None and monthly.empty and not published.empty:
        _as_published_paragraph(ctx, out, published)
    with ctx.part(out, "the totals in the latest revision", needs=["casualties_monthly"]):
        _totals_paragraph(ctx, out, monthly)
    with ctx.part(out, "the deadliest year", needs=["casualties_monthly"]):
        out.paragraphs.append(_years_paragraph(monthly))
    with ctx.part(out, "the revision since first publication",
                  needs=["casualties_published", "casualties_monthly"]):
        out.paragraphs.append(_revision_paragraph(published, monthly))
    with ctx.part(out, "the comparison with the news article", needs=["casualties_published"]):
        out.paragraphs.append(_seed_paragraph(ctx, published, monthly))
    _charts_and_table(ctx, out, published, monthly)
    return out


def _as_published_paragraph(ctx: ReportContext, out: SectionContent,
                            published: pd.DataFrame) -> None:
    """Before the latest revision was out: the newest figure published by ``as_of``."""
    from warstats.analysis.casualties import known_on
    from warstats.labels import date_label

    with ctx.part(out, "the figures as published", needs=["casualties_published"]):
        seen = known_on(published, ctx.as_of)
        values, day = _by_measure(seen), seen["date"].max()
        out.paragraphs.append(
            f"As published by {date_label(ctx.as_of)}, OHCHR's verified minimums (relayed by "
            f"OCHA) stood at {_n(values['killed'])} civilians killed and "
            f"{_n(values['injured'])} injured in Ukraine from 24 February 2022 to "
            f"{date_label(day)}, published on {date_label(seen['published'].max())}. These "
            "are verified minimums: HRMMU states the real numbers are considerably higher.")


def _totals_paragraph(ctx: ReportContext, out: SectionContent, monthly: pd.DataFrame) -> None:
    from warstats.analysis.casualties import rate_per_100k, to_cumulative

    cumulative = to_cumulative(monthly)
    last_date = cumulative["date"].max()
    latest = cumulative[cumulative["date"] == last_date]
    now = _by_measure(latest)
    lead = (f"OHCHR's monitoring mission (HRMMU) had verified at least {_n(now['killed'])} "
            f"civilians killed and {_n(now['injured'])} injured in Ukraine from 24 February 2022 "
            f"to {last_date:%d %B %Y} (sum of monthly figures in the latest revision).")
    tail = (" These are verified minimums: HRMMU states the real numbers are considerably "
            "higher.")
    out.paragraphs.append(lead + tail)
    with ctx.part(out, "the figures per 100,000 people", needs=["population"]):
        rates = _by_measure(rate_per_100k(latest, ctx.load("population"),
                                          year=POPULATION_YEAR), "per_100000")
        out.paragraphs[-1] = (
            f"{lead} That is {rates['killed']:.1f} killed and {rates['injured']:.1f} injured per "
            f"100,000 of the pre-war ({POPULATION_YEAR}) population.{tail}")


def _annual(monthly: pd.DataFrame) -> pd.DataFrame:
    from warstats.analysis.casualties import annual_totals, average_per_day

    return average_per_day(annual_totals(monthly))


def _years_paragraph(monthly: pd.DataFrame) -> str:
    annual = _annual(monthly)
    full_years = annual[annual["period_end"].dt.month.eq(12)
                        & annual["period_end"].dt.day.eq(31)]
    killed_years = full_years[full_years["measure"] == "killed"]
    worst = killed_years.loc[killed_years["value"].idxmax()]
    return (
        f"{int(worst['year'])} was the deadliest full year: at least {_n(worst['value'])} "
        f"killed, {worst['per_day']:.1f} a day on average. "
        + " ".join(f"In {int(r.year)}, at least {_n(r.value)} were killed ({r.per_day:.1f} a "
                   "day)." for r in killed_years.itertuples() if r.year != worst["year"]))


def _revision_paragraph(published: pd.DataFrame, monthly: pd.DataFrame) -> str:
    from warstats.analysis.casualties import revision

    rev = revision(published, monthly)
    end22 = rev[rev["date"] == pd.Timestamp("2022-12-31")]
    rev22 = {r.measure: r for r in end22.itertuples()}
    return (
        "Counts grow as verification continues. At the end of 2022 OHCHR had published "
        f"{_n(rev22['killed'].as_published)} killed and {_n(rev22['injured'].as_published)} "
        f"injured; the latest monthly figures put the same period at "
        f"{_n(rev22['killed'].latest)} killed ({rev22['killed'].revision_pct:+.0f}%) and "
        f"{_n(rev22['injured'].latest)} injured ({rev22['injured'].revision_pct:+.0f}%).")


def _seed_paragraph(ctx: ReportContext, published: pd.DataFrame,
                    monthly: pd.DataFrame) -> str:
    """The news article's figures against what was published by its date (and, once out,
    the latest revision of the same period)."""
    from warstats.analysis.casualties import known_on, to_cumulative
    from warstats.analysis.time import war_day
    from warstats.labels import date_label
    from warstats.provenance.registry import get_source
    from warstats.readers.seeds import read_figures

    if ctx.as_of is not None and ctx.as_of < SEED_DATE:
        raise NotYetKnown(f"the news article of {date_label(SEED_DATE)}")
    seen = known_on(published, SEED_DATE)
    seen_v = _by_measure(seen)
    seen_date = seen["date"].max()
    month_before = (SEED_DATE.to_period("M") - 1).end_time.normalize()

    figures = read_figures()
    hrmmu = figures[figures["figure_id"].str.startswith("hrmmu_")
                    & (figures["reference_date"] == month_before)]
    hrmmu_v = {fid.split("_")[1]: v for fid, v in zip(hrmmu["figure_id"], hrmmu["value"],
                                                        strict=True)}

    seed_par = (
        f"The news article of {SEED_DATE:%d %B %Y} (war day {war_day(SEED_DATE):,}, counting "
        "24 February 2022 as day 1) cites "
        + " and ".join(f"{q} {_n(f)} {m}" for m, (q, f) in SEED_CLAIMS.items()) + ". The "
        "as-published series held here ends earlier: the newest figure published by then was "
        f"that of {seen_date:%d %B %Y}: {_verdict(seen_v)}.")
    same = published[(published["source_id"] == seen["source_id"].iloc[0])
                     & (published["measure"] == "killed")
                     & (published["value"] == seen_v["killed"])]
    if same["date"].min() < seen_date:
        seed_par += (f" That figure had not changed since {same['date'].min():%d %B %Y}: "
                     "OCHA had stopped updating the series.")
    if set(hrmmu_v) == set(SEED_CLAIMS):
        pub_date = pd.Timestamp(get_source(hrmmu["source_id"].iloc[0]).published)
        seed_par += (
            f" HRMMU's own figure to {month_before:%d %B %Y}, reported on {pub_date:%d %B %Y} "
            f"({(SEED_DATE - pub_date).days} days before the article; seeds/figures.csv), was "
            f"{_verdict(hrmmu_v)}.")
    if monthly.empty:  # the latest revision was not yet out: the totals part says so
        return seed_par
    cumulative = to_cumulative(monthly)
    latest_then = _by_measure(cumulative[cumulative["date"] == month_before])
    return seed_par + (
        f" The latest revision puts the same period at {_verdict(latest_then)}"
        + (f": {_n(latest_then['killed'] - hrmmu_v['killed'])} killed and "
           f"{_n(latest_then['injured'] - hrmmu_v['injured'])} injured more than first "
           "published." if set(hrmmu_v) == set(SEED_CLAIMS) else "."))


def _charts_and_table(ctx: ReportContext, out: SectionContent, published: pd.DataFrame,
                      monthly: pd.DataFrame) -> None:
    from warstats.analysis.casualties import revision, to_cumulative
    from warstats.catalog import series_breaks
    from warstats.charts.casualties import plot_cumulative, plot_monthly, plot_revision
    from warstats.tables.sourced import sourced_table

    bundle = published[published["source_id"] == "ocha_ude_casualties"]
    with ctx.part(out, "the cumulative chart", needs=["casualties_published"]):
        if monthly.empty:  # with as_of, before the latest revision: as published only
            ax1 = plot_cumulative(bundle, breaks=series_breaks("casualties_published"),
                                  series_labels={"ocha_ude_casualties": "as published"})
            caption = "Cumulative civilians killed and injured (at least), as published"
        else:
            both = pd.concat([to_cumulative(monthly), bundle], ignore_index=True)
            ax1 = plot_cumulative(both, breaks=series_breaks("casualties_published"),
                                  series_labels={"engelde_ohchr_monthly": "latest revision",
                                                 "ocha_ude_casualties": "as published"})
            caption = "Cumulative civilians killed and injured (at least), latest revision"
        out.figures.append(FigureItem("casualties_cumulative", ax1.figure, caption))
    with ctx.part(out, "the monthly chart", needs=["casualties_monthly"]):
        out.figures.append(FigureItem("casualties_monthly", plot_monthly(monthly).figure,
                                      "Civilians killed and injured per month (at least)"))
    with ctx.part(out, "the revision chart",
                  needs=["casualties_published", "casualties_monthly"]):
        out.figures.append(FigureItem(
            "casualties_revision", plot_revision(revision(published, monthly)).figure,
            "Cumulative figures as published and in the latest revision"))
    with ctx.part(out, "the table by year", needs=["casualties_monthly"]):
        annual = _annual(monthly)
        table_rows = annual.pivot_table(index="year", columns="measure", values="value",
                                        aggfunc="sum").reset_index()
        span = annual.groupby("year").agg(start=("period_start", "min"),
                                          end=("period_end", "max"))
        table_rows["Period"] = [f"{span.at[y, 'start']:%d %b} – {span.at[y, 'end']:%d %b %Y}"
                                for y in table_rows["year"]]
        display = table_rows.rename(columns={"year": "Year", "killed": "Killed (at least)",
                                             "injured": "Injured (at least)"})[
            ["Year", "Period", "Killed (at least)", "Injured (at least)"]]
        out.tables.append(("casualties_by_year", sourced_table(
            display, monthly, "Civilians killed and injured in Ukraine by year (latest revision)",
            subtitle="OHCHR / HRMMU verified minimums, sum of monthly figures",
            note="Verified minimums; earlier months are revised upward as verification "
                 "continues")))


SECTION = Section(key="casualties", title="Civilian casualties", build=build)
