"""Safety (issue 9, item 5): no code execution from data, escaped report HTML, output paths
that stay inside the chosen directory."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from warstats.errors import WarstatsError
from warstats.safe_write import safe_child

SRC = Path(__file__).resolve().parents[1] / "src" / "warstats"
EVIL = "<script>alert('x')</script>"


def _calls():
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            yield path, node


def test_no_pickle_eval_exec_or_unsafe_yaml():
    bad = []
    for path, node in _calls():
        where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in {"pickle", "cPickle", "dill", "marshal", "shelve"}
                   for n in names):
                bad.append(f"{where} imports {names}")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(
                func.value, ast.Name) else ""
            if isinstance(func, ast.Name) and name in {"eval", "exec", "compile", "__import__"}:
                bad.append(f"{where} calls {name}()")
            if name in {"read_pickle", "to_pickle"}:
                bad.append(f"{where} calls {name}()")
            if owner == "yaml" and name in {"load", "load_all", "unsafe_load", "full_load"}:
                bad.append(f"{where} calls yaml.{name}() (use yaml.safe_load)")
            if owner == "os" and name in {"system", "popen"}:
                bad.append(f"{where} calls os.{name}()")
            if owner == "subprocess" and any(k.arg == "shell" for k in node.keywords):
                bad.append(f"{where} runs a shell")
    assert bad == []


def test_the_scan_would_catch_them():
    code = "import pickle\nx = eval('1')\nimport yaml\nyaml.load(s)\n"
    tree = ast.parse(code)
    calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert any(isinstance(f, ast.Name) and f.id == "eval" for f in calls)
    assert any(isinstance(f, ast.Attribute) and f.attr == "load" for f in calls)


@pytest.mark.parametrize("name", ["../x.csv", "../../etc/passwd", "/etc/passwd",
                                  "figures/../../x.png", "a/../../b"])
def test_safe_child_refuses_escapes(tmp_path, name):
    with pytest.raises(WarstatsError, match="outside"):
        safe_child(tmp_path / "out", name)


def test_safe_child_allows_children(tmp_path):
    assert safe_child(tmp_path, "figures/a.png") == (tmp_path / "figures" / "a.png").resolve()
    assert safe_child(tmp_path, "a/../b.csv") == (tmp_path / "b.csv").resolve()


def test_safe_child_refuses_symlink_escape(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "link").symlink_to(tmp_path)
    with pytest.raises(WarstatsError):
        safe_child(out, "link/x.csv")


def test_report_writer_refuses_names_outside(tmp_path, monkeypatch):
    """A section whose figure or table name tries to climb out of the report folder."""
    import matplotlib.pyplot as plt

    from warstats.report import build as report_build
    from warstats.report.registry import FigureItem, Section, SectionContent

    def evil(ctx):
        fig, _ = plt.subplots()
        return SectionContent(figures=[FigureItem("../../escape", fig, "x")])

    monkeypatch.setattr(report_build, "sections", lambda: {"evil": Section("evil", "E", evil)})
    with pytest.raises(WarstatsError, match="outside"):
        report_build.build_report(tmp_path / "r", topics=["evil"], quiet=True)
    assert not (tmp_path / "escape.png").exists()
    assert not list(tmp_path.glob("*.png"))
    plt.close("all")


def _section_html(key: str, ctx) -> str:
    import matplotlib.pyplot as plt

    from warstats.report import html as layout
    from warstats.report.build import _svg
    from warstats.report.registry import sections

    section = sections()[key]
    content = section.build(ctx)
    figs = [(f.name, _svg(f.figure), f.caption) for f in content.figures]
    tables = [t.to_html() for _, t in content.tables]
    plt.close("all")
    return layout.section(section.key, section.title, content.paragraphs, figs, tables)


def test_report_html_escapes_strings_from_data():
    import warstats as ws
    from warstats.report.registry import ReportContext

    ctx = ReportContext()
    attacks = ws.load("air_attacks", validate=False)
    attacks["model"] = attacks["model"].astype(str) + EVIL
    ctx._cache["air_attacks"] = attacks
    for key in ("conflict",):
        html = _section_html(key, ctx)
        assert EVIL not in html and "<script" not in html.lower()
        assert "&lt;script&gt;" in html  # the text is shown, escaped
    # paragraphs and titles are escaped by the layout too
    from warstats.report import html as layout

    text = layout.section("k", "T<b>", [f"label {EVIL}"], [], [])
    assert "<script" not in text and "&lt;script&gt;" in text and "<b>" not in text


def test_export_refuses_names_outside(tmp_path):
    from warstats.errors import DatasetNotFoundError
    from warstats.export import export

    with pytest.raises(DatasetNotFoundError):
        export("../population", "csv", tmp_path / "out")
    assert not list(tmp_path.rglob("*.csv"))


def test_fetch_all_refuses_paths_outside(tmp_path, monkeypatch):
    """A source record naming a file like ``../x`` must not write outside the cache."""
    from warstats.readers import fetch

    called = []
    monkeypatch.setattr(fetch, "file_urls", lambda s: {"../../evil.csv": "http://x/evil"})
    monkeypatch.setattr(fetch, "fetch_file", lambda *a, **k: called.append(a))
    with pytest.raises(WarstatsError, match="outside"):
        fetch.fetch_all(tmp_path / "cache", only=["wb_wdi_population"])
    assert called == []


def test_every_fetched_file_has_a_known_checksum():
    """fetch_file accepts any content when no sha256 is known: every raw input must have one."""
    from warstats.provenance.registry import list_sources
    from warstats.readers.fetch import expected_hashes, file_urls

    hashes = expected_hashes()
    files = [rel for s in list_sources() for rel in file_urls(s)]
    assert files
    assert [rel for rel in files if rel not in hashes] == []


def test_fetch_checksum_mismatch_keeps_nothing(tmp_path):
    import functools
    import http.server
    import threading

    from warstats.errors import IntegrityError
    from warstats.readers.fetch import fetch_file

    root = tmp_path / "served"
    root.mkdir()
    (root / "f.csv").write_text("a,b\n1,2\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/f.csv"
        dest = tmp_path / "cache" / "f.csv"
        with pytest.raises(IntegrityError, match="checksum"):
            fetch_file(url, dest, "0" * 64)
        assert not dest.exists()
        with pytest.raises(IntegrityError, match="limit"):
            fetch_file(url, dest, None, max_bytes=3)
        assert not dest.exists()
    finally:
        server.shutdown()
