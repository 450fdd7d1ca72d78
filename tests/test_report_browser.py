"""Open the report in a real headless browser: every figure renders, nothing is logged as error.

Needs Debian's chromium and the playwright package (used only as a driver: no browser
download). Without a browser the test is skipped, unless ``WARSTATS_REQUIRE_BROWSER=1``
(set by CI), which turns a missing browser into a failure.
"""

from __future__ import annotations

import os

import pytest

from warstats.report.browser import chromium_path, open_report


@pytest.mark.browser
def test_report_renders_in_browser(tmp_path, built_report):
    if chromium_path() is None:
        if os.environ.get("WARSTATS_REQUIRE_BROWSER") == "1":
            pytest.fail("WARSTATS_REQUIRE_BROWSER=1 but no chromium found: apt-get install "
                        "chromium")
        pytest.skip("no chromium on this machine")
    _, result = built_report  # the run's shared build (HTML and PDF), read-only here
    shot = tmp_path / "report.png"
    check = open_report(result.html, shot)
    assert check.errors == []
    assert sorted(name for name, _, _ in check.figures) == sorted(result.figures)
    assert all(w > 300 and h > 150 for _, w, h in check.figures), check.figures
    assert shot.stat().st_size > 10_000
