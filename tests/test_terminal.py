"""The command line fits a terminal, prints each problem once and exits 2 on usage problems."""

from __future__ import annotations

import pytest

from warstats.cli import main
from warstats.terminal import fit_table


def run(capsys, monkeypatch, *args, columns=80):
    monkeypatch.setenv("COLUMNS", str(columns))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", [("datasets",), ("sources",), ("describe", "population"),
                                     ("describe", "refugees_by_host")])
def test_listing_commands_fit_the_terminal(capsys, monkeypatch, command, columns):
    code, out, _ = run(capsys, monkeypatch, *command, columns=columns)
    assert code == 0
    widest = max(len(line) for line in out.splitlines())
    assert widest <= columns, [ln for ln in out.splitlines() if len(ln) > columns][:3]


def test_wide_prints_everything(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "sources", "--wide", columns=80)
    assert code == 0
    assert "https://data.worldbank.org/indicator/SP.POP.TOTL" in out  # a full URL
    _, narrow, _ = run(capsys, monkeypatch, "sources", columns=80)
    assert "--wide shows all" in narrow and "https://data.worldbank.org/indicator" not in narrow


def test_fit_table_keeps_the_first_column_and_names_what_it_hides():
    import pandas as pd

    frame = pd.DataFrame({"name": ["population_projections"], "a": ["x" * 50], "b": ["y" * 50],
                          "c": ["z" * 50]})
    text = fit_table(frame, 40)
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines[:-1]), lines
    assert "population_projections" in lines[1]
    assert lines[-1].startswith("(") and "--wide" in lines[-1]


def test_validate_prints_each_problem_once(capsys, monkeypatch, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("country_iso3,year,value\nUKR,abc,5\n")
    code, out, _ = run(capsys, monkeypatch, "validate", str(bad), "--dataset", "population")
    assert code == 1
    assert out.count("'abc'") + out.count(" abc") == 1, out
    assert out.count("missing column 'source_id'") == 1, out


def test_report_usage_problems_exit_2(capsys, monkeypatch, tmp_path):
    code, _, err = run(capsys, monkeypatch, "report", "--topics", "popul", "--out",
                       str(tmp_path))
    assert code == 2 and "did you mean 'population'" in err
    code, _, err = run(capsys, monkeypatch, "report", "--format", "docx", "--out",
                       str(tmp_path))
    assert code == 2 and "html, pdf" in err
    assert not (tmp_path / "report.html").exists()


def test_report_help_lists_the_topics(capsys, monkeypatch):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--help"])
    assert stop.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for topic in ("overview", "population", "casualties", "displacement", "aid", "conflict",
                  "claims"):
        assert topic in out
