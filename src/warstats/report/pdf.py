"""The report's PDF: the same document as the HTML, with page numbers.

Two engines, one document:

- ``browser`` prints the HTML page itself with headless Chromium (Debian's package, driven
  by playwright, as the report's browser test does): title, contents, text, tables,
  figures and sources exactly as in the HTML, A4 with page numbers. Chromium stamps the
  print time into the PDF; that stamp is set to a fixed value so rebuilds are identical.
- ``matplotlib`` (used when no browser is installed) lays out the same parts on A4 pages:
  a title page with the contents, each section's text, figures and tables, then the
  sources, with page numbers.

``WARSTATS_PDF_ENGINE=browser|matplotlib`` forces one; the default takes the browser when
there is one.
"""

from __future__ import annotations

import io
import os
import re
import textwrap
from dataclasses import dataclass, field

from warstats.report.html import VINTAGE_COLUMNS

ENGINES = ("browser", "matplotlib")
A4 = (8.27, 11.69)
_FOOTER = ('<div style="font-size:8px;color:#555;width:100%;text-align:center;'
           'font-family:DejaVu Sans,sans-serif"><span class="title"></span> · page '
           '<span class="pageNumber"></span> of <span class="totalPages"></span></div>')


@dataclass
class PdfSection:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[tuple[bytes, str]] = field(default_factory=list)  # (PNG, caption)
    tables: list[object] = field(default_factory=list)  # SourcedTable


@dataclass
class PdfDocument:
    """What the matplotlib engine lays out (the browser engine prints the HTML instead)."""

    title: str
    subtitle: str
    stamp: str
    sections: list[PdfSection] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    vintages: list[list[str]] = field(default_factory=list)  # rows of html.VINTAGE_COLUMNS
    vintages_note: str = ""


def choose_engine() -> str:
    wanted = os.environ.get("WARSTATS_PDF_ENGINE", "").strip().lower()
    if wanted in ENGINES:
        return wanted
    from warstats.report.browser import chromium_path

    try:
        import playwright  # noqa: F401
    except ImportError:
        return "matplotlib"
    return "browser" if chromium_path() else "matplotlib"


def render_pdf(html: str, doc: PdfDocument) -> tuple[bytes, str]:
    """The PDF bytes and the engine that made them."""
    engine = choose_engine()
    if engine == "browser":
        return print_html(html), engine
    return layout_pdf(doc), engine


def print_html(html: str) -> bytes:
    """Print the report page to an A4 PDF with headless Chromium (page numbers in the footer)."""
    from playwright.sync_api import sync_playwright

    from warstats.report.browser import ARGS, chromium_path

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("no chromium found: apt-get install chromium, or set "
                           "WARSTATS_PDF_ENGINE=matplotlib")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True, display_header_footer=True,
                           header_template="<span></span>", footer_template=_FOOTER,
                           margin={"top": "14mm", "bottom": "16mm", "left": "13mm",
                                   "right": "13mm"})
        finally:
            browser.close()
    # Chromium writes the print time; a fixed value of the same length keeps offsets valid.
    return re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)",
                  lambda m: b"/" + m.group(1) + b" (D:20000101000000+00'00')", pdf)


class _Pages:
    """A cursor over A4 pages: text flows down, a new page starts when one is full."""

    def __init__(self, title: str):
        from matplotlib.backends.backend_pdf import PdfPages

        self.buf = io.BytesIO()
        self.pdf = PdfPages(self.buf, metadata={"CreationDate": None, "ModDate": None,
                                                "Creator": "warstats", "Producer": "warstats",
                                                "Title": title})
        self.title = title
        self.fig = None
        self.n = 0
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        import matplotlib.pyplot as plt

        if self.fig is not None:
            self._finish()
        self.fig = plt.figure(figsize=A4)
        self.n += 1
        self.y = 0.94

    def _finish(self) -> None:
        import matplotlib.pyplot as plt

        self.fig.text(0.5, 0.03, f"{self.title} · page {self.n}", ha="center", fontsize=7,
                      color="#555555")
        self.pdf.savefig(self.fig)
        plt.close(self.fig)

    def text(self, text: str, *, size: float = 9.5, width: int = 100, weight: str = "normal",
             family: str = "DejaVu Sans", gap: float = 0.008, color: str = "#222222") -> None:
        line_h = size * 1.45 / 72 / A4[1]
        lines = []
        for para in str(text).split("\n"):
            lines += textwrap.wrap(para, width=width) or [""]
        for line in lines:
            if self.y - line_h < 0.07:
                self.new_page()
            self.fig.text(0.08, self.y, line, fontsize=size, weight=weight, family=family,
                          va="top", color=color)
            self.y -= line_h
        self.y -= gap

    def image(self, png: bytes, caption: str) -> None:
        import matplotlib.image as mpimg

        img = mpimg.imread(io.BytesIO(png), format="png")
        h_px, w_px = img.shape[:2]
        width = 0.84
        height = width * A4[0] / A4[1] * h_px / w_px
        if self.y - height - 0.04 < 0.07:
            self.new_page()
        ax = self.fig.add_axes((0.08, self.y - height, width, height))
        ax.imshow(img, interpolation="lanczos")
        ax.set_axis_off()
        self.y -= height + 0.01
        self.text(caption, size=8, color="#555555", gap=0.015)

    def close(self) -> bytes:
        self._finish()
        self.pdf.close()
        return self.buf.getvalue()


