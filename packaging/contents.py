"""What goes into the bundle and what stays out: read by lenet-gui.spec (PyInstaller) and by
tests/test_bundle.py. Plain Python with no PyInstaller import, so the test runs without it.

The package's run-time files are those pyproject.toml ships as package data (resources/ as
lenet_gui/_resources, where lenet_gui/resources.py looks first); Qt is cut down to the modules
lenet_gui and pyqtgraph import and to the plugins a desktop needs.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent

# The PySide6 modules the app imports: lenet_gui itself QtCore, QtGui, QtWidgets, QtSvg (SVG
# export) and QtTest (the soak command's synthetic clicks); pyqtgraph also QtOpenGL and
# QtOpenGLWidgets (its OpenGL widgets, imported whether used or not). Every other PySide6
# module is excluded by name, so that nothing drags in Qt Quick, QML, WebEngine, 3D, ...
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtTest", "QtOpenGL", "QtOpenGLWidgets")

# Python packages that lenet_gui never needs at run time: torch is the benchmark's optional
# reference (without it `bench` measures NumPy only and says "torch is not installed"), the
# rest are the development tools installed beside it. tkinter: matplotlib's Agg needs none.
EXCLUDES = ["torch", "pytest", "_pytest", "pytest_qt", "hypothesis", "PyInstaller",
            "_pyinstaller_hooks_contrib", "tkinter", "_tkinter", "IPython", "pip", "setuptools",
            "pkg_resources", "ruff", "importlinter", "grimp", "sympy", "networkx", "jinja2",
            "pandas", "scipy", "PyQt5", "PyQt6", "PySide2", "PIL.ImageTk", "PIL.ImageQt",
            "matplotlib.backends.backend_qt", "matplotlib.backends.backend_qtagg",
            "matplotlib.backends.backend_qtcairo", "matplotlib.backends.backend_tkagg",
            "PIL._avif", "PIL.AvifImagePlugin"]  # AVIF: 5 MB of codec; `classify` reads PNG and JPG

# Files of the collected packages (paths inside the bundle, / separated; fnmatch's * also
# matches /, so one pattern fits PySide6/Qt/plugins on Linux and macOS and PySide6/plugins on
# Windows). Libraries that only these needed go too (see prune).
UNWANTED = [
    # Platforms: the desktop ones (xcb, wayland, cocoa, windows) stay, and offscreen and
    # minimal (`screenshot` and the tests run offscreen); the embedded-device ones go.
    "PySide6/*plugins/egldeviceintegrations/*",
    "PySide6/*plugins/platforms/*eglfs*",
    "PySide6/*plugins/platforms/*minimalegl*",
    "PySide6/*plugins/platforms/*linuxfb*",
    "PySide6/*plugins/platforms/*vnc*",
    "PySide6/*plugins/platforms/*vkkhrdisplay*",
    "PySide6/*plugins/generic/*",  # evdev and TUIO touch input for embedded devices
    "PySide6/*plugins/platforminputcontexts/*virtualkeyboard*",  # needs Qt Quick
    "PySide6/*plugins/imageformats/*pdf*",  # needs QtPdf, not in PySide6-Essentials
    # The GTK 3 theme would bring the build machine's GTK, cairo, pango, ... (about 25 MB),
    # which can clash with the GTK modules of the desktop it runs on. Without it Qt draws its
    # own style, and file dialogs still go through the desktop portal (xdgdesktopportal).
    "PySide6/*plugins/platformthemes/*gtk3*",
    # Collected beside QtCore although nothing links it: the app opens no network connection.
    "PySide6/*Qt6Network*", "PySide6/*QtNetwork.framework*",
    "matplotlib/mpl-data/sample_data/*",
]


def qt_excludes() -> list[str]:
    """Every PySide6 module but QT_MODULES (the wheel's own stubs name them all)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    names = {p.name.split(".")[0] for d in spec.submodule_search_locations
             for p in Path(d).glob("Qt*.pyi")}
    return sorted(f"PySide6.{n}" for n in names - set(QT_MODULES))


def version(root: Path = ROOT) -> str:
    """lenet_gui.__version__, read without importing the package."""
    text = (root / "lenet_gui" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def languages(root: Path = ROOT) -> list[str]:
    """The interface's translations (zh_CN, ...): Qt's own are kept for these only."""
    return sorted(p.stem.removeprefix("lenet_gui_") for p in (root / "resources" / "i18n").glob("*.qm"))


def wanted(dest: str, langs: list[str]) -> bool:
    """False for a file the app does not need: UNWANTED, or a Qt translation of a language
    the interface does not have."""
    dest = dest.replace("\\", "/")
    if any(fnmatch.fnmatch(dest, pattern) for pattern in UNWANTED):
        return False
    if fnmatch.fnmatch(dest, "PySide6/*translations/*.qm"):
        return any(dest.endswith(f"_{lang}.qm") for lang in langs)
    return True


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(file, its folder in the bundle) for every file pyproject.toml's package-data ships:
    the same files, in the same places, as in the wheel."""
    setuptools = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package_dir = setuptools.get("package-dir", {})
    out = []
    for package, patterns in setuptools["package-data"].items():
        src = root / package_dir.get(package, package.replace(".", "/"))
        dest = Path(*package.split("."))
        for pattern in patterns:
            for f in sorted(src.glob(pattern)):
                if f.is_file():
                    out.append((str(f), str(dest / f.relative_to(src).parent)))
    return out


def prune(binaries: list, datas: list, get_imports) -> tuple[list, list]:
    """binaries and datas (PyInstaller's (dest, source, kind) entries) without the unwanted
    files, nor the libraries that only those needed. get_imports(source) -> [(name, path)] is
    PyInstaller's bindepend.get_imports (ldd, pefile or macholib)."""
    import os

    langs = languages()
    real = os.path.realpath

    cache: dict[str, set[str]] = {}

    def deps(entry) -> set[str]:
        if entry[2] == "SYMLINK":
            return set()
        if entry[1] not in cache:
            try:
                cache[entry[1]] = {real(p) for _, p in get_imports(entry[1]) if p}
            except Exception:  # not a binary it can read: it links nothing we could drop
                cache[entry[1]] = set()
        return cache[entry[1]]

    dropped = [e for e in binaries if not wanted(e[0], langs)]
    kept = [e for e in binaries if wanted(e[0], langs)]
    suspects = set().union(*map(deps, dropped)) if dropped else set()
    while True:  # drop what only dropped files needed, then what only those needed, ...
        needed = set().union(*map(deps, kept)) if kept else set()
        orphans = [e for e in kept if e[2] != "SYMLINK" and real(e[1]) in suspects - needed]
        if not orphans:
            break
        kept = [e for e in kept if e not in orphans]
        suspects |= set().union(*map(deps, orphans))
    datas = [e for e in datas if wanted(e[0], langs)]
    # PyInstaller's symbolic links (dest, target inside the bundle, "SYMLINK"): not to a file gone
    present = {e[0].replace("\\", "/") for e in kept + datas if e[2] != "SYMLINK"}

    def linked(e) -> bool:
        return e[2] != "SYMLINK" or e[1].replace("\\", "/") in present

    return [e for e in kept if linked(e)], [e for e in datas if linked(e)]
