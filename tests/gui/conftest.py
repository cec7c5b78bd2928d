"""Fixtures of the main-window and worker tests: a small MNIST (2,000 training and 1,000 test
images, for speed) and a factory of real main windows with an injected QSettings file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest

from lenet_gui.data.mnist import Dataset
from tests import helpers


@pytest.fixture(scope="session")
def small_data() -> Dataset:
    full = helpers.mnist()
    return Dataset(train_images=full.train_images[:2000].copy(),
                   train_labels=full.train_labels[:2000].copy(),
                   test_images=full.test_images[:1000].copy(),
                   test_labels=full.test_labels[:1000].copy(), source="MNIST, first 2,000")


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "layout.ini"


@pytest.fixture
def make_window(qtbot, small_data, settings_path):
    """make_window(**MainWindow kwargs) -> a shown 1400×900 MainWindow on the small data set,
    random weights, batch 32, no warm-up, runs and lab progress in the test's folder; closed
    (its thread stopped) at teardown."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig

    windows = []

    def make(**kw):
        kw.setdefault("data", small_data)
        kw.setdefault("weights", False)
        kw.setdefault("runs_dir", settings_path.parent / "runs")
        kw.setdefault("labs_dir", settings_path.parent / "labs")  # never the user's progress
        kw.setdefault("settings", QSettings(str(settings_path), QSettings.Format.IniFormat))
        kw.setdefault("train_config", TrainConfig(batch_size=32, epochs=3, warmup_batches=0,
                                                  subset_every=20, subset_size=200))
        w = MainWindow(**kw)
        qtbot.addWidget(w)
        w.resize(1400, 900)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()  # keyboard shortcuts need the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()
    _collect_qt_garbage()


@pytest.fixture(scope="module")
def module_window(qapp, small_data, tmp_path_factory):
    """One window, as make_window makes it, shared by a module's tests that only read it and
    close what they open (a window costs about a second to build)."""
    from PySide6.QtCore import QSettings

    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig

    folder = tmp_path_factory.mktemp("window")
    w = MainWindow(data=small_data, weights=False, runs_dir=folder / "runs",
                   labs_dir=folder / "labs",
                   settings=QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat),
                   train_config=TrainConfig(batch_size=32, epochs=3, warmup_batches=0,
                                            subset_every=20, subset_size=200))
    w.resize(1400, 900)
    w.show()
    yield w
    w.close()
    w.deleteLater()
    _collect_qt_garbage()


@pytest.fixture
def shared_window(module_window, qtbot):
    """The module's window, shown and active (keyboard shortcuts need the active window)."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitExposed(module_window)
    module_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is module_window, timeout=2000)
    return module_window


def _collect_qt_garbage() -> None:
    """Delete what the test left behind now, while nothing else runs: a wrapper collected later,
    inside another test's event processing, aborted the run ("pure virtual method called")."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    app = QCoreApplication.instance()
    if app is None:
        return
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        gc.collect()


@pytest.fixture(autouse=True)
def _clean_up_after_each_gui_test():
    yield
    _collect_qt_garbage()
