"""The fingerprint of a dataset's schema: what ``load`` compares to trust a build's validation.

A curated table is validated with its pandera schema when it is built; the sidecar records
the fingerprint of the schema's source code at that moment. ``load`` re-verifies the file's
sha256 on every call and, when the recorded fingerprint equals the current one, trusts that
validation instead of repeating it (importing pandera alone costs more than reading most
tables). The fingerprint is a sha256 over the source files of the module that defines the
schema and of the ``warstats.schemas`` modules it imports (transitively), so editing a
schema makes ``load`` validate again until ``make data`` rebuilds the table.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from functools import cache
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding warstats/
_IMPORT = re.compile(r"^\s*(?:from\s+(warstats\.schemas\.\w+)\s+import|import\s+"
                     r"(warstats\.schemas\.\w+))", re.M)


def _module_file(module: str) -> Path | None:
    """The source file of ``module`` without importing it (when it lives in this package)."""
    candidate = _PACKAGE_ROOT.joinpath(*module.split(".")).with_suffix(".py")
    if candidate.is_file():
        return candidate
    loaded = sys.modules.get(module)
    if loaded is not None and getattr(loaded, "__file__", None):
        return Path(loaded.__file__)
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin else None


@cache
def schema_fingerprint(schema: str) -> str:
    """sha256 of the schema's defining module and the schema modules it imports.

    ``schema`` is a spec's ``"module:attribute"`` string; the attribute is part of the hash.
    """
    module = schema.partition(":")[0]
    digest = hashlib.sha256(schema.encode("utf-8"))
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is None:
            digest.update(f"{name}:missing".encode())
            continue
        text = path.read_bytes()
        todo.extend(a or b for a, b in _IMPORT.findall(text.decode("utf-8", "replace")))
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(text).digest())
    return digest.hexdigest()
