"""Regenerate the README's generated tables (datasets, data licences) in place: `make readme`.

Each table is found by its header line and replaced up to the first blank line after it;
the text around the tables is left as it is. Tests check the README holds these tables.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def replace_table(text: str, table: str) -> str:
    """``text`` with the table that starts with ``table``'s header line replaced by ``table``."""
    header = table.splitlines()[0]
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == header), None)
    if start is None:
        raise SystemExit(f"README.md has no table starting with {header!r}")
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return "".join(lines[:start]) + table + "".join(lines[end:])


def main() -> int:
    from warstats.catalog import dataset_table_markdown
    from warstats.provenance.registry import licence_table_markdown

    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = replace_table(replace_table(text, dataset_table_markdown()), licence_table_markdown())
    if new != text:
        path.write_text(new, encoding="utf-8")
        print("README.md: tables regenerated")
    else:
        print("README.md: tables already current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
