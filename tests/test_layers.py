"""The import graph: layers import downward only, and no module cycle.

Data flows sources → readers → schemas → datasets → analysis → charts/tables → report → cli
(docs/DESIGN in ``../shared/DESIGN.md``); :data:`LAYERS` is the one map of it. Every
``import`` of a ``warstats`` module, at module level or inside a function, counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

#: Module prefix → layer; the longest matching prefix wins. A module may import from its
#: own layer or any lower one.
LAYERS: dict[str, int] = {
    "warstats": 0,  # the package's lazy public API: it names modules as strings only
    "warstats.errors": 0,
    "warstats._paths": 0,
    "warstats.io": 0,
    "warstats.safe_write": 0,  # the one safe writer every output uses; stdlib only
    "warstats.cell_safety": 0,  # spreadsheet and Markdown neutralising; pandas only
    "warstats.datasets.io": 0,  # the curated CSV encoding and checksums; pandas only
    "warstats.wording": 0,  # numbers in words and the missing-value dash: pure functions
    "warstats.codes": 1,
    "warstats.geo": 1,  # geodesic areas and topology checks: shapely/pyproj only
    "warstats.provenance": 1,  # the sources: citations live here only
    "warstats.readers": 2,
    "warstats.releases.store": 2,  # where releases live on disk; `load` resolves through it
    "warstats.schemas": 3,
    "warstats.datasets": 4,
    "warstats.labels": 4,  # names and dates for people: codes, sources, dataset titles
    "warstats.catalog": 4,
    "warstats.verify": 4,
    "warstats.export": 4,
    "warstats.releases": 4,
    "warstats.releases.known": 5,  # what was known on a date, across releases (as_of)
    "warstats.releases.cli": 8,
    "warstats.releases.cli_changes": 8,
    "warstats.analysis": 5,
    "warstats.claims": 5,
    "warstats.claims.chart": 6,  # charts the measured figures; never re-runs a check
    "warstats.charts": 6,
    "warstats.tables": 6,
    "warstats.report": 7,
    "warstats.cli": 8,
    "warstats.__main__": 8,
}

#: Modules being moved elsewhere by open work, left out of the check until they have
#: moved (none now: the claims code and the corruption harness have moved).
MOVING: tuple[str, ...] = ()


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _moving(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in MOVING)


def import_graph() -> dict[str, set[str]]:
    """Module → the ``warstats`` modules it imports (``from a import b``: ``a.b`` if a module)."""
    files = {_name(p): p for p in (SRC / "warstats").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        targets: set[str] = set()
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base
                         for a in node.names]
            else:
                continue
            targets.update(n for n in names if n.split(".")[0] == "warstats")
        graph[module] = {t for t in targets if t != module}
    return graph


def layer(module: str) -> int:
    matches = [p for p in LAYERS if module == p or module.startswith(p + ".")]
    assert matches, f"{module} has no layer: add its package to LAYERS in {__file__}"
    return LAYERS[max(matches, key=len)]


def test_every_module_has_a_layer():
    for module in import_graph():
        layer(module)


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [f"{a} (layer {layer(a)}) imports {b} (layer {layer(b)})"
            for a, targets in sorted(graph.items()) if not _moving(a)
            for b in sorted(targets) if not _moving(b) and layer(b) > layer(a)]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle met by a depth-first walk (each closing edge reported once)."""
    graph = {a: {b for b in t if not _moving(b)} for a, t in graph.items() if not _moving(a)}
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_no_upward_import():
    upward = upward_imports(import_graph())
    assert upward == [], "\n".join(upward)


def test_no_import_cycle():
    found = cycles(import_graph())
    assert found == [], "\n".join(" → ".join(c) for c in found)


def test_the_checks_catch_what_they_look_for():
    """Not vacuous: a hand-made upward import and a hand-made cycle are both reported."""
    graph = {"warstats.analysis.casualties": {"warstats.report.build"},
             "warstats.report.build": {"warstats.charts.style"},
             "warstats.charts.style": {"warstats.charts.footer"},
             "warstats.charts.footer": {"warstats.charts.style"}}
    assert upward_imports(graph) == ["warstats.analysis.casualties (layer 5) imports "
                                     "warstats.report.build (layer 7)"]
    assert cycles(graph) == [["warstats.charts.style", "warstats.charts.footer",
                              "warstats.charts.style"]]
    assert "warstats.analysis.kinds" in import_graph()["warstats.analysis.casualties"]
