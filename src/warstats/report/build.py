"""Build the chart report: HTML (self-contained), PNG/SVG figures, CSV/Markdown tables, PDF.

Sections are independent: with more than one core and more than one section, each section
is built and drawn (PNG and SVG) in a worker process (forked, so the parent's imports and
registry are shared) and the parent writes the files in report order; the output is
byte-identical to a one-process build. ``WARSTATS_REPORT_JOBS=1`` builds in one process,
and so does a build that includes the PDF (its pages need the live figures).
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from warstats.errors import WarstatsError
from warstats.labels import date_label
from warstats.report import html as layout
from warstats.report.pdf import PdfDocument, PdfSection, render_pdf
from warstats.report.registry import ReportContext, SectionContent, not_yet_sentence, sections
from warstats.safe_write import OutputFolder

FORMATS = ("html", "pdf")
TITLE = "warstats report"


@dataclass
class ReportResult:
    out_dir: Path
    html: Path | None
    pdf: Path | None
    figures: list[str]
    tables: list[str]
    sections: list[str]


def _svg(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    with plt.rc_context({"svg.hashsalt": "warstats", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]  # drop the XML prolog and doctype for inline use
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


@dataclass
class _Rendered:
    """One section, built and drawn: what the parent writes (bytes and text only)."""

    paragraphs: list[str]
    figures: list[tuple[str, bytes, str, str]]  # name, PNG, SVG, caption
    tables: list[tuple[str, bytes, bytes, str]]  # name, CSV, Markdown, HTML
    datasets: list[str]
    source_ids: set[str]
    pdf_section: PdfSection | None = None  # for the PDF: one-process builds only


def _render(key: str, ctx: ReportContext, keep_figures: bool = False) -> _Rendered:
    """Build section ``key`` and draw its figures (closed once drawn); with
    ``keep_figures`` also the PDF's part of the section (PNGs and table objects)."""
    import matplotlib.pyplot as plt

    section = sections()[key]
    content = _build_section(section, ctx)
    figures = []
    pdf_section = PdfSection(section.title, list(content.paragraphs)) if keep_figures else None
    for item in content.figures:
        fig = item.figure
        png = _png(fig)
        figures.append((item.name, png, _svg(fig), item.caption))
        if pdf_section is not None:
            pdf_section.figures.append((png, item.caption))
        plt.close(fig)
    tables = [(name, table.to_csv().encode("utf-8"), table.to_markdown().encode("utf-8"),
               table.to_html()) for name, table in content.tables]
    if pdf_section is not None:
        pdf_section.tables.extend(table for _, table in content.tables)
    ids = {sid for name in content.datasets for sid in ctx.load(name)["source_id"].unique()}
    return _Rendered(content.paragraphs, figures, tables, list(content.datasets), ids,
                     pdf_section)


def _render_in_worker(key: str, as_of) -> _Rendered:
    return _render(key, ReportContext(as_of=as_of))


def report_jobs(n_sections: int, formats: Sequence[str]) -> int:
    """Worker processes for a build: 1 with a PDF, one section, one core or no fork.

    ``WARSTATS_REPORT_JOBS`` sets the number; by default one per core, except in a process
    already running other threads (forking one is unsafe), where the build stays in-process.
    """
    import multiprocessing
    import threading

    env = os.environ.get("WARSTATS_REPORT_JOBS")
    jobs = int(env) if env else (os.cpu_count() or 1)
    if not env and threading.active_count() > 1:
        return 1
    if "pdf" in formats or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs, n_sections))


def _rendered(chosen: list[str], ctx: ReportContext, jobs: int,
              keep_figures: bool) -> Iterator[tuple[str, _Rendered]]:
    """Each chosen section rendered, as ``(key, rendered)``: in report order in one process,
    in the order the workers finish them when jobs > 1 (so the parent writes a section's
    files while the workers draw the next ones, and nothing is left to write at the end).

    A section that fails in a worker is built again here, so its error is raised as itself.
    """
    if jobs <= 1:
        for key in chosen:
            yield key, _render(key, ctx, keep_figures)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        # Submitted in order of drawing work, longest first (LPT): the workers finish together.
        # Only speed depends on it; the report is assembled in report order afterwards.
        futures = {pool.submit(_render_in_worker, key, ctx.as_of): key
                   for key in sorted(chosen, key=_drawing_order)}
        for future in as_completed(futures):
            key = futures[future]
            try:
                yield key, future.result()
            except Exception:
                yield key, _render(key, ctx, keep_figures)


#: Sections in decreasing order of work (CPU seconds to build and draw each one in one
#: process: claims 2.1, aid 1.7, displacement 1.6, maps 1.3 … changes 0); sections not
#: listed come after them.
_WORK_ORDER = ("claims", "aid", "displacement", "maps", "conflict", "casualties",
               "population", "overview", "changes")


def _drawing_order(key: str) -> int:
    return _WORK_ORDER.index(key) if key in _WORK_ORDER else len(_WORK_ORDER)


def _vintage_rows(names: list[str], today=None) -> list[dict]:
    from warstats.datasets.load import read_meta
    from warstats.releases.freshness import freshness, freshness_label

    fresh = {r["dataset"]: freshness_label(r) for _, r in freshness(today=today).iterrows()}
    rows = []
    for name in sorted(set(names)):
        meta = read_meta(name)
        cov = meta.get("coverage") or {}
        start, end = cov.get("start"), cov.get("end")  # none for data without dates (maps)
        rows.append({"name": name, "rows": meta["rows"],
                     "coverage": f"{start} – {end}" if start and end else "no dates",
                     "latest": str(end) if end else "–", "sha": meta["sha256"][:12],
                     "freshness": fresh.get(name, "")})
    return rows


