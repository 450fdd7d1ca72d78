"""Reliability classes that attack the build: interrupted swaps and implausible values
(see :mod:`tests.reliability.classes` for the others and the per-class table)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from .classes import Case, _run

# interrupted builds -----------------------------------------------------------------


def interrupted_build(raw_dir: Path) -> Iterator[Case]:
    from warstats.datasets import build as build_mod
    from warstats.datasets import swap
    from warstats.datasets.load import read_verified
    from warstats.verify import verify

    names = ["population", "gdp"]

    def at(point: int):
        def fn(tmp: Path):
            out = tmp / "data"
            build_mod.build_all(raw_dir, out, names=names, progress=False)
            real, moved = os.replace, []

            def dying(src, dst, *a, **k):
                if ".tmp" in str(src) or str(dst).endswith(swap.JOURNAL):
                    return real(src, dst, *a, **k)
                if len(moved) >= point:
                    raise KeyboardInterrupt
                moved.append(dst)
                return real(src, dst, *a, **k)

            swap.os.replace = dying
            try:
                build_mod.build_all(raw_dir, out, names=names, progress=False)
            except KeyboardInterrupt:
                pass
            finally:
                swap.os.replace = real
            problems = verify(data=out, raw_dir=raw_dir)
            problems = problems[problems["dataset"].isin(names)]
            for name in names:
                read_verified(name, out)
            return None if problems.empty else problems.to_string()[:200]
        return fn

    def failed(tmp: Path):
        from warstats.datasets.registry import get_spec
        from warstats.errors import SourceFormatError

        out = tmp / "data"
        build_mod.build_all(raw_dir, out, names=names, progress=False)
        before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        spec_type = type(get_spec("gdp"))
        real = spec_type.build_function

        def broken(self):
            if self.name != "gdp":
                return real(self)

            def builder(raw):
                raise SourceFormatError(raw / "x.csv", "broken")
            return builder

        spec_type.build_function = broken
        try:
            build_mod.build_all(raw_dir, out, names=names, progress=False)
            return "a failing build did not fail"
        except SourceFormatError:
            pass
        finally:
            spec_type.build_function = real
        after = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        return None if after == before else "previous tables changed"

    yield _run("interrupted_build", "a dataset fails: nothing replaced", failed)
    for point in range(4):
        yield _run("interrupted_build", f"killed after {point} of 4 moves", at(point))


# plausibility -----------------------------------------------------------------------


def plausibility(raw_dir: Path) -> Iterator[Case]:
    from warstats.datasets.build import build_frame
    from warstats.datasets.registry import get_spec
    from warstats.errors import SourceFormatError

    def case(name: str, rel: str, edit: Callable[[Path], None]):
        def fn(tmp: Path):
            meta = json.loads((_data() / f"{name}.meta.json").read_text())
            for item in meta["build_inputs"]:
                if not item["file"].startswith("seeds/"):
                    (tmp / item["file"]).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(raw_dir / item["file"], tmp / item["file"])
            edit(tmp / rel)
            try:
                build_frame(get_spec(name), tmp)
            except SourceFormatError as exc:
                named = Path(rel).name in str(exc) and "implausible" in str(exc)
                return None if named else f"error does not name file/series: {exc}"[:200]
            return "built quietly"
        return fn

    def swap_text(a: str, b: str):
        def edit(path: Path):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(a, "\0").replace(b, a).replace("\0", b),
                            encoding="utf-8")
        return edit

    def csv_times(column: str, factor: int, where: tuple[str, str] | None = None):
        def edit(path: Path):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            rows = frame[where[0]] == where[1] if where else slice(None)
            vals = pd.to_numeric(frame.loc[rows, column], errors="coerce")
            frame.loc[rows, column] = (vals * factor).map(
                lambda v: "" if pd.isna(v) else f"{v:.10g}")
            frame.to_csv(path, index=False)
        return edit

    def csv_swap(a: str, b: str):
        def edit(path: Path):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            frame[a], frame[b] = frame[b], frame[a]
            frame.to_csv(path, index=False)
        return edit

    def json_times(key: str, factor: int):
        def edit(path: Path):
            def walk(obj):
                if isinstance(obj, dict):
                    return {k: v * factor if k == key and isinstance(v, int | float)
                            else walk(v) for k, v in obj.items()}
                if isinstance(obj, list):
                    return [walk(v) for v in obj]
                return obj
            path.write_text(json.dumps(walk(json.loads(path.read_text()))))
        return edit

    killed = "Civilian casualities(OHCHR) - Killed"
    injured = "Civilian casualities(OHCHR) - Injured"
    cases = [
        ("casualties: killed/injured swapped", "casualties_published",
         "civilian_casualties/ocha_ukraine_key_figures_2022_sheet_snapshot.csv",
         swap_text(killed, injured)),
        ("population: Ukraine in thousands ×1000", "population",
         "population/worldbank_population_sp_pop_totl.csv",
         csv_times("Value", 1000, ("Country Code", "UKR"))),
        ("loss claims: aircraft/APC swapped", "loss_claims",
         "russian_losses_claims/russia_losses_equipment.json", swap_text('"aircraft"',
                                                                          '"APC"')),
        ("loss claims: personnel ×1000", "loss_claims",
         "russian_losses_claims/russia_losses_personnel.json", json_times("personnel", 1000)),
        ("refugees: individuals ×1000", "refugees_europe",
         "refugees/unhcr_odp_timeseries_europe_snapshot_2022-08.json",
         json_times("individuals", 1000)),
        ("exchange rates: USD/JPY swapped", "fx_rates", "exchange_rates/ecb_eurofxref-hist.csv",
         csv_swap("USD", "JPY")),
    ]
    for label, name, rel, edit in cases:
        yield _run("plausibility", label, case(name, rel, edit))


def _data() -> Path:
    from warstats._paths import data_dir

    return data_dir()


