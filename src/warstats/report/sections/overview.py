"""At a glance: the headline figure of each topic, with its date and source."""

from __future__ import annotations

import pandas as pd

from warstats.report.registry import NotYetKnown, ReportContext, Section, SectionContent


def _row(label: str, value: float, unit: str, date, rows: pd.DataFrame, note: str = "") -> dict:
    from warstats.analysis.kinds import join_ids

    return {"Figure": label, "Value": value, "Unit": unit,
            "As of": pd.Timestamp(date).strftime("%Y-%m-%d"),
            "source_id": join_ids(rows["source_id"]), "Note": note}


def headline_figures(ctx: ReportContext) -> pd.DataFrame:
    """One row per headline figure, computed from the datasets (no number typed here)."""
    rows = []
    monthly = ctx.load("casualties_monthly")
    if not monthly.empty:
        for measure in ("killed", "injured"):
            part = monthly[monthly["measure"] == measure]
            rows.append(_row(f"Civilians {measure} since 24 Feb 2022 (at least)",
                             part["value"].sum(), "persons", part["period_end"].max(), part,
                             "OHCHR verified minimum, latest revision"))
    europe = ctx.load("refugees_europe")
    if not europe.empty:
        last = europe.sort_values("date").iloc[[-1]]
        rows.append(_row("Refugees from Ukraine recorded across Europe", last["value"].item(),
                         "persons", last["date"].item(), last, "UNHCR; last value of the series"))
    glob = ctx.load("refugees_global")
    ukr = glob[(glob["coo_iso"] == "UKR") & (glob["measure"] == "refugees")]
    if not ukr.empty:
        year = int(ukr["year"].max())
        part = ukr[ukr["year"] == year]
        rows.append(_row("Refugees from Ukraine worldwide (end of year)", part["value"].sum(),
                         "persons", f"{year}-12-31", part, "UNHCR annual statistics"))
    idps = ctx.load("idps")
    oblast = idps[(idps["area_level"] != "macro_region") & (idps["measure"] == "idps_present")]
    if not oblast.empty:
        last_round = oblast["round"].max()
        part = oblast[oblast["round"] == last_round]
        rows.append(_row(f"Internally displaced (IOM DTM round {last_round})",
                         part["value"].sum(), "persons", part["date"].max(), part,
                         "government-controlled areas surveyed"))
    area = ctx.load("occupied_area")
    if not area.empty:
        last = area.sort_values(["date", "series"]).iloc[[-1]]
        rows.append(_row(f"Share of Ukraine under Russian control ({last['series'].item()})",
                         last["share_pct"].item(), "% of area", last["date"].item(), last,
                         "includes Crimea and areas held since 2014"))
    aid = ctx.load("aid_by_donor")
    if not aid.empty:
        rows.append(_row("Aid allocated to Ukraine (Kiel tracker)", aid["value"].sum(),
                         str(aid["unit"].iloc[0]), aid["period_end"].max(), aid,
                         "all donors incl. EU institutions; nominal"))
    pop = ctx.load("population")
    ukr_pop = pop[pop["country_iso3"] == "UKR"]
    if not ukr_pop.empty:
        last = ukr_pop.sort_values("year").iloc[[-1]]
        rows.append(_row("Population of Ukraine (people present)", last["value"].item(),
                         "persons", f"{int(last['year'].item())}-07-01", last, "World Bank"))
    return pd.DataFrame(rows)


DATASETS = ["casualties_monthly", "refugees_europe", "refugees_global", "idps",
            "occupied_area", "aid_by_donor", "population"]


def build(ctx: ReportContext) -> SectionContent:
    """The table of headline figures; with ``as_of``, a row whose dataset was not yet
    published is left out and one sentence says which."""
    from warstats.tables.sourced import sourced_table

    out = SectionContent(datasets=list(DATASETS))
    out.paragraphs.append(
        "The latest figure each dataset holds, with the date it refers to. Dates differ "
        "from row to row, and each row's source is listed below the table and in full at the "
        "end of the report.")
    missing = list(ctx.not_yet_published(DATASETS))
    if missing:  # with as_of: say which rows are not in the table yet
        with ctx.part(out, "the rows left out of the table", needs=missing):
            pass
    with ctx.part(out, "the table of headline figures"):
        figures = headline_figures(ctx)
        if ctx.as_of is not None and figures.empty:
            raise NotYetKnown("a figure of any topic")
        display = figures.drop(columns="source_id")
        display["Value"] = [f"{v:,.1f}" if v < 1000 else f"{v:,.0f}" for v in display["Value"]]
        out.tables.append(("overview_headline_figures", sourced_table(
            display, figures, "At a glance: the latest figure of each topic",
            note="Each figure has its own date: do not read them as one moment")))
    return out


SECTION = Section(key="overview", title="At a glance", build=build)
