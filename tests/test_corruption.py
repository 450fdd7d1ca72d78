"""Corruption suite: every reader meets drifted inputs with a named error or a documented
tolerance; nothing escapes as a bare exception and nothing is accepted silently."""

from __future__ import annotations

import pandas as pd
import pytest

from warstats._paths import data_dir
from warstats.datasets.registry import dataset_names

from .reliability.suite import run_dataset, summary

#: Datasets built only from hand-transcribed seeds (validated by their own schema tests).
SEED_ONLY = {"series_breaks"}
_RESULTS: list[pd.DataFrame] = []


@pytest.mark.parametrize("name", [n for n in dataset_names() if n not in SEED_ONLY])
def test_reader_meets_corruptions(name, raw_dir):
    outcomes = pd.DataFrame([o.__dict__ for o in run_dataset(name, raw_dir, data_dir())])
    assert len(outcomes) > 0, f"{name}: no corruption variants were derived for its inputs"
    _RESULTS.append(outcomes)
    bad = outcomes[outcomes["result"] == "unhandled"]
    assert bad.empty, "\n" + bad[["file", "variant", "detail"]].to_string()


def test_print_summary(capsys, raw_dir):
    """The per-reader table (`pytest tests/test_corruption.py -s -p no:xdist` prints it)."""
    if not _RESULTS:
        pytest.skip("the corruption runs were in another test worker or deselected")
    table = summary(pd.concat(_RESULTS, ignore_index=True))
    assert int(table["unhandled"].sum()) == 0
    with capsys.disabled():
        print("\ncorruption suite:\n" + table.to_string(index=False))
        print(f"total: {int(table['variants'].sum())} variants, "
              f"{int(table['error'].sum())} handled by error, "
              f"{int(table['tolerance'].sum())} by tolerance, "
              f"{int(table['unhandled'].sum())} unhandled")
