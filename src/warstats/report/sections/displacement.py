"""Displacement section: refugees abroad (with UNHCR's breaks), host countries, IDPs, crises."""

from __future__ import annotations

from warstats import labels
from warstats.claims.read import article_date, read_claims
from warstats.report.registry import (
    FigureItem,
    NotYetKnown,
    ReportContext,
    Section,
    SectionContent,
)
from warstats.wording import number

#: The seed article's date (19 Nov 2024) and its claim, for the comparison paragraph.
SEED_DATE = article_date()  # defined once: the reference date of seeds/claims.csv
PREWAR_YEAR = 2021


def _m(x: float) -> str:
    return f"{x / 1e6:,.2f} million"


def _c(code: str) -> str:
    return labels.country(code)


def build(ctx: ReportContext) -> SectionContent:
    """The section; with ``as_of``, each part whose data was not yet published says so."""
    from warstats.analysis.displacement import (
        displaced_share,
        host_total,
        largest_crises,
        latest_by_host,
        origins_by_year,
        per_thousand,
    )
    from warstats.analysis.displacement_idps import idps_by_oblast, idps_change, national_totals
    from warstats.catalog import series_breaks
    from warstats.charts.displacement import (
        plot_idps_by_oblast,
        plot_largest_crises,
        plot_refugee_stock,
        plot_top_hosts,
    )
    from warstats.tables.sourced import sourced_table

    out = SectionContent(datasets=["refugees_europe", "refugees_by_host", "refugees_global",
                                   "idps", "returnees", "population", "series_breaks"])
    europe = ctx.load("refugees_europe")
    hosts = ctx.load("refugees_by_host")
    glob = ctx.load("refugees_global")
    idps = ctx.load("idps")
    returnees = ctx.load("returnees")
    for frame in (europe, hosts, glob, idps, returnees):
        frame["measure"] = frame["measure"].astype(str)
    breaks = series_breaks("refugees_europe")
    series = europe[europe["source_id"] == "ocha_ude_refugees"].sort_values("date")
    latest = latest_by_host(hosts) if not hosts.empty else hosts
    idp_breaks = series_breaks("idps")

    def _rates():
        return per_thousand(latest, ctx.load("population"))

    def _global():
        ukr = origins_by_year(glob, ["UKR"], measures=["refugees"])
        year = int(glob["year"].max())
        return dict(zip(ukr["year"], ukr["value"], strict=True)), year, largest_crises(
            glob, year, n=10)

    def _rounds(since_17: bool = False):
        rounds = national_totals(idps)
        last_round = int(rounds.iloc[-1]["round"])
        if since_17 and ctx.as_of is not None and last_round <= 17:
            raise NotYetKnown("an IOM round after round 17")
        return rounds, last_round, idps_by_oblast(idps, last_round)

    if ctx.as_of is not None and series.empty and not europe.empty:
        # only an earlier snapshot of the series was out: its own figures, then one sentence
        out.paragraphs.append(_snapshot_paragraph(europe, breaks))
    with ctx.part(out, "the rest of UNHCR's Europe series",
                  needs=["refugees_europe"]):
        if ctx.as_of is not None and series.empty:
            raise NotYetKnown("the full series as OCHA relays it")
        last, peak = series.iloc[-1], series.loc[series["value"].idxmax()]
        out.paragraphs.append(
            f"UNHCR recorded {_m(last['value'])} refugees from Ukraine across Europe on "
            f"{last['date']:%-d %B %Y}, the last date of the series in the data. The series "
            f"peaked at {_m(peak['value'])} on {peak['date']:%-d %B %Y} (including Russia's "
            f"count), but it is not one definition throughout: {len(breaks)} breaks are "
            "recorded (partial coverage before June 2022, "
            "Russia's government count until the end of 2022, the June 2023 shift towards "
            "refugees present). The falls at those dates are revisions, not returns.")
    with ctx.part(out, "the host countries", needs=["refugees_by_host"]):
        total = host_total(latest).iloc[0]
        top = latest.sort_values("value", ascending=False).head(3)
        largest = ", ".join(f"{_c(r.country_iso3)} {_m(r.value)} ({r.date:%b %Y})"
                            for r in top.itertuples())
        lead = (f"By host country, {largest} "
                f"hold the most refugees. Added up, the {int(total['n_countries'])} host "
                f"countries' latest figures give {_m(total['value'])}, a {total['note']}.")
        out.paragraphs.append(lead)
        with ctx.part(out, "the refugees per 1,000 residents", needs=["population"]):
            top_rate = _rates().sort_values("per_1000", ascending=False).head(3)
            densest = ", ".join(f"{_c(r.country_iso3)} ({r.per_1000:,.1f} per 1,000)"
                                for r in top_rate.itertuples())
            out.paragraphs[-1] = (f"{lead} Relative to their population, {densest} "
                                  "host the most.")
    with ctx.part(out, "UNHCR's annual statistics", needs=["refugees_global"]):
        ukr_v, year, crises = _global()
        rank = int(crises.loc[crises["coo_iso"] == "UKR", "rank"].iloc[0])
        out.paragraphs.append(
            f"UNHCR's annual statistics count {_m(ukr_v[year])} refugees from Ukraine at the "
            f"end of {year} ({_m(ukr_v[2023])} at end-2023), making Ukraine the number {rank} "
            f"origin of people displaced abroad in {year} (refugees plus other people in need "
            "of international protection). Most of the fall from 2023 to 2024 is UNHCR "
            "reclassifying refugees from Ukraine in Russia, not returns.")
    with ctx.part(out, "IOM's estimate of internally displaced people", needs=["idps"]):
        _idp_paragraph(ctx, out, idps, returnees, idp_breaks)
    with ctx.part(out, "the share of the pre-war population displaced",
                  needs=["refugees_europe", "idps", "population"]):
        _, last_round, _ = _rounds()
        share = displaced_share(series.tail(1), idps[idps["round"] == last_round],
                                ctx.load("population"),
                                prewar_year=PREWAR_YEAR).set_index("component")
        both = share.loc["displaced_total"]
        out.paragraphs.append(
            f"Refugees in Europe ({_m(share.loc['refugees_abroad', 'value'])}) and IDPs "
            f"({_m(share.loc['idps', 'value'])}) together make {_m(both['value'])}, "
            f"{both['share_pct']:.1f}% of the {PREWAR_YEAR} population, "
            f"with caveats: {both['caveats']}.")
    with ctx.part(out, "the comparison with the news article",
                  needs=["refugees_europe", "refugees_global"]):
        if ctx.as_of is not None and ctx.as_of < SEED_DATE:
            raise NotYetKnown(f"the news article of {labels.date_label(SEED_DATE)}")
        fled = read_claims().set_index("claim_id").loc["fled"]  # the article's own figure
        ukr_v, _, _ = _global()
        last = series.iloc[-1]
        out.paragraphs.append(
            f"The news article of {labels.date_label(SEED_DATE)} says that "
            f"{fled['claim'][:1].lower()}{fled['claim'][1:]} ({fled['qualifier']} "
            f"{number(fled['figure'])}). The data put "
            f"UNHCR's Europe series at {_m(last['value'])} in {last['date']:%B %Y}, and the "
            f"annual global total at {_m(ukr_v[2023])} (end-2023) and {_m(ukr_v[2024])} "
            "(end-2024). Host countries' latest figures are of different dates and are not "
            "added into one count; the claims section judges the article's figure against "
            "what was published by its date.")
    with ctx.part(out, "the table of host countries", needs=["refugees_by_host", "population"]):
        display = _rates().sort_values("value", ascending=False).head(15)
        out.tables.append(("displacement_top_hosts", sourced_table(
            display[["country_iso3", "date", "value", "per_1000"]].assign(
                country_iso3=display["country_iso3"].map(labels.country),
                date=display["date"].dt.strftime("%Y-%m")).rename(columns={
                    "country_iso3": "Host", "date": "As of", "value": "Refugees",
                    "per_1000": "Per 1,000 residents"}),
            display, "Largest host countries of refugees from Ukraine (latest figure each)",
            note="Each country's figure has its own as-of date", number_columns={
                "Per 1,000 residents": 1})))
    with ctx.part(out, "the table of IOM rounds", needs=["idps"]):
        rounds = national_totals(idps)
        out.tables.append(("displacement_idp_rounds", sourced_table(
            rounds[["round", "date", "area_level", "value", "n_not_available"]].assign(
                area_level=rounds["area_level"].map(labels.series),
                date=rounds["date"].dt.strftime("%Y-%m-%d")).rename(columns={
                    "round": "Round", "date": "Reported", "area_level": "Level",
                    "value": "IDPs (incl. unknown residence)",
                    "n_not_available": "Areas with no estimate"}),
            rounds, "IDPs in Ukraine by IOM round")))
    with ctx.part(out, "the table of changes by oblast", needs=["idps"]):
        _, last_round, oblasts = _rounds(since_17=True)
        by_area = idps_change(idps, 17, last_round, breaks=idp_breaks).dropna(subset=["change"])
        by_area = by_area.reindex(by_area["change"].abs().sort_values(ascending=False).index)
        names = dict(zip(oblasts["area_code"], oblasts["area_name"], strict=True))
        shown = by_area.head(8)
        out.tables.append(("displacement_idp_oblast_change", sourced_table(
            shown[["area_code", "start_value", "end_value", "change", "pct_change"]].assign(
                area_code=shown["area_code"].map(names)).rename(columns={
                    "area_code": "Oblast", "start_value": "Round 17", "end_value":
                    f"Round {last_round}", "change": "Change", "pct_change": "Change (%)"}),
            shown, f"Largest changes in IDPs by oblast, round 17 to round {last_round}",
            note="Survey estimates rounded to thousands", number_columns={"Change (%)": 1})))
    with ctx.part(out, "the table of the largest displacement crises",
                  needs=["refugees_global"]):
        _, year, crises = _global()
        out.tables.append(("displacement_largest_crises", sourced_table(
            crises[["rank", "coo_iso", "value"]].assign(
                coo_iso=crises["coo_iso"].map(labels.country)).rename(columns={
                    "rank": "Rank", "coo_iso": "Origin",
                    "value": f"Displaced abroad, end-{year}"}),
            crises, f"Largest origins of people displaced abroad, end-{year}",
            note="Refugees plus other people in need of international protection")))
    with ctx.part(out, "the chart of refugees across Europe", needs=["refugees_europe"]):
        out.figures.append(FigureItem(
            "displacement_refugee_stock", plot_refugee_stock(europe, breaks=breaks).figure,
            "Refugees from Ukraine recorded across Europe, with UNHCR's series breaks"))
    with ctx.part(out, "the chart of host countries", needs=["refugees_by_host"]):
        out.figures.append(FigureItem(
            "displacement_top_hosts", plot_top_hosts(latest).figure,
            "Largest host countries (latest figure each, own as-of dates)"))
    with ctx.part(out, "the chart of refugees per 1,000 residents",
                  needs=["refugees_by_host", "population"]):
        out.figures.append(FigureItem(
            "displacement_hosts_per_1000", plot_top_hosts(_rates(), per_thousand=True).figure,
            "Refugees per 1,000 residents of the host country"))
    with ctx.part(out, "the chart of IDPs by oblast", needs=["idps"]):
        _, last_round, oblasts = _rounds()
        if (oblasts["area_level"] != "oblast").all():
            raise NotYetKnown("an IOM round by oblast")
        out.figures.append(FigureItem(
            "displacement_idps_by_oblast", plot_idps_by_oblast(oblasts).figure,
            f"IDPs by oblast, IOM round {last_round}"))
    with ctx.part(out, "the chart of the largest displacement crises",
                  needs=["refugees_global"]):
        _, year, crises = _global()
        out.figures.append(FigureItem(
            "displacement_largest_crises", plot_largest_crises(crises).figure,
            f"Ukraine among the largest displacement crises, end-{year}"))
    return out


