"""Shared fixtures: the raw sources folder and small helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warstats._paths import default_raw_dir

RAW = default_raw_dir()


@pytest.fixture(autouse=True, scope="session")
def _isolated_data_home(tmp_path_factory):
    """Releases made by tests live in a throw-away data home, never the user's."""
    import os

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
    if not RAW.is_dir():
        pytest.fail(f"raw sources not found at {RAW}: the tests need ../shared/sources")
    return RAW


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
