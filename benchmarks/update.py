"""``warstats update --mirror`` (previous vintage → current files) vs ``build-data``.

Figure: a full update of every source from a local HTTP mirror serving ``shared/sources``,
on top of a release built from the previous vintage (``previous_releases/`` overlaid, as
its README says), so that the 14 families with a previous release really change. It
downloads every file, hashes it, trial-builds each changed source's datasets, hard-links
the rest and writes the manifest. Floor: ``build_all`` of every dataset from the same
files into a folder. Paired runs in the same process; each update's release is deleted
again so every run has the same parent.

Usage: ``python benchmarks/update.py [--pairs N]`` (default 2; about 40 s a pair). Prints a
Markdown row and writes ``benchmarks/update_results.json`` (git-ignored with results.json).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import common  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _previous_vintage(raw: Path, dest: Path) -> None:
    shutil.copytree(raw, dest, ignore=shutil.ignore_patterns("previous_releases"))
    prev = raw / "previous_releases"
    for path in prev.rglob("*"):
        rel = path.relative_to(prev)
        if path.is_file() and rel.parts[0] not in ("_broken", "_older_vintage") \
                and path.name != "README.md":
            shutil.copyfile(path, dest / rel)


def run(pairs: int = 2) -> dict:
    from warstats._paths import default_raw_dir
    from warstats.datasets.build import build_all
    from warstats.releases import store
    from warstats.releases.update import update

    raw = default_raw_dir()
    with tempfile.TemporaryDirectory(prefix="warstats-bench-update-") as tmp:
        tmp = Path(tmp)
        os.environ["WARSTATS_DATA_HOME"] = str(tmp / "home")
        _previous_vintage(raw, tmp / "prev")
        update(from_dir=tmp / "prev", progress=False)  # the parent release (not timed)
        handler = functools.partial(_Quiet, directory=str(raw))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        results = []

        def figure():
            result = update(mirror=url, progress=False)
            results.append(result)
            shutil.rmtree(store.releases_root() / result.release)

        def floor():
            out = tmp / "built"
            shutil.rmtree(out, ignore_errors=True)
            build_all(raw, out, progress=False)

        try:
            times, floor_times = common.paired(figure, floor, repeat=pairs)
        finally:
            server.shutdown()
            server.server_close()
    statuses = results[-1].sources
    updated = sorted(s for s, i in statuses.items() if i["status"] == "updated")
    return common.record(
        "`warstats update --mirror` (local HTTP), previous vintage → current, all sources",
        "`build-data` of the same files (all 25 datasets)", times, floor_times, None,
        extra={"sources_updated": updated,
               "sources_failed": sorted(s for s, i in statuses.items()
                                        if i["status"] == "failed")},
        note=f"{len(statuses)} sources fetched over HTTP and hashed, {len(updated)} updated; "
             "changed datasets trial-built per source, the others hard-linked")


def main(argv: list[str]) -> int:
    pairs = int(argv[argv.index("--pairs") + 1]) if "--pairs" in argv else 2
    row = run(pairs)
    (HERE / "update_results.json").write_text(json.dumps(row, indent=2, default=float) + "\n",
                                              encoding="utf-8")
    print("| figure | floor | figure (median) | floor (median) | ratio (min–max) | note |")
    print("|---|---|---|---|---|---|")
    print(f"| {row['figure']} | {row['floor']} | {row['value']:.1f} s | "
          f"{row['floor_value']:.1f} s | {row['ratio']:.2f}× ({row['ratio_min']:.2f}–"
          f"{row['ratio_max']:.2f}) | {row['note']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
