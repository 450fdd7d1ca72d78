"""Exchange rates: ECB euro reference rates (daily) and Federal Reserve H.10 (via FRED).

``fx_rates`` is long: one row per source, base currency, quote currency and date, with
``value`` = units of the quote currency per 1 unit of the base currency.

* ECB ``eurofxref-hist.csv``: base **EUR** (foreign currency per euro), newest first,
  a trailing empty column, ``N/A`` for no rate. Rule ``ecb-no-rate``: ``N/A`` cells
  (currencies before they existed, after they were replaced by the euro, the rouble
  after 2022-03-01) are not rates and give no row; counted per currency in the rejects
  report. Rule ``ecb-before-2014``: rates before 2014-01-01 are outside warstats' scope
  (aid to Ukraine starts in 2014) and are set aside, counted in one reject record.
* FRED monthly and annual averages: base **USD** for every currency, the euro included
  (FRED's file gives euros per dollar: 0.9493 in 2022 = 1 / 1.0534). Each currency's
  series must be gap-free between its first and last period: a missing month or year
  is an error that names the missing dates.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_unique,
    parse_dates,
    read_csv_checked,
    source_columns,
)

ECB_FILE = "exchange_rates/ecb_eurofxref-hist.csv"
FRED_MONTHLY_FILE = "exchange_rates/fred_exchange_rates_monthly.csv"
FRED_ANNUAL_FILE = "exchange_rates/fred_exchange_rates_annual.csv"
ECB_CURRENCIES = ("USD", "JPY", "BGN", "CYP", "CZK", "DKK", "EEK", "GBP", "HUF", "LTL", "LVL",
                  "MTL", "PLN", "ROL", "RON", "SEK", "SIT", "SKK", "CHF", "ISK", "NOK", "HRK",
                  "RUB", "TRL", "TRY", "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR",
                  "KRW", "MXN", "MYR", "NZD", "PHP", "SGD", "THB", "ZAR")
ECB_START = pd.Timestamp("2014-01-01")
FRED_COLUMNS = ("Date", "Country", "Exchange rate")
#: FRED H.10 country label → ISO 4217 code of the currency quoted.
FRED_CURRENCIES = {
    "Australia": "AUD", "Austria": "ATS", "Belgium": "BEF", "Brazil": "BRL", "Canada": "CAD",
    "China": "CNY", "Denmark": "DKK", "Euro": "EUR", "Finland": "FIM", "France": "FRF",
    "Germany": "DEM", "Greece": "GRD", "Hong Kong": "HKD", "India": "INR", "Ireland": "IEP",
    "Italy": "ITL", "Japan": "JPY", "Malaysia": "MYR", "Mexico": "MXN", "Netherlands": "NLG",
    "New Zealand": "NZD", "Norway": "NOK", "Portugal": "PTE", "Singapore": "SGD",
    "South Africa": "ZAR", "South Korea": "KRW", "Spain": "ESP", "Sri Lanka": "LKR",
    "Sweden": "SEK", "Switzerland": "CHF", "Taiwan": "TWD", "Thailand": "THB",
    "United Kingdom": "GBP", "Venezuela": "VEF",
}


def _frame(dates, base, quote, name, values, source_id, frequency) -> pd.DataFrame:
    return pd.DataFrame({
        "date": dates, "frequency": frequency, "base_currency": base, "quote_currency": quote,
        "quote_name": name, "value": values, "unit": [f"{q} per {base}" for q in quote],
        **source_columns(source_id),
    })


def read_ecb(path: Path, rejects: Rejects) -> pd.DataFrame:
    """ECB reference rates → long frame (base EUR), N/A cells and pre-2014 rows reported."""
    raw = read_csv_checked(path, ("Date", *ECB_CURRENCIES), drop_empty_trailing=True)
    dates = parse_dates(raw, "Date", path, fmt="%Y-%m-%d", earliest=pd.Timestamp("1999-01-01"))
    raw["_date"] = dates
    check_unique(raw, ["Date"], path)
    old = raw["_date"] < ECB_START
    if old.any():
        rejects.add(path, f"{int(raw.loc[old, '_row'].min())}..{int(raw.loc[old, '_row'].max())}",
                    "Date", f"{raw.loc[old, 'Date'].min()}..{raw.loc[old, 'Date'].max()}",
                    "ecb-before-2014", f"set aside {int(old.sum())} days of rates before "
                    "2014-01-01 (outside the aid period)")
    raw = raw[~old]
    parts = []
    for cur in ECB_CURRENCIES:
        text = raw[cur].str.strip()
        na = text == "N/A"
        if na.any():
            rejects.add(path, f"{int(na.sum())} rows", cur, "N/A", "ecb-no-rate",
                        f"no row for {int(na.sum())} days without a {cur} rate "
                        f"({raw.loc[na, 'Date'].min()}..{raw.loc[na, 'Date'].max()})")
        values = pd.to_numeric(text.where(~na), errors="coerce")
        bad = values.isna() & ~na | (values <= 0)
        if bad.any():
            first = bad.idxmax()
            raise SourceFormatError(path, "rate is not a positive number",
                                    row=raw.at[first, "_row"], column=cur,
                                    value=raw.at[first, cur], expected="a rate > 0 or N/A")
        ok = values.notna()
        if ok.any():
            parts.append(_frame(raw.loc[ok, "_date"], "EUR", [cur] * int(ok.sum()), cur,
                                values[ok], "ecb_eurofxref", "daily"))
    return pd.concat(parts, ignore_index=True)


def read_fred(path: Path, frequency: str, source_id: str) -> pd.DataFrame:
    """FRED H.10 averages (units of currency per USD) → long frame; gaps are errors."""
    raw = read_csv_checked(path, FRED_COLUMNS)
    dates = parse_dates(raw, "Date", path, fmt="%Y-%m-%d", earliest=pd.Timestamp("1971-01-01"))
    day = dates.dt.day != 1
    step = "MS" if frequency == "monthly" else "YS"
    if frequency == "annual":
        day |= dates.dt.month != 1
    if day.any():
        first = day.idxmax()
        raise SourceFormatError(path, "date is not the start of its period",
                                row=raw.at[first, "_row"], column="Date",
                                value=raw.at[first, "Date"],
                                expected="YYYY-MM-01" if frequency == "monthly" else "YYYY-01-01")
    unknown = sorted(set(raw["Country"]) - set(FRED_CURRENCIES))
    if unknown:
        raise SourceFormatError(path, f"{len(unknown)} country label(s) not known",
                                column="Country", value=unknown,
                                expected="a label in readers.rates.FRED_CURRENCIES")
    values = pd.to_numeric(raw["Exchange rate"].str.strip(), errors="coerce")
    bad = values.isna() | (values <= 0)
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "rate is not a positive number", row=raw.at[first, "_row"],
                                column="Exchange rate", value=raw.at[first, "Exchange rate"],
                                expected="a rate > 0")
    raw["_date"] = dates
    check_unique(raw, ["Country", "Date"], path)
    for country, group in raw.groupby("Country"):
        full = pd.date_range(group["_date"].min(), group["_date"].max(), freq=step)
        missing = sorted(set(full) - set(group["_date"]))
        if missing:
            shown = [f"{m:%Y-%m}" for m in missing[:12]]
            raise SourceFormatError(path, f"rate series has {len(missing)} gap(s)",
                                    column="Date", row=country, value=shown,
                                    expected="one rate per period between the first and last")
    quote = raw["Country"].map(FRED_CURRENCIES)
    return _frame(raw["_date"], "USD", list(quote), raw["Country"], values, source_id,
                  frequency)


def build_fx_rates(raw_dir: Path) -> ReaderOutput:
    """Build ``fx_rates`` from the ECB daily file and the FRED monthly and annual files."""
    rejects = Rejects()
    ecb = raw_dir / ECB_FILE
    monthly = raw_dir / FRED_MONTHLY_FILE
    annual = raw_dir / FRED_ANNUAL_FILE
    frame = pd.concat([read_ecb(ecb, rejects), read_fred(monthly, "monthly", "fred_fx_monthly"),
                       read_fred(annual, "annual", "fred_fx_annual")], ignore_index=True)
    frame = frame.sort_values(["source_id", "base_currency", "quote_currency", "date"],
                              kind="stable").reset_index(drop=True)
    return ReaderOutput(frame, [ecb, monthly, annual], rejects)
