"""Claims section: every claim of the seed article with its computed verdict."""

from __future__ import annotations

from warstats.report.registry import FigureItem, ReportContext, Section, SectionContent


def build(ctx: ReportContext) -> SectionContent:
    from warstats.analysis.claims import check_claims
    from warstats.charts.claims import plot_claim_check
    from warstats.tables.sourced import SourcedTable

    as_of = ctx.as_of
    table = check_claims(as_of=as_of)
    counts = table["verdict"].value_counts()
    text = [
        f"The seed article, written on the war's 1,000th day, makes {len(table)} quantitative "
        f"claims. Checked against the data as known on its date: "
        + ", ".join(f"{n} {v}" for v, n in counts.items()) + ".",
        "Each verdict is computed from the data and the qualifier's tolerance (fixed in "
        "seeds/claim_rules.csv before any data was read); 'latest revision' marks figures "
        "published after the claim.",
    ]
    figures = []
    for claim_id in table["claim_id"]:
        ax = plot_claim_check(claim_id, as_of=as_of, table=table)
        if ax is not None:
            claim = table.set_index("claim_id").loc[claim_id, "claim"]
            figures.append(FigureItem(f"claim_{claim_id}", ax.figure,
                                      f"Claim '{claim}' against the data"))
    from warstats.analysis.claims import fmt_number

    display = table[["claim", "claimed", "qualifier", "data_figure", "vintage", "verdict"]]
    display = display.assign(data_figure=[fmt_number(v) if v is not None and v == v else "–"
                                          for v in display["data_figure"]])
    display = display.rename(columns={"claim": "Claim", "claimed": "Claimed",
                                      "qualifier": "Qualifier", "data_figure": "Data",
                                      "vintage": "Vintage", "verdict": "Verdict"})
    from warstats.charts.footer import footer_text

    ids = sorted(table.attrs.get("sources", []))
    note = footer_text(ids, note="Tolerances per qualifier in seeds/claim_rules.csv")
    sourced = SourcedTable(display.fillna(""), "Day 1,000 in numbers: the article's claims",
                           note)
    return SectionContent(paragraphs=text, figures=figures, tables=[("claims_day_1000",
                                                                     sourced)],
                          datasets=sorted({"casualties_published", "casualties_monthly",
                                           "occupied_area", "us_packages", "refugees_europe",
                                           "refugees_global", "refugees_by_host",
                                           "population"}))


SECTION = Section(key="claims", title="Claims: day 1,000 in numbers", build=build)
