"""``warstats changes`` and ``warstats freshness``; the freshness column of ``warstats datasets``.

Registered in :mod:`warstats.cli` by :func:`add_commands`. Imports stay light until a
command runs (``import warstats`` must not load pandas).
"""

from __future__ import annotations

import sys

EXAMPLES = {
    "changes": "warstats changes aid_by_donor --old shipped --new latest",
    "freshness": "warstats freshness --format csv",
}

#: Table widths: everything the commands print fits 100 columns.
WIDTH = 100


def _write(frame, fmt: str) -> bool:
    """Write ``frame`` as CSV or JSON; False for the table format (the caller prints)."""
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False, date_format="%Y-%m-%d"))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", indent=1) + "\n")
    else:
        return False
    return True


def _number(value) -> str:
    if value is None or value != value:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def cmd_changes(args) -> int:
    import pandas as pd

    from warstats.releases.changes import changes
    from warstats.releases.summary import change_summary, format_update_summary

    if args.summary:
        summary = change_summary(args.name, args.old, args.new, by_source=True)
        if not _write(summary, args.format):
            sys.stdout.write(format_update_summary(summary, width=WIDTH))
        return 0
    if not args.name:
        print("warstats changes: name a dataset (`warstats datasets` lists them), or pass "
              "--summary for every dataset", file=sys.stderr)
        return 2
    diff = changes(args.name, args.old, args.new)
    if _write(diff, args.format):
        return 0
    counts = diff.drop_duplicates(["change", *diff.attrs["key"]])["change"].value_counts()
    print(f"{args.name}: {diff.attrs['old_release']} → {diff.attrs['new_release']}: "
          f"{counts.get('added', 0):,} rows added, {counts.get('removed', 0):,} removed, "
          f"{counts.get('revised', 0):,} revised ({(diff['change'] == 'revised').sum():,} "
          "values)")
    if diff.empty:
        return 0
    shown = diff.head(args.head).copy()
    for col in ("old", "new", "difference"):
        shown[col] = [_number(v) for v in shown[col]]
    for col in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[col]):
            shown[col] = shown[col].dt.strftime("%Y-%m-%d")
    print(shown.astype(str).replace({"<NA>": "", "nan": ""}).to_string(index=False)[:200_000])
    if len(diff) > len(shown):
        print(f"… {len(diff) - len(shown):,} more rows: --head N shows more, --format csv all")
    return 0


def cmd_freshness(args) -> int:
    from warstats.releases.freshness import freshness, freshness_label

    table = freshness(args.release, today=args.today)
    if _write(table, args.format):
        return 0
    print(f"Freshness on {table.attrs['today']} (release {args.release}): a source is due one "
          "cadence period\nafter its last publication; frozen sources are not expected to "
          "change.\n")
    header = (f"{'dataset':<24} {'newest data':<11} {'published':<10} {'retrieved':<10} "
              f"{'cadence':<10} freshness")
    print(header)
    for _, row in table.iterrows():
        cadence = row["cadence"] if "," not in str(row["cadence"]) else "mixed"
        print(f"{row['dataset'][:24]:<24} {row['newest_data'] or '':<11} "
              f"{_day(row['published']):<10} {_day(row['retrieved']):<10} "
              f"{cadence[:10]:<10} {freshness_label(row)}"[:WIDTH])
    return 0


def _day(value) -> str:
    return "" if value is None or value != value else value.strftime("%Y-%m-%d")


def freshness_column(names) -> list[str]:
    """For ``warstats datasets``: a few words per dataset (``frozen``, ``12 days overdue``)."""
    from warstats.releases.freshness import freshness, freshness_label

    labels = {row["dataset"]: freshness_label(row) for _, row in freshness().iterrows()}
    return [labels.get(n, "") for n in names]


def add_commands(add) -> None:
    """Add the commands to the CLI; ``add(name, func, help)`` returns the sub-parser."""
    fmt = {"choices": ["table", "csv", "json"], "default": "table"}
    p = add("changes", cmd_changes,
            "Rows added, removed and revised in a dataset between two releases")
    p.add_argument("name", nargs="?", help="dataset (optional with --summary)")
    p.add_argument("--old", default="shipped", help="release id, 'shipped' or 'latest'")
    p.add_argument("--new", default="latest", help="release id, 'shipped' or 'latest'")
    p.add_argument("--summary", action="store_true",
                   help="counts per dataset and source instead of the rows")
    p.add_argument("--head", type=int, default=40, help="rows shown in the table (default 40)")
    p.add_argument("--format", **fmt)
    p = add("freshness", cmd_freshness,
            "Per dataset: newest data, last publication and retrieval, cadence, days overdue")
    p.add_argument("--release", default="latest", help="release id, 'shipped' or 'latest'")
    p.add_argument("--today", help="YYYY-MM-DD: measure staleness against this day")
    p.add_argument("--format", **fmt)
