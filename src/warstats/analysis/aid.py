"""Aid analysis: donor totals and rankings, per capita and % of GDP, monthly allocations,
US packages by authority, humanitarian appeal coverage.

EU institutions (donor ``EUI``) are financed by the member states: adding them to member
states counts money twice. Every function that adds donors refuses that mix unless
``allow_eu_overlap=True`` is passed, and the output then carries ``eu_overlap=True``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from warstats.analysis.change import per_capita
from warstats.analysis.kinds import carry_sources, join_ids, require_single
from warstats.analysis.money import convert, money_sum
from warstats.codes.countries import EU_INSTITUTIONS
from warstats.errors import IncompatibleUnitsError, MissingDataError


def check_eu_overlap(df: pd.DataFrame, *, allow_eu_overlap: bool = False,
                     operation: str = "adding donors") -> bool:
    """Raise if ``df`` holds both EU institutions (EUI) and EU member states.

    Returns True when both are present and ``allow_eu_overlap`` was passed.

    Examples
    --------
    >>> df = pd.DataFrame({"donor_iso3": ["EUI", "DEU"], "eu_member": [False, True]})
    >>> check_eu_overlap(df, allow_eu_overlap=True)
    True
    """
    has_eui = (df["donor_iso3"] == EU_INSTITUTIONS).any()
    has_members = bool(df["eu_member"].any()) if "eu_member" in df.columns else False
    if has_eui and has_members:
        if not allow_eu_overlap:
            raise IncompatibleUnitsError(
                f"{operation} would add EU institutions (EUI) to EU member states, whose "
                "contributions also fund the EU budget (double counting). Filter one of them "
                "out, or pass allow_eu_overlap=True to add them anyway (the output says so).")
        return True
    return False


def aid_total(df: pd.DataFrame, by: Iterable[str] = ("aid_type",), *,
              donors: Iterable[str] | None = None, allow_eu_overlap: bool = False
              ) -> pd.DataFrame:
    """Sum allocations over donors per ``by`` (one currency, stage and price basis).

    Examples
    --------
    >>> df = pd.DataFrame({"donor_iso3": ["USA", "DEU"], "eu_member": [False, True],
    ...     "aid_type": "military", "value": [2.0, 1.0], "currency": "EUR",
    ...     "stage": "allocated", "source_id": "k"})
    >>> aid_total(df)["value"].tolist()
    [3.0]
    """
    part = df if donors is None else df[df["donor_iso3"].isin(list(donors))]
    overlap = check_eu_overlap(part, allow_eu_overlap=allow_eu_overlap)
    out = money_sum(part, list(by))
    out["donors"] = part["donor_iso3"].nunique()
    out["eu_overlap"] = overlap
    return carry_sources(out, df)


def donor_ranking(df: pd.DataFrame, *, allow_eu_overlap: bool = True) -> pd.DataFrame:
    """One row per donor: amount per aid type, total, share of all donors' total, rank.

    Shares are of the sum over every donor in ``df``; with EU institutions and member
    states both present that sum double counts, so by default the ranking is allowed
    (each donor's own figure is right) and ``eu_overlap`` flags the share base.

    Examples
    --------
    >>> df = pd.DataFrame({"donor_iso3": ["USA", "USA", "CAN"], "donor_name": ["US"] * 2
    ...     + ["Canada"], "eu_member": False, "aid_type": ["military", "financial",
    ...     "military"], "value": [2.0, 1.0, 1.0], "currency": "EUR", "stage": "allocated",
    ...     "source_id": "k"})
    >>> donor_ranking(df)[["donor_iso3", "total", "share_pct", "rank"]].values.tolist()
    [['USA', 3.0, 75.0, 1], ['CAN', 1.0, 25.0, 2]]
    """
    require_single(df, ["currency", "unit", "stage", "price_basis"], "ranking donors")
    overlap = check_eu_overlap(df, allow_eu_overlap=allow_eu_overlap, operation="sharing")
    wide = df.pivot_table(index=["donor_iso3", "donor_name"], columns="aid_type",
                          values="value", aggfunc="sum", observed=True).fillna(0.0)
    wide.columns = [str(c) for c in wide.columns]
    types = list(wide.columns)
    wide["total"] = wide[types].sum(axis=1)
    wide = wide.reset_index().sort_values("total", ascending=False, kind="stable")
    wide["share_pct"] = wide["total"] / wide["total"].sum() * 100
    wide["rank"] = range(1, len(wide) + 1)
    ids = df.groupby("donor_iso3", observed=True)["source_id"].agg(join_ids)
    wide["source_id"] = wide["donor_iso3"].map(ids)
    for col in ("currency", "unit", "stage", "price_basis"):
        if col in df.columns:
            wide[col] = str(df[col].iloc[0])
    wide["eu_overlap"] = overlap
    return carry_sources(wide.reset_index(drop=True), df)


def aid_per_capita(ranking: pd.DataFrame, population: pd.DataFrame, *, year: int = 2021,
                   value: str = "total") -> pd.DataFrame:
    """Allocation per inhabitant of the donor country (pinned population ``year``).

    ``ranking`` is :func:`donor_ranking` output (EUR billions); EU institutions and
    donors without a population figure are left out and listed in ``attrs['left_out']``.
    Adds ``per_person`` (EUR per inhabitant) via :func:`warstats.analysis.change.per_capita`.
    """
    have = set(population.loc[population["year"] == year, "country_iso3"])
    left_out = sorted(set(ranking["donor_iso3"]) - have)
    part = ranking[ranking["donor_iso3"].isin(have)].rename(columns={"donor_iso3":
                                                                     "country_iso3"})
    part = part.assign(_amount=part[value] * 1e9)
    out = per_capita(part, population, per=1, year=year, value="_amount")
    out = out.rename(columns={"per_1": "per_person", "country_iso3": "donor_iso3"})
    out = out.drop(columns="_amount").sort_values("per_person", ascending=False)
    out["per_person_unit"] = str(ranking["currency"].iloc[0]) + " per person"
    out.attrs["left_out"] = left_out
    return carry_sources(out.reset_index(drop=True), ranking, population)


def aid_share_of_gdp(ranking: pd.DataFrame, gdp: pd.DataFrame, rates: pd.DataFrame, *,
                     year: int = 2023, value: str = "total") -> pd.DataFrame:
    """Allocations as % of donor GDP in one pinned ``year`` (GDP in current US$).

    The EUR amounts are converted at the ECB annual-average rate of ``year`` (recorded in
    ``fx_*`` columns) and divided by that year's GDP. Donors with no GDP figure (EU
    institutions, Taiwan in WDI) are left out and listed in ``attrs['left_out']``.
    """
    if year not in set(gdp["year"]):
        raise MissingDataError(f"no GDP figures for {year} (the gdp dataset ends "
                               f"{int(gdp['year'].max())})")
    g = gdp[gdp["year"] == year].set_index("country_iso3")
    left_out = sorted(set(ranking["donor_iso3"]) - set(g.index))
    part = ranking[ranking["donor_iso3"].isin(g.index)].copy()
    part["value"] = part[value]
    usd = convert(part, "USD", "annual-average", rates=rates, at=str(year))
    usd["gdp_usd"] = usd["donor_iso3"].map(g["value"])
    usd["gdp_year"] = year
    usd["pct_gdp"] = usd["value"] * _scale(usd["unit"].iloc[0]) / usd["gdp_usd"] * 100
    usd["source_id"] = [join_ids(pd.Series([s, g.at[c, "source_id"]]))
                        for s, c in zip(usd["source_id"], usd["donor_iso3"], strict=True)]
    usd = usd.sort_values("pct_gdp", ascending=False, kind="stable").reset_index(drop=True)
    usd.attrs["left_out"] = left_out
    return carry_sources(usd, ranking, gdp)


def _scale(unit: str) -> float:
    return 1e9 if "billion" in unit else 1e6 if "million" in unit else 1.0


def monthly_allocations(aid_by_month: pd.DataFrame) -> pd.DataFrame:
    """Allocations per month and aid type with the running (cumulative) total per type.

    Examples
    --------
    >>> df = pd.DataFrame({"month": pd.to_datetime(["2022-01-01", "2022-02-01"]),
    ...     "aid_type": "military", "value": [1.0, 2.0], "currency": "EUR",
    ...     "stage": "allocated", "source_id": "k"})
    >>> monthly_allocations(df)["cumulative"].tolist()
    [1.0, 3.0]
    """
    require_single(aid_by_month, ["currency", "unit", "stage", "price_basis"],
                   "accumulating allocations")
    out = aid_by_month.sort_values(["aid_type", "month"], kind="stable").copy()
    out["cumulative"] = out.groupby("aid_type", observed=True)["value"].cumsum()
    return carry_sources(out.reset_index(drop=True), aid_by_month)


def us_packages_by_year(us_packages: pd.DataFrame) -> pd.DataFrame:
    """Announced US packages per calendar year and authority: amount and count."""
    df = us_packages.assign(year=pd.to_datetime(us_packages["date"]).dt.year)
    out = money_sum(df, ["year", "authority"])
    counts = df.groupby(["year", "authority"], observed=True).size().rename("packages")
    out = out.merge(counts.reset_index(), on=["year", "authority"])
    return carry_sources(out, us_packages)


def appeal_coverage(appeals: pd.DataFrame, *, country: str | None = "UKR",
                    include_regional: bool = False, by_country: bool = False) -> pd.DataFrame:
    """Requirements, funding and % funded per year (superseded appeals never counted).

    Country plans only by default; ``include_regional=True`` adds the country's shares of
    regional (refugee) plans. Unplanned ("Not specified") funding is reported separately
    in ``unplanned_funding`` and not counted in coverage. ``country=None, by_country=True``
    gives one row per country and year in a single grouped pass.
    """
    df = appeals[appeals["superseded_by"].fillna("") == ""]
    if country is not None:
        df = df[df["country_iso3"] == country]
    keys = ["country_iso3", "year"] if by_country else ["year"]
    scopes = ["country", "regional_share"] if include_regional else ["country"]
    planned = df[df["plan_scope"].isin(scopes)]
    if planned.empty:
        where = f"for {country}" if country is not None else "for any country"
        raise MissingDataError(f"no appeal plan {where} in these rows (plan scopes {scopes}; "
                               "superseded appeals and unplanned funding do not count)")
    req = money_sum(planned[planned["measure"] == "requirements"], keys)
    fund = money_sum(planned[planned["measure"] == "funding"], keys)
    out = req[[*keys, "value", "source_id"]].rename(columns={"value": "requirements"}).merge(
        fund[[*keys, "value"]].rename(columns={"value": "funding"}), on=keys, how="outer")
    unplanned = df[(df["plan_scope"] == "unplanned") & (df["measure"] == "funding")]
    unplanned_sum = unplanned.groupby(keys)["value"].sum().rename("unplanned_funding")
    out = out.merge(unplanned_sum.reset_index(), on=keys, how="left")
    out["funding"] = out["funding"].fillna(0.0)
    out["pct_funded"] = out["funding"] / out["requirements"] * 100
    codes = planned.groupby(keys)["appeal_code"].agg(lambda s: ";".join(sorted(set(s))))
    out = out.merge(codes.rename("appeals").reset_index(), on=keys, how="left")
    out["source_id"] = out["source_id"].fillna(join_ids(appeals["source_id"]))
    out["currency"] = "USD"
    return carry_sources(out.sort_values(keys).reset_index(drop=True), appeals)


def compare_appeals(appeals: pd.DataFrame, year: int, *, focus: str = "UKR") -> pd.DataFrame:
    """Country plans of one ``year`` ranked by requirement, with % funded and ``focus`` flagged.

    Examples
    --------
    >>> df = pd.DataFrame({"country_iso3": ["UKR", "UKR", "SYR", "SYR"], "year": 2023,
    ...     "measure": ["requirements", "funding"] * 2, "value": [4.0, 3.0, 5.0, 2.0],
    ...     "plan_scope": "country", "superseded_by": "", "appeal_code": "x",
    ...     "currency": "USD", "source_id": "f"})
    >>> compare_appeals(df, 2023)[["country_iso3", "pct_funded", "is_focus"]].values.tolist()
    [['SYR', 40.0, False], ['UKR', 75.0, True]]
    """
    try:
        cov = appeal_coverage(appeals[appeals["year"] == year], country=None, by_country=True)
    except MissingDataError:  # e.g. a later year holding only multi-year funding
        raise MissingDataError(f"no country appeals in {year}") from None
    out = cov[cov["requirements"].notna()]
    if out.empty:
        raise MissingDataError(f"no country appeals in {year}")
    out = out[out["requirements"] > 0].sort_values(["requirements", "country_iso3"],
                                                    ascending=[False, True], kind="stable")
    out["rank_requirements"] = range(1, len(out) + 1)
    out["is_focus"] = out["country_iso3"] == focus
    return carry_sources(out.reset_index(drop=True), appeals)
