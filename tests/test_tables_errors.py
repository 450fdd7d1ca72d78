"""A failure in the table library is reported, naming the table, never hidden."""

from __future__ import annotations

import pandas as pd
import pytest

from warstats.errors import WarstatsError
from warstats.tables.sourced import sourced_table


def _table():
    data = pd.DataFrame({"country": ["Ukraine"], "value": [3.0], "source_id": ["un_wpp2024"]})
    return sourced_table(data[["country", "value"]], data, "Test table")


def test_html_renders_with_great_tables():
    assert "Test table" in _table().to_html()


def test_table_library_failure_is_raised_with_the_table_named(monkeypatch):
    import great_tables

    def broken(self, *args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(great_tables.GT, "as_raw_html", broken)
    table = _table()
    with pytest.raises(WarstatsError, match="great_tables") as err:
        table.to_html()
    assert "Test table" in str(err.value) and "renderer exploded" in str(err.value)
    assert "Ukraine" in table.to_markdown()  # the outputs that need no library still work