def build_report(out_dir: str | Path, *, topics: Sequence[str] | None = None,
                 as_of: str | None = None, formats: Sequence[str] = ("html",),
                 quiet: bool = False, stamp: str | None = None) -> ReportResult:
    """Build the report into ``out_dir``; returns what was written.

    ``topics`` picks sections (default: all registered); ``as_of`` shows figures as
    known on that date (rows published later are left out); ``stamp`` adds a
    build note (no timestamp is written otherwise, so rebuilds are byte-identical).
    """
    from warstats.optional import require

    require("report", "warstats report")
    from tqdm.auto import tqdm

    from warstats.provenance.citation import cite_ids

    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise WarstatsError(f"unknown report format(s) {bad}; choose from {list(FORMATS)}")
    registered = sections()
    chosen = list(topics) if topics else list(registered)
    unknown = [t for t in chosen if t not in registered]
    if unknown:
        import difflib

        hints = [difflib.get_close_matches(t, registered, n=1) for t in unknown]
        hint = "; ".join(f"{t!r} → did you mean {h[0]!r}?" for t, h in zip(unknown, hints,
                                                                            strict=True) if h)
        raise WarstatsError(f"unknown topic(s) {unknown}. {hint} Topics: {list(registered)}")
    out = Path(out_dir)
    folder = OutputFolder(out)  # replaces only its own earlier outputs (manifest)
    ctx = ReportContext(as_of=pd.Timestamp(as_of) if as_of else None)
    body, toc_entries, figure_names, table_names, used, source_ids = [], [], [], [], [], set()
    show = not quiet and sys.stderr.isatty()
    pdf_sections: list[PdfSection] = []
    jobs = report_jobs(len(chosen), formats)
    if jobs > 1:  # imported once, before the workers fork
        import great_tables  # noqa: F401
        import matplotlib.pyplot  # noqa: F401
    rendered = _rendered(chosen, ctx, jobs, keep_figures="pdf" in formats)
    parts: dict[str, _Rendered] = {}
    for key, part in tqdm(rendered, total=len(chosen), desc="report sections",
                          unit="section", disable=not show):
        for name, png, svg, _caption in part.figures:  # written as each section arrives
            folder.write(f"figures/{name}.png", png)
            folder.write(f"figures/{name}.svg", svg.encode("utf-8"))
        for name, csv, md, _html in part.tables:
            folder.write(f"tables/{name}.csv", csv)
            folder.write(f"tables/{name}.md", md)
        parts[key] = part
    for key in chosen:  # the page, in report order
        section, part = registered[key], parts[key]
        figs = [(name, svg, caption) for name, _png, svg, caption in part.figures]
        figure_names.extend(name for name, *_ in part.figures)
        table_names.extend(name for name, *_ in part.tables)
        tables_html = [html for *_, html in part.tables]
        if part.pdf_section is not None:
            pdf_sections.append(part.pdf_section)
        used.extend(part.datasets)
        source_ids.update(part.source_ids)
        body.append(layout.section(section.key, section.title, part.paragraphs, figs,
                                   tables_html))
        toc_entries.append((section.key, section.title))
    toc_entries += [("vintages", "Data vintages"), ("sources", "Sources")]
    body.insert(0, layout.toc(toc_entries))
    today = ctx.as_of or pd.Timestamp.now("UTC").tz_localize(None).normalize()
    vintages = _vintage_rows(used, today)
    body.append(layout.vintages_table(vintages, date_label(today)))
    cited = list(cite_ids(source_ids).sources)
    body.append(layout.sources_list(cited))
    subtitle = "Humanitarian and aid statistics of Russia's full-scale war on Ukraine"
    if as_of:
        subtitle += (f" — as known on {date_label(pd.Timestamp(as_of))}: only figures "
                     "published by then")
    if stamp:
        subtitle += f" — {stamp}"
    build_stamp = layout.build_stamp(_release_id(), as_of)
    page = layout.page(TITLE, subtitle, body, stamp=build_stamp)
    html_path = pdf_path = None
    if "html" in formats:
        html_path = folder.write("report.html", page.encode("utf-8"))
    if "pdf" in formats:
        doc = PdfDocument(TITLE, subtitle, build_stamp, pdf_sections,
                          [layout.source_line(s) for s in cited],
                          vintages=[layout.vintage_cells(r) for r in vintages],
                          vintages_note=layout.vintages_note(date_label(today)))
        pdf_bytes, _engine = render_pdf(page, doc)
        pdf_path = folder.write("report.pdf", pdf_bytes)
    folder.remove_stale()  # outputs of an earlier build not made again; foreign files warned
    return ReportResult(out, html_path, pdf_path, figure_names, table_names, chosen)


def _build_section(section, ctx: ReportContext) -> SectionContent:
    """Build one section; with ``as_of``, a section whose data was not yet published says
    so in one sentence instead of failing (any other failure still surfaces)."""
    import matplotlib.pyplot as plt

    ctx.start_section()
    open_before = set(plt.get_fignums())
    try:
        return section.build(ctx)
    except Exception:
        missing = ctx.not_yet_published()
        if not missing:
            raise
        for num in set(plt.get_fignums()) - open_before:  # charts drawn before it stopped
            plt.close(num)
        return SectionContent(paragraphs=[not_yet_sentence(ctx.as_of, missing)])


def _release_id() -> str:
    """The data release the report reads (as ``ws.load`` resolves it)."""
    from warstats.releases.store import resolve_release

    try:
        return resolve_release(None)[0]
    except Exception:  # no release store: the shipped tables
        return "shipped"
