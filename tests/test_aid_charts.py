"""Aid charts and report section: each chart returns Axes with a source footer from the data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import warstats as ws
from warstats.analysis import aid as A
from warstats.charts import aid as C

from .conftest import footer_of


@pytest.fixture(scope="module")
def ranking():
    return A.donor_ranking(ws.load("aid_by_donor", validate=False))


def test_top_donors_and_gdp(ranking):
    ax = C.plot_top_donors(ranking)
    assert "Kiel Institute" in footer_of(ax) and "engelde/ukrainewar" in footer_of(ax)
    assert "allocations only" in footer_of(ax)
    shares = A.aid_share_of_gdp(ranking, ws.load("gdp", validate=False),
                                ws.load("fx_rates", validate=False))
    ax2 = C.plot_share_of_gdp(shares)
    assert "World Bank" in footer_of(ax2) and "ECB" in footer_of(ax2)
    plt.close("all")


def test_other_charts():
    monthly = A.monthly_allocations(ws.load("aid_by_month", validate=False))
    assert "Kiel" in footer_of(C.plot_cumulative_allocations(monthly))
    packages = ws.load("us_packages", validate=False)
    assert "US DoD/State" in footer_of(C.plot_us_packages(packages))
    cov = A.appeal_coverage(ws.load("appeals", validate=False))
    assert "OCHA FTS" in footer_of(C.plot_appeal_coverage(cov))
    plt.close("all")


def test_report_section_builds():
    from warstats.report.registry import ReportContext, sections

    content = sections()["aid"].build(ReportContext())
    assert len(content.figures) == 5 and len(content.tables) == 4
    assert "allocations only" in content.paragraphs[0]
    assert "Source:" in content.tables[0][1].to_markdown()
    plt.close("all")
