"""The chart report: outputs, determinism, escaping, data-driven text."""

from __future__ import annotations

import pytest

from warstats.report import html as layout
from warstats.report.build import build_report
from warstats.report.registry import ReportContext, sections


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(built_report):
    """The report built once per test run (tests/conftest.py), shared with other modules."""
    return built_report


def test_outputs(built):
    out, result = built
    html = (out / "report.html").read_text()
    assert result.figures and result.tables
    for name in result.figures:
        assert (out / "figures" / f"{name}.png").stat().st_size > 1000
        assert (out / "figures" / f"{name}.svg").is_file()
        assert f'data-figure="{name}"' in html
    for name in result.tables:
        assert (out / "tables" / f"{name}.csv").is_file()
        assert (out / "tables" / f"{name}.md").read_text().rstrip().splitlines()[-1] \
            .startswith("Source")
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    # self-contained: no external scripts, fonts or stylesheets
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert 'id="sources"' in html and "Retrieved" in html and "Licence" in html
    assert 'id="vintages"' in html


def test_two_builds_are_byte_identical(built, tmp_path):
    out, _ = built
    build_report(tmp_path, formats=("html", "pdf"), quiet=True)
    assert _files(tmp_path) == _files(out)


def test_text_from_data_is_escaped():
    text = layout.section("k", "T<i>", ["<script>alert(1)</script>"], [], [])
    assert "<script>" not in text and "&lt;script&gt;" in text and "T&lt;i&gt;" in text


def test_paragraph_is_computed_from_data():
    ctx = ReportContext()
    base = sections()["population"].build(ctx).paragraphs
    pop = ctx.load("population")
    pop.loc[(pop["country_iso3"] == "UKR") & (pop["year"] == 2024), "value"] = 30_000_000.0
    ctx._cache["population"] = pop
    changed = sections()["population"].build(ctx).paragraphs
    assert base != changed and "30.00 million in 2024" in changed[0]


def test_as_of_leaves_out_later_publications(tmp_path):
    ctx = ReportContext(as_of=__import__("pandas").Timestamp("2025-01-01"))
    assert ctx.load("population").empty  # WDI vintage published 2026-03-06
    ctx = ReportContext(as_of=__import__("pandas").Timestamp("2026-06-01"))
    assert not ctx.load("population").empty


def test_overview_figures_follow_the_data():
    from warstats.report.sections.overview import headline_figures

    ctx = ReportContext()
    before = headline_figures(ctx).set_index("Figure")["Value"]
    monthly = ctx.load("casualties_monthly")
    monthly.loc[monthly["measure"] == "killed", "value"] += 1
    ctx._cache["casualties_monthly"] = monthly
    after = headline_figures(ctx).set_index("Figure")["Value"]
    label = "Civilians killed since 24 Feb 2022 (at least)"
    n_months = int((monthly["measure"] == "killed").sum())
    assert after[label] - before[label] == n_months
