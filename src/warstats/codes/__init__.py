"""Shared code tables: countries (ISO3, name variants, aggregates) and Ukraine's oblasts."""

from warstats.codes.countries import country_name, is_aggregate, to_iso3
from warstats.codes.oblasts import UNKNOWN_OBLAST, oblasts, to_pcode

__all__ = ["UNKNOWN_OBLAST", "country_name", "is_aggregate", "oblasts", "to_iso3", "to_pcode"]
