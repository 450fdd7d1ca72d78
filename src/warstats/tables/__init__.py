"""Summary tables that carry a source note built from the data's own attribution."""

from warstats.tables.sourced import SourcedTable, sourced_table

__all__ = ["SourcedTable", "sourced_table"]
