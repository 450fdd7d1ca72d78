"""HTML layout of the report: one self-contained file, figures inline as SVG."""

from __future__ import annotations

import html

from warstats.labels import dataset as dataset_title
from warstats.labels import date_label, house_style

CSS = """
body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:980px;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.9rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1f4e79;padding-bottom:.2rem;
margin-top:2.5rem}.subtitle{color:#555}figure{margin:1.5rem 0}figure svg{width:100%;height:auto}
figcaption{font-size:.85rem;color:#555}table{border-collapse:collapse;font-size:.85rem}
.sources li{margin-bottom:.6rem;font-size:.85rem}.vintages td,.vintages th{padding:.2rem .6rem;
border-bottom:1px solid #ddd;text-align:left}.toc{font-size:.9rem}.note{font-size:.8rem;color:#555}
.party{color:#8b1a1a;font-weight:bold}.stamp{font-size:.8rem;color:#555;margin-top:-.4rem}
nav.toc{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #ddd;
padding:.35rem 0;margin:1rem 0}nav.toc ol{display:flex;flex-wrap:wrap;gap:.1rem 1.1rem;
margin:.2rem 0 0;padding:0;list-style:none;counter-reset:toc}nav.toc li{counter-increment:toc}
nav.toc li::before{content:counter(toc) ". ";color:#777}nav.toc a{color:#1f4e79;
text-decoration:none}nav.toc a:hover{text-decoration:underline}section{scroll-margin-top:6rem}
.table td[headers$="-Explanation"]{min-width:14em}
@media screen{.table td[headers$="-Claim"]{min-width:9em}}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}nav.toc{position:static;
border:0}nav.toc ol{display:block}h2{break-before:page;margin-top:0}figure,tr,.sources li{
break-inside:avoid}h2,h3,.gt_heading,.gt_col_headings,thead{break-after:avoid}
.table,.vintages tr{break-inside:avoid}.table .gt_table{font-size:9pt!important}
a{color:inherit;text-decoration:none}}
"""


def esc(text: object) -> str:
    """HTML-escape any text that comes from data or sources."""
    return html.escape(str(text), quote=True)


def build_stamp(release: str, as_of: str | None) -> str:
    """The build note under the title: warstats version, data release and as-of date.

    Built from the inputs only (no clock), so identical inputs give an identical page.
    """
    from warstats import __version__
    from warstats.labels import date_label

    when = (f"figures as known on {date_label(as_of)}" if as_of
            else "figures: the newest each source has published in this release")
    return f"Built with warstats {__version__} · data release: {release} · {when}"


def source_line(s) -> str:
    """One source as plain text (the PDF's sources list when it is laid out without HTML)."""
    from warstats.labels import date_label

    return (f"{s.attribution_short} — {s.citation} Licence: {s.licence}. Provenance: "
            f"{s.provenance}. Retrieved {date_label(s.retrieved)}. {s.url}")


def page(title: str, subtitle: str, body: list[str], *, stamp: str = "") -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1><p class='subtitle'>{esc(subtitle)}</p>",
        f"<p class='stamp' id='build-stamp'>{esc(stamp)}</p>" if stamp else "",
        *body,
        "</body></html>",
    ]) + "\n"


def section(key: str, title: str, paragraphs: list[str], figures: list[tuple[str, str, str]],
            tables: list[str]) -> str:
    parts = [f'<section id="{esc(key)}"><h2>{esc(title)}</h2>']
    parts += [f"<p>{esc(house_style(p))}</p>" for p in paragraphs]
    for name, svg, caption in figures:
        parts.append(f'<figure id="fig-{esc(name)}" data-figure="{esc(name)}">{svg}'
                     f"<figcaption>{esc(house_style(caption))}</figcaption></figure>")
    parts += [f'<div class="table">{t}</div>' for t in tables]
    parts.append("</section>")
    return "\n".join(parts)


def toc(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{esc(k)}">{esc(t)}</a></li>' for k, t in entries)
    return f'<nav class="toc"><strong>Contents</strong><ol>{items}</ol></nav>'


VINTAGE_COLUMNS = ("Dataset", "Rows", "Coverage", "Latest", "Freshness", "Build hash")


def vintage_cells(r: dict) -> list[str]:
    """One dataset's row of the vintages table as text for people (HTML and the PDF)."""
    return [dataset_title(r["name"]), f"{r['rows']:,}", house_style(r["coverage"]),
            house_style(r["latest"]), house_style(r.get("freshness", "")), r["sha"]]


def vintages_note(today: str) -> str:
    """The sentence above the vintages table: what "freshness" means on ``today``."""
    return (f"Freshness on {today}: a source is due one cadence period after its last "
            "publication; frozen sources (a compilation that stopped, a one-off snapshot) are "
            "not expected to change; the command warstats freshness gives the dates.")


def vintages_table(rows: list[dict], today: str = "") -> str:
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in VINTAGE_COLUMNS) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells[:-1])
        + f"<td><code>{esc(cells[-1])}</code></td></tr>"
        for cells in map(vintage_cells, rows))
    note = f"<p class='note'>{esc(vintages_note(today))}</p>" if today else ""
    return (f'<section id="vintages"><h2>Data vintages</h2>{note}<table class="vintages">'
            f"{head}{body}</table></section>")


def sources_list(sources: list) -> str:
    items = []
    for s in sources:
        prov = s.provenance
        label = {"party": '<span class="party">party claims</span>',
                 "derived": f"derived (original: {esc(s.original_publisher)}; compiled by "
                            f"{esc(s.intermediary)})",
                 "independent": "independent"}[prov]
        items.append(
            f"<li id='src-{esc(s.source_id)}'><strong>{esc(s.attribution_short)}</strong> — "
            f"{esc(s.citation)} <br>Licence: {esc(s.licence)}. Provenance: {label}. Retrieved "
            f"{esc(date_label(s.retrieved))}. <a href=\"{esc(s.url)}\">{esc(s.url)}</a></li>")
    joined = "".join(items)
    return f'<section id="sources"><h2>Sources</h2><ul class="sources">{joined}</ul></section>'
