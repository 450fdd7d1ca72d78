"""The reliability classes beyond reader drift (see tests/reliability/classes.py): every
case handled, none unhandled; prints the per-class table."""

from __future__ import annotations

from .reliability.classes import class_table, run_all


def test_every_class_is_handled(raw_dir, capsys):
    cases = run_all(raw_dir)
    table = class_table(cases)
    with capsys.disabled():
        print("\nreliability classes:\n" + table.to_string(index=False))
    bad = cases[cases["result"] != "handled"]
    assert bad.empty, "\n" + bad.to_string()
    assert set(table["class"]) == {"hostile_output", "spreadsheet_markdown", "analyst_files",
                                   "interrupted_build", "plausibility", "exit_codes",
                                   "duplicate_keys", "stale_staging", "download_cache"}
