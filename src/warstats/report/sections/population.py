"""Population section: Ukraine against its pre-war projection."""

from __future__ import annotations

from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent


def build(ctx: ReportContext) -> SectionContent:
    from warstats.analysis.change import change
    from warstats.analysis.population import projection_gap
    from warstats.charts.population import plot_projection_gap
    from warstats.tables.sourced import sourced_table

    pop = ctx.load("population")
    proj = ctx.load("population_projections")
    ukr = pop[pop["country_iso3"] == "UKR"]
    gap = projection_gap(pop, proj, country="UKR")
    history = ukr[(ukr["year"] >= 1990) & (ukr["year"] <= gap["year"].min())]
    ax = plot_projection_gap(gap, history)
    last_year = int(ukr["year"].max())
    delta = change(ukr, 2021, last_year)
    row = delta.iloc[0]
    last_gap = gap[gap["year"] == gap["year"].max()].iloc[0]
    peak = ukr.loc[ukr["value"].idxmax()]
    text = [
        f"Ukraine's population, as counted by the World Bank, fell from "
        f"{row['start_value'] / 1e6:,.2f} million in 2021 to {row['end_value'] / 1e6:,.2f} million "
        f"in {last_year} ({row['pct_change']:+.1f}%). It had peaked at "
        f"{peak['value'] / 1e6:,.2f} million in {int(peak['year'])}.",
        f"In {int(last_gap['year'])} it stood {abs(last_gap['gap']) / 1e6:,.2f} million "
        f"({last_gap['gap_pct']:+.1f}%) {'below' if last_gap['gap'] < 0 else 'above'} the "
        f"{last_gap['projection']} projection made before the full-scale invasion. From 2022 the "
        "figure counts people present in Ukraine, so refugees abroad are outside it.",
    ]
    display = gap[["year", "observed", "projected", "gap", "gap_pct"]].rename(columns={
        "year": "Year", "observed": "Observed (persons)", "projected": "WPP 2019 projection",
        "gap": "Gap", "gap_pct": "Gap (%)"})
    table = sourced_table(display, gap, "Ukraine: observed population vs pre-war projection",
                          number_columns={"Gap (%)": 1})
    return SectionContent(
        paragraphs=text,
        figures=[FigureItem("population_ukraine_projection_gap", ax.figure,
                            "Observed population of Ukraine and the WPP 2019 projection")],
        tables=[("population_ukraine_projection_gap", table)],
        datasets=["population", "population_projections"],
    )


SECTION = Section(key="population", title="Population", build=build)
