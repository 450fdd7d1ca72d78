"""Reliability classes beyond reader drift: each case attacks one shared mechanism.

Every case returns ``handled`` (the mechanism answered as documented: a named error, an
untouched file, a neutralised cell …) or ``unhandled`` with what went wrong. Classes:

- ``hostile_output``: symlinks, foreign files and bad paths against the safe writer;
- ``spreadsheet_markdown``: formula and markup text through every CSV/XLSX/Markdown output;
- ``analyst_files``: files a person hands to ``ws.validate``;
- ``interrupted_build``: a build stopped at every point of its swap;
- ``plausibility``: swapped columns and changed units in copies of real raw files
  (these two in :mod:`tests.reliability.build_classes`);
- ``exit_codes``, ``duplicate_keys``, ``stale_staging``, ``download_cache``: see
  :mod:`tests.reliability.wave2_classes`.
"""

from __future__ import annotations

import io
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass
class Case:
    cls: str
    case: str
    result: str  # handled | unhandled
    detail: str = ""


def _run(cls: str, name: str, fn: Callable[[Path], str | None]) -> Case:
    """Run ``fn`` in a fresh folder: it returns None when handled, else what went wrong."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            problem = fn(Path(tmp))
        except Exception as exc:  # a bare exception is never "handled"
            problem = f"bare {type(exc).__name__}: {str(exc)[:200]}"
    return Case(cls, name, "unhandled" if problem else "handled", problem or "")


# hostile output folders --------------------------------------------------------------


def _refused(action: Callable[[], object], untouched: Path, content: bytes) -> str | None:
    from warstats.errors import OutputPathError

    try:
        action()
    except OutputPathError:
        if untouched.read_bytes() != content:
            return "refused, but the protected file changed"
        return None
    return "written without refusing"


def hostile_output() -> Iterator[Case]:
    from warstats.safe_write import ForeignFileWarning, OutputFolder, write_file

    def symlink_target(tmp: Path):
        victim = tmp / "victim"
        victim.write_bytes(b"keep")
        (tmp / "out").mkdir()
        (tmp / "out" / "t.csv").symlink_to(victim)
        return _refused(lambda: OutputFolder(tmp / "out").write("t.csv", b"x"), victim, b"keep")

    def symlink_parent(tmp: Path):
        (tmp / "elsewhere").mkdir()
        marker = tmp / "elsewhere" / "t.csv"
        marker.write_bytes(b"keep")
        (tmp / "out").mkdir()
        (tmp / "out" / "figures").symlink_to(tmp / "elsewhere")
        return _refused(lambda: write_file(tmp / "out" / "figures" / "t.csv", b"x",
                                           root=tmp / "out"), marker, b"keep")

    def foreign_overwrite(tmp: Path):
        mine = tmp / "t.csv"
        mine.write_bytes(b"analyst")
        return _refused(lambda: OutputFolder(tmp).write("t.csv", b"x"), mine, b"analyst")

    def foreign_kept(tmp: Path):
        out = OutputFolder(tmp)
        out.write("tables/a.csv", b"a")
        (tmp / "tables" / "notes.csv").write_bytes(b"analyst")
        again = OutputFolder(tmp)
        again.write("tables/a.csv", b"b")
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            again.remove_stale()
        named = any(issubclass(w.category, ForeignFileWarning) and "notes.csv" in str(w.message)
                    for w in seen)
        if (tmp / "tables" / "notes.csv").read_bytes() != b"analyst" or not named:
            return "foreign file removed or not named"
        return None

    def file_as_folder(tmp: Path):
        (tmp / "f").write_bytes(b"x")
        return _refused(lambda: write_file(tmp / "f" / "t.csv", b"x", root=tmp), tmp / "f",
                        b"x")

    def missing_parent_under_file(tmp: Path):
        (tmp / "f").write_bytes(b"x")
        return _refused(lambda: OutputFolder(tmp / "f" / "a" / "b"), tmp / "f", b"x")

    def path_escape(tmp: Path):
        (tmp / "out").mkdir()
        (tmp / "secret").write_bytes(b"keep")
        return _refused(lambda: OutputFolder(tmp / "out").write("../secret", b"x"),
                        tmp / "secret", b"keep")

    def read_only(tmp: Path):
        if os.geteuid() == 0:  # chmod does not stop root; the kernel's /sys does
            return _refused(lambda: OutputFolder("/sys").write("t.csv", b"x"), *_keep(tmp))
        (tmp / "ro").mkdir()
        (tmp / "keep").write_bytes(b"k")
        (tmp / "ro").chmod(0o555)
        return _refused(lambda: OutputFolder(tmp / "ro").write("t.csv", b"x"), tmp / "keep",
                        b"k")

    for name, fn in (("symlink at target", symlink_target),
                     ("symlink in a parent", symlink_parent),
                     ("foreign file at target", foreign_overwrite),
                     ("foreign file beside outputs", foreign_kept),
                     ("file where a folder is expected", file_as_folder),
                     ("missing parent under a file", missing_parent_under_file),
                     ("name escaping the folder", path_escape),
                     ("read-only folder", read_only)):
        yield _run("hostile_output", name, fn)


def _keep(tmp: Path) -> tuple[Path, bytes]:
    """A stand-in "protected file" for folders we cannot write a marker into."""
    marker = tmp / "unchanged"
    marker.write_bytes(b"k")
    return marker, b"k"


# spreadsheet and markdown ------------------------------------------------------------

HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]


def spreadsheet_markdown() -> Iterator[Case]:
    from warstats.cell_safety import FORMULA_START, spreadsheet_csv
    from warstats.export import xlsx_bytes
    from warstats.tables.sourced import sourced_table

    frame = pd.DataFrame({"text": HOSTILE, "n": [-5] * len(HOSTILE),
                          "source_id": "wb_wdi_population"})

    def csv_cells(text: str) -> list[str]:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)["text"].tolist()

    def check_csv(text: str) -> str | None:
        cells = csv_cells(text)
        if len(cells) != len(HOSTILE) or any(c.startswith(FORMULA_START) for c in cells):
            return f"live formula or broken row: {cells}"
        return None

    def xlsx(tmp: Path):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(xlsx_bytes({"d": frame})))["d"]
        kinds = {sheet.cell(row=r, column=1).data_type for r in range(2, 2 + len(HOSTILE))}
        return None if kinds == {"s"} else f"cell types {kinds}"

    def markdown(tmp: Path):
        table = sourced_table(frame.assign(text=[*HOSTILE[:-2], "a|b\n<i>[x](y)", "\r"])
                              [["text", "n"]], frame, "T")
        rows = [ln for ln in table.to_markdown().splitlines() if ln.startswith("|")]
        broken = [r for r in rows if r.replace("\\|", "").count("|") != 3]
        return f"broken rows {broken}" if broken or len(rows) != 2 + len(HOSTILE) else None

    yield _run("spreadsheet_markdown", "export/claims/cli CSV", lambda t: check_csv(
        spreadsheet_csv(frame)))
    yield _run("spreadsheet_markdown", "report table CSV", lambda t: check_csv(
        sourced_table(frame[["text", "n"]], frame, "T").to_csv()))
    yield _run("spreadsheet_markdown", "XLSX export", xlsx)
    yield _run("spreadsheet_markdown", "Markdown table", markdown)


# analysts' files --------------------------------------------------------------------

_HEADER = "country_iso3,is_aggregate,year,measure,value,unit,source_id,published,is_minimum"
_ROW = "UKR,False,{y},population,{v},persons,wb_wdi_population,2026-03-06,False"
_GOOD = "\n".join([_HEADER, _ROW.format(y=2020, v="1.0"), _ROW.format(y=2021, v="2.0")]) + "\n"


def analyst_files() -> Iterator[Case]:
    import warstats as ws
    from warstats.errors import InputFileError, ValidationError

    def expect(content: bytes | None, outcome: str, words: str = "", suffix: str = ".csv"):
        def fn(tmp: Path):
            path = tmp / f"f{suffix}"
            if content is not None:
                path.write_bytes(content)
            target = tmp if content is None and outcome == "folder" else path
            try:
                result = ws.validate(target, "population")
            except (InputFileError, ValidationError) as exc:
                got = "error"
                text = str(exc)
            else:
                got, text = "ok", " ".join(result.attrs.get("notes", []))
            if got != ("ok" if outcome == "ok" else "error"):
                return f"expected {outcome}, got {got}: {text[:150]}"
            return None if words in text else f"{words!r} not said: {text[:150]}"
        return fn

    cases = {
        "utf-8": (_GOOD.encode(), "ok", ""),
        "utf-8 with BOM": (b"\xef\xbb\xbf" + _GOOD.encode(), "ok", ""),
        "utf-16": (_GOOD.encode("utf-16"), "ok", "UTF-16"),
        "utf-16 without BOM": (_GOOD.encode("utf-16-le"), "ok", "UTF-16"),
        "cp1252": (_GOOD.replace("False\n", "False\n", 1).encode("cp1252")
                   + "UKR,False,2022,population,1.0,persons,é,2026-03-06,False\n"
                   .encode("cp1252"), "error", "Windows-1252"),
        "semicolons": (_GOOD.replace(",", ";").encode(), "error", "semicolons"),
        "tabs": (_GOOD.replace(",", "\t").encode(), "error", "tabs"),
        "empty": (b"", "error", "empty"),
        "header only": ((_HEADER + "\n").encode(), "error", "no data rows"),
        "binary": (b"\x00\x01\x02\xff" * 50, "error", "not a text file"),
        "old Excel": (b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "error", ".xls"),
        "inf": ((_GOOD + _ROW.format(y=2022, v="inf") + "\n").encode(), "error", "'inf'"),
        "NaN": ((_GOOD + _ROW.format(y=2022, v="NaN") + "\n").encode(), "error", "'NaN'"),
        "integer beyond 64 bits": ((_GOOD + _ROW.format(y=2022, v="9" * 25) + "\n").encode(),
                                   "error", "9" * 25),
        "blank lines and quoted newline": (("\n" + _HEADER + "\n\n" + _ROW.format(
            y=2020, v="-1").replace("wb_wdi_population", '"wb\nx"') + "\n").encode(), "error",
            "row 4"),
        "ragged row": ((_GOOD + "UKR,False\n").encode(), "error", "has 2 cells"),
        "duplicate rows": ((_GOOD + _ROW.format(y=2021, v="2.0") + "\n").encode(), "error",
                           "duplicate key"),
        "missing file": (None, "missing", "no such file"),
        "folder": (None, "folder", "is a folder"),
    }
    for name, (content, outcome, words) in cases.items():
        yield _run("analyst_files", name, expect(content, outcome, words))

    def excel(tmp: Path):
        path = tmp / "f.xlsx"
        pd.read_csv(io.StringIO(_GOOD), dtype=str).to_excel(path, index=False)
        notes = ws.validate(path, "population").attrs["notes"]
        return None if notes and "first sheet" in notes[0] else f"notes {notes}"

    yield _run("analyst_files", "Excel workbook", excel)


def run_all(raw_dir: Path) -> pd.DataFrame:
    from .build_classes import interrupted_build, plausibility
    from .wave2_classes import download_cache, duplicate_keys, exit_codes, stale_staging

    cases = [*hostile_output(), *spreadsheet_markdown(), *analyst_files(),
             *interrupted_build(raw_dir), *plausibility(raw_dir), *exit_codes(),
             *duplicate_keys(), *stale_staging(), *download_cache()]
    return pd.DataFrame([c.__dict__ for c in cases])


def class_table(cases: pd.DataFrame) -> pd.DataFrame:
    """Per class: cases, handled, unhandled."""
    table = cases.assign(handled=cases["result"] == "handled",
                         unhandled=cases["result"] == "unhandled")
    return (table.groupby("cls", sort=False)
            .agg(cases=("case", "size"), handled=("handled", "sum"),
                 unhandled=("unhandled", "sum")).reset_index()
            .rename(columns={"cls": "class"}))
