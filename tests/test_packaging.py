"""`pip install .` gives a working `lenet-gui`: the wheel carries resources/ and the installed
copy finds them, run from outside the checkout."""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the checkout: setuptools writes its build/ folder into the
    source tree, and two workers building in one tree at once collided there."""
    out = tmp_path_factory.mktemp("dist")
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "screenshots")
    for name in ("lenet_gui", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-q", "-w", str(out), str(src)], capture_output=True, text=True,
                       timeout=300, cwd=out)
    assert r.returncode == 0, r.stdout + r.stderr
    wheels = list(out.glob("lenet_gui-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_carries_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("lenet_gui/_resources/mnist/train-images.idx3-ubyte.gz",
              "lenet_gui/_resources/mnist/README.md",
              "lenet_gui/_resources/weights/lenet5.npz",
              "lenet_gui/gui/panels/feature_maps.py", "lenet_gui/commands/__init__.py",
              "lenet_gui/commands/screenshot.py"):
        assert f in names, f
    assert any(n.endswith(".qm") for n in names if "_resources/i18n/" in n)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    # the commands in a console; the window alone without one (Windows' gui-scripts)
    assert "[console_scripts]\nlenet-gui = lenet_gui.commands:main" in text
    assert "[gui_scripts]\nlenet-studio = lenet_gui.commands:studio" in text


def test_installed_wheel_runs_evaluate_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")  # where a venv keeps programs
    suffix = ".exe" if os.name == "nt" else ""
    py = scripts / f"python{suffix}"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies (NumPy, PySide6, …) come from this environment, by plain path entries
    # (no .pth processing there, so an editable install of the checkout stays invisible)
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q",
                        "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["OPENBLAS_NUM_THREADS"] = "1"
    where = subprocess.run([str(py), "-c", "import lenet_gui; print(lenet_gui.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    exe = scripts / f"lenet-gui{suffix}"
    r = subprocess.run([str(exe), "--version"], capture_output=True, text=True, cwd=tmp_path,
                       env=env, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("lenet-gui "), r.stderr
    r = subprocess.run([str(exe), "evaluate"], capture_output=True, text=True, cwd=tmp_path,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("test accuracy: ") and float(last.split()[-1].rstrip("%")) >= 99.2
