"""``load()``: read a curated table, verify its checksum, validate, set dtypes.

Validation is done once, when ``build-data`` writes a table: its sidecar records the sha256
of the file and the fingerprint of the schema it passed (``datasets/fingerprint.py``).
``load`` verifies the sha256 on every call; by default it then trusts the build's
validation when the recorded fingerprint equals the current schema's, and runs the schema
otherwise (a sidecar without a fingerprint, or a schema edited since the build).
``validate=True`` re-validates on request; ``validate=False`` never validates.

The trade-off: a file edited *and* given a matching checksum in its sidecar by hand is not
re-validated unless asked (``validate=True``, or ``warstats verify --revalidate``); an
accidental edit or a truncation is still refused by the checksum, and a table built under
an older schema is validated again (``warstats verify`` names it).
"""

from __future__ import annotations

import io
import json
from collections import OrderedDict
from functools import cache
from pathlib import Path

import pandas as pd

from warstats.datasets.fingerprint import schema_fingerprint
from warstats.datasets.geometry import with_geometry
from warstats.datasets.io import sha256_bytes
from warstats.datasets.registry import get_spec
from warstats.errors import IntegrityError, WarstatsError

#: Parsed (and, if asked, validated) tables of this process, keyed by the file's verified
#: sha256 and the schema: parsing and validation are pure functions of the bytes, so a
#: repeated ``load`` re-verifies the checksum and skips only the re-parse. Callers get a
#: shallow copy under copy-on-write (pandas 3, or 2.x with ``mode.copy_on_write``), a deep
#: copy otherwise, so a caller's in-place edit never reaches the cache.
_MEMO: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
MEMO_SIZE = 32