def _table_lines(table) -> list[str]:
    frame = table.for_people()
    cols = [str(c) for c in frame.columns]
    rows = [[table._fmt(c, v) for c, v in zip(cols, row, strict=True)]
            for row in frame.itertuples(index=False)]
    return _grid_lines(cols, rows)


def _grid_lines(cols: list[str], rows: list[list[str]], *, wrap_first: int = 0) -> list[str]:
    """Monospaced lines of a table: header, rule, rows; cells cut at 28 characters, or the
    first column wrapped onto more lines at ``wrap_first`` characters (names never cut)."""
    widths = [min(28, max(len(c), *(len(r[i]) for r in rows))) if rows else len(c)
              for i, c in enumerate(cols)]
    if wrap_first and rows:
        widths[0] = min(wrap_first, max(len(cols[0]), *(len(r[0]) for r in rows)))

    def fmt(cells):
        return "  ".join(textwrap.shorten(v, w, placeholder="…").ljust(w)
                         for v, w in zip(cells, widths, strict=True)).rstrip()

    lines = [fmt(cols), "  ".join("-" * w for w in widths)]
    for row in rows:
        first = textwrap.wrap(row[0], widths[0]) if wrap_first else [row[0]]
        lines.append(fmt([first[0] if first else "", *row[1:]]))
        lines += [fmt([more, *[""] * (len(row) - 1)]) for more in first[1:]]
    return lines


def layout_pdf(doc: PdfDocument) -> bytes:
    """The report as A4 pages drawn with matplotlib: title and contents, sections (text,
    figures, tables), sources; every page numbered."""
    from warstats.charts.style import style
    from warstats.labels import house_style

    with style():
        pages = _Pages(doc.title)
        pages.text(doc.title, size=22, weight="bold", gap=0.01)
        pages.text(doc.subtitle, size=11, color="#555555", width=80)
        pages.text(doc.stamp, size=8.5, color="#555555", gap=0.03)
        pages.text("Contents", size=13, weight="bold")
        for i, sec in enumerate(doc.sections, start=1):
            pages.text(f"{i}. {sec.title}", size=10, gap=0.002)
        extra = ["Data vintages"] if doc.vintages else []
        for i, title in enumerate([*extra, "Sources"], start=len(doc.sections) + 1):
            pages.text(f"{i}. {title}", size=10, gap=0.002)
        for i, sec in enumerate(doc.sections, start=1):
            pages.new_page()
            pages.text(f"{i}. {sec.title}", size=16, weight="bold", gap=0.012)
            for para in sec.paragraphs:
                pages.text(house_style(para), gap=0.01)
            for png, caption in sec.figures:
                pages.image(png, house_style(caption))
            for table in sec.tables:
                pages.text(house_style(table.title), size=10, weight="bold", gap=0.004)
                if table.subtitle:
                    pages.text(house_style(table.subtitle), size=8.5, color="#555555")
                pages.text("\n".join(_table_lines(table)), size=6.8, width=160,
                           family="DejaVu Sans Mono", gap=0.004)
                pages.text(house_style(table.source_note), size=7.5, color="#555555",
                           width=125, gap=0.02)
        number = len(doc.sections) + 1
        if doc.vintages:
            pages.new_page()
            pages.text(f"{number}. Data vintages", size=16, weight="bold", gap=0.012)
            pages.text(doc.vintages_note, size=8.5, color="#555555", width=110)
            grid = _grid_lines(list(VINTAGE_COLUMNS), doc.vintages, wrap_first=36)
            pages.text("\n".join(grid), size=6.8, width=160, family="DejaVu Sans Mono",
                       gap=0.02)
            number += 1
        pages.new_page()
        pages.text(f"{number}. Sources", size=16, weight="bold", gap=0.012)
        for line in doc.sources:
            pages.text(line, size=8, width=120, gap=0.008)
        return pages.close()
