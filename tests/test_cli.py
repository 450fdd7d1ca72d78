"""The command line: every command, bad arguments and exit codes (0 ok, 1 data, 2 usage)."""

from __future__ import annotations

import pytest

from warstats.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_datasets(capsys):
    code, out, _ = run(capsys, "datasets")
    assert code == 0 and "population_projections" in out
    code, out, _ = run(capsys, "datasets", "--format", "csv")
    assert out.startswith("name,kind")


def test_show_with_filter(capsys):
    code, out, _ = run(capsys, "show", "population", "--head", "3", "--where",
                       "country_iso3 == 'UKR'")
    assert code == 0 and out.count("UKR") == 3
    code, _, err = run(capsys, "show", "population", "--where", "no such ==")
    assert code == 2 and "not a valid filter" in err


def test_describe_sources_cite(capsys):
    assert run(capsys, "describe", "population")[1].count("country_iso3") >= 1
    code, out, _ = run(capsys, "sources", "population_projections")
    assert code == 0 and "un_wpp2019" in out
    code, out, _ = run(capsys, "cite", "population", "--style", "bibtex")
    assert "@misc{wb_wdi_population" in out


def test_unknown_dataset_exit_2_with_hint(capsys):
    code, _, err = run(capsys, "show", "populaton")
    assert code == 2 and "Did you mean 'population'?" in err


def test_unknown_command_and_option(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["shwo"])
    assert exc.value.code == 2
    assert "did you mean 'show'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["cite", "population", "--style", "apa"])
    assert exc.value.code == 2


def test_help_everywhere(capsys):
    for cmd in ("datasets", "show", "export", "validate", "report", "build-data", "fetch"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0
        assert "Example" in capsys.readouterr().out


def test_validate_user_file(capsys, tmp_path):
    import warstats as ws

    bad = tmp_path / "mine.csv"
    frame = ws.load("population").head(4)
    frame.loc[1, "value"] = -3
    frame.to_csv(bad, index=False)
    code, out, _ = run(capsys, "validate", str(bad), "--dataset", "population")
    assert code == 1 and "value" in out and "3" in out
    code, out, _ = run(capsys, "validate", str(bad), "--dataset", "population", "--format",
                       "json")
    assert code == 1 and '"row":3' in out.replace(" ", "")
    good = tmp_path / "good.csv"
    ws.load("population").head(4).to_csv(good, index=False)
    assert run(capsys, "validate", str(good), "--dataset", "population")[0] == 0


def test_build_data_only_and_verify(capsys, tmp_path, raw_dir):
    code, out, _ = run(capsys, "build-data", "--raw", str(raw_dir), "--out", str(tmp_path),
                       "--only", "population", "--quiet")
    assert code == 0 and "17,195 rows" in out
    code, _, err = run(capsys, "build-data", "--raw", str(tmp_path / "nope"), "--out",
                       str(tmp_path))
    assert code == 1 and "does not exist" in err
    code, out, _ = run(capsys, "verify", "--raw", str(raw_dir))
    assert code == 0 and "all checksums match" in out


def test_export_formats(capsys, tmp_path):
    for fmt, name in (("csv", "population.csv"), ("json", "population.json"),
                      ("xlsx", "population.xlsx"), ("parquet", "population.parquet")):
        code = run(capsys, "export", "population", "--format", fmt, "--out", str(tmp_path))[0]
        assert code == 0 and (tmp_path / name).is_file(), fmt


def test_report_bad_topic(capsys, tmp_path):
    code, _, err = run(capsys, "report", "--out", str(tmp_path), "--topics", "populaton")
    assert code == 2 and "did you mean 'population'" in err  # a usage problem
    code, _, err = run(capsys, "report", "--out", str(tmp_path), "--format", "docx")
    assert code == 2 and "format" in err


def test_unexpected_errors_are_reported_plainly(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("warstats.catalog.list_datasets", broken)
    code, _, err = run(capsys, "datasets")
    assert code == 1 and "unexpected error (KeyError" in err and "WARSTATS_DEBUG=1" in err
    monkeypatch.setenv("WARSTATS_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["datasets"])


def test_fetch_unknown_source_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "fetch", "--dest", str(tmp_path), "--only", "wb_wdi_populaton")
    assert code == 2 and "Did you mean 'wb_wdi_population'?" in err


def test_fetch_from_a_local_server(capsys, tmp_path, monkeypatch, raw_dir):
    """`warstats fetch` downloads through the source's URL and verifies the sidecar checksum."""
    import functools
    import http.server
    import shutil
    import threading

    served = tmp_path / "served"
    served.mkdir()
    rel = "population/worldbank_population_sp_pop_totl.csv"
    shutil.copyfile(raw_dir / rel, served / "population.csv")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        from warstats.readers import fetch as fetch_mod

        url = f"http://127.0.0.1:{server.server_address[1]}/population.csv"
        monkeypatch.setattr(fetch_mod, "file_urls", lambda source: {rel: url})
        code, out, _ = run(capsys, "fetch", "--dest", str(tmp_path / "cache"), "--only",
                           "wb_wdi_population")
    finally:
        server.shutdown()
    assert code == 0 and "1 file(s) in place, checksums verified" in out
    assert (tmp_path / "cache" / rel).read_bytes() == (raw_dir / rel).read_bytes()
