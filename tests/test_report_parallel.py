"""The report built in worker processes is byte-identical to a one-process build."""

from __future__ import annotations

from warstats.report.build import build_report, report_jobs


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_build_equals_one_process_build(tmp_path, monkeypatch):
    topics = ["overview", "population", "casualties"]
    monkeypatch.setenv("WARSTATS_REPORT_JOBS", "2")
    assert report_jobs(len(topics), ("html",)) == 2
    parallel = build_report(tmp_path / "parallel", topics=topics, quiet=True)
    monkeypatch.setenv("WARSTATS_REPORT_JOBS", "1")
    assert report_jobs(len(topics), ("html",)) == 1
    serial = build_report(tmp_path / "serial", topics=topics, quiet=True)
    assert parallel.figures == serial.figures and parallel.tables == serial.tables
    assert parallel.figures, "the chosen topics draw figures"
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def test_pdf_and_single_sections_build_in_one_process(monkeypatch):
    monkeypatch.setenv("WARSTATS_REPORT_JOBS", "4")
    assert report_jobs(3, ("html", "pdf")) == 1
    assert report_jobs(1, ("html",)) == 1
    assert report_jobs(3, ("html",)) == 3