@cache
def _meta_cached(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _default_dir() -> Path:
    """The folder ``load`` reads by default: the newest release (else the shipped tables)."""
    from warstats.releases.store import resolve_release

    return resolve_release(None)[1]


def read_meta(name: str, directory: Path | None = None) -> dict:
    """The ``.meta.json`` sidecar of a curated table (default: of the latest release)."""
    spec = get_spec(name)
    path = (directory or _default_dir()) / f"{spec.name}.meta.json"
    if not path.is_file():
        raise WarstatsError(
            f"{path} is missing: the dataset {name!r} has not been built. "
            "Run `make data` (or `warstats build-data`) to build it from the raw files."
        )
    return _meta_cached(str(path), path.stat().st_mtime)


def read_verified(name: str, directory: Path | None = None) -> tuple[bytes, dict]:
    """The curated file's bytes, checked against the sha256 in its sidecar; and the sidecar."""
    from warstats.datasets import anchor, swap

    spec = get_spec(name)
    directory = directory or _default_dir()
    meta = read_meta(name, directory)
    path = directory / spec.file_name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WarstatsError(f"{path} is missing; run `make data` to rebuild it.") from None
    digest = sha256_bytes(data)
    if digest != meta["sha256"] and swap.finish_pending(directory):
        return read_verified(name, directory)  # met a build's swap half done: finished it
    if digest != meta["sha256"]:
        raise IntegrityError(
            f"{path}: checksum {digest[:12]}… does not match its sidecar ({meta['sha256'][:12]}…). "
            "The file was edited or truncated; run `make data` to rebuild it, or "
            "`warstats verify` to check every table."
        )
    problem = anchor.check(directory, spec.file_name, digest)
    if problem:
        raise IntegrityError(problem)
    return data, meta


def read_table(name: str, directory: Path | None = None, *,
               categoricals: tuple[str, ...] = ()) -> tuple[pd.DataFrame, dict]:
    """Read and checksum-verify a curated CSV; returns (frame with dtypes set, meta).

    Text columns named in ``categoricals`` are parsed straight into categories.
    """
    data, meta = read_verified(name, directory)
    return parse_table(data, meta, categoricals=categoricals), meta


def parse_table(data: bytes, meta: dict, *, categoricals: tuple[str, ...] = ()) -> pd.DataFrame:
    """Parse a curated CSV's bytes with the dtypes its sidecar records."""
    columns = meta["columns"]
    dtypes, dates, texts = {}, [], []
    for col, info in columns.items():
        kind = info["dtype"]
        if kind == "datetime":
            dates.append(col)
        elif kind == "str" and col in categoricals:
            dtypes[col] = "category"
        elif kind == "str":
            texts.append(col)
        else:
            dtypes[col] = kind
    # Text columns are left to the parser's inference (which yields "str" directly and is
    # about twice as fast as dtype="str" in pandas 3); a text column that happens to look
    # numeric is re-read as text below, so values such as "007" keep their zeros.
    # (curated files hold ISO dates only; the parser's ISO fast path beats date_format)
    frame = pd.read_csv(io.BytesIO(data), dtype=dtypes, parse_dates=dates,
                        keep_default_na=False,
                        na_values={c: [""] for c in columns if columns[c]["dtype"] != "str"})
    inferred = [c for c in texts if not isinstance(frame[c].dtype, pd.StringDtype)]
    if inferred:
        again = pd.read_csv(io.BytesIO(data), usecols=inferred, dtype="str",
                            keep_default_na=False)
        for col in inferred:
            frame[col] = again[col]
    for col in dates:
        if not pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        if frame[col].dtype != "datetime64[ns]":  # one resolution, validated or not
            frame[col] = frame[col].astype("datetime64[ns]")
    return frame


def copy_on_write() -> bool:
    """Whether pandas shares data between a frame and its shallow copies only until a write."""
    if int(pd.__version__.split(".", 1)[0]) >= 3:
        return True
    return pd.get_option("mode.copy_on_write") is True


def trusted(meta: dict, spec) -> bool:
    """Whether the sidecar says the table passed the current schema when it was built."""
    return meta.get("schema_fingerprint") == schema_fingerprint(spec.schema)


def load(name: str, *, validate: bool | None = None,
         release: str | None = None) -> pd.DataFrame:
    """Load a curated dataset as a tidy DataFrame.

    The file's sha256 is always checked against its sidecar. ``validate=None`` (default)
    runs the pandera schema only if the table was not validated by the current schema at
    build time (see the module docstring); ``validate=True`` always runs it;
    ``validate=False`` never does. ``df.attrs["sources"]`` lists the rows' source ids and
    ``df.attrs["release"]`` the release read: ``release="latest"`` (default: the newest
    complete release on this machine, else the shipped tables), ``"shipped"`` or a
    release id from ``ws.releases()``.

    Examples
    --------
    >>> import warstats as ws
    >>> df = ws.load("population")
    >>> int(df.query("country_iso3 == 'UKR' and year == 2021")["value"].iloc[0])
    44298640
    """
    from warstats.releases.store import resolve_release, retrieved_on

    spec = get_spec(name)
    release_id, directory = resolve_release(release)
    data, meta = read_verified(name, directory)  # checksum verified on every call
    if validate is None:
        validate = not trusted(meta, spec)
    key = (spec.name, meta["sha256"], spec.schema, bool(validate))
    cached = _MEMO.get(key)
    if cached is not None:
        _MEMO.move_to_end(key)
        # the caller's edits stay theirs: shared until written under copy-on-write
        frame = cached.copy(deep=not copy_on_write())
    else:
        if validate:
            from warstats.datasets.validate import run_schema

            frame = parse_table(data, meta)
            frame = run_schema(frame, spec, inplace=True)  # the frame is ours: no copy
            for col in spec.categoricals:
                frame[col] = frame[col].astype("category")
        else:  # no schema to see text: parse the categorical columns as categories directly
            frame = parse_table(data, meta, categoricals=spec.categoricals)
        # WKT → shapely once per table and process (shapely geometries are immutable)
        frame = with_geometry(frame, spec)
        _MEMO[key] = frame.copy(deep=not copy_on_write())
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    frame.attrs.clear()
    frame.attrs.update({
        "dataset": spec.name,
        "kind": spec.kind,
        "unit": spec.unit,
        "sources": sorted(frame["source_id"].unique().tolist()),
        "release": release_id,
        "retrieved": retrieved_on(release_id, sorted(frame["source_id"].unique().tolist())),
    })
    return frame
