"""'What changed since the previous release': rows added, removed and revised per source."""

from __future__ import annotations

import pandas as pd

from warstats.report.registry import ReportContext, Section, SectionContent

TITLE = "What changed since the previous release"


def previous_release(current: str) -> str:
    """The release ``current`` was made from: its manifest's parent, else the one before."""
    from warstats.releases.store import SHIPPED, complete_release_ids, read_manifest

    ids = complete_release_ids()
    parent = read_manifest(current).get("parent")
    if parent == SHIPPED or parent in ids:
        return parent
    older = [i for i in ids if i < current]
    return older[-1] if older else SHIPPED


def describe_release(release: str) -> str:
    """Words for a release: 'the tables shipped with warstats' or 'the release of 1 May 2026'."""
    from warstats.releases.store import SHIPPED

    if release == SHIPPED:
        return "the tables shipped with warstats"
    day = pd.Timestamp(release[:8])
    return f"the release of {day.day} {day.strftime('%B %Y')} ({release})"


def _display(summary: pd.DataFrame) -> pd.DataFrame:
    from warstats.provenance.registry import get_source

    changed = summary[summary["status"] != "unchanged"]
    return pd.DataFrame({
        "Dataset": changed["title"].tolist(),
        "Source": [get_source(s).attribution_short for s in changed["sources"]],
        "Status": changed["status"].tolist(),
        "Rows added": changed["rows_added"].astype(float).tolist(),
        "Rows removed": changed["rows_removed"].astype(float).tolist(),
        "Rows revised": changed["rows_revised"].astype(float).tolist(),
        "Newest data before": changed["newest_before"].fillna("–").astype(str).tolist(),
        "Newest data after": changed["newest_after"].fillna("–").astype(str).tolist(),
    })


def build(ctx: ReportContext) -> SectionContent:
    from warstats.charts.footer import footer_text
    from warstats.datasets.registry import registry
    from warstats.releases.store import SHIPPED, resolve_release
    from warstats.releases.summary import change_summary
    from warstats.tables.sourced import SourcedTable

    current = resolve_release("latest")[0]
    if current == SHIPPED:
        return SectionContent(paragraphs=[
            "This report uses the tables shipped with warstats and no later release has been "
            "made on this machine (the command warstats update makes one), so there is "
            "nothing to compare yet."])
    old = previous_release(current)
    folder = resolve_release(current)[1]
    names = [n for n in registry() if (folder / f"{n}.meta.json").is_file()]
    summary = change_summary(names, old, current, by_source=True)
    changed = summary[summary["status"] != "unchanged"]
    datasets = sorted(set(changed["dataset"]))
    sources = sorted(set(changed["sources"]))
    lead = (f"This report uses {describe_release(current)}; it is compared here with "
            f"{describe_release(old)}, row by row on each dataset's key.")
    if changed.empty:
        return SectionContent(paragraphs=[lead + " No figure changed."])
    totals = [(int(changed[c].fillna(0).sum()), w) for c, w in
              (("rows_added", "added"), ("rows_removed", "removed"),
               ("rows_revised", "revised"))]
    counts = [f"{n:,} row{'s' if n != 1 else ''} {w}" for n, w in totals]
    text = [lead, f"{len(datasets)} of {summary['dataset'].nunique()} datasets changed, from "
            f"{len(sources)} source{'s' if len(sources) != 1 else ''}: " + ", ".join(counts)
            + ". A revised row is a figure the publisher changed after publishing it; "
            "the command warstats changes lists each one with its old and new value."]
    table = SourcedTable(_display(summary), TITLE, footer_text(sources),
                         subtitle=f"{describe_release(old)} → {describe_release(current)}")
    return SectionContent(paragraphs=text, tables=[("changes_since_previous_release", table)],
                          datasets=datasets)


SECTION = Section(key="changes", title=TITLE, build=build)
