"""Open a built report in headless Chromium (Debian's package, driven by playwright).

Used by the browser test and by ``make screenshot`` (the README's first-screen image).
No browser is downloaded: it must be installed (``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageCheck:
    errors: list[str] = field(default_factory=list)
    figures: list[tuple[str, float, float]] = field(default_factory=list)


def open_report(html: Path, screenshot: Path | None = None, *, width: int = 1200,
                height: int = 900) -> PageCheck:
    """Load ``html``; collect console/page/request errors and each figure's rendered size."""
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("no chromium found: apt-get install chromium")
    check = PageCheck()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.on("console", lambda m: check.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: check.errors.append(str(e)))
        page.on("requestfailed", lambda r: check.errors.append(f"request failed: {r.url}"))
        page.goto(Path(html).resolve().as_uri())
        page.wait_for_load_state("load")
        check.figures = [tuple(x) for x in page.eval_on_selector_all(
            "figure[data-figure] svg",
            "els => els.map(e => { const b = e.getBoundingClientRect();"
            " return [e.closest('figure').dataset.figure, b.width, b.height]; })")]
        if screenshot is not None:
            Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    return check


if __name__ == "__main__":  # python -m warstats.report.browser REPORT.html OUT.png
    result = open_report(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(result.figures)} figures rendered; {len(result.errors)} errors")
    sys.exit(1 if result.errors else 0)
