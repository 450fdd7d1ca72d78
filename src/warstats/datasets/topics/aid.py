"""Aid family specs: Kiel allocations, US assistance, FTS appeals, rates, prices, GDP."""

from warstats.datasets.spec import DatasetSpec

_S = "warstats.schemas.aid"
_M = "warstats.schemas.money"
_KIEL_CAVEATS = (
    "Allocations only: the summary holds Kiel's headline allocations (stage 'allocated'); "
    "it says nothing about pledges or deliveries.",
    "A third party's summary of Kiel's XLSX (provenance derived): check against the official "
    "Kiel file before publishing.",
    "EU institutions (donor EUI) are a donor of their own: never add them to the EU member "
    "states, whose budgets also fund them.",
)

SPECS = [
    DatasetSpec(
        name="aid_by_donor",
        title="Aid to Ukraine allocated by donor and type, Dec 2021–Jan 2026 (Kiel R28)",
        description=(
            "Kiel Institute Ukraine Support Tracker, Release 28: allocations by donor (ISO3; "
            "EU institutions as EUI) and aid type (military, financial, humanitarian), in "
            "nominal EUR billions, summed over Dec 2021 – Jan 2026."
        ),
        topic="aid", kind="cumulative", unit="EUR billion",
        primary_key=("donor_iso3", "aid_type"),
        schema=f"{_S}:AidByDonor", builder="warstats.readers.kiel:build_aid_by_donor",
        source_ids=("kiel_ust_r28",), date_columns=("period_start", "period_end", "published"),
        coverage_column="period_start:period_end",
        categoricals=("aid_type", "stage"), caveats=_KIEL_CAVEATS,
    ),
    DatasetSpec(
        name="aid_by_month",
        title="Aid to Ukraine allocated per month and type, Dec 2021–Jan 2026 (Kiel R28)",
        description=(
            "Kiel Ukraine Support Tracker, Release 28: allocations per month (all donors) by "
            "aid type, nominal EUR billions. The published cumulative series is checked "
            "against the running sum of these rows."
        ),
        topic="aid", kind="flow", unit="EUR billion", primary_key=("month", "aid_type"),
        schema=f"{_S}:AidByMonth", builder="warstats.readers.kiel:build_aid_by_month",
        source_ids=("kiel_ust_r28",), date_columns=("month", "published"),
        categoricals=("aid_type", "stage"), coverage_column="month",
        caveats=(*_KIEL_CAVEATS[:2],
                 "The monthly rows sum to 347.97 bn, slightly below the donor total 349.93 bn."),
    ),
    DatasetSpec(
        name="us_packages",
        title="US security-assistance packages for Ukraine by authority, Dec 2021–Jan 2025",
        description=(
            "Every announced US package (PDA drawdowns, USAI procurement, FMF) in nominal US$ "
            "millions, with the official DoD/State release URL on each row. Announcements, "
            "not deliveries."
        ),
        topic="aid", kind="flow", unit="USD million", primary_key=("date", "authority"),
        schema=f"{_S}:UsPackages", builder="warstats.readers.us_aid:build_us_packages",
        source_ids=("pun_us_packages",), date_columns=("date", "published"),
        categoricals=("authority", "stage"), coverage_column="date",
        caveats=(
            "Announced values; about 8.2 bn of PDA was later re-valued (accounting errors), "
            "not reflected here.",
            "The FMF position of the compiler's file is inferred from its layout.",
            "No packages after 2025-01-09 are covered.",
        ),
    ),
    DatasetSpec(
        name="us_drawdown_notices",
        title="US Federal Register drawdown delegations and notices for Ukraine, 2014–2024",
        description=(
            "Presidential memoranda delegating drawdown authority (FAA §506(a)(1), §614(a)(1), "
            "§552(c)(2)) and State Department notices, one row per amount, US$ millions, with "
            "the Federal Register URL per row."
        ),
        topic="aid", kind="flow", unit="USD million",
        primary_key=("source_url", "amount_position"),
        schema=f"{_S}:UsDrawdownNotices",
        builder="warstats.readers.us_aid:build_us_drawdown_notices",
        source_ids=("pun_fr_drawdowns",), date_columns=("date_signed", "published"),
        categoricals=("document_type", "stage"), coverage_column="date_signed",
        caveats=("Notices often repeat amounts of earlier memoranda: do not add the two "
                 "document types.", "One amount recorded as 'undefined' is set aside."),
    ),
    DatasetSpec(
        name="us_appropriations",
        title="US supplemental appropriations for Ukraine by act and use, 2022–2024",
        description=(
            "The five Ukraine supplemental appropriation acts (Mar 2022 – Apr 2024) plus other "
            "appropriations, and the compiler's breakdown by use (direct aid, allies, "
            "US forces…), US$ billions. One row per flow of the breakdown."
        ),
        topic="aid", kind="flow", unit="USD billion", primary_key=("flow_from", "flow_to"),
        schema=f"{_S}:UsAppropriations",
        builder="warstats.readers.us_aid:build_us_appropriations",
        source_ids=("pun_us_appropriations",), date_columns=("published",),
        categoricals=("level", "stage"),
        caveats=("Acts sum to 176.4 bn; the breakdown of the total sums to 177.4 bn.",
                 "Breakdown rows nest (total → direct aid → military → PDA): add one level "
                 "only."),
    ),
    DatasetSpec(
        name="appeals",
        title="Humanitarian appeals: requirements and funding by country, 1999–2026 (OCHA FTS)",
        description=(
            "OCHA FTS requirements and funding per appeal, country and year, current US$, "
            "with appeal code and type, plan scope (country plan, share of a regional plan, "
            "unplanned) and the appeal that superseded a replaced one."
        ),
        topic="aid", kind="flow", unit="USD",
        primary_key=("country_iso3", "appeal_id", "year", "measure"),
        schema=f"{_S}:Appeals", builder="warstats.readers.fts:build_appeals",
        source_ids=("ocha_fts_appeals",), date_columns=("start_date", "end_date", "published"),
        categoricals=("measure", "stage", "plan_scope"), coverage_column="year",
        caveats=("Superseded appeals (e.g. HUKR22 → FUKR22) and regional refugee plan shares "
                 "must not be added to country plans: use analysis.aid.appeal_coverage.",
                 "Figures for the current and previous year keep changing."),
    ),
    DatasetSpec(
        name="fx_rates",
        title="Exchange rates: ECB daily euro rates (2014–2026), Fed H.10 monthly and annual",
        description=(
            "Units of the quote currency per 1 unit of the base currency: ECB euro reference "
            "rates (base EUR, daily, from 2014) and Federal Reserve H.10 monthly and annual "
            "averages (base USD, from 1971)."
        ),
        topic="aid", kind="rate", unit="quote currency per base currency",
        primary_key=("source_id", "base_currency", "quote_currency", "date"),
        schema=f"{_M}:FxRates", builder="warstats.readers.rates:build_fx_rates",
        source_ids=("ecb_eurofxref", "fred_fx_monthly", "fred_fx_annual"),
        date_columns=("date", "published"), categoricals=("frequency",),
        coverage_column="date",
        caveats=("ECB and Fed rates differ slightly (fixing times): use one source per series.",
                 "The ECB file ends 2026-04-13, FRED monthly 2026-06, FRED annual 2025."),
    ),
    DatasetSpec(
        name="price_indices",
        title="Price indices and inflation: CPI-U, euro-area HICP, World Bank CPI and deflator",
        description=(
            "Monthly index levels (US CPI-U 1982-84=100; euro-area HICP 2015=100) and World "
            "Bank annual inflation rates (consumer prices; GDP deflator) by country."
        ),
        topic="aid", kind="rate", unit="index or percent (see unit column)",
        primary_key=("series", "country_iso3", "date"),
        schema=f"{_M}:PriceIndices", builder="warstats.readers.prices:build_price_indices",
        source_ids=("bls_cpi_u", "eurostat_hicp_ea", "wb_wdi_cpi_inflation",
                    "wb_wdi_deflator_inflation"),
        date_columns=("date", "published"), categoricals=("series", "measure"),
        coverage_column="date",
        caveats=("CPI-U has no 2025-10 value; HICP ends 2025-03. Gaps are not filled.",),
        extra={"signed_values": True},  # inflation rates can be negative
    ),
    DatasetSpec(
        name="gdp",
        title="GDP in current US$ by country, 1960–2023 (World Bank)",
        description="World Bank WDI NY.GDP.MKTP.CD, current US$, countries and aggregates.",
        topic="aid", kind="flow", unit="USD", primary_key=("country_iso3", "year", "measure"),
        schema=f"{_M}:Gdp", builder="warstats.readers.prices:build_gdp",
        source_ids=("wb_wdi_gdp",), date_columns=("published",), coverage_column="year",
        caveats=("Ends 2023: later years need an explicit choice (analysis pins the year).",),
    ),
]
