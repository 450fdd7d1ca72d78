"""The report as a document: words not codes, one date style, a build stamp, a PDF that holds
the same text, tables and sources as the HTML; one colour per source across charts."""

from __future__ import annotations

import functools
import html
import re
import shutil

import pytest

from tests.report_text import (
    bare_numbers,
    chart_codes,
    chart_date_problems,
    date_style_problems,
    internal_codes,
    visible_text,
)
from warstats.report.build import build_report


def _pdf_text(path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        if shutil.which("pdftotext") is None:
            pytest.skip("neither pypdf nor pdftotext is installed")
        import subprocess

        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    del PdfReader  # available: the cached extraction below uses it
    return "\n".join(_pdf_pages(str(path)))


def _flat(text: str) -> str:
    """One line of text; ligatures (ﬀ, ﬁ) that PDF text extraction keeps are spelt out."""
    import unicodedata

    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@functools.cache
def _pdf_pages(path: str) -> list[str]:
    """The PDF's page texts, extracted once per worker (pypdf)."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def report(built_report):
    """The full report (HTML and PDF) this test run builds once for every test module."""
    out, result = built_report
    return result, (out / "report.html").read_text(encoding="utf-8")


def test_report_shows_no_internal_codes(report):
    import pycountry

    from warstats.datasets.registry import dataset_names
    from warstats.provenance.registry import list_sources

    _, page = report
    found = internal_codes(page, [s.source_id for s in list_sources()], dataset_names(),
                           {c.alpha_3 for c in pycountry.countries})
    assert found == []


def test_report_writes_every_date_one_way(report):
    _, page = report
    assert date_style_problems(page) == []
    assert re.search(r"\b9 Nov 2023\b", visible_text(page))  # not 09 Nov / 9 November


def test_charts_speak_in_words_and_house_dates(report):
    from warstats.provenance.registry import list_sources

    _, page = report
    names = {w for s in list_sources() for w in re.findall(r"\w+", s.attribution_short)}
    assert chart_codes(page, names) == []  # e.g. "war_monitor channel" is a publisher's name
    assert chart_date_problems(page) == []
    assert bare_numbers(page) == []  # "12,000", never "12000"
    assert "DeepStateMap" in "\n".join(re.findall(r"<!--(.*?)-->", page))  # text was found


def test_vintages_name_no_placeholder(report):
    _, page = report
    table = re.search(r'<table class="vintages">(.*?)</table>', page, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", table)]
    assert cells and not [c for c in cells if "?" in c]


def test_pdf_keeps_each_table_title_with_its_first_row(report):
    """A table's title never ends a page whose rows start on the next (print CSS)."""
    pytest.importorskip("pypdf", reason="pypdf is not installed")
    result, page = report
    pages = [_flat(text) for text in _pdf_pages(str(result.pdf))]
    checked = 0
    for table in re.findall(r"<table class=\"gt_table\".*?</table>", page, re.S):
        title = re.search(r'gt_title[^>]*>(.*?)</td>', table, re.S)
        first = re.search(r"<tbody[^>]*>\s*<tr>\s*<td[^>]*>(.*?)</td>", table, re.S)
        if not title or not first:
            continue
        title = _flat(html.unescape(title.group(1))).strip()
        cell = _flat(html.unescape(re.sub(r"<[^>]+>", "", first.group(1)))).strip()
        where = [i for i, text in enumerate(pages) if title in text]
        if not where or not cell:
            continue
        assert cell in pages[where[0]], (title, cell, where[0] + 1)
        checked += 1
    assert checked >= 10


def test_scanners_catch_what_they_look_for():
    # the helpers above must be able to fail: a page with the old problems
    bad = ("<section id='x'><p>deepstatemap 18.4% as of 2024-11-01; seed article; "
           "09 Nov 2023 and 19 November 2024</p><table><tr><td>DEU</td><td>2025-04</td>"
           "</tr></table></section>")
    codes = internal_codes(bad, ["deepstatemap"], ["refugees_europe"], {"DEU"})
    chart = ("<svg><!-- Occupied share, DeepStateMap 08 Jul 2024 --><!-- PDA (73) -->"
             "<!-- Superseded appeals (HUKR22) --><!-- macro_region --><!-- war_monitor --></svg>")
    assert chart_codes(chart, {"war_monitor"}) == ["HUKR22", "PDA (73)", "macro_region"]
    assert chart_date_problems(chart) == ["08 Jul"]
    assert bare_numbers("<p>More than 12000 (commit 1128331; 2024; 1,234)</p>"
                        "<svg><!-- Close to 27000 --></svg>") == ["12000", "27000"]
    assert {"deepstatemap", "DEU", "seed article"} <= set(codes)
    assert {"2024-11-01", "19 November", "09 Nov", "2025-04"} <= set(date_style_problems(bad))


def test_build_stamp_names_version_release_and_as_of(report):
    import warstats

    _, page = report
    stamp = re.search(r"<p class='stamp' id='build-stamp'>(.*?)</p>", page).group(1)
    assert f"warstats {warstats.__version__}" in stamp
    assert "data release: shipped" in stamp  # the tests' data home holds no release
    assert "figures" in stamp and not re.search(r"\d{2}:\d{2}", stamp)  # no clock time


def test_contents_stay_reachable_on_a_long_page(report):
    _, page = report
    assert re.search(r"nav\.toc\{position:sticky;top:0", page)
    for key in ("overview", "casualties", "sources"):
        assert f'href="#{key}"' in page and f'id="{key}"' in page


def test_pdf_is_the_document_not_a_stack_of_charts(report):
    from warstats.provenance.citation import cite_ids

    result, page = report
    text = _flat(_pdf_text(result.pdf))
    assert text.count("warstats report") >= 2 and "Contents" in text
    assert "page 1 of" in text or "page 1" in text
    for heading in ("At a glance", "Civilian casualties", "Displacement", "Sources"):
        assert heading in text
    # a paragraph, a table title and a table cell from the HTML are in the PDF's text
    para = re.search(r'<section id="population">.*?<p>(.*?)</p>', page, re.S).group(1)
    first_para = _flat(html.unescape(re.sub(r"<[^>]+>", "", para)))
    assert first_para[:60] in text
    assert "Largest host countries of refugees from Ukraine" in text
    assert "Germany" in text
    # the sources list: every cited publisher's short attribution
    ids = re.findall(r"<li id='src-([^']+)'>", page)
    assert ids
    for source in cite_ids(ids).sources:
        assert source.attribution_short in text, source.source_id


def test_pdf_without_a_browser_still_has_title_text_tables_and_sources(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("WARSTATS_PDF_ENGINE", "matplotlib")
    result = build_report(tmp_path, topics=["population"], formats=("html", "pdf"),
                          quiet=True)
    text = _flat(_pdf_text(result.pdf))
    for expected in ("warstats report", "Contents", "1. Population",
                     "Ukraine's population, as counted by the World Bank",
                     "observed population vs pre-war projection", "Sources",
                     "World Bank WDI", "page 1", "page 3",
                     "Data vintages", "Total population", "Build hash"):
        assert expected in text, expected


def _line_colours(ax) -> dict[str, str]:
    from matplotlib.colors import to_hex

    return {line.get_label(): to_hex(line.get_color()) for line in ax.get_lines()}


def test_a_source_has_one_colour_in_every_chart():
    import warstats as ws
    from warstats.charts.conflict import plot_occupied_share
    from warstats.charts.displacement import plot_refugee_stock
    from warstats.claims import check_and_measure
    from warstats.claims.chart import plot_claim_check

    table, figures = check_and_measure()

    area = ws.load("occupied_area")
    main = _line_colours(plot_occupied_share(area))
    claim = _line_colours(plot_claim_check("occupied_share", table, figures))
    for label in ("DeepStateMap", "liveuamap"):
        in_main = [c for lab, c in main.items() if lab.lower().startswith(label.lower())]
        assert in_main and claim[label] == in_main[0], (label, main, claim)

    stock = _line_colours(plot_refugee_stock(ws.load("refugees_europe")))
    fled = _line_colours(plot_claim_check("fled", table, figures))
    ocha = [c for lab, c in stock.items() if lab.startswith("UNHCR series via OCHA")]
    assert ocha and fled["refugees recorded across Europe"] == ocha[0], (stock, fled)
