"""Fuzzing what the window reads back from its settings file (layout.ini, QSettings): the
window's geometry and dock state, the layout's version, each perspective's saved dock state and
which perspective was current, and the language (gui/window/docks.py restore_layout,
gui/window/perspectives.py restore_current and set_perspective, main_window.py).

The settings file has no checksum and QSettings reads whatever it can, so the property is that
any file — the app's own with its bytes mutated, or any value of any type under each key, or
Qt's saveState() bytes mutated — leaves a usable window: no exception, every dock still the
window's, a size on the screen; a state Qt refuses falls back to the default layout."""

from __future__ import annotations

import base64
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings

from lenet_gui.gui.i18n import LANGUAGES
from lenet_gui.gui.i18n import SETTINGS_KEY as LANGUAGE_KEY
from lenet_gui.gui.window.docks import saved_state
from lenet_gui.gui.window.perspectives import PERSPECTIVES
from tests.fuzzing import mutated

pytestmark = [pytest.mark.fuzz,
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                        "This plugin does not support raise")]

NAMES = tuple(p.name for p in PERSPECTIVES)

# A dock state that crashed QMainWindow.restoreState (a segmentation fault, PySide6 6.11.3): the
# long profile's find, made again by mutating the Backprop perspective's saveState bytes.
CRASHING_STATE = base64.b64decode(
    "AAAA/wAAAAH9AAAAAgAAAAAAAAQ4AAADLvwCAAAAAfsAAAAOAHMAdABlAHAAcABlAHIBAAAAOwAAAy4AAACOAP///wCA"
    "AAEAAAE2AAADLvwCAAAADvsAAAAMAGQAZQBsAHQAYQBzAQAAADsAAAMuAAAAgAD////7AAAAEABzAGUAdAB0AGkAbgBn"
    "AHMAAAAAAP////8AAABIAP////sAAAAYAGYAZQBhAHQAdQByAGUAXwBtAGEAcABzAAAAAAD/////AAAAUgD////7AAAA"
    "DgBrAGUAcgBuAGUAbABzAAAAAAD/////AAAAUAD////7AAAACABsAG8AcwBzAAAAAAD/////AAAA7QD////7AAAADABj"
    "AGEAbgB2AGEAcwAAAAAA/////wAAAOoA////+wAAABgAYQByAGMAaABpAHQAZQBjAHQAdQByAGUAAAAAAP////8AAAAQ"
    "AP////sAAAAOAGUAeABwAGwAYQBpAG4AAAAAAP////8AAAAQAP////sAAAASAGMAbwBuAGYAdQBzAGkAbwBuAAAAEAD/"
    "///7AAAAEABlAHgAcABsAG8AcgBlAHIAAAAAAP////8AAAAQAP////sAAAAUAHIAbwBiAHUAcwB0AG4AZQBzAHMAAAAA"
    "AP////8AAAAQAP////sAAAAaAGYAZQBhAHQAcQByAGUAXwBzAHAAYQBjAGUAAAAAAP////8AAAAQAP////sAAABN7IT4"
    "Vu8XijLYCAByAHUAbgBzAAAAAAD/////AAAAEAD////7AAAAGgBkAGkAcwB0AHIAaQBiAHUAdABpAG8AbgBzAAAAAAD/"
    "////AAAAEAD///8AAAAAAAADLgAAAAQAAAAEAAAACAAAAAj8AAAAAgAAAAIAAAABAAAAIAB0AG8AbwBsAGIAYQByAF8A"
    "dAByAGEAaQBuAGkAbgBnAQAAAAD/////AAAAAAAAAAAAAAACAAAAAQAAAC4AdABvAG8AbABiAGEAcgBfAHQAaQBtAGUA"
    "bABpAG4AZQBfAGIAYQBuAG4AZQByAAAAAAD/////AAAAAAAAAAA=")


class Window:
    """The one window of the module, its valid settings file's bytes and its saved states."""

    def __init__(self, w, ini: bytes, states: dict[str, bytes]) -> None:
        self.w, self.ini, self.states = w, ini, states

    def __repr__(self) -> str:
        return "<the module's window>"


@pytest.fixture(scope="module")
def window(qapp, small_data, tmp_path_factory):
    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig

    folder = tmp_path_factory.mktemp("settings")
    settings = QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat)
    w = MainWindow(data=small_data, weights=False, runs_dir=folder / "runs", settings=settings,
                   train_config=TrainConfig(batch_size=32, epochs=1, warmup_batches=0))
    w.resize(1400, 900)
    w.show()
    w.perspectives.set_perspective(NAMES[0])
    w.perspectives.set_perspective(NAMES[1])  # the first one's state is saved now
    w.perspectives.save()
    w.dock_host.save_layout()
    states = {k: bytes(settings.value(k)) for k in settings.allKeys() if k.endswith("/state")
              or k.endswith("/geometry")}
    yield Window(w, (folder / "layout.ini").read_bytes(), states)
    w.perspectives._settings = w.dock_host._settings = None  # nothing fuzzed is written back
    w.close()
    w.deleteLater()
    qapp.processEvents()


