"""Population section: Ukraine against its pre-war projection."""

from __future__ import annotations

from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent

NEEDS = ["population", "population_projections"]


def _gap(ctx: ReportContext):
    from warstats.analysis.population import projection_gap

    pop = ctx.load("population")
    ukr = pop[pop["country_iso3"] == "UKR"]
    return ukr, projection_gap(pop, ctx.load("population_projections"), country="UKR")


def build(ctx: ReportContext) -> SectionContent:
    """The section; with ``as_of``, each part whose data was not yet published says so
    (no other source stands in for the World Bank's count of the same years)."""
    from warstats.analysis.change import change
    from warstats.charts.population import plot_projection_gap
    from warstats.tables.sourced import sourced_table

    out = SectionContent(datasets=list(NEEDS))
    with ctx.part(out, "the population change since 2021", needs=["population"]):
        ukr = ctx.load("population").query("country_iso3 == 'UKR'")
        last_year = int(ukr["year"].max())
        row = change(ukr, 2021, last_year).iloc[0]
        peak = ukr.loc[ukr["value"].idxmax()]
        out.paragraphs.append(
            f"Ukraine's population, as counted by the World Bank, fell from "
            f"{row['start_value'] / 1e6:,.2f} million in 2021 to {row['end_value'] / 1e6:,.2f} "
            f"million in {last_year} ({row['pct_change']:+.1f}%). It had peaked at "
            f"{peak['value'] / 1e6:,.2f} million in {int(peak['year'])}.")
    with ctx.part(out, "the gap to the pre-war projection", needs=NEEDS):
        _, gap = _gap(ctx)
        last_gap = gap[gap["year"] == gap["year"].max()].iloc[0]
        out.paragraphs.append(
            f"In {int(last_gap['year'])} it stood {abs(last_gap['gap']) / 1e6:,.2f} million "
            f"({last_gap['gap_pct']:+.1f}%) {'below' if last_gap['gap'] < 0 else 'above'} the "
            f"{last_gap['projection']} projection made before the full-scale invasion. From "
            "2022 the figure counts people present in Ukraine, so refugees abroad are outside "
            "it.")
    with ctx.part(out, "the chart of the gap", needs=NEEDS):
        ukr, gap = _gap(ctx)
        history = ukr[(ukr["year"] >= 1990) & (ukr["year"] <= gap["year"].min())]
        out.figures.append(FigureItem(
            "population_ukraine_projection_gap", plot_projection_gap(gap, history).figure,
            "Observed population of Ukraine and the WPP 2019 projection"))
    with ctx.part(out, "the table of the gap", needs=NEEDS):
        _, gap = _gap(ctx)
        display = gap[["year", "observed", "projected", "gap", "gap_pct"]].rename(columns={
            "year": "Year", "observed": "Observed (persons)", "projected": "WPP 2019 projection",
            "gap": "Gap", "gap_pct": "Gap (%)"})
        out.tables.append(("population_ukraine_projection_gap", sourced_table(
            display, gap, "Ukraine: observed population vs pre-war projection",
            number_columns={"Gap (%)": 1})))
    return out


SECTION = Section(key="population", title="Population", build=build)
