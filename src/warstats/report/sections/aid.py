"""Aid section: who allocated what (Kiel), US packages, humanitarian appeals (FTS)."""

from __future__ import annotations

from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent

GDP_YEAR = 2023
POP_YEAR = 2021


def build(ctx: ReportContext) -> SectionContent:
    import pandas as pd

    from warstats import labels
    from warstats.analysis import aid as A
    from warstats.charts import aid as C
    from warstats.tables.sourced import sourced_table

    donors = ctx.load("aid_by_donor")
    ranking = A.donor_ranking(donors)
    shares = A.aid_share_of_gdp(ranking, ctx.load("gdp"), ctx.load("fx_rates"), year=GDP_YEAR)
    per_person = A.aid_per_capita(ranking, ctx.load("population"), year=POP_YEAR)
    monthly = A.monthly_allocations(ctx.load("aid_by_month"))
    packages = ctx.load("us_packages")
    by_year = A.us_packages_by_year(packages)
    appeals = ctx.load("appeals")
    coverage = A.appeal_coverage(appeals, country="UKR")
    coverage = coverage[coverage["year"] >= 2014]
    latest_full = int(coverage["year"].max()) - 1
    compare = A.compare_appeals(appeals, latest_full)

    total = ranking["total"].sum()
    eui = ranking[ranking["donor_iso3"] == "EUI"].iloc[0]
    members = ranking[ranking["donor_iso3"].isin(
        donors.loc[donors["eu_member"], "donor_iso3"])]["total"].sum()
    usa = ranking[ranking["donor_iso3"] == "USA"].iloc[0]
    top_gdp = shares.iloc[0]
    top_pp = per_person.iloc[0]
    last = monthly[monthly["month"] == monthly["month"].max()]
    pda = packages[packages["authority"] == "PDA"]
    ukr = compare[compare["is_focus"]].iloc[0]
    flash = coverage[coverage["year"] == 2022].iloc[0]
    text = [
        f"The Kiel Institute's Ukraine Support Tracker (Release 28, as summarised by a third "
        f"party) counts EUR {total:,.1f} billion allocated to Ukraine by {len(ranking)} donors "
        f"from {donors['period_start'].min():%B %Y} to {donors['period_end'].max():%B %Y}, "
        "in nominal euros. These are allocations only: the summary holds no pledges or "
        "deliveries, so none are shown.",
        f"The United States allocated EUR {usa['total']:,.1f} billion "
        f"({usa['share_pct']:.0f}% of the total). EU institutions allocated EUR "
        f"{eui['total']:,.1f} billion as a donor of their own and the EU member states "
        f"EUR {members:,.1f} billion; the two are never added, because the member states "
        "also fund the EU budget.",
        f"Against the size of their economies, {top_gdp['donor_name']} gave most: "
        f"{top_gdp['pct_gdp']:.2f}% of its {GDP_YEAR} GDP (all allocations since 2021 over one "
        f"year's GDP, converted at the ECB's {GDP_YEAR} average rate of "
        f"{top_gdp['fx_rate']:.4f} US$ per euro). Per inhabitant, {top_pp['donor_name']} "
        f"leads with EUR {top_pp['per_person']:,.0f} per person ({POP_YEAR} population).",
        f"Cumulative allocations reached EUR {last['cumulative'].sum():,.1f} billion by "
        f"{last['month'].max():%B %Y}; the monthly series sums slightly below the donor table.",
        f"The US made {len(packages.drop_duplicates('date'))} security-assistance package "
        f"announcements between {_day(packages['date'].min())} and "
        f"{_day(packages['date'].max())}: US$ {pda['value'].sum() / 1000:,.1f} billion "
        f"under drawdown authority (PDA, {len(pda)} announcements) and US$ "
        f"{packages.loc[packages['authority'] == 'USAI', 'value'].sum() / 1000:,.1f} billion "
        "for procurement (USAI), at announced nominal values.",
        f"OCHA's 2022 Flash Appeal for Ukraine required US$ {flash['requirements'] / 1e9:,.2f} "
        f"billion and was {flash['pct_funded']:.0f}% funded (it superseded the 2022 "
        f"response plan, which is not counted). In {latest_full} Ukraine's plan was the "
        f"{_ordinal(int(ukr['rank_requirements']))} largest of {len(compare)} country "
        f"appeals (US$ {ukr['requirements'] / 1e9:,.2f} billion, {ukr['pct_funded']:.0f}% "
        f"funded, against a median of {compare['pct_funded'].median():.0f}%).",
    ]
    text.append(_seed_paragraph(ranking, packages, ctx))
    figures = [
        FigureItem("aid_top_donors", C.plot_top_donors(ranking).figure,
                   "Top donors by aid type, EUR billions allocated (Kiel R28)"),
        FigureItem("aid_share_of_gdp", C.plot_share_of_gdp(shares).figure,
                   f"Allocations as % of donor GDP ({GDP_YEAR})"),
        FigureItem("aid_cumulative", C.plot_cumulative_allocations(monthly).figure,
                   "Cumulative allocations by type"),
        FigureItem("aid_us_packages", C.plot_us_packages(packages).figure,
                   "US security-assistance packages as announced"),
        FigureItem("aid_appeal_coverage", C.plot_appeal_coverage(coverage).figure,
                   "Ukraine humanitarian appeals: requirement vs funding"),
    ]
    top = ranking.head(15)
    display = top[["rank", "donor_name", "military", "financial", "humanitarian",
                   "total", "share_pct"]].rename(columns={
                       "rank": "Rank", "donor_name": "Donor", "military": "Military",
                       "financial": "Financial", "humanitarian": "Humanitarian",
                       "total": "Total", "share_pct": "Share (%)"})
    span = f"{donors['period_start'].min():%b %Y} – {donors['period_end'].max():%b %Y}"
    t1 = sourced_table(display, top, "Top 15 donors: allocations to Ukraine, EUR billions",
                       subtitle=f"Stage: allocated; nominal EUR; {span}",
                       note=f"Shares are of all {len(ranking)} donors' sum, which includes both EU "
                            "institutions and member states",
                       number_columns={c: 2 for c in ["Military", "Financial",
                                                      "Humanitarian", "Total"]}
                       | {"Share (%)": 1})
    us = by_year.pivot_table(index="year", columns="authority", values="value",
                             observed=True, aggfunc="sum").fillna(0.0).reset_index()
    us.columns = [labels.series(str(c)) if c != "year" else "Year" for c in us.columns]
    t2 = sourced_table(us, packages, "US packages by year and authority, US$ millions "
                       "announced")
    cov = coverage[["year", "appeals", "requirements", "funding", "pct_funded"]].copy()
    cov["appeals"] = cov["appeals"].map(labels.appeals)
    cov["requirements"] = cov["requirements"] / 1e6
    cov["funding"] = cov["funding"] / 1e6
    cov = cov.rename(columns={"year": "Year", "appeals": "Appeal", "requirements":
                              "Required (US$ m)", "funding": "Funded (US$ m)",
                              "pct_funded": "Funded (%)"})
    t3 = sourced_table(cov, coverage, "Ukraine humanitarian appeals: coverage by year",
                       number_columns={"Funded (%)": 0})
    top_appeals = compare.head(10).copy()
    if not top_appeals["is_focus"].any():
        top_appeals = pd.concat([top_appeals, compare[compare["is_focus"]]])
    top_appeals["country"] = top_appeals["country_iso3"].map(labels.country)
    top_appeals["appeals"] = top_appeals["appeals"].map(labels.appeals)
    shown = top_appeals[["rank_requirements", "country", "appeals", "requirements",
                         "pct_funded"]].assign(requirements=top_appeals["requirements"] / 1e9)
    shown = shown.rename(columns={"rank_requirements": "Rank", "country": "Country",
                                  "appeals": "Appeal", "requirements": "Required (US$ bn)",
                                  "pct_funded": "Funded (%)"})
    t4 = sourced_table(shown, top_appeals, f"Largest country appeals in {latest_full}",
                       subtitle="Country plans only; regional refugee plans and superseded "
                                "appeals not counted",
                       number_columns={"Required (US$ bn)": 2, "Funded (%)": 0})
    return SectionContent(
        paragraphs=text, figures=figures,
        tables=[("aid_top_donors", t1), ("aid_us_packages_by_year", t2),
                ("aid_appeal_coverage", t3), ("aid_largest_appeals", t4)],
        datasets=["aid_by_donor", "aid_by_month", "us_packages", "appeals", "gdp",
                  "fx_rates", "population"],
    )


