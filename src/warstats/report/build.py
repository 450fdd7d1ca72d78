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
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from warstats.datasets.io import atomic_write, safe_child
from warstats.errors import WarstatsError
from warstats.report import html as layout
from warstats.report.registry import ReportContext, sections

FORMATS = ("html", "pdf")


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
    live_figures: list = field(default_factory=list)  # for the PDF, one-process builds only


def _render(key: str, ctx: ReportContext, keep_figures: bool = False) -> _Rendered:
    """Build section ``key`` and draw its figures; the figures are closed unless kept."""
    import matplotlib.pyplot as plt

    content = sections()[key].build(ctx)
    figures, live = [], []
    for item in content.figures:
        fig = item.figure
        figures.append((item.name, _png(fig), _svg(fig), item.caption))
        if keep_figures:
            live.append(fig)
        else:
            plt.close(fig)
    tables = [(name, table.to_csv().encode("utf-8"), table.to_markdown().encode("utf-8"),
               table.to_html()) for name, table in content.tables]
    ids = {sid for name in content.datasets for sid in ctx.load(name)["source_id"].unique()}
    return _Rendered(content.paragraphs, figures, tables, list(content.datasets), ids, live)


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
              keep_figures: bool) -> Iterator[_Rendered]:
    """Each chosen section rendered, in report order (in worker processes when jobs > 1).

    A section that fails in a worker is built again here, so its error is raised as itself.
    """
    if jobs <= 1:
        for key in chosen:
            yield _render(key, ctx, keep_figures)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        # Submitted last section first: the later topics (aid, conflict, claims) draw the
        # most, and starting them first evens out the workers. Only speed depends on it.
        futures = {key: pool.submit(_render_in_worker, key, ctx.as_of)
                   for key in reversed(chosen)}
        for key, future in ((k, futures[k]) for k in chosen):
            try:
                yield future.result()
            except Exception:
                yield _render(key, ctx, keep_figures)


def _vintage_rows(names: list[str]) -> list[dict]:
    from warstats.datasets.load import read_meta

    rows = []
    for name in sorted(set(names)):
        meta = read_meta(name)
        cov = meta.get("coverage") or {}
        rows.append({"name": name, "rows": meta["rows"],
                     "coverage": f"{cov.get('start', '?')} – {cov.get('end', '?')}",
                     "latest": str(cov.get("end", "?")), "sha": meta["sha256"][:12]})
    return rows


def build_report(out_dir: str | Path, *, topics: Sequence[str] | None = None,
                 as_of: str | None = None, formats: Sequence[str] = ("html",),
                 quiet: bool = False, stamp: str | None = None) -> ReportResult:
    """Build the report into ``out_dir``; returns what was written.

    ``topics`` picks sections (default: all registered); ``as_of`` shows figures as
    known on that date (rows published later are left out); ``stamp`` adds a
    build note (no timestamp is written otherwise, so rebuilds are byte-identical).
    """
    import matplotlib.pyplot as plt
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
    out.mkdir(parents=True, exist_ok=True)
    _clear_previous(out)
    ctx = ReportContext(as_of=pd.Timestamp(as_of) if as_of else None)
    body, toc_entries, figure_names, table_names, used, source_ids = [], [], [], [], [], set()
    pdf = _open_pdf() if "pdf" in formats else None
    show = not quiet and sys.stderr.isatty()
    jobs = report_jobs(len(chosen), formats)
    if jobs > 1:  # imported once, before the workers fork
        import great_tables  # noqa: F401
        import matplotlib.pyplot  # noqa: F401
    rendered = _rendered(chosen, ctx, jobs, keep_figures=pdf is not None)
    for key, part in tqdm(zip(chosen, rendered, strict=False), total=len(chosen),
                          desc="report sections", unit="section", disable=not show):
        section = registered[key]
        figs = []
        for name, png, svg, caption in part.figures:
            atomic_write(safe_child(out, f"figures/{name}.png"), png)
            atomic_write(safe_child(out, f"figures/{name}.svg"), svg.encode("utf-8"))
            figs.append((name, svg, caption))
            figure_names.append(name)
        for fig in part.live_figures:
            pdf[1].savefig(fig)
            plt.close(fig)
        tables_html = []
        for name, csv, md, html in part.tables:
            atomic_write(safe_child(out, f"tables/{name}.csv"), csv)
            atomic_write(safe_child(out, f"tables/{name}.md"), md)
            tables_html.append(html)
            table_names.append(name)
        used.extend(part.datasets)
        source_ids.update(part.source_ids)
        body.append(layout.section(section.key, section.title, part.paragraphs, figs,
                                   tables_html))
        toc_entries.append((section.key, section.title))
    toc_entries += [("vintages", "Data vintages"), ("sources", "Sources")]
    body.insert(0, layout.toc(toc_entries))
    body.append(layout.vintages_table(_vintage_rows(used)))
    body.append(layout.sources_list(list(cite_ids(source_ids).sources)))
    subtitle = "Humanitarian and aid statistics of Russia's full-scale war on Ukraine"
    if as_of:
        subtitle += f" — figures as known on {pd.Timestamp(as_of).date().isoformat()}"
    if stamp:
        subtitle += f" — {stamp}"
    html_path = pdf_path = None
    if "html" in formats:
        html_path = safe_child(out, "report.html")
        atomic_write(html_path, layout.page("warstats report", subtitle, body).encode("utf-8"))
    if "pdf" in formats:
        pdf_path = safe_child(out, "report.pdf")
        pdf[1].close()
        atomic_write(pdf_path, pdf[0].getvalue())
    return ReportResult(out, html_path, pdf_path, figure_names, table_names, chosen)


def _clear_previous(out: Path) -> None:
    """Remove figures and tables a previous build wrote here (only the report's own files),
    so a rebuild never leaves stale outputs beside new ones."""
    for sub, patterns in (("figures", ("*.png", "*.svg")), ("tables", ("*.csv", "*.md"))):
        folder = out / sub
        if folder.is_dir():
            for pattern in patterns:
                for path in folder.glob(pattern):
                    path.unlink()


def _open_pdf():
    """An in-memory multi-page PDF with fixed metadata (rebuilds are byte-identical)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    return buf, PdfPages(buf, metadata={"CreationDate": None, "ModDate": None,
                                        "Creator": "warstats", "Producer": "warstats"})
