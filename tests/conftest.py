"""Shared fixtures: the raw sources folder, the seed article and small helpers.

The one place that locates the inputs kept outside the repository:

* the raw publisher files: ``WARSTATS_RAW_DIR``, default ``../shared/sources``;
* the seed article: ``WARSTATS_SEED_ARTICLE``, default the ``*.txt`` in ``../shared/seeds``.

A test needs the raw files when it requests ``raw_dir``/``raw_copy``, is marked
``@pytest.mark.raw``, or (found by reading the test module) uses the module-level name
``RAW`` directly or through a helper or fixture of its module. Without the files every
such test is skipped with the same one-line reason (:data:`RAW_REASON`);
``WARSTATS_REQUIRE_RAW=1`` (set by CI) turns those skips into failures.
"""

from __future__ import annotations

import ast
import os
import shutil
from functools import cache
from pathlib import Path

import pytest

from warstats._paths import default_raw_dir, seed_article_path

RAW = default_raw_dir()
SEED_ARTICLE = seed_article_path()
HAVE_RAW = RAW.is_dir()
RAW_REASON = (f"raw publisher files not found at {RAW} (set WARSTATS_RAW_DIR, or put "
              "shared/sources beside the checkout)")
ARTICLE_REASON = ("seed article not found (set WARSTATS_SEED_ARTICLE, or put shared/seeds "
                  "beside the checkout)")
REQUIRE_RAW = os.environ.get("WARSTATS_REQUIRE_RAW") == "1"
_RAW_FIXTURES = {"raw_dir", "raw_copy"}


def _missing(reason: str) -> None:
    if REQUIRE_RAW:
        pytest.fail(f"WARSTATS_REQUIRE_RAW=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@cache
def _raw_names(path: str) -> frozenset[str]:
    """Top-level functions of a test module that use ``RAW``, directly or through another."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    uses = {node.name: {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    found = {name for name, names in uses.items() if "RAW" in names}
    while True:
        more = {name for name, names in uses.items() if names & found} - found
        if not more:
            return frozenset(found)
        found |= more


def needs_raw(item: pytest.Item) -> bool:
    if item.get_closest_marker("raw") or _RAW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    function = getattr(item, "function", None)
    if function is None or not str(item.path).endswith(".py"):
        return False
    names = _raw_names(str(item.path))
    return function.__name__ in names or bool(names & set(item.fixturenames))


#: Tests left out of the quick loop (``make test-quick``: ``-m "not slow and not browser"``),
#: by node id prefix: each takes several seconds (full builds, subprocesses, kernels).
SLOW = (
    "tests/test_corruption.py::test_reader_meets_corruptions",  # every reader × corruptions
    "tests/test_notebooks.py::test_notebook_runs",  # a fresh kernel per notebook
    "tests/test_wheel.py",  # builds and installs the wheel
    "tests/test_rebuild.py::test_rebuild_equals_committed_data",  # every dataset rebuilt
    "tests/test_report.py::test_outputs",  # the full report (HTML + PDF) ...
    "tests/test_report.py::test_two_builds_are_byte_identical",  # ... and a second build
    "tests/test_export_fetch_verify.py::test_datapackage_is_valid",  # frictionless, all tables
    "tests/test_report_parallel.py::test_parallel_build_equals_one_process_build",  # 2 builds
    "tests/test_load.py::test_trusted_load_equals_validated_load",  # pandera on every table
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if needs_raw(item):
            item.add_marker(pytest.mark.raw)
        if item.nodeid.startswith(SLOW) or "built_report" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)  # listed above, or reads the full report


def pytest_runtest_setup(item):
    if not HAVE_RAW and item.get_closest_marker("raw"):
        _missing(RAW_REASON)


@pytest.fixture(autouse=True, scope="session")
def _isolated_data_home(tmp_path_factory):
    """Releases made by tests live in a throw-away data home, never the user's."""
    home = tmp_path_factory.mktemp("data_home")
    old = os.environ.get("WARSTATS_DATA_HOME")
    os.environ["WARSTATS_DATA_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("WARSTATS_DATA_HOME", None)
    else:
        os.environ["WARSTATS_DATA_HOME"] = old


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The raw publisher files (skips, or fails under WARSTATS_REQUIRE_RAW=1, when absent)."""
    if not HAVE_RAW:
        _missing(RAW_REASON)
    return RAW


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The seed article's text file (skips, or fails under WARSTATS_REQUIRE_RAW=1, when absent)."""
    if SEED_ARTICLE is None:
        _missing(ARTICLE_REASON)
    return SEED_ARTICLE


@pytest.fixture
def raw_copy(tmp_path, raw_dir):
    """Copy named raw files (relative paths) into tmp_path, keeping their layout."""

    def copy(*relative: str) -> Path:
        for rel in relative:
            target = tmp_path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(raw_dir / rel, target)
        return tmp_path

    return copy


def assert_names(message: str, *parts: object) -> None:
    """Assert an error message names every part (file, row, column, value)."""
    for part in parts:
        assert str(part) in message, f"{part!r} not named in: {message}"


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened (charts never close what they return)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def footer_of(ax) -> str:
    """The single source footer of a chart's figure, as one line of text."""
    texts = [t.get_text() for t in ax.figure.texts if t.get_gid() == "source-footer"]
    assert len(texts) == 1, f"expected one source footer, found {len(texts)}"
    return texts[0].replace("\n", " ")


def shared_artefact(tmp_path_factory, name: str, make) -> Path:
    """A folder built once per test run, shared by every pytest-xdist worker.

    The first worker to get here builds ``name`` with ``make(folder)`` under a file lock in
    the run's common temporary root; the others wait and reuse it. Serial runs build it once
    too. Tests must treat the folder as read-only.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # common to every worker of this run
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with _lock(root / f"shared-{name}.lock"):
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            make(folder)
            done.touch()
    return folder


class _lock:
    """An exclusive lock on ``path`` (fcntl; a no-op where fcntl is missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self):
        self.handle = open(self.path, "a+")
        try:
            import fcntl

            fcntl.flock(self.handle, fcntl.LOCK_EX)
        except ImportError:
            pass
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()  # closing releases the lock


@pytest.fixture(scope="session")
def built_report(tmp_path_factory):
    """The full report (HTML and PDF), built once per test run: ``(folder, ReportResult)``.

    The result is rebuilt cheaply from the folder for workers that did not build it.
    """
    from warstats.report.build import ReportResult, build_report

    results: list = []

    def make(folder: Path) -> None:
        results.append(build_report(folder, formats=("html", "pdf"), quiet=True))
        folder.with_suffix(".result").write_text(
            "\n".join(["figures:" + ",".join(results[0].figures),
                       "tables:" + ",".join(results[0].tables),
                       "sections:" + ",".join(results[0].sections)]), encoding="utf-8")

    folder = shared_artefact(tmp_path_factory, "report", make)
    if results:
        return folder, results[0]
    lines = dict(line.split(":", 1) for line in
                 folder.with_suffix(".result").read_text(encoding="utf-8").splitlines())
    names = {k: [v for v in value.split(",") if v] for k, value in lines.items()}
    return folder, ReportResult(folder, folder / "report.html", folder / "report.pdf",
                                names["figures"], names["tables"], names["sections"])
