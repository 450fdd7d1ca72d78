"""What a reader of the built report sees, and the codes and date styles it must not show."""

from __future__ import annotations

import html as html_lib
import re

#: Full month names ("May" is spelt the same short and long, so it is not listed).
MONTHS = "January|February|March|April|June|July|August|September|October|November|December"


def visible_text(page: str, *, drop_sources: bool = False) -> str:
    """The report page's text as a reader sees it: no SVG, styles, tags or attribute values.

    ``drop_sources`` leaves out the sources list, whose citations quote each publisher's
    own title and dates as recorded.
    """
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    if drop_sources:
        page = re.sub(r'<section id="sources">.*?</section>', " ", page, flags=re.S)
    page = re.sub(r"</(p|li|tr|td|th|h\d|figcaption|div)>", "\n", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return html_lib.unescape(page)


def chart_text(page: str) -> str:
    """The text drawn in the report's charts (titles, ticks, legends, footers), one line each.

    Matplotlib's SVG draws glyphs as paths but writes each text as a comment beside them.
    """
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    return "\n".join(html_lib.unescape(t.strip()) for svg in svgs
                     for t in re.findall(r"<!--(.*?)-->", svg, flags=re.S))


def table_cells(page: str) -> list[str]:
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td\b[^>]*>(.*?)</td>", page, flags=re.S)]


def internal_codes(page: str, source_ids, dataset_names, iso3_codes) -> list[str]:
    """Codes a reader should never see: source and dataset ids, snake_case words, file
    names, the project's own vocabulary, and ISO3 codes standing alone in a table cell."""
    text = visible_text(page)
    found = []
    for sid in source_ids:
        if re.search(rf"(?<![\w./-]){re.escape(sid)}(?![\w.-])", text):
            found.append(sid)
    found += [n for n in dataset_names if "_" in n and re.search(rf"\b{n}\b", text)]
    found += re.findall(r"\b[a-z]+_[a-z0-9_]+\b", visible_text(page, drop_sources=True))
    found += re.findall(r"seed article|seeds/\w+|\b\w+\.csv\b",
                        visible_text(page, drop_sources=True))
    found += [c for c in table_cells(page) if c in iso3_codes]
    return sorted(set(found))


def chart_codes(page: str, allowed_words=()) -> list[str]:
    """Codes in the charts' text: snake_case words (other than ``allowed_words``, e.g. a
    publisher's own channel name), FTS appeal codes and authority codes standing alone in a
    legend entry ("PDA (73)")."""
    text = chart_text(page)
    found = [w for w in re.findall(r"\b[a-z]+_[a-z0-9_]+\b", text) if w not in allowed_words]
    found += re.findall(r"\b[A-Z]{4}\d{2,4}\b", text)
    found += re.findall(r"^[A-Z]{2,5} \(\d+\)$", text, flags=re.M)
    return sorted(set(found))


def date_style_problems(page: str) -> list[str]:
    """Dates not in the one style ``9 Nov 2023`` (sources' own citations excepted)."""
    text = visible_text(page, drop_sources=True)
    found = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
    found += re.findall(rf"\b\d{{1,2}} (?:{MONTHS})\b", text)
    found += re.findall(r"\b0\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)
    found += [c for c in table_cells(page) if re.fullmatch(r"\d{4}-\d{2}", c)]
    return found


def bare_numbers(page: str) -> list[str]:
    """Whole numbers of 5+ digits without thousands separators ("12000") in the text and
    charts a reader sees (sources' citations and build hashes excepted)."""
    page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)
    text = visible_text(page, drop_sources=True) + "\n" + chart_text(page)
    return re.findall(r"(?<![\w.,/:#+\-])(?<!commit )\d{5,}(?![\w.,/:\-]|\d)", text)


def chart_date_problems(page: str) -> list[str]:
    """Dates in the charts' text not in the house style (ISO days, "08 Jul", "8 July")."""
    text = chart_text(page)
    found = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
    found += re.findall(rf"\b\d{{1,2}} (?:{MONTHS})\b", text)
    found += re.findall(r"\b0\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)
    return found
