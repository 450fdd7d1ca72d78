"""What was known on a date, across every release on this machine.

Each release holds a dataset as its publishers stated it when the release was made; a
revised figure appears in a later release with a later ``published`` date. Stacking the
releases and keeping, per key, the newest figure published on or before a date gives
what a reader could have known that day, including values later revised.
"""

from __future__ import annotations

import pandas as pd

from warstats.errors import WarstatsError


def release_stack(name: str) -> pd.DataFrame:
    """Dataset ``name`` from the shipped tables and every complete release, stacked.

    A ``release`` column (ordered categorical: ``shipped`` first, then release ids oldest
    first) says which release each row comes from; releases without the table are skipped.
    """
    from warstats.datasets.load import read_table
    from warstats.datasets.registry import get_spec
    from warstats.releases.store import SHIPPED, complete_release_ids, resolve_release

    spec = get_spec(name)
    order = [SHIPPED, *complete_release_ids()]
    frames = []
    for rid in order:
        folder = resolve_release(rid)[1]
        if (folder / f"{spec.name}.meta.json").is_file():
            frames.append(read_table(name, folder)[0].assign(release=rid))
    if not frames:
        raise WarstatsError(f"no release on this machine holds {name!r}; run `warstats "
                            "build-data` or `warstats update`")
    stack = pd.concat(frames, ignore_index=True)
    stack["release"] = pd.Categorical(stack["release"], categories=order, ordered=True)
    return stack


def known_on(name: str, date) -> pd.DataFrame:
    """Dataset ``name`` as it was known on ``date``: per key, the newest figure published
    on or before ``date``, across the shipped tables and every complete release.

    A figure revised in a later release keeps its old value before the revision's
    publication date. A key that a later release dropped keeps its last published figure
    (it was known). The ``release`` column names the release each row was read from.

    Examples
    --------
    >>> import warstats as ws
    >>> ws.known_on("population", "2026-01-01").empty   # shipped table published 2026-03-06
    True
    >>> len(ws.known_on("population", "2026-03-06")) == len(ws.load("population"))
    True
    """
    from warstats.analysis.vintages import as_of
    from warstats.datasets.registry import get_spec

    spec = get_spec(name)
    stack = release_stack(name)
    known = as_of(stack, date, by=list(spec.primary_key))
    known = known.sort_values(list(spec.primary_key), kind="stable").reset_index(drop=True)
    for col in spec.categoricals:
        if col in known:
            known[col] = known[col].astype("category")
    known.attrs.update({"dataset": spec.name, "kind": spec.kind, "unit": spec.unit,
                        "sources": sorted(known["source_id"].astype(str).unique().tolist()),
                        "releases": [str(r) for r in stack["release"].cat.categories]})
    return known
