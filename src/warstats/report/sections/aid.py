"""Aid section: who allocated what (Kiel), US packages, humanitarian appeals (FTS)."""

from __future__ import annotations

from warstats.report.registry import (
    FigureItem,
    NotYetKnown,
    ReportContext,
    Section,
    SectionContent,
)

GDP_YEAR = 2023
POP_YEAR = 2021


def build(ctx: ReportContext) -> SectionContent:
    """The section; with ``as_of``, each part whose data was not yet published says so."""
    import pandas as pd

    from warstats import labels
    from warstats.analysis import aid as A
    from warstats.charts import aid as C
    from warstats.tables.sourced import sourced_table

    out = SectionContent(datasets=["aid_by_donor", "aid_by_month", "us_packages", "appeals",
                                   "gdp", "fx_rates", "population"])
    donors = ctx.load("aid_by_donor")
    packages = ctx.load("us_packages")
    appeals = ctx.load("appeals")
    ranking = A.donor_ranking(donors) if not donors.empty else None

    def _shares():
        return A.aid_share_of_gdp(ranking, ctx.load("gdp"), ctx.load("fx_rates"), year=GDP_YEAR)

    def _monthly():
        return A.monthly_allocations(ctx.load("aid_by_month"))

    def _appeals():
        coverage = A.appeal_coverage(appeals, country="UKR")
        coverage = coverage[coverage["year"] >= 2014]
        latest_full = int(coverage["year"].max()) - 1
        return coverage, latest_full, A.compare_appeals(appeals, latest_full)

    kiel = ["aid_by_donor"]
    with ctx.part(out, "the Kiel tracker's totals", needs=kiel):
        total = ranking["total"].sum()
        out.paragraphs.append(
            f"The Kiel Institute's Ukraine Support Tracker (Release 28, as summarised by a "
            f"third party) counts EUR {total:,.1f} billion allocated to Ukraine by "
            f"{len(ranking)} donors from {donors['period_start'].min():%B %Y} to "
            f"{donors['period_end'].max():%B %Y}, in nominal euros. These are allocations "
            "only: the summary holds no pledges or deliveries, so none are shown.")
    with ctx.part(out, "the United States and the EU", needs=kiel):
        eui = ranking[ranking["donor_iso3"] == "EUI"].iloc[0]
        members = ranking[ranking["donor_iso3"].isin(
            donors.loc[donors["eu_member"], "donor_iso3"])]["total"].sum()
        usa = ranking[ranking["donor_iso3"] == "USA"].iloc[0]
        out.paragraphs.append(
            f"The United States allocated EUR {usa['total']:,.1f} billion "
            f"({usa['share_pct']:.0f}% of the total). EU institutions allocated EUR "
            f"{eui['total']:,.1f} billion as a donor of their own and the EU member states "
            f"EUR {members:,.1f} billion; the two are never added, because the member states "
            "also fund the EU budget.")
    with ctx.part(out, "aid against GDP and per inhabitant",
                  needs=["aid_by_donor", "gdp", "fx_rates", "population"]):
        top_gdp = _shares().iloc[0]
        top_pp = A.aid_per_capita(ranking, ctx.load("population"), year=POP_YEAR).iloc[0]
        out.paragraphs.append(
            f"Against the size of their economies, {top_gdp['donor_name']} gave most: "
            f"{top_gdp['pct_gdp']:.2f}% of its {GDP_YEAR} GDP (all allocations since 2021 over "
            f"one year's GDP, converted at the ECB's {GDP_YEAR} average rate of "
            f"{top_gdp['fx_rate']:.4f} US$ per euro). Per inhabitant, {top_pp['donor_name']} "
            f"leads with EUR {top_pp['per_person']:,.0f} per person ({POP_YEAR} population).")
    with ctx.part(out, "the cumulative allocations", needs=["aid_by_month"]):
        monthly = _monthly()
        last = monthly[monthly["month"] == monthly["month"].max()]
        out.paragraphs.append(
            f"Cumulative allocations reached EUR {last['cumulative'].sum():,.1f} billion by "
            f"{last['month'].max():%B %Y}; the monthly series sums slightly below the donor "
            "table.")
    with ctx.part(out, "the US packages", needs=["us_packages"]):
        pda = packages[packages["authority"] == "PDA"]
        out.paragraphs.append(
            f"The US made {len(packages.drop_duplicates('date'))} security-assistance package "
            f"announcements between {_day(packages['date'].min())} and "
            f"{_day(packages['date'].max())}: US$ {pda['value'].sum() / 1000:,.1f} billion "
            f"under drawdown authority (PDA, {len(pda)} announcements) and US$ "
            f"{packages.loc[packages['authority'] == 'USAI', 'value'].sum() / 1000:,.1f} "
            "billion for procurement (USAI), at announced nominal values.")
    with ctx.part(out, "the humanitarian appeals", needs=["appeals"]):
        coverage, latest_full, compare = _appeals()
        ukr = compare[compare["is_focus"]].iloc[0]
        flash = coverage[coverage["year"] == 2022].iloc[0]
        out.paragraphs.append(
            f"OCHA's 2022 Flash Appeal for Ukraine required US$ "
            f"{flash['requirements'] / 1e9:,.2f} billion and was {flash['pct_funded']:.0f}% "
            f"funded (it superseded the 2022 response plan, which is not counted). In "
            f"{latest_full} Ukraine's plan was the "
            f"{_ordinal(int(ukr['rank_requirements']))} largest of {len(compare)} country "
            f"appeals (US$ {ukr['requirements'] / 1e9:,.2f} billion, {ukr['pct_funded']:.0f}% "
            f"funded, against a median of {compare['pct_funded'].median():.0f}%).")
    with ctx.part(out, "the comparison with the news article",
                  needs=["aid_by_donor", "us_packages", "fx_rates"]):
        out.paragraphs.append(_seed_paragraph(ranking, packages, ctx))
    with ctx.part(out, "the chart of top donors", needs=kiel):
        out.figures.append(FigureItem(
            "aid_top_donors", C.plot_top_donors(ranking).figure,
            "Top donors by aid type, EUR billions allocated (Kiel R28)"))
    with ctx.part(out, "the chart of aid as a share of GDP",
                  needs=["aid_by_donor", "gdp", "fx_rates"]):
        out.figures.append(FigureItem(
            "aid_share_of_gdp", C.plot_share_of_gdp(_shares()).figure,
            f"Allocations as % of donor GDP ({GDP_YEAR})"))
    with ctx.part(out, "the chart of cumulative allocations", needs=["aid_by_month"]):
        out.figures.append(FigureItem(
            "aid_cumulative", C.plot_cumulative_allocations(_monthly()).figure,
            "Cumulative allocations by type"))
    with ctx.part(out, "the chart of US packages", needs=["us_packages"]):
        out.figures.append(FigureItem(
            "aid_us_packages", C.plot_us_packages(packages).figure,
            "US security-assistance packages as announced"))
    with ctx.part(out, "the chart of appeal coverage", needs=["appeals"]):
        out.figures.append(FigureItem(
            "aid_appeal_coverage", C.plot_appeal_coverage(_appeals()[0]).figure,
            "Ukraine humanitarian appeals: requirement vs funding"))
    with ctx.part(out, "the table of top donors", needs=kiel):
        top = ranking.head(15)
        display = top[["rank", "donor_name", "military", "financial", "humanitarian",
                       "total", "share_pct"]].rename(columns={
                           "rank": "Rank", "donor_name": "Donor", "military": "Military",
                           "financial": "Financial", "humanitarian": "Humanitarian",
                           "total": "Total", "share_pct": "Share (%)"})
        span = f"{donors['period_start'].min():%b %Y} – {donors['period_end'].max():%b %Y}"
        out.tables.append(("aid_top_donors", sourced_table(
            display, top, "Top 15 donors: allocations to Ukraine, EUR billions",
            subtitle=f"Stage: allocated; nominal EUR; {span}",
            note=f"Shares are of all {len(ranking)} donors' sum, which includes both EU "
                 "institutions and member states",
            number_columns={c: 2 for c in ["Military", "Financial", "Humanitarian", "Total"]}
            | {"Share (%)": 1})))
    with ctx.part(out, "the table of US packages by year", needs=["us_packages"]):
        by_year = A.us_packages_by_year(packages)
        us = by_year.pivot_table(index="year", columns="authority", values="value",
                                 observed=True, aggfunc="sum").fillna(0.0).reset_index()
        us.columns = [labels.series(str(c)) if c != "year" else "Year" for c in us.columns]
        out.tables.append(("aid_us_packages_by_year", sourced_table(
            us, packages, "US packages by year and authority, US$ millions announced")))
    with ctx.part(out, "the tables of humanitarian appeals", needs=["appeals"]):
        coverage, latest_full, compare = _appeals()
        cov = coverage[["year", "appeals", "requirements", "funding", "pct_funded"]].copy()
        cov["appeals"] = cov["appeals"].map(labels.appeals)
        cov["requirements"] = cov["requirements"] / 1e6
        cov["funding"] = cov["funding"] / 1e6
        cov = cov.rename(columns={"year": "Year", "appeals": "Appeal", "requirements":
                                  "Required (US$ m)", "funding": "Funded (US$ m)",
                                  "pct_funded": "Funded (%)"})
        out.tables.append(("aid_appeal_coverage", sourced_table(
            cov, coverage, "Ukraine humanitarian appeals: coverage by year",
            number_columns={"Funded (%)": 0})))
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
        out.tables.append(("aid_largest_appeals", sourced_table(
            shown, top_appeals, f"Largest country appeals in {latest_full}",
            subtitle="Country plans only; regional refugee plans and superseded appeals not "
                     "counted",
            number_columns={"Required (US$ bn)": 2, "Funded (%)": 0})))
    return out


def _seed_paragraph(ranking, packages, ctx: ReportContext) -> str:
    """The seed article's Denmark pledge (seeds/figures.csv) against Kiel and US packages."""
    import pandas as pd

    from warstats.analysis.money import convert
    from warstats.analysis.time import war_day
    from warstats.readers.seeds import read_figures

    fig = read_figures().set_index("figure_id").loc["dnk_arms_industry_pledge_20241119"]
    day = pd.Timestamp(fig["reference_date"])
    if ctx.as_of is not None and ctx.as_of < day:
        from warstats.labels import date_label

        raise NotYetKnown(f"Denmark's pledge of {date_label(day)}")
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
