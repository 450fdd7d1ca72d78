"""Command line: ``warstats <command>`` (also ``python -m warstats``).

Exit codes: 0 ok, 1 data problem, 2 usage problem (including an output path that cannot be
written: a file where a folder is expected, a read-only folder, a symbolic link in the way).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from warstats.errors import (
    DatasetNotFoundError,
    InputPathError,
    OutputPathError,
    SourceNotFoundError,
    ValidationError,
    WarstatsError,
)
from warstats.releases import cli_changes as _changes_cli
from warstats.terminal import print_frame as _print_frame

EXAMPLES = {
    "datasets": "warstats datasets",
    "show": "warstats show population --head 5 --where \"country_iso3 == 'UKR'\"",
    "describe": "warstats describe population",
    "sources": "warstats sources population",
    "cite": "warstats cite population --style bibtex",
    "export": "warstats export population --format datapackage --out exports/",
    "validate": "warstats validate my_population.csv --dataset population",
    "build-data": "warstats build-data --raw ../shared/sources --out data",
    "verify": "warstats verify --raw ../shared/sources",
    "fetch": "warstats fetch --dest ~/.cache/warstats/raw",
    "report": "warstats report --out build/report --topics population --format html,pdf",
    "claims": "warstats claims my_claims.csv --as-of 2024-11-19 --format markdown",
}
EXAMPLES.update(_changes_cli.EXAMPLES)


class _Parser(argparse.ArgumentParser):
    """argparse with a closest-match hint for unknown commands, exiting 2 on usage errors."""

    def error(self, message: str):  # pragma: no cover - exercised through main()
        if "invalid choice" in message:
            bad = message.split("invalid choice: ")[1].split(" ")[0].strip("'")
            close = difflib.get_close_matches(bad, list(EXAMPLES), n=1)
            if close:
                message += f" — did you mean {close[0]!r}?"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def cmd_datasets(args) -> int:
    from warstats.catalog import list_datasets

    frame = list_datasets()[["name", "kind", "unit", "rows", "coverage_start", "coverage_end",
                             "sources"]]
    frame = frame.assign(freshness=_changes_cli.freshness_column(frame["name"]))
    if args.format == "table" and not args.wide:  # one coverage column fits 80 columns
        def span(a, b) -> str:  # years only; --wide shows full dates
            a, b = (str(v)[:4] if v is not None and str(v) not in ("", "None", "nan")
                    else "" for v in (a, b))
            return a if a == b else f"{a}–{b}" if a or b else ""

        frame = frame.assign(coverage=[span(a, b) for a, b in zip(
            frame["coverage_start"], frame["coverage_end"], strict=True)])
        frame = frame[["name", "kind", "rows", "coverage", "freshness", "sources"]]
    _print_frame(frame, args.format, fit=True, wide=args.wide)
    return 0


def cmd_show(args) -> int:
    from warstats.datasets.load import load

    frame = load(args.name)
    if args.where:
        try:
            frame = frame.query(args.where)
        except Exception as exc:
            print(f"--where {args.where!r} is not a valid filter: {exc}. Columns: "
                  f"{', '.join(frame.columns)}", file=sys.stderr)
            return 2
    _print_frame(frame.head(args.head), args.format)
    return 0


def cmd_describe(args) -> int:
    from warstats.catalog import describe
    from warstats.terminal import wrap

    info = describe(args.name)
    cov = info["coverage"]
    if isinstance(cov, dict):
        cov = f"{cov.get('start', '?')}–{cov.get('end', '?')} ({cov.get('column', '')})"
    print(wrap(f"{info['name']}: {info['title']}", wide=args.wide) + "\n")
    print(wrap(info["description"], wide=args.wide) + "\n")
    print(f"kind: {info['kind']}   unit: {info['unit']}   rows: {info['rows']:,}")
    print(wrap(f"primary key: {', '.join(info['primary_key'])}   coverage: {cov}",
               wide=args.wide) + "\n")
    _print_frame(info["columns"], fit=True, wide=args.wide)
    for caveat in info["caveats"]:
        print("\n" + wrap(f"caveat: {caveat}", wide=args.wide))
    print("\nCite as:")
    for line in info["citation"]:
        print(wrap(line, indent="  ", wide=args.wide))
    return 0


def cmd_sources(args) -> int:
    from warstats.catalog import sources

    cols = ["source_id", "attribution_short", "provenance", "licence", "published", "retrieved",
            "url"]
    _print_frame(sources(args.name)[cols], args.format, fit=True, wide=args.wide)
    return 0


def cmd_cite(args) -> int:
    from warstats.catalog import cite

    print(cite(args.name, style=args.style))
    return 0


def cmd_export(args) -> int:
    from warstats.export import export

    path = export(args.name, args.format, args.out)
    print(f"wrote {path}")
    return 0


def cmd_validate(args) -> int:
    from warstats.catalog import validate

    try:
        result = validate(Path(args.file), args.dataset)
    except ValidationError as exc:
        args.status = 1  # kept if the output pipe closes while the problems are printed
        if args.format == "json" and exc.failures is not None:
            sys.stdout.write(exc.failures.to_json(orient="records", indent=1) + "\n")
        else:  # the message lists every problem once (--format json gives them as records)
            print(str(exc))
        return 1
    for note in result.attrs.get("notes", []):
        print(f"note: {note}")
    print(f"{args.file}: OK against the {args.dataset} schema")
    return 0


def cmd_build_data(args) -> int:
    from warstats.datasets.build import build_all

    names = args.only.split(",") if args.only else None
    results = build_all(Path(args.raw), Path(args.out), names=names,
                        progress=None if not args.quiet else False)
    for r in results:
        print(f"{r.name:28s} {r.rows:>9,} rows  {r.rejects:>4} set aside/fixed  {r.sha256[:12]}")
    return 0


def cmd_verify(args) -> int:
    from warstats.verify import verify

    problems = verify(raw_dir=Path(args.raw) if args.raw else None, revalidate=args.revalidate)
    if problems.empty:
        print("all checksums match")
        return 0
    _print_frame(problems)
    return 1


def cmd_fetch(args) -> int:
    from warstats.readers.fetch import fetch_all

    paths = fetch_all(Path(args.dest) if args.dest else None,
                      only=args.only.split(",") if args.only else None)
    print(f"{len(paths)} file(s) in place, checksums verified")
    return 0


def cmd_claims(args) -> int:
    from warstats.claims import check_claims
    from warstats.claims.display import for_people, to_csv

    table = check_claims(args.file, rules=args.rules, as_of=args.as_of)
    if args.format == "csv":
        sys.stdout.write(to_csv(table))
    elif args.format == "markdown":
        from warstats.tables.sourced import sourced_table

        print(sourced_table(for_people(table), table.assign(source_id=table["source_ids"]),
                            "Claims checked against the data").to_markdown())
    else:
        _print_frame(for_people(table).drop(columns="Explanation"))
        for row in table.itertuples():
            print(f"\n{row.claim_id} — {row.verdict}\n  {row.explanation}")
            if row.quote:
                print(f"  Quote: {row.quote}")
    return 0


def cmd_report(args) -> int:
    from warstats.report.build import FORMATS, build_report
    from warstats.report.registry import SECTION_MODULES

    # usage problems exit 2, before any work starts
    topics = args.topics.split(",") if args.topics else []
    formats = args.format.split(",")
    unknown = [t for t in topics if t not in SECTION_MODULES]
    bad = [f for f in formats if f not in FORMATS]
    if unknown or bad:
        for name, wrong, choices in (("topic", unknown, SECTION_MODULES),
                                     ("format", bad, FORMATS)):
            for w in wrong:
                close = difflib.get_close_matches(w, choices, n=1)
                hint = f" — did you mean {close[0]!r}?" if close else ""
                print(f"warstats report: unknown {name} {w!r}{hint}; choose from: "
                      f"{', '.join(choices)}", file=sys.stderr)
        return 2
    result = build_report(args.out, topics=args.topics.split(",") if args.topics else None,
                          as_of=args.as_of, formats=args.format.split(","), quiet=args.quiet,
                          stamp=args.stamp)
    if not args.quiet:
        print(f"report: {result.html or result.pdf} ({len(result.figures)} figures, "
              f"{len(result.tables)} tables)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="warstats", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="Examples:\n  " + "\n  ".join(EXAMPLES.values()))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(name: str, func, help_text: str):
        p = sub.add_parser(name, help=help_text, description=help_text,
                           epilog=f"Example:\n  {EXAMPLES[name]}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    fmt = {"choices": ["table", "csv", "json"], "default": "table"}
    wide = {"action": "store_true", "help": "print every column in full (default: fit the "
                                            "terminal's width)"}
    p = add("datasets", cmd_datasets, "List the datasets")
    p.add_argument("--format", **fmt)
    p.add_argument("--wide", **wide)
    p = add("show", cmd_show, "Print rows of a dataset")
    p.add_argument("name")
    p.add_argument("--head", type=int, default=20)
    p.add_argument("--where", help="pandas query, e.g. \"country_iso3 == 'UKR'\"")
    p.add_argument("--format", **fmt)
    p = add("describe", cmd_describe, "Columns, coverage, caveats and citation of a dataset")
    p.add_argument("name")
    p.add_argument("--wide", **wide)
    p = add("sources", cmd_sources, "List sources (all, or of one dataset)")
    p.add_argument("name", nargs="?")
    p.add_argument("--format", **fmt)
    p.add_argument("--wide", **wide)
    p = add("cite", cmd_cite, "Cite a dataset")
    p.add_argument("name")
    p.add_argument("--style", choices=["short", "full", "bibtex"], default="full")
    p = add("export", cmd_export, "Export a dataset (csv, parquet, xlsx, json, datapackage)")
    p.add_argument("name")
    p.add_argument("--format", choices=["csv", "parquet", "xlsx", "json", "datapackage"],
                   default="csv")
    p.add_argument("--out", default=".")
    p = add("validate", cmd_validate, "Check your own CSV against a dataset's schema")
    p.add_argument("file")
    p.add_argument("--dataset", required=True)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("build-data", cmd_build_data, "Rebuild data/ from the raw publisher files")
    p.add_argument("--raw", default=None)
    p.add_argument("--out", default=None)
    p.add_argument("--only", help="comma-separated dataset names")
    p.add_argument("--quiet", action="store_true")
    p = add("verify", cmd_verify, "Recompute every checksum of data/ and of the raw inputs")
    p.add_argument("--raw", default=None)
    p.add_argument("--revalidate", action="store_true",
                   help="also run every dataset's schema on its table again")
    p = add("fetch", cmd_fetch, "Download the raw publisher files into a cache (checksummed)")
    p.add_argument("--dest", default=None)
    p.add_argument("--only", help="comma-separated source ids")
    p = add("claims", cmd_claims, "Check claims (default: the seed article's) against the data")
    p.add_argument("file", nargs="?", help="CSV in the format of seeds/claims.csv")
    p.add_argument("--rules", help="CSV in the format of seeds/claim_rules.csv")
    p.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD: figures as known then")
    p.add_argument("--format", choices=["table", "csv", "markdown"], default="table")
    p = add("report", cmd_report, "Build the chart report")
    p.add_argument("--out", default="build/report")
    from warstats.report.registry import SECTION_MODULES  # the topics, in report order

    p.add_argument("--topics", help="comma-separated topics, from: "
                   + ", ".join(SECTION_MODULES))
    p.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD: figures as known then")
    p.add_argument("--format", default="html", help="html, pdf or html,pdf")
    p.add_argument("--stamp", help="text added to the subtitle (e.g. a build date)")
    p.add_argument("--quiet", action="store_true")
    from warstats.releases.cli import register

    register(add, EXAMPLES)  # update, releases
    _changes_cli.add_commands(add)
    return parser


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not fail on the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (e.g. captured in tests)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "build-data":
        from warstats._paths import data_dir, default_raw_dir

        args.raw = args.raw or str(default_raw_dir())
        args.out = args.out or str(data_dir())
    args.status = 0
    try:
        status = args.func(args)
        sys.stdout.flush()  # a closed pipe shows up here, not after the status is returned
        return status
    except (DatasetNotFoundError, SourceNotFoundError, OutputPathError,
            InputPathError) as exc:
        print(f"warstats: {exc}", file=sys.stderr)
        return 2
    except WarstatsError as exc:
        print(f"warstats: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piping into head: keep the status already decided
        _silence_stdout()
        return args.status
    except Exception as exc:  # an unexpected failure: say so plainly, keep the trace on demand
        import os

        if os.environ.get("WARSTATS_DEBUG") == "1":
            raise
        print(f"warstats: unexpected error ({type(exc).__name__}: {exc}). This is a bug in "
              "warstats: please report it; rerun with WARSTATS_DEBUG=1 for the traceback.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
