"""The extras the code asks for are the extras pyproject.toml installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from warstats.optional import EXTRAS

PYPROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml")
                          .read_text(encoding="utf-8"))
#: distributions whose import name differs from their name on PyPI
IMPORT_NAMES = {"pyshp": "shapefile"}


def _imports(requirements: list[str]) -> set[str]:
    names = {re.split(r"[<>=; \[]", r)[0].lower().replace("-", "_") for r in requirements}
    return {IMPORT_NAMES.get(n, n) for n in names if n != "warstats"}


def test_each_extra_the_code_needs_is_installed_by_that_extra():
    extras = PYPROJECT["project"]["optional-dependencies"]
    for extra, modules in EXTRAS.items():
        assert set(modules) == _imports(extras[extra]), (
            f"warstats.optional.EXTRAS[{extra!r}] and pyproject's [{extra}] differ")


def test_no_extra_module_is_a_core_dependency():
    core = _imports(PYPROJECT["project"]["dependencies"])
    for extra, modules in EXTRAS.items():
        assert not core & set(modules), (extra, core & set(modules))
