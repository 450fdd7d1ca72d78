"""One citation object that renders footers, table notes, full references and BibTeX."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from warstats.provenance.registry import Source, get_source


@dataclass(frozen=True)
class Citation:
    """The sources behind a set of figures.

    Examples
    --------
    >>> c = cite_ids(["wb_wdi_population"])
    >>> c.short().startswith("Source: World Bank")
    True
    """

    sources: tuple[Source, ...]

    def short(self, prefix: str = "Source") -> str:
        """Footer text: ``Source: OHCHR (2024); claims by Ukrainian Air Force (2026)``."""
        if not self.sources:
            return ""
        labels = list(dict.fromkeys(s.footer_label for s in self.sources))
        word = prefix if len(labels) == 1 else f"{prefix}s"
        return f"{word}: " + "; ".join(labels)

    def full(self) -> list[str]:
        """Full citations with access dates, one string per source."""
        return [
            f"{s.citation} Retrieved {s.retrieved.isoformat()}. Licence: {s.licence}."
            for s in self.sources
        ]

    def bibtex(self) -> str:
        """BibTeX ``@misc`` entries, one per source."""
        entries = []
        for s in self.sources:
            author = s.original_publisher or s.publisher
            lines = [
                f"@misc{{{s.source_id},",
                f"  author = {{{{{_tex(author)}}}}},",
                f"  title = {{{_tex(s.title)}}},",
                f"  year = {{{s.published.year}}},",
                f"  howpublished = {{\\url{{{s.url}}}}},",
                f"  urldate = {{{s.retrieved.isoformat()}}},",
                f"  note = {{{_tex(_note(s))}}}",
                "}",
            ]
            entries.append("\n".join(lines))
        return "\n\n".join(entries)

    def render(self, style: str = "short") -> str:
        """Render in ``short`` / ``full`` / ``bibtex`` style."""
        if style == "short":
            return self.short()
        if style == "full":
            return "\n".join(self.full())
        if style == "bibtex":
            return self.bibtex()
        raise ValueError(f"style must be 'short', 'full' or 'bibtex', not {style!r}")

    def __str__(self) -> str:
        return self.short()


def _note(s: Source) -> str:
    note = f"Licence: {s.licence}"
    if s.provenance == "party":
        note += "; claims by a party to the war"
    if s.provenance == "derived":
        note += f"; compiled by {s.intermediary}"
    return note


def _tex(text: str) -> str:
    for ch in ("&", "%", "$", "#", "_"):
        text = text.replace(ch, "\\" + ch)
    return text


def cite_ids(source_ids: Iterable[str]) -> Citation:
    """Citation for the distinct ids, in sorted order (deterministic)."""
    ids = sorted({str(i) for i in source_ids if i is not None and str(i) != "nan"})
    return Citation(tuple(get_source(i) for i in ids))
