"""The maths and the explanations must not know Qt (or the GUI) exists."""

import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys\n"
        "import lenet_gui.model, lenet_gui.model.lenet5, lenet_gui.data, lenet_gui.data.mnist,"
        " lenet_gui.train, lenet_gui.train.trainer, lenet_gui.commands\n"
        "import lenet_gui.explain.walk, lenet_gui.explain.typeset, lenet_gui.notation,"
        " lenet_gui.model.reference\n"
        "import pkgutil, importlib\n"
        "for pkg in (lenet_gui.model, lenet_gui.data, lenet_gui.train, lenet_gui.explain):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'pyqtgraph',"
        " 'shiboken6') or k.startswith('lenet_gui.gui'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_import_contract_holds():
    """The floors of pyproject.toml's [tool.importlinter]: commands → app → gui →
    explain/train → model/data/notation, nothing pointing up; Qt only under gui/ and app.py;
    inside gui/, window → timeline export → panels → state → widgets and helpers."""
    import os
    import shutil

    exe = shutil.which("lint-imports", path=os.path.dirname(sys.executable)) or shutil.which(
        "lint-imports")
    if exe is None:
        import pytest

        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    r = subprocess.run([exe, "--no-cache"], capture_output=True, text=True, timeout=300, cwd=root)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "3 kept, 0 broken" in r.stdout, r.stdout[-2000:]
