"""Open the report in a real headless browser: every figure renders, nothing is logged as error.

Needs Debian's chromium (``/usr/bin/chromium``) and the playwright package (used only as a
driver: no browser download). Without a browser the test is skipped, unless
``WARSTATS_REQUIRE_BROWSER=1`` (set by CI), which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

from warstats.report.build import build_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.browser
def test_report_renders_in_browser(tmp_path):
    if CHROMIUM is None:
        if os.environ.get("WARSTATS_REQUIRE_BROWSER") == "1":
            pytest.fail("WARSTATS_REQUIRE_BROWSER=1 but no chromium found: apt-get install "
                        "chromium")
        pytest.skip("no chromium on this machine")
    from playwright.sync_api import sync_playwright

    result = build_report(tmp_path / "report", quiet=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
        page.goto(result.html.as_uri())
        page.wait_for_load_state("load")
        sizes = page.eval_on_selector_all(
            "figure[data-figure] svg",
            "els => els.map(e => { const b = e.getBoundingClientRect();"
            " return [e.closest('figure').dataset.figure, b.width, b.height]; })")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert errors == []
    assert sorted(name for name, _, _ in sizes) == sorted(result.figures)
    assert all(w > 300 and h > 150 for _, w, h in sizes), sizes
    assert (tmp_path / "report.png").stat().st_size > 10_000
