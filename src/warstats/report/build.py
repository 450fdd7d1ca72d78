"""Build the chart report: HTML (self-contained), PNG/SVG figures, CSV/Markdown tables, PDF."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from warstats.errors import WarstatsError
from warstats.report import html as layout
from warstats.report.registry import ReportContext, sections
from warstats.safe_write import OutputFolder

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
    folder = OutputFolder(out)  # replaces only its own earlier outputs (manifest)
    ctx = ReportContext(as_of=pd.Timestamp(as_of) if as_of else None)
    body, toc_entries, figure_names, table_names, used, source_ids = [], [], [], [], [], set()
    pdf = _open_pdf() if "pdf" in formats else None
    show = not quiet and sys.stderr.isatty()
    for key in tqdm(chosen, desc="report sections", unit="section", disable=not show):
        section = registered[key]
        content = section.build(ctx)
        figs = []
        for item in content.figures:
            fig = item.figure
            folder.write(f"figures/{item.name}.png", _png(fig))
            svg = _svg(fig)
            folder.write(f"figures/{item.name}.svg", svg.encode("utf-8"))
            figs.append((item.name, svg, item.caption))
            figure_names.append(item.name)
            if pdf is not None:
                pdf[1].savefig(fig)
            plt.close(fig)
        tables_html = []
        for name, table in content.tables:
            folder.write(f"tables/{name}.csv", table.to_csv().encode("utf-8"))
            folder.write(f"tables/{name}.md", table.to_markdown().encode("utf-8"))
            tables_html.append(table.to_html())
            table_names.append(name)
        for name in content.datasets:
            used.append(name)
            source_ids.update(ctx.load(name)["source_id"].unique())
        body.append(layout.section(section.key, section.title, content.paragraphs, figs,
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
        html_path = folder.write("report.html",
                                 layout.page("warstats report", subtitle, body).encode("utf-8"))
    if "pdf" in formats:
        pdf[1].close()
        pdf_path = folder.write("report.pdf", pdf[0].getvalue())
    folder.remove_stale()  # outputs of an earlier build not made again; foreign files warned
    return ReportResult(out, html_path, pdf_path, figure_names, table_names, chosen)


def _open_pdf():
    """An in-memory multi-page PDF with fixed metadata (rebuilds are byte-identical)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    return buf, PdfPages(buf, metadata={"CreationDate": None, "ModDate": None,
                                        "Creator": "warstats", "Producer": "warstats"})