def _snapshot_paragraph(europe, breaks) -> str:
    """UNHCR's Europe series as published in its newest snapshot (before the full series)."""
    newest = europe[europe["published"] == europe["published"].max()].sort_values("date")
    last, peak = newest.iloc[-1], newest.loc[newest["value"].idxmax()]
    inside = breaks[(breaks["date"] >= newest["date"].min())
                    & (breaks["date"] <= last["date"])]
    text = (f"UNHCR recorded {_m(last['value'])} refugees from Ukraine across Europe on "
            f"{labels.date_label(last['date'])}, in its series as published on "
            f"{labels.date_label(last['published'])}.")
    if peak["date"] != last["date"]:
        text += (f" The series had peaked at {_m(peak['value'])} on "
                 f"{labels.date_label(peak['date'])}.")
    if len(inside):
        text += (f" {number(len(inside))} recorded break{'s' if len(inside) > 1 else ''} in "
                 f"what the series counts {'fall' if len(inside) > 1 else 'falls'} within "
                 "these dates (the chart marks them): the jumps there are revisions, not "
                 "arrivals or returns.")
    return text


def _idp_paragraph(ctx: ReportContext, out: SectionContent, idps, returnees,
                   idp_breaks) -> None:
    """IOM's newest estimate; with ``as_of``, the change since round 17 and the returnees
    only once published (a shorter sentence before that, and a not-yet sentence)."""
    from warstats.analysis.displacement_idps import idps_by_oblast, idps_change, national_totals

    rounds = national_totals(idps)
    r_last, r_first = rounds.iloc[-1], rounds.iloc[0]
    last_round = int(r_last["round"])
    if r_last["area_level"] != "oblast":  # with as_of: only round 1, by macro-region
        out.paragraphs.append(
            f"Inside Ukraine, IOM estimated {_m(r_last['value'])} internally displaced people "
            f"on {r_last['date']:%d %B %Y} (round {last_round}, by macro-region). IOM covers "
            "government-controlled areas only.")
        if returnees.empty:
            with ctx.part(out, "the returnees", needs=["returnees"]):
                pass
        return
    top_obl = idps_by_oblast(idps, last_round).query("area_level == 'oblast'").head(3)
    since = ""
    if ctx.as_of is None or last_round > 17:
        delta = idps_change(idps, 17, last_round, national=True, breaks=idp_breaks).iloc[0]
        since = f"; {delta['pct_change']:+.1f}% since round 17"
    back = ""
    if ctx.as_of is None or not returnees.empty:
        back = f", plus {_m(national_totals(returnees).iloc[-1]['value'])} returnees"
    out.paragraphs.append(
        f"Inside Ukraine, IOM estimated {_m(r_last['value'])} internally displaced people "
        f"on {r_last['date']:%d %B %Y} (round {last_round}{since}), most in "
        f"{', '.join(top_obl['area_name'])}{back}. Round {int(r_first['round'])} "
        f"({r_first['date']:%d %B %Y}) had estimated {_m(r_first['value'])} by "
        "macro-region. IOM covers government-controlled areas only.")
    if not back:
        with ctx.part(out, "the returnees", needs=["returnees"]):
            pass


SECTION = Section(key="displacement", title="Displacement", build=build)
