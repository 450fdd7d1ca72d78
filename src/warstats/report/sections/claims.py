"""Claims section: every claim of the seed article with its computed verdict and reasons."""

from __future__ import annotations

from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent

DATASETS = ("casualties_published", "casualties_monthly", "occupied_area", "us_packages",
            "refugees_europe", "refugees_global", "population")


def build(ctx: ReportContext) -> SectionContent:
    from warstats.charts.footer import footer_text
    from warstats.claims import check_and_measure
    from warstats.claims.chart import plot_claim_check
    from warstats.claims.display import for_people
    from warstats.claims.read import article_date, read_claims
    from warstats.labels import long_date
    from warstats.tables.sourced import SourcedTable
    from warstats.wording import number

    day = article_date()
    if ctx.as_of is not None and ctx.as_of < day:
        return SectionContent(paragraphs=[
            f"Not yet known on {long_date(ctx.as_of)}: the news article was written on "
            f"{long_date(day)}, after this report's date."])
    table, measured = check_and_measure(as_of=ctx.as_of)
    article = read_claims()
    n_article = int((article["reading"].str.strip() == "").sum())
    counts = table["verdict"].value_counts()
    from warstats.analysis.time import war_day

    text = [
        f"The news article of {long_date(day)}, the war's {number(war_day(day))}th day, "
        f"makes {n_article} quantitative claims ({len(table) - n_article} alternative "
        "reading(s) declared beforehand are checked as separate rows). Verdicts: "
        + ", ".join(f"{n} {v}" for v, n in counts.items()) + ".",
        "One rule of time for every claim: a verdict rests only on a figure describing the "
        "period up to the claim's date, published by then and not stale; otherwise the claim "
        "is not checkable here, and a later figure is shown only as labelled context. "
        "Tolerances per qualifier are fixed in seeds/claim_rules.csv before any data is read.",
    ]
    figures = []
    for claim_id in table["claim_id"]:
        ax = plot_claim_check(claim_id, table, measured)
        if ax is not None:
            claim = table.set_index("claim_id").loc[claim_id, "claim"]
            figures.append(FigureItem(f"claim_{claim_id}", ax.figure,
                                      f"Claim '{claim}' against the data"))
    ids = sorted(table.attrs.get("sources", []))
    note = footer_text(ids, note="Verdicts rest on these figures; each explanation names "
                       "the publisher of every other figure. Tolerances per qualifier "
                       "in seeds/claim_rules.csv")
    sourced = SourcedTable(for_people(table), "The news article's claims", note)
    return SectionContent(paragraphs=text, figures=figures,
                          tables=[("claims_day_1000", sourced)], datasets=list(DATASETS))


SECTION = Section(key="claims", title="Claims: the 1,000th-day article in numbers", build=build)
