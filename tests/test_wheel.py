"""The wheel carries data/ and seeds/: install it in a fresh venv and load every dataset."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_loads_everything(tmp_path):
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(dist), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheel = next(dist.glob("warstats-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # The fresh venv gets the wheel itself; its dependencies come from this environment's
    # site-packages through a plain path entry (no .pth processing, so the editable
    # checkout of warstats is not visible).
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    Path(purelib, "deps.pth").write_text(deps + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True)
    code = (
        "import warstats as ws, sys\n"
        "assert 'site-packages' in ws.__file__, ws.__file__\n"
        "names = ws.list_datasets()['name'].tolist()\n"
        "for n in names:\n"
        "    assert len(ws.load(n)) > 0, n\n"
        "print(len(names))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARSTATS_")}
    env.pop("PYTHONPATH", None)
    out = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env=env)
    assert out.returncode == 0, out.stderr
    from warstats.datasets.registry import dataset_names

    assert int(out.stdout.strip()) == len(dataset_names())
