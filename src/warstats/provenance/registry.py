"""Load and validate the source catalog (``catalog/*.toml``)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path

from warstats.errors import SourceNotFoundError, WarstatsError

CATALOG_DIR = Path(__file__).resolve().parent / "catalog"
PROVENANCE_CLASSES = ("independent", "party", "derived")
REDISTRIBUTION = ("open", "attribution", "non-commercial", "unstated", "copyleft")
CADENCES = ("daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "irregular",
            "frozen")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Source:
    """One publisher release that figures in warstats come from.

    ``provenance`` is ``independent`` (UN agencies, statistical offices, research
    institutes), ``party`` (a belligerent's own claims) or ``derived`` (a third party's
    compilation of a publisher's figures; ``original_publisher`` names the publisher and
    ``intermediary`` the compiler whose file is actually read).
    """

    source_id: str
    publisher: str
    title: str
    url: str
    published: dt.date
    retrieved: dt.date
    licence: str
    redistribution: str
    provenance: str
    attribution_short: str
    citation: str
    download_url: str = ""
    files: tuple[str, ...] = ()
    original_publisher: str = ""
    original_url: str = ""
    intermediary: str = ""
    intermediary_url: str = ""
    licence_url: str = ""
    notes: str = ""
    latest_url: str = ""
    cadence: str = ""
    frozen: bool = False
    frozen_reason: str = ""
    key_env: str = ""
    key_url: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def year(self) -> int:
        return self.published.year

    @property
    def footer_label(self) -> str:
        """Short label for chart footers, marking party claims and derived compilations."""
        if self.provenance == "party":
            return f"claims by {self.attribution_short}"
        if self.provenance == "derived" and self.intermediary:
            return f"{self.attribution_short}, compiled by {self.intermediary}"
        return self.attribution_short


_REQUIRED = ("publisher", "title", "url", "published", "retrieved", "licence",
             "redistribution", "provenance", "attribution_short", "citation")


def _as_date(value: object, where: str, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise WarstatsError(f"{where}: {key} = {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _parse_record(raw: dict, where: str) -> Source:
    sid = raw.get("id", "")
    if not _ID_RE.match(str(sid)):
        raise WarstatsError(f"{where}: source id {sid!r} must be lower_snake_case")
    missing = [k for k in _REQUIRED if not raw.get(k)]
    if missing:
        raise WarstatsError(f"{where}: source {sid!r} lacks {', '.join(missing)}")
    if raw["provenance"] not in PROVENANCE_CLASSES:
        raise WarstatsError(
            f"{where}: source {sid!r} provenance {raw['provenance']!r} not in {PROVENANCE_CLASSES}"
        )
    if raw["redistribution"] not in REDISTRIBUTION:
        raise WarstatsError(
            f"{where}: source {sid!r} redistribution {raw['redistribution']!r} "
            f"not in {REDISTRIBUTION}"
        )
    if raw["provenance"] == "derived" and not (
        raw.get("original_publisher") and raw.get("intermediary")
    ):
        raise WarstatsError(
            f"{where}: derived source {sid!r} must name original_publisher and intermediary"
        )
    known = {f.name for f in fields(Source)}
    kwargs = {k: v for k, v in raw.items() if k in known and k != "extra"}
    extra = {k: v for k, v in raw.items() if k not in known and k != "id"}
    kwargs["source_id"] = sid
    kwargs["published"] = _as_date(raw["published"], where, "published")
    kwargs["retrieved"] = _as_date(raw["retrieved"], where, "retrieved")
    kwargs["files"] = tuple(raw.get("files", ()))
    _check_latest(raw, where, sid)
    return Source(**kwargs, extra=extra)


def _check_latest(raw: dict, where: str, sid: str) -> None:
    """Where the newest release lives: a cadence, and a latest URL unless frozen (with why).

    A record whose rows come from another source's file (``updated_with = "<id>"``) has
    no file of its own: it follows that source's cadence and release dates.
    """
    if raw.get("updated_with"):
        if raw.get("files") or raw.get("latest_url") or raw.get("cadence"):
            raise WarstatsError(f"{where}: source {sid!r} is updated_with "
                                f"{raw['updated_with']!r}: it takes no files, latest_url or "
                                "cadence of its own")
        return
    cadence = raw.get("cadence")
    if cadence not in CADENCES:
        raise WarstatsError(f"{where}: source {sid!r} cadence {cadence!r} not in {CADENCES}")
    frozen = raw.get("frozen", False)
    if not isinstance(frozen, bool) or frozen != (cadence == "frozen"):
        raise WarstatsError(f"{where}: source {sid!r}: frozen = true goes with cadence = "
                            "\"frozen\" and the other way round")
    if frozen and not raw.get("frozen_reason"):
        raise WarstatsError(f"{where}: frozen source {sid!r} must say why (frozen_reason)")
    if not frozen:
        url = str(raw.get("latest_url", ""))
        if not url.startswith("https://"):
            raise WarstatsError(f"{where}: source {sid!r} needs a latest_url (https://…) for "
                                "`warstats update`, or frozen = true with a frozen_reason")
        if not raw.get("files"):
            raise WarstatsError(f"{where}: source {sid!r} has a latest_url but no files")
    if raw.get("key_env") and not raw.get("key_url"):
        raise WarstatsError(f"{where}: source {sid!r} reads a key from {raw['key_env']} but "
                            "does not say where to get one (key_url)")


@cache
def _catalog() -> dict[str, Source]:
    records: dict[str, Source] = {}
    for path in sorted(CATALOG_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
        for i, raw in enumerate(doc.get("source", []), start=1):
            src = _parse_record(raw, f"{path.name} [[source]] #{i}")
            if src.source_id in records:
                raise WarstatsError(f"{path.name}: duplicate source id {src.source_id!r}")
            records[src.source_id] = src
    for sid, src in list(records.items()):
        parent = src.extra.get("updated_with")
        if parent is None:
            continue
        if parent not in records or records[parent].extra.get("updated_with"):
            raise WarstatsError(f"source {sid!r}: updated_with {parent!r} must name "
                                "a source with files of its own")
        records[sid] = replace(src, cadence=records[parent].cadence,
                               frozen=records[parent].frozen,
                               frozen_reason=records[parent].frozen_reason)
    return records


#: Per-release dates of sources refreshed by ``warstats update``: source id →
#: ``{"published": date, "retrieved": date}``. Set with :func:`release_dates`.
_RELEASE_DATES: ContextVar[Mapping[str, Mapping[str, dt.date]] | None] = ContextVar(
    "release_dates", default=None)


@contextmanager
def release_dates(dates: Mapping[str, Mapping[str, object]]) -> Iterator[None]:
    """Within this block, source records carry a release's publication/retrieval dates.

    ``warstats update`` builds an updated source's rows inside this block, so readers
    (which take ``published`` from the source record) stamp the new release's date; and
    ``describe``/``sources`` of a release show the dates that release was built with.
    """
    parsed = {sid: {k: _as_date(v, "release manifest", k) for k, v in d.items()
                    if k in ("published", "retrieved") and v}
              for sid, d in dates.items()}
    token = _RELEASE_DATES.set(parsed)
    try:
        yield
    finally:
        _RELEASE_DATES.reset(token)


def _dated(source: Source) -> Source:
    release = _RELEASE_DATES.get() or {}
    dates = release.get(source.source_id) or release.get(source.extra.get("updated_with", ""))
    return replace(source, **dates) if dates else source


def list_sources() -> list[Source]:
    """All source records, sorted by id."""
    return [_dated(s) for _, s in sorted(_catalog().items())]


def get_source(source_id: str) -> Source:
    """The record for ``source_id``; raises with the closest id when unknown."""
    try:
        return _dated(_catalog()[source_id])
    except KeyError:
        import difflib

        close = difflib.get_close_matches(source_id, list(_catalog()), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise SourceNotFoundError(
            f"Unknown source_id {source_id!r}.{hint} ws.sources() lists them all."
        ) from None


def sources_frame(ids: list[str] | None = None):
    """Source records as a DataFrame (one row per source, ``source_id`` column first)."""
    import pandas as pd

    chosen = list_sources() if ids is None else [get_source(i) for i in sorted(set(ids))]
    rows = []
    for s in chosen:
        row = {f.name: getattr(s, f.name) for f in fields(Source) if f.name != "extra"}
        row["files"] = "; ".join(s.files)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[f.name for f in fields(Source) if f.name != "extra"])
    for col in ("published", "retrieved"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


_FLAGS = {"non-commercial": " ⚠ non-commercial terms", "unstated": " ⚠ licence not stated",
          "copyleft": " ⚠ copyleft (share-alike) terms"}


def licence_table_markdown() -> str:
    """The data-licence table (Markdown) of every source, as printed in the README."""
    lines = ["| source_id | attribution | provenance | licence |", "|---|---|---|---|"]
    for s in list_sources():
        lines.append(f"| `{s.source_id}` | {s.attribution_short} | {s.provenance} | "
                     f"{s.licence}{_FLAGS.get(s.redistribution, '')} |")
    return "\n".join(lines) + "\n"
