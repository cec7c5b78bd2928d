"""The maths and the explanations must not know Qt (or the GUI) exists."""

import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys\n"
        "import lenet_gui.model, lenet_gui.model.lenet5, lenet_gui.data, lenet_gui.data.mnist,"
        " lenet_gui.train, lenet_gui.train.trainer, lenet_gui.commands\n"
        "import lenet_gui.explain.walk, lenet_gui.explain.typeset, lenet_gui.notation,"
        " lenet_gui.model.reference, lenet_gui.labs\n"
        "import pkgutil, importlib\n"
        "for pkg in (lenet_gui.model, lenet_gui.data, lenet_gui.train, lenet_gui.explain,"
        " lenet_gui.labs):\n"
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


def _imports(path, package: str, module: str) -> set[str]:
    """The lenet_gui modules `module` imports when it runs: module-level and function-local
    imports, not those under `if TYPE_CHECKING:` (which only a type checker follows)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, `level` steps up
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}  # `from pkg import module`
    return {m for m in out if m.startswith("lenet_gui")}


def test_no_import_circle_in_the_package():
    """No module reaches itself through the imports that run (type-checking-only aside)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = {}
    for path in (root / "lenet_gui").rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        files[name] = path
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {m for m in _imports(path, package, name) if m in files and m != name}
    # A module's own packages are imported before it whatever it says (`from . import x`
    # names its package): those edges are not choices, so they are left out.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    circles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not circles, "\n".join(" -> ".join(c) for c in circles)
