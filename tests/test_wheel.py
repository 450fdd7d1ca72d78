"""The wheel installs like a library: a lean core and extras, and the README's commands work.

The wheel is built once and installed into two fresh venvs (no network: dependencies come
from this environment's site-packages through a plain path entry). In the "core" venv the
extras' packages are made unimportable, as if ``pip install warstats`` alone had run; there
every README command either works or stops with a message naming the extra to install. In
the "all" venv every README command works.
"""

from __future__ import annotations

import email
import os
import re
import shlex
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: shapely is core: ``ws.load("oblast_boundaries")`` returns shapely geometries and the
#: maps draw them (load, analysis and charts are the core install's promise)
CORE = {"pandas", "numpy", "matplotlib", "pandera", "platformdirs", "pycountry", "shapely"}
#: import names of the extras' packages, hidden in the core venv
EXTRA_MODULES = ("great_tables", "tqdm", "frictionless", "pyarrow", "openpyxl", "pyreadr",
                 "pooch", "pyproj", "pyshp", "shapefile", "playwright")
#: which README commands need which extra
NEEDS = {"report": "report", "export population --format datapackage": "export"}


def readme_commands() -> list[str]:
    block = re.search(r"<!-- wheel-commands -->\s*```bash\n(.*?)```", README, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(dist), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return next(dist.glob("warstats-*.whl"))


def _venv(tmp: Path, wheel: Path, *, core_only: bool) -> Path:
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = Path(subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    if core_only:
        hidden = ", ".join(repr(m) for m in EXTRA_MODULES)
        (purelib / "_core_only.py").write_text(
            "import sys\n"
            f"for _name in ({hidden},):\n"
            "    sys.modules[_name] = None  # import fails: not installed\n")
        (purelib / "zz_core_only.pth").write_text("import _core_only\n")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True)
    return venv


def _run(venv: Path, command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARSTATS_")}
    env.pop("PYTHONPATH", None)
    env["WARSTATS_DATA_HOME"] = str(cwd / "data_home")
    args = shlex.split(command)
    assert args[0] == "warstats"
    return subprocess.run([str(venv / "bin" / "warstats"), *args[1:]], capture_output=True,
                          text=True, cwd=cwd, env=env)


def _needs(command: str) -> str | None:
    return next((extra for key, extra in NEEDS.items() if command.startswith(f"warstats {key}")),
                None)


@pytest.mark.slow
def test_wheel_metadata_lists_a_lean_core_and_extras(wheel):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_string(zf.read(name).decode("utf-8"))
        assert any(n.startswith("warstats/data/") and n.endswith(".csv") for n in zf.namelist())
    requires = meta.get_all("Requires-Dist")
    core = {re.split(r"[<>=; \[]", r)[0].lower() for r in requires if "extra ==" not in r}
    assert core == CORE
    extras = set(meta.get_all("Provides-Extra"))
    assert {"report", "export", "build", "all", "dev"} <= extras


@pytest.mark.slow
def test_core_install_runs_the_readme_or_names_the_extra(wheel, tmp_path):
    venv = _venv(tmp_path, wheel, core_only=True)
    loads = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import warstats as ws, sys\n"
         "assert 'site-packages' in ws.__file__\n"
         "import importlib.util as u; assert u.find_spec('tqdm') is None or "
         "sys.modules.get('tqdm', 0) is None\n"
         "for n in ws.list_datasets()['name']: assert len(ws.load(n)) > 0, n\n"
         "from warstats.charts.population import plot_projection_gap\n"],
        capture_output=True, text=True, cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)})
    assert loads.returncode == 0, loads.stderr[-2000:]
    for command in readme_commands():
        out = _run(venv, command, tmp_path)
        extra = _needs(command)
        if extra is None:
            assert out.returncode == 0, (command, out.stderr[-1500:])
        else:
            assert out.returncode == 1, (command, out.stdout[-500:], out.stderr[-1500:])
            assert f'pip install "warstats[{extra}]"' in out.stderr, (command, out.stderr)
            assert "Traceback" not in out.stderr


@pytest.mark.slow
def test_all_install_runs_every_readme_command(wheel, tmp_path):
    venv = _venv(tmp_path, wheel, core_only=False)
    for command in readme_commands():
        out = _run(venv, command, tmp_path)
        assert out.returncode == 0, (command, out.stderr[-1500:])
    assert (tmp_path / "exports" / "datapackage.json").is_file()
    assert (tmp_path / "report" / "report.pdf").read_bytes().startswith(b"%PDF")
