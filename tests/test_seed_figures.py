"""seeds/figures.csv: emptiness is judged by rows, not by the file's size."""

from __future__ import annotations

import pytest

from warstats.errors import SourceFormatError
from warstats.readers.seeds import FIGURE_COLUMNS, read_figures

HEADER = ",".join(FIGURE_COLUMNS) + "\n"


def test_header_only_is_an_empty_table(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER, encoding="utf-8")
    out = read_figures(path)
    assert out.empty and list(out.columns) == list(FIGURE_COLUMNS)
    assert str(out["value"].dtype) == "float64"


def test_one_short_figure_is_read_not_dropped(tmp_path):
    """A file smaller than 200 bytes used to be taken as empty: its one figure vanished."""
    path = tmp_path / "figures.csv"
    row = "f1,x,5,persons,2024-01-31,hrmmu_update_2024_10_press,u,2024-02-01,\n"
    path.write_text(HEADER + row, encoding="utf-8")
    assert path.stat().st_size < 200
    out = read_figures(path)
    assert out["figure_id"].tolist() == ["f1"] and out["value"].tolist() == [5.0]


def test_file_without_header_is_an_error(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"figures\.csv"):
        read_figures(path)
