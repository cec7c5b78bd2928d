"""The bundled app (packaging/): its helper process, started as `lenet-gui --helper FD`
because a frozen app's sys.executable is the app itself, and the spec's view of the package's
resources. Building the bundle is a command (`python packaging/bundle.py --out DIR`), not a
test: these checks take seconds."""

import importlib.util
import os
import re
import shlex
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from lenet_gui.commands import HELPER_ENTRY, build_parser
from lenet_gui.data.synthetic import mnist_like
from lenet_gui.model import LeNet5, LeNetConfig, _procs, set_num_threads, training_step

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


@pytest.fixture
def frozen_app(tmp_path, monkeypatch):
    """This process as a bundle sees itself: sys.frozen set and sys.executable a program that
    hands its arguments to lenet_gui.commands.main, as the bundle's executable does. Two
    workers with the helper allowed; afterwards no helper and the defaults back."""
    launcher = tmp_path / "lenet-gui"
    launcher.write_text("#!/bin/sh\n"
                        f"exec {shlex.quote(sys.executable)} -c "
                        "'import sys; from lenet_gui.commands import main; sys.exit(main())' \"$@\"\n")
    launcher.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(launcher))
    monkeypatch.delenv(_procs.ENV_VAR, raising=False)
    monkeypatch.setattr(_procs, "_broken", False)
    _procs.shutdown()  # a helper started before, the unfrozen way, would be reused
    set_num_threads(2)
    yield launcher
    _procs.shutdown()
    set_num_threads(None)


@pytest.mark.posix_only("the helper process")
def test_a_frozen_app_starts_its_helper_through_the_hidden_entry(frozen_app, monkeypatch):
    """The helper runs as `APP --helper FD` and computes its half: the same gradients, bit for
    bit, as this process alone."""
    rng = np.random.default_rng(0)
    x, labels = mnist_like(128, rng).astype(np.float32), rng.integers(0, 10, 128)
    net = LeNet5(LeNetConfig(), seed=0)
    with_helper = training_step(net, x, labels)
    helper = _procs._helper
    assert helper is not None and _procs.processes_enabled()  # it answered in time
    assert helper.proc.args[:2] == [str(frozen_app), HELPER_ENTRY]
    assert helper.proc.poll() is None
    monkeypatch.setenv(_procs.ENV_VAR, "0")  # the same micro-batches, all in this process
    alone = training_step(net, x, labels)
    assert with_helper.loss == alone.loss
    assert np.array_equal(with_helper.y, alone.y)
    for k in net.param_names():
        assert np.array_equal(with_helper.grads[k], alone.grads[k]), k


def test_the_hidden_entry_is_not_in_the_help():
    assert HELPER_ENTRY not in build_parser().format_help()


def test_the_hidden_entry_refuses_a_missing_descriptor():
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), HELPER_ENTRY], capture_output=True,
                       text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 2 and HELPER_ENTRY in r.stderr, r.stderr


# ----------------------------------------------------------------------------- packaging/


def _contents():
    spec = importlib.util.spec_from_file_location("bundle_contents", PACKAGING / "contents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_ships_every_resource_the_package_reads():
    """Each folder the code asks resource_path() for, and every file of resources/ but the
    README's screenshots, goes to lenet_gui/_resources/, where resources_root() looks first."""
    contents = _contents()
    datas = contents.resource_datas(ROOT)
    shipped = {Path(src).resolve().relative_to(ROOT / "resources").as_posix(): dest.replace("\\", "/")
               for src, dest in datas}
    for rel, dest in shipped.items():
        assert dest == "lenet_gui/_resources/" + rel.rpartition("/")[0], (rel, dest)
    on_disk = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*")
               if p.is_file() and p.parts[len(ROOT.parts) + 1] != "screenshots"}
    assert on_disk <= set(shipped), sorted(on_disk - set(shipped))
    asked = set()
    for py in (ROOT / "lenet_gui").rglob("*.py"):
        asked |= set(re.findall(r'resource_path\(\s*"([^"]+)"', py.read_text(encoding="utf-8")))
    assert {"mnist", "weights", "i18n"} <= asked  # the search still sees the calls
    for folder in asked:
        assert any(rel.startswith(folder + "/") for rel in shipped), folder
    for f in ("weights/lenet5.npz", "mnist/train-images.idx3-ubyte.gz", "i18n/lenet_gui_zh_CN.qm"):
        assert f in shipped, f


