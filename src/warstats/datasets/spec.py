"""Declarative dataset specifications."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

MEASURE_KINDS = ("stock", "flow", "cumulative", "rate", "reference", "annotation")


@dataclass(frozen=True)
class DatasetSpec:
    """Everything warstats knows about one curated dataset.

    ``schema`` and ``builder`` are ``"module:attribute"`` strings so that listing
    datasets never imports pandera or the readers.
    """

    name: str
    title: str
    description: str
    topic: str
    kind: str
    unit: str
    primary_key: tuple[str, ...]
    schema: str
    builder: str
    source_ids: tuple[str, ...]
    date_columns: tuple[str, ...] = ()
    categoricals: tuple[str, ...] = ()
    coverage_column: str = ""
    caveats: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in MEASURE_KINDS:
            raise ValueError(f"{self.name}: kind {self.kind!r} not in {MEASURE_KINDS}")

    def schema_model(self):
        """The pandera DataFrameModel (imports pandera)."""
        return _resolve(self.schema)

    def build_function(self):
        return _resolve(self.builder)

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


def _resolve(path: str):
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)
