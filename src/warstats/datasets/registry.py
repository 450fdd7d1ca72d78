"""The dataset registry: every topic module lists its specs in ``SPECS``."""

from __future__ import annotations

import importlib
from functools import cache

from warstats.datasets.spec import DatasetSpec
from warstats.errors import DatasetNotFoundError

#: Topic modules under ``warstats.datasets.topics``; each defines ``SPECS``.
TOPIC_MODULES: tuple[str, ...] = (
    "population",
    "annotations",
    "casualties",
    "aid",
    "conflict",
    "displacement",
    "geo",
)


@cache
def registry() -> dict[str, DatasetSpec]:
    specs: dict[str, DatasetSpec] = {}
    for topic in TOPIC_MODULES:
        module = importlib.import_module(f"warstats.datasets.topics.{topic}")
        for spec in module.SPECS:
            if spec.name in specs:
                raise ValueError(f"dataset {spec.name!r} registered twice")
            specs[spec.name] = spec
    return specs


def dataset_names() -> list[str]:
    return list(registry())


def get_spec(name: str) -> DatasetSpec:
    """The spec for ``name``; unknown names list what exists and the closest match."""
    specs = registry()
    if name not in specs:
        raise DatasetNotFoundError(name, list(specs))
    return specs[name]