def test_every_qt_module_the_app_loads_is_kept():
    """Open the main window's modules and the formulas' typesetter in a fresh process: every
    PySide6 module that gets imported is one the spec keeps, and none it excludes."""
    contents = _contents()
    code = ("import sys, lenet_gui.commands, lenet_gui.app, lenet_gui.gui.window, "
            "lenet_gui.gui.export, lenet_gui.gui.soak, lenet_gui.explain.typeset, pyqtgraph\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('PySide6.', 'torch', "
            "'pytest', 'tkinter')))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 0, r.stderr
    loaded = {m.split(".")[1] for m in r.stdout.split() if m.startswith("PySide6.Qt")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= loaded <= set(contents.QT_MODULES), loaded
    assert not [m for m in r.stdout.split() if not m.startswith("PySide6.")]
    excluded = set(contents.qt_excludes())
    assert not {f"PySide6.{m}" for m in loaded} & excluded
    assert {"PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtNetwork"} <= excluded


def test_prune_drops_unwanted_files_and_what_only_they_link():
    contents = _contents()
    links = {"/q/libqgtk3.so": {"/s/libgtk-3.so", "/s/libglib.so", "/q/libQt6Gui.so"},
             "/s/libgtk-3.so": {"/s/libcairo.so", "/s/libglib.so"},
             "/q/libqxcb.so": {"/q/libQt6Gui.so"},
             "/q/libQt6Gui.so": {"/s/libglib.so"}}

    def get_imports(path):
        return [(Path(p).name, p) for p in sorted(links.get(path, ()))]

    binaries = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/q/libqgtk3.so", "BINARY"),
                ("PySide6/Qt/plugins/platforms/libqxcb.so", "/q/libqxcb.so", "BINARY"),
                ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/q/libqeglfs.so", "BINARY"),
                ("PySide6/Qt/lib/libQt6Gui.so", "/q/libQt6Gui.so", "BINARY"),
                ("libgtk-3.so", "/s/libgtk-3.so", "BINARY"),
                ("libcairo.so", "/s/libcairo.so", "BINARY"),
                ("libglib.so", "/s/libglib.so", "BINARY"),
                ("libqgtk3.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "SYMLINK"),
                ("libQt6Gui.so", "PySide6/Qt/lib/libQt6Gui.so", "SYMLINK")]
    datas = [("PySide6/Qt/translations/qtbase_de.qm", "/t/qtbase_de.qm", "DATA"),
             ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/t/qtbase_zh_CN.qm", "DATA"),
             ("matplotlib/mpl-data/sample_data/goog.npz", "/m/goog.npz", "DATA"),
             ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", "/m/DejaVuSans.ttf", "DATA")]
    kept, kept_datas = contents.prune(binaries, datas, get_imports)
    assert [e[0] for e in kept] == ["PySide6/Qt/plugins/platforms/libqxcb.so",
                                    "PySide6/Qt/lib/libQt6Gui.so", "libglib.so", "libQt6Gui.so"]
    assert [e[0] for e in kept_datas] == ["PySide6/Qt/translations/qtbase_zh_CN.qm",
                                          "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf"]
    # Windows keeps Qt under PySide6/ directly
    assert not contents.wanted("PySide6\\plugins\\platforms\\qeglfs.dll", ["zh_CN"])
    assert contents.wanted("PySide6\\plugins\\platforms\\qwindows.dll", ["zh_CN"])


class _Target:
    """Stands for PyInstaller's Analysis, PYZ, EXE, COLLECT and BUNDLE: records its arguments."""

    made: list = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.pure, self.binaries, self.datas, self.scripts = [], [], [], []
        _Target.made.append((type(self).__name__, self))


def _run_spec(monkeypatch, pure):
    fake = types.ModuleType("PyInstaller.depend.bindepend")
    fake.get_imports = lambda path: []
    for name in ("PyInstaller", "PyInstaller.depend"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", fake)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "contents", raising=False)
    _Target.made = []

    class Analysis(_Target):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pure = pure

    names = {n: type(n, (_Target,), {}) for n in ("PYZ", "EXE", "COLLECT", "BUNDLE")}
    spec = PACKAGING / "lenet-gui.spec"
    try:
        exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),
             {"SPECPATH": str(PACKAGING), "Analysis": Analysis, **names, "__name__": "__main__"})
    finally:
        sys.modules.pop("contents", None)
    return dict(_Target.made)


def test_the_spec_freezes_this_checkout_with_its_resources(monkeypatch):
    """The spec run with stand-ins for PyInstaller's classes: its data list is the package
    data, the unneeded packages are excluded, one executable named lenet-gui."""
    contents = _contents()
    here = [("lenet_gui.commands", str(ROOT / "lenet_gui" / "commands" / "__init__.py"), "PYMODULE")]
    made = _run_spec(monkeypatch, here)
    analysis = made["Analysis"]
    assert analysis.args[0] == [str(ROOT / "main.py")]
    assert sorted(analysis.kwargs["datas"]) == sorted(contents.resource_datas(ROOT))
    excludes = set(analysis.kwargs["excludes"])
    assert {"torch", "pytest", "hypothesis", "PyInstaller", "tkinter", "PySide6.QtQuick",
            "PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtMultimedia"} <= excludes
    assert not excludes & {"matplotlib", "matplotlib.mathtext", "PIL", "numpy", "pyqtgraph"}
    assert made["EXE"].kwargs["name"] == "lenet-gui" and made["COLLECT"].kwargs["name"] == "lenet-gui"
    assert ("BUNDLE" in made) == (sys.platform == "darwin")


def test_the_spec_refuses_another_copy_of_lenet_gui(monkeypatch, tmp_path):
    elsewhere = [("lenet_gui.commands", str(tmp_path / "lenet_gui" / "commands" / "__init__.py"),
                  "PYMODULE")]
    with pytest.raises(SystemExit, match="must come from"):
        _run_spec(monkeypatch, elsewhere)


def test_bundle_py_help_runs_from_anywhere(tmp_path):
    r = subprocess.run([sys.executable, str(PACKAGING / "bundle.py"), "--help"], capture_output=True,
                       text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "--out" in r.stdout and "one-folder" in r.stdout