def _seed_paragraph(ranking, packages, ctx: ReportContext) -> str:
    """The seed article's Denmark pledge (seeds/figures.csv) against Kiel and US packages."""
    import pandas as pd

    from warstats.analysis.money import convert
    from warstats.analysis.time import war_day
    from warstats.readers.seeds import read_figures

    fig = read_figures().set_index("figure_id").loc["dnk_arms_industry_pledge_20241119"]
    day = pd.Timestamp(fig["reference_date"])
    pledge = pd.DataFrame({"date": [day], "value": [float(fig["value"])], "currency": "USD",
                           "unit": [fig["unit"]], "source_id": [fig["source_id"]]})
    eur = convert(pledge, "EUR", "on-date", rates=ctx.load("fx_rates")).iloc[0]
    dnk = ranking[ranking["donor_iso3"] == "DNK"].iloc[0]
    near = packages[(packages["date"] - day).abs() <= pd.Timedelta(days=14)]
    listed = "; ".join(f"{_day(r.date)}: US$ {r.value:,.0f} million ({r.authority})"
                       for r in near.itertuples())
    return (
        f"On {_day(day)}, day {war_day(day):,} of the full-scale war, Denmark pledged "
        f"US$ {fig['value']:,.0f} million for Ukraine's arms industry "
        f"(EUR {eur['value']:,.0f} million at that day's "
        f"ECB rate). A pledge is a different stage from Kiel's allocations: Denmark's "
        f"allocations to January 2026 total EUR {dnk['total']:,.2f} billion "
        f"(EUR {dnk['military']:,.2f} billion military), so the pledge equals "
        f"{eur['value'] / 1000 / dnk['total'] * 100:.1f}% of that, and the summary cannot "
        f"show whether it was later allocated. US packages announced within two weeks of "
        f"that day: {listed or 'none'}."
    )


def _day(ts) -> str:
    return f"{ts.day} {ts:%B %Y}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


SECTION = Section(key="aid", title="Aid pledges and funding", build=build)
