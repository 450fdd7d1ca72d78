"""The dataset registry: every topic module lists its specs in ``SPECS``.

Topic modules are the modules of ``warstats.datasets.topics``, found on disk (a new topic
module needs no edit here); :data:`TOPIC_ORDER` only fixes the order of the known ones in
listings, others follow alphabetically. :func:`register` adds a spec at run time (a
plug-in, or a test's tiny dataset).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from warstats.datasets.spec import DatasetSpec
from warstats.errors import DatasetNotFoundError

#: Listing order of the topic modules under ``warstats.datasets.topics``.
TOPIC_ORDER: tuple[str, ...] = (
    "population",
    "annotations",
    "casualties",
    "aid",
    "conflict",
    "displacement",
    "geo",
)
#: Kept for callers of the old name.
TOPIC_MODULES = TOPIC_ORDER

_RUNTIME: dict[str, DatasetSpec] = {}


def topic_modules() -> list[str]:
    """Names of the topic modules on disk, in listing order."""
    from warstats.datasets import topics

    found = {m.name for m in pkgutil.iter_modules(topics.__path__) if not m.name.startswith("_")}
    return [t for t in TOPIC_ORDER if t in found] + sorted(found - set(TOPIC_ORDER))


@cache
def _shipped() -> dict[str, DatasetSpec]:
    specs: dict[str, DatasetSpec] = {}
    for topic in topic_modules():
        module = importlib.import_module(f"warstats.datasets.topics.{topic}")
        for spec in module.SPECS:
            if spec.name in specs:
                raise ValueError(f"dataset {spec.name!r} registered twice")
            specs[spec.name] = spec
    return specs


def registry() -> dict[str, DatasetSpec]:
    """Every dataset's spec by name: the topic modules' specs, then those registered at run time."""
    return {**_shipped(), **_RUNTIME}


def register(spec: DatasetSpec) -> DatasetSpec:
    """Add a dataset at run time; its name must be new."""
    if spec.name in _shipped() or spec.name in _RUNTIME:
        raise ValueError(f"dataset {spec.name!r} is already registered")
    _RUNTIME[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove a dataset added with :func:`register` (shipped datasets stay)."""
    _RUNTIME.pop(name, None)


def dataset_names() -> list[str]:
    return list(registry())


def get_spec(name: str) -> DatasetSpec:
    """The spec for ``name``; unknown names list what exists and the closest match."""
    specs = registry()
    if name not in specs:
        raise DatasetNotFoundError(name, list(specs))
    return specs[name]
