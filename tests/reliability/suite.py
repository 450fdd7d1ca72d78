"""Run every registered dataset builder against corrupted copies of its raw inputs.

For each dataset, the raw inputs listed in its sidecar are copied into a temporary
folder; one input at a time is replaced by a corrupted variant and the builder is
run (readers and schema). Outcomes:

- ``error``: a :class:`warstats.WarstatsError` whose message names the file;
- ``tolerance``: a variant in :data:`corruptions.TOLERABLE` whose build equals the
  clean build exactly (BOM, CRLF, Latin-1 of ASCII text, an unknown extra column), or a
  cell-level variant (:data:`corruptions.UNREAD_OK`) that hit a cell the reader does not
  read, so the result is identical;
- ``unhandled``: anything else — a bare exception, or a build that silently differs.

Inputs that share a folder and file type (e.g. 27 monthly GeoJSON snapshots) are
represented by the first and last of them, to keep the suite within minutes; a tolerable
variant whose bytes equal the file's (``latin1`` of ASCII text, ``crlf`` of a CRLF file)
is classified without building again (the clean build is that build).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from warstats.datasets.registry import registry
from warstats.errors import WarstatsError

from .corruptions import TOLERABLE, UNREAD_OK, variants_for


@dataclass
class Outcome:
    dataset: str
    file: str
    variant: str
    result: str  # error | tolerance | unhandled
    detail: str


def _inputs(name: str, data_dir: Path) -> list[str]:
    meta = json.loads((data_dir / f"{name}.meta.json").read_text(encoding="utf-8"))
    return [i["file"] for i in meta["build_inputs"] if not i["file"].startswith("seeds/")]


def representative(files: list[str]) -> list[str]:
    groups: dict[tuple[str, str], list[str]] = {}
    for f in sorted(files):
        groups.setdefault((str(Path(f).parent), Path(f).suffix), []).append(f)
    chosen = []
    for members in groups.values():
        chosen += [members[0]] if len(members) == 1 else [members[0], members[-1]]
    return chosen


def _build(spec, root: Path) -> pd.DataFrame:
    from warstats.datasets.build import build_frame

    return build_frame(spec, root)[0]


def run_dataset(name: str, raw_dir: Path, data_dir: Path) -> list[Outcome]:
    spec = registry()[name]
    files = _inputs(name, data_dir)
    outcomes: list[Outcome] = []
    if not files:
        return outcomes
    clean = _build(spec, raw_dir)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel in files:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(raw_dir / rel, root / rel)
        for rel in representative(files):
            original = (raw_dir / rel).read_bytes()
            for variant, data in variants_for(raw_dir / rel):
                if data == original and variant in TOLERABLE:
                    # e.g. "crlf" of a CRLF file, "latin1" of ASCII text: the clean build
                    # already covers these bytes, so no second build is needed
                    outcomes.append(Outcome(spec.name, rel, variant, "tolerance",
                                            "variant identical to the file: same result"))
                    continue
                (root / rel).write_bytes(data)
                outcomes.append(_classify(spec, root, rel, variant, clean))
            (root / rel).write_bytes(original)
    return outcomes


def _classify(spec, root: Path, rel: str, variant: str, clean: pd.DataFrame) -> Outcome:
    try:
        frame = _build(spec, root)
    except WarstatsError as exc:
        message = str(exc)
        named = Path(rel).name in message
        return Outcome(spec.name, rel, variant, "error" if named else "unhandled",
                       message[:300] if named else f"error does not name the file: {message[:200]}")
    except Exception as exc:
        tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Outcome(spec.name, rel, variant, "unhandled", f"bare {tb[:250]}")
    same = frame.equals(clean)
    if variant in TOLERABLE and same:
        return Outcome(spec.name, rel, variant, "tolerance", "same result as the clean file")
    if variant == "negative_count" and spec.extra.get("signed_values"):
        return Outcome(spec.name, rel, variant, "tolerance",
                       "signed measure (e.g. inflation rates): a negative value is valid data")
    if variant in UNREAD_OK and same:
        return Outcome(spec.name, rel, variant, "tolerance",
                       "the corrupted cell is not read by this reader: same result")
    return Outcome(spec.name, rel, variant, "unhandled",
                   "accepted silently (" + ("same result" if same else "different result") + ")")


def run_all(raw_dir: Path, data_dir: Path, names: list[str] | None = None) -> pd.DataFrame:
    rows = []
    for name in names or list(registry()):
        rows += [o.__dict__ for o in run_dataset(name, raw_dir, data_dir)]
    return pd.DataFrame(rows, columns=["dataset", "file", "variant", "result", "detail"])


def summary(outcomes: pd.DataFrame) -> pd.DataFrame:
    table = (outcomes.assign(n=1).pivot_table(index="dataset", columns="result", values="n",
                                              aggfunc="sum", fill_value=0))
    for col in ("error", "tolerance", "unhandled"):
        if col not in table:
            table[col] = 0
    table["variants"] = table[["error", "tolerance", "unhandled"]].sum(axis=1)
    return table[["variants", "error", "tolerance", "unhandled"]].reset_index()