def read_back(window: Window, settings: QSettings, name: str) -> None:
    """What the window does with a settings file at start and when a perspective is chosen,
    then the property."""
    w = window.w
    docks = dict(w.dock_host.docks)
    w.perspectives._settings = w.dock_host._settings = settings
    w.perspectives._current = None
    try:
        language = settings.value(LANGUAGE_KEY)  # as MainWindow and apply_language read it
        assert not (isinstance(language, str) and language in LANGUAGES) or language
        assert w.dock_host.restore_layout() in (True, False)
        w.perspectives.restore_current()
        assert w.perspectives.current in (None, *NAMES)
        assert w.perspectives.set_perspective(name) in (True, False)
        assert w.perspectives.current == name
    finally:
        w.perspectives._settings = w.dock_host._settings = None
    assert w.dock_host.docks == docks and all(d.parent() is w for d in docks.values())
    assert 0 < w.width() <= 100_000 and 0 < w.height() <= 100_000


@given(data=st.data(), name=st.sampled_from(NAMES))
def test_a_damaged_settings_file_leaves_a_usable_window(window, tmp_path_factory, data, name):
    path = tmp_path_factory.getbasetemp() / "damaged-layout.ini"
    path.write_bytes(data.draw(mutated(window.ini)))
    read_back(window, QSettings(str(path), QSettings.Format.IniFormat), name)


# what a file can hold: an integer of up to 64 bits (PySide's QVariant), a longer one as text
any_value = (st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.floats()
             | st.integers().map(str) | st.text(max_size=12)
             | st.binary(max_size=64) | st.lists(st.text(max_size=4), max_size=3)
             | st.sampled_from((QPoint(3, 4), QRect(0, 0, -5, 10**6), "zh_CN", "en", NAMES[2])))
KEYS = ("layout/version", "layout/state", "layout/geometry", "perspectives/version",
        "perspectives/current", LANGUAGE_KEY, *(f"perspectives/{n}/state" for n in NAMES))


@given(values=st.dictionaries(st.sampled_from(KEYS), any_value, max_size=4),
       name=st.sampled_from(NAMES))
@example(values={"perspectives/current": ["a", "b"]}, name=NAMES[0])  # a list: unhashable
@example(values={"layout/version": float("inf")}, name=NAMES[0])  # int(inf): OverflowError
def test_any_value_of_any_type_under_each_key_leaves_a_usable_window(window, tmp_path_factory,
                                                                     values, name):
    path = tmp_path_factory.getbasetemp() / "values-layout.ini"
    path.write_bytes(window.ini)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for k, v in values.items():
        settings.setValue(k, QByteArray(v) if isinstance(v, bytes) else v)
    settings.sync()
    read_back(window, QSettings(str(path), QSettings.Format.IniFormat), name)


@given(data=st.data(), name=st.sampled_from(NAMES))
def test_mutated_dock_states_and_geometry_are_refused_and_leave_a_usable_window(
        window, tmp_path_factory, data, name):
    """A saved state damaged on disk (its CRC-32 beside it unchanged) never reaches Qt: Qt's
    restoreState crashed the process on some (the long profile, before save_state)."""
    path = tmp_path_factory.getbasetemp() / "states-layout.ini"
    path.write_bytes(window.ini)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    key = data.draw(st.sampled_from(sorted(window.states)))
    damaged = data.draw(mutated(window.states[key], (0, 4, 8, 12, 16)))
    settings.setValue(key, QByteArray(damaged))
    settings.sync()
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    assert (saved_state(settings, key) is None) == (damaged != window.states[key])
    read_back(window, settings, name)


def test_a_damaged_state_that_crashed_qt_never_reaches_it(tmp_path):
    """Regression (the long profile): with this state damaged on disk in layout.ini, the app
    crashed at start, and at every switch to the perspective. In a process of its own: on the
    old code it dies of a segmentation fault."""
    ini = tmp_path / "layout.ini"
    script = textwrap.dedent(f"""
        import os, sys, zlib
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QByteArray, QSettings
        from lenet_gui.gui.application import create_app
        from lenet_gui.gui.panels.registry import layout_version
        from lenet_gui.gui.window import MainWindow
        from lenet_gui.train import TrainConfig
        from tests import helpers
        app = create_app([])
        s = QSettings({str(ini)!r}, QSettings.Format.IniFormat)
        state = {CRASHING_STATE!r}
        state = state[:4] + layout_version().to_bytes(4, "big") + state[8:]  # this version's
        s.setValue("layout/version", layout_version())
        s.setValue("perspectives/version", layout_version())
        for key in ("layout/state", "perspectives/train/state"):
            s.setValue(key, QByteArray(state))
            s.setValue(key + "_crc32", zlib.crc32(b"the state before the damage"))
        s.sync()
        w = MainWindow(data=helpers.subset(200, 100), weights=False, settings=s,
                       runs_dir={str(tmp_path / "runs")!r},
                       train_config=TrainConfig(batch_size=32, epochs=1, warmup_batches=0))
        w.resize(1400, 900)
        w.show()
        app.processEvents()
        w.set_perspective("backprop")
        w.set_perspective("train")
        app.processEvents()
        print("usable", w.current_perspective)
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       timeout=300, cwd=str(Path(__file__).resolve().parents[2]))
    assert r.returncode == 0 and "usable train" in r.stdout, (r.returncode, r.stderr[-2000:])
