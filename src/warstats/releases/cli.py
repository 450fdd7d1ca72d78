"""Command line of the release store: ``warstats update`` and ``warstats releases``.

Registered by :func:`register` from ``warstats.cli`` so that the main CLI module stays short.
"""

from __future__ import annotations

EXAMPLES = {
    "update": "warstats update --source kiel_ust_r28 --dry-run",
    "releases": "warstats releases",
}


def cmd_update(args) -> int:
    from warstats.releases.update import update

    ids = [s for value in args.source or [] for s in value.split(",") if s]
    result = update(sources=ids or None, from_dir=args.from_dir, mirror=args.mirror,
                    dry_run=args.dry_run)
    print(format_result(result))
    return 1 if any(i["status"] == "failed" for i in result.sources.values()) else 0


def format_result(result) -> str:
    """Words for an update: per-source status, then the change table per source."""
    lines = []
    counts = {}
    for sid, info in sorted(result.sources.items()):
        counts[info["status"]] = counts.get(info["status"], 0) + 1
        why = f": {info['reason']}" if info.get("reason") else ""
        when = (f" (published {info['published']}, from {info['published_basis']})"
                if info["status"] == "updated" else "")
        lines.append(f"  {sid:32s} {info['status']}{when}{why}")
    head = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    if result.dry_run:
        verdict = "dry run: nothing was published"
    elif result.release:
        verdict = f"new release {result.release} (parent {result.parent}); `warstats load` " \
                  "and the report now read it"
    else:
        verdict = f"no source changed: no new release (still {result.parent})"
    text = [f"Sources: {head}", *lines, "", verdict]
    if result.changes is not None and len(result.changes):
        try:
            from warstats.releases.summary import format_update_summary

            text += ["", "What changed, per source:", format_update_summary(result.changes)]
        except ImportError:
            pass
    return "\n".join(text)


def cmd_releases(args) -> int:
    from warstats.releases.store import releases
    from warstats.terminal import print_frame as _print_frame

    _print_frame(releases(), args.format)
    return 0


def register(add, examples: dict[str, str]) -> None:
    """Add ``update`` and ``releases`` through the CLI's ``add(name, func, help)`` (their
    examples join the CLI's ``examples`` first, so each sub-command's help shows one)."""
    examples.update(EXAMPLES)

    p = add("update", cmd_update, "Fetch each source's newest release, rebuild, validate and "
            "store a new release (never touches the shipped data)")
    p.add_argument("--source", action="append", metavar="ID",
                   help="only this source (repeatable); default: every source")
    p.add_argument("--from", dest="from_dir", metavar="DIR",
                   help="take the new files from a local folder laid out like shared/sources")
    p.add_argument("--mirror", metavar="URL", help="take them from an HTTP(S) server serving "
                   "that layout")
    p.add_argument("--dry-run", action="store_true",
                   help="fetch and build, say what would change, publish nothing")
    p = add("releases", cmd_releases, "List the releases on this machine (shipped and updates)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
