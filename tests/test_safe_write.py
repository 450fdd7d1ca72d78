"""The one safe writer, attacked: symlinks, foreign files, concurrent runs, kill -9, bad paths."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warstats.cli import main
from warstats.errors import OutputPathError
from warstats.safe_write import MANIFEST, ForeignFileWarning, OutputFolder, write_file

SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_write_file_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "t.txt"
    write_file(target, b"one\n", root=tmp_path)
    write_file(target, b"two\n", root=tmp_path)
    assert target.read_bytes() == b"two\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["t.txt"]  # no temp left


def test_symlink_at_target_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "population.csv").symlink_to(victim)
    with pytest.raises(OutputPathError, match="symbolic link"):
        write_file(out / "population.csv", b"x\n")
    with pytest.raises(OutputPathError):
        OutputFolder(out).write("population.csv", b"x\n")
    assert victim.read_text() == "precious\n"
    assert (out / "population.csv").is_symlink()


def test_symlink_in_a_parent_below_the_output_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "report"
    out.mkdir()
    (out / "figures").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputPathError, match="symbolic link"):
        OutputFolder(out).write("figures/chart.png", b"png")
    with pytest.raises(OutputPathError, match="symbolic link"):
        write_file(out / "figures" / "chart.png", b"png", root=out)
    assert list(elsewhere.iterdir()) == []


def test_foreign_file_is_never_overwritten_or_removed(tmp_path):
    out = OutputFolder(tmp_path)
    out.write("tables/a.csv", b"a\n")
    out.write("tables/old.csv", b"old\n")
    (tmp_path / "tables" / "mine.csv").write_text("the analyst's own notes\n")
    with pytest.raises(OutputPathError, match="did not write"):
        out.write("tables/mine.csv", b"x\n")
    again = OutputFolder(tmp_path)  # a second run that no longer makes old.csv
    again.write("tables/a.csv", b"a2\n")
    with pytest.warns(ForeignFileWarning, match="mine.csv"):
        foreign = again.remove_stale()
    assert [p.name for p in foreign] == ["mine.csv"]
    assert (tmp_path / "tables" / "mine.csv").read_text() == "the analyst's own notes\n"
    assert not (tmp_path / "tables" / "old.csv").exists()  # its own stale output went


def test_own_file_changed_by_a_person_becomes_foreign(tmp_path):
    out = OutputFolder(tmp_path)
    out.write("r.html", b"<p>1</p>")
    (tmp_path / "r.html").write_text("edited by hand")
    with pytest.raises(OutputPathError, match="changed since"):
        OutputFolder(tmp_path).write("r.html", b"<p>2</p>")
    assert (tmp_path / "r.html").read_text() == "edited by hand"


def test_foreign_file_in_report_folder_is_named_and_kept(tmp_path, monkeypatch):
    """The report itself: a foreign file among its tables survives and is warned about."""
    import pandas as pd

    from warstats.report import build as report_build
    from warstats.report.registry import Section, SectionContent
    from warstats.tables.sourced import sourced_table

    frame = pd.DataFrame({"a": ["x"], "source_id": ["wb_wdi_population"]})
    table = sourced_table(frame[["a"]], frame, "T")
    monkeypatch.setattr(report_build, "sections", lambda: {
        "s": Section("s", "S", lambda ctx: SectionContent(tables=[("t", table)]))})
    report_build.build_report(tmp_path, quiet=True)
    (tmp_path / "tables" / "notes.md").write_text("mine")
    with pytest.warns(ForeignFileWarning, match="notes.md"):
        report_build.build_report(tmp_path, quiet=True)
    assert (tmp_path / "tables" / "notes.md").read_text() == "mine"


def _writer(root: str, worker: int, rounds: int) -> None:
    folder = OutputFolder(root)
    for i in range(rounds):
        for name in ("report.html", "tables/a.csv", "figures/b.svg"):
            folder.write(name, f"{name} from {worker} round {i}\n".encode() * 200)
    folder.remove_stale()


def test_concurrent_runs_into_one_folder_do_not_crash(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 15)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    for name in ("report.html", "tables/a.csv", "figures/b.svg"):
        lines = set((tmp_path / name).read_text().splitlines())
        assert len(lines) == 1 and lines.pop().startswith(f"{name} from ")  # one whole write
    assert set(OutputFolder(tmp_path).owned()) == {"report.html", "tables/a.csv",
                                                    "figures/b.svg"}
    assert not [p for p in tmp_path.rglob("*.tmp")]


_KILLED_WRITER = """
import sys
from pathlib import Path
from warstats.safe_write import write_file
target = Path(sys.argv[1])
big = [bytes([65 + i]) * (8 << 20) for i in range(2)]
i = 0
while True:
    write_file(target, big[i % 2])
    i += 1
    if i == 1:
        Path(sys.argv[2]).write_text("started")
"""


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.13, 0.31])
def test_kill_9_mid_write_leaves_old_or_new_complete_file(tmp_path, delay):
    target, flag = tmp_path / "big.bin", tmp_path / "started"
    target.write_bytes(b"Z" * (8 << 20))
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target), str(flag)],
                            env={**os.environ, "PYTHONPATH": SRC})
    try:
        for _ in range(600):
            if flag.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the writer died on its own"
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    data = target.read_bytes()
    assert len(data) == 8 << 20 and len(set(data)) == 1 and data[:1] in (b"A", b"B", b"Z")


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write into: chmod for a normal user; for root (whom
    chmod does not stop) /sys, which the kernel refuses to create files in."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    try:
        os.close(os.open("/sys/warstats-probe", os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    except OSError:
        return Path("/sys")
    os.unlink("/sys/warstats-probe")
    pytest.skip("no folder here refuses root's writes")


@pytest.mark.parametrize("case", ["file_as_folder", "read_only", "missing_parent_under_file"])
def test_path_problems_exit_2_with_a_plain_sentence(tmp_path, capsys, case):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    out = {"file_as_folder": blocker,
           "read_only": _read_only_folder(tmp_path),
           "missing_parent_under_file": blocker / "deeper" / "out"}[case]
    code = main(["export", "population", "--format", "csv", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "bug" not in err and "Traceback" not in err
    assert err.startswith("warstats: cannot ") and str(out) in err
    assert "Choose another output folder" in err


def test_export_refuses_to_overwrite_a_foreign_file(tmp_path, capsys):
    (tmp_path / "population.csv").write_text("someone else's table\n")
    assert main(["export", "population", "--out", str(tmp_path)]) == 2
    assert "did not write" in capsys.readouterr().err
    assert (tmp_path / "population.csv").read_text() == "someone else's table\n"
    (tmp_path / "population.csv").unlink()
    assert main(["export", "population", "--out", str(tmp_path)]) == 0
    assert main(["export", "population", "--out", str(tmp_path)]) == 0  # its own: replaced
    assert (tmp_path / MANIFEST).is_file()
