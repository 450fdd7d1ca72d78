"""The README's licence table covers every registered source, with its licence."""

from __future__ import annotations

from pathlib import Path

import warstats as ws

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_licence_table_is_the_registry_table():
    from warstats.provenance.registry import licence_table_markdown

    assert licence_table_markdown() in README, "regenerate the README licence table"


def test_licence_table_lists_every_source():
    for row in ws.sources().itertuples():
        line = next((ln for ln in README.splitlines() if ln.startswith(f"| `{row.source_id}`")),
                    None)
        assert line is not None, f"README licence table lacks {row.source_id}"
        assert row.licence in line, f"README licence for {row.source_id} differs"
        if row.redistribution in {"non-commercial", "unstated", "copyleft"}:
            assert "⚠" in line, f"{row.source_id} must be flagged in the README"


def test_readme_opens_with_the_two_commands():
    head = README[:800]
    assert "make report" in head and "make test" in head


def test_dataset_table_is_current():
    from warstats.catalog import dataset_table_markdown

    assert dataset_table_markdown() in README, "regenerate the README dataset table"
