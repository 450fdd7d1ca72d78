"""Adding a dataset through the path CONTRIBUTING.md describes: reader, schema, spec, build.

The tiny dataset lives in one throw-away module (in the package the three parts go to
``readers/``, ``schemas/`` and ``datasets/topics/``), is registered at run time, built from
a raw file written here, loaded, and held to the same contract as every shipped dataset.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

import warstats as ws
from tests.test_contract import check_contract
from warstats.datasets.build import build_all
from warstats.datasets.registry import register, unregister
from warstats.errors import SourceFormatError

MODULE = textwrap.dedent('''
    """A tiny dataset: shelters counted per oblast (made up for the test)."""
    import pandas as pd
    import pandera.pandas as pa
    from pandera.typing import Series

    from warstats.datasets.spec import DatasetSpec
    from warstats.readers.common import ReaderOutput, parse_numbers, read_csv_checked
    from warstats.schemas.base import Observation

    RAW_FILE = "tiny/shelters.csv"


    def build_shelters(raw_dir):
        path = raw_dir / RAW_FILE
        raw = read_csv_checked(path, ["oblast", "date", "shelters"])
        frame = pd.DataFrame({
            "admin1": raw["oblast"],
            "date": pd.to_datetime(raw["date"], format="%Y-%m-%d"),
            "measure": "shelters",
            "value": parse_numbers(raw, "shelters", path),
            "unit": "shelters",
            "source_id": "un_wpp2024",
            "published": pd.Timestamp("2024-07-11"),
            "is_minimum": False,
        })
        return ReaderOutput(frame, [path])


    class Shelters(Observation):
        admin1: Series[str] = pa.Field(title="Oblast", description="Oblast pcode")
        date: Series[pd.Timestamp] = pa.Field(title="Date")
        measure: Series[str] = pa.Field(isin=["shelters"], title="Measure")
        value: Series[float] = pa.Field(ge=0, title="Value", description="Shelters")
        unit: Series[str] = pa.Field(isin=["shelters"], title="Unit")

        class Config:
            unique = ["admin1", "date", "measure"]


    SPECS = [DatasetSpec(
        name="tiny_shelters", title="Shelters by oblast (test)",
        description="A made-up table for the add-a-dataset test.", topic="test",
        kind="stock", unit="shelters", primary_key=("admin1", "date", "measure"),
        schema="tiny_topic:Shelters", builder="tiny_topic:build_shelters",
        source_ids=("un_wpp2024",), date_columns=("date", "published"),
        coverage_column="date",
    )]
''')
RAW = "oblast,date,shelters\nUA80,2024-01-31,12\nUA46,2024-01-31,7\nUA80,2024-02-29,15\n"


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "tiny_topic.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    (tmp_path / "raw" / "tiny").mkdir(parents=True)
    (tmp_path / "raw" / "tiny" / "shelters.csv").write_text(RAW, encoding="utf-8")
    import tiny_topic

    spec = register(tiny_topic.SPECS[0])
    yield tmp_path, spec
    unregister(spec.name)


def test_tiny_dataset_builds_loads_and_meets_the_contract(tiny, monkeypatch):
    tmp_path, spec = tiny
    data = tmp_path / "data"
    [result] = build_all(tmp_path / "raw", data, names=[spec.name], progress=False)
    assert result.rows == 3 and result.rejects == 0
    assert sorted(p.name for p in data.iterdir()) == ["tiny_shelters.csv",
                                                      "tiny_shelters.meta.json"]
    monkeypatch.setenv("WARSTATS_DATA_DIR", str(data))
    check_contract(spec.name, release="shipped")
    df = ws.load(spec.name, release="shipped")
    assert df.attrs["kind"] == "stock"
    assert df.set_index(["admin1", "date"])["value"].to_dict() == {
        ("UA80", pd.Timestamp("2024-01-31")): 12.0, ("UA46", pd.Timestamp("2024-01-31")): 7.0,
        ("UA80", pd.Timestamp("2024-02-29")): 15.0}
    assert spec.name in ws.list_datasets()["name"].tolist()


def test_tiny_dataset_bad_input_is_named(tiny):
    tmp_path, spec = tiny
    path = tmp_path / "raw" / "tiny" / "shelters.csv"
    path.write_text(RAW.replace(",7\n", ",seven\n"), encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        build_all(tmp_path / "raw", tmp_path / "data", names=[spec.name], progress=False)
    assert "shelters.csv" in str(err.value) and "seven" in str(err.value)


def test_a_name_is_registered_once(tiny):
    _, spec = tiny
    with pytest.raises(ValueError, match="already registered"):
        register(spec)
