"""Optional dependencies: one helper that imports them or names the extra to install.

The core install (``pip install warstats``) loads, analyses and charts the data. Other
commands need an extra; :func:`need` turns a missing package into a message that says
which one (``pip install "warstats[report]"``) instead of a bare ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from warstats.errors import WarstatsError

#: Each extra and the import names it provides (pyproject.toml lists the distributions).
EXTRAS: dict[str, tuple[str, ...]] = {
    "report": ("great_tables", "tqdm"),
    "export": ("frictionless", "pyarrow", "openpyxl"),
    "build": ("pyreadr", "openpyxl", "pyproj", "shapefile", "tqdm"),
}


class MissingExtraError(WarstatsError, ImportError):
    """An optional package is not installed; the message names the extra to install."""


def need(module: str, extra: str, what: str = "this command") -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming ``extra``.

    >>> need("json", "report").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"{what} needs the package {module!r}, which is not installed. Install the "
            f"extra: pip install \"warstats[{extra}]\" (or everything: "
            f"pip install \"warstats[all]\")") from exc


def require(extra: str, what: str) -> None:
    """Check that every package of ``extra`` is installed before a command starts work."""
    for module in EXTRAS[extra]:
        need(module, extra, what)
