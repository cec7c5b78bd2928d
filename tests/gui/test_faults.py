"""Faults in the window: the helper process killed mid-training, a full disk or a read-only
folder under every save and export, damaged files opened, the window closed mid-evaluation.
Each gives a clear message, keeps training or the earlier file, and never a traceback."""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from lenet_gui.model import _procs, set_num_threads
from lenet_gui.train import TrainConfig

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture
def dialogs(monkeypatch):
    """QMessageBox.critical/warning recorded instead of shown: [(title, text)]."""
    seen = []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a: seen.append(
            (title, text)) or QMessageBox.StandardButton.Ok)
    return seen


@pytest.mark.posix_only("the helper process")
def test_killing_the_helper_mid_training_keeps_training_and_says_so_once(
        make_window, qtbot, monkeypatch, request):
    monkeypatch.delenv(_procs.ENV_VAR, raising=False)
    monkeypatch.setattr(_procs, "_broken", False)
    set_num_threads(2)  # the helper runs beside a second thread, whatever LENET_THREADS says
    request.addfinalizer(lambda: set_num_threads(None))
    w = make_window(train_config=TrainConfig(batch_size=64, epochs=50, warmup_batches=0,
                                             subset_every=0))
    w.train_action.trigger()
    qtbot.waitUntil(lambda: _procs._helper is not None and w.trainer.step > 5, timeout=20000)
    os.kill(_procs._helper.proc.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(w.model_notices), timeout=20000)
    step = w.trainer.step
    qtbot.waitUntil(lambda: w.trainer.step > step + 20, timeout=20000)  # training goes on
    qtbot.wait(300)
    assert w.training_state == "running"
    assert len(w.model_notices) == 1, w.model_notices  # once, not once a step
    assert "the helper process failed" in w.model_notices[0]
    assert "training continues in one process" in w.model_notices[0]
    assert "training continues in one process" in w.statusBar().currentMessage()
    w.stop_training()
    _procs.shutdown()


def test_where_the_platform_has_no_helper_the_window_says_nothing(make_window, qtbot,
                                                                  monkeypatch, request):
    """Windows has no helper process: training runs on threads, and that is no fault to note
    in the status bar on every start."""
    from tests.portable import OsOfWindows

    monkeypatch.delenv(_procs.ENV_VAR, raising=False)
    monkeypatch.setattr(_procs, "_broken", False)
    monkeypatch.setattr(_procs, "os", OsOfWindows())
    set_num_threads(2)
    request.addfinalizer(lambda: set_num_threads(None))
    w = make_window(train_config=TrainConfig(batch_size=64, epochs=50, warmup_batches=0,
                                             subset_every=0))
    w.train_action.trigger()
    qtbot.waitUntil(lambda: w.trainer is not None and w.trainer.step > 5, timeout=20000)
    w.stop_training()
    assert _procs._helper is None and not w.model_notices
    assert "Note" not in w.statusBar().currentMessage()


def test_the_helpers_failure_is_said_in_the_interfaces_language(make_window):
    """The model logs English with the kind of failure; the status bar says it in Chinese."""
    import logging

    from lenet_gui.gui import i18n

    w = make_window()
    record = logging.LogRecord(_procs.__name__, logging.WARNING, __file__, 0,
                               "training continues in one process: %s", ("EOFError: gone",), None)
    record.lenet_notice, record.lenet_detail = _procs.HELPER_FAILED, "EOFError: gone"
    assert i18n.set_language("zh_CN")
    try:
        logging.getLogger(_procs.__name__).handle(record)
        text = w.statusBar().currentMessage()
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert len(w.model_notices) == 1 and "EOFError: gone" in text
    assert "training continues" not in text and "helper" not in text, text


def test_an_autosave_that_raises_anything_is_said_once_and_training_goes_on(
        make_window, qtbot, monkeypatch):
    """Whatever the run store raises (here what Windows' Python 3.12 raised: no os.fchmod) stops
    the autosave and shows one dialog, however often it is tried; no exception leaves the slot."""
    w = make_window(train_config=TrainConfig(batch_size=32, epochs=50, warmup_batches=0,
                                             subset_every=0))
    calls = []

    def save(run, timeline=None):
        calls.append(timeline)
        raise AttributeError("module 'os' has no attribute 'fchmod'")

    monkeypatch.setattr(w.store, "save", save)
    w.train_action.trigger()
    # the run has batches in the window (it is saved only then), not only in the trainer
    qtbot.waitUntil(lambda: w.state.run is not None and w.state.run.history.n_batches > 0,
                    timeout=20000)
    w.save_current_run()  # as the autosave timer does
    w.save_current_run()
    assert not w.runs.autosaving
    w.stop_training()  # saves once more
    boxes = [b for b in w.findChildren(QMessageBox) if b.objectName() == "run_save_error"]
    assert len(calls) >= 3 and len(boxes) == 1, (calls, boxes)  # the timer may have tried too
    assert "fchmod" in boxes[0].text() and boxes[0].isVisible()
    assert w.state.run is not None and w.state.run.history.n_batches > 0  # the run is kept
    assert w.status.unsaved.isVisible() and "fchmod" in w.status.unsaved.toolTip()
    boxes[0].close()
    monkeypatch.undo()  # the store works again: closing saves the run, and asks nothing


def _fail_file_fsync(monkeypatch, err: int) -> None:
    """Every fsync of a regular file fails with `err`: the disk fills up mid-write."""
    real = os.fsync

    def fsync(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(err, os.strerror(err))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _read_only_folder(monkeypatch) -> None:
    """The target folder refuses new files (as a read-only mount does, even for root)."""
    def mkstemp(prefix="", suffix="", dir=None, text=False):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS),
                      os.path.join(dir or ".", f"{prefix}tmp{suffix}"))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


SAVES = {
    "checkpoint": lambda w, p: w.save_checkpoint(p),
    "workspace": lambda w, p: w.save_workspace(p),
    "panel picture": lambda w, p: w.export_panel("kernels", p, "png"),
    "history csv": lambda w, p: w.export_history_csv(p),
}
SUFFIX = {"checkpoint": ".npz", "workspace": ".npz", "panel picture": ".png",
          "history csv": ".csv"}


@pytest.mark.parametrize("fault", ["full disk", "read-only folder"])
@pytest.mark.parametrize("what", list(SAVES))
def test_a_failed_save_gives_a_dialog_and_keeps_the_earlier_file(
        shared_window, monkeypatch, tmp_path, dialogs, what, fault):
    w = shared_window  # saving changes nothing the next save depends on
    path = tmp_path / f"out{SUFFIX[what]}"
    assert SAVES[what](w, path) is not None  # a first, good save
    before = path.read_bytes()
    assert not dialogs
    if fault == "full disk":
        _fail_file_fsync(monkeypatch, errno.ENOSPC)
    else:
        _read_only_folder(monkeypatch)
    assert SAVES[what](w, path) is None
    assert len(dialogs) == 1, dialogs
    title, text = dialogs[0]
    assert title.startswith("Cannot")
    assert str(path) in text  # the user's file is named …
    assert ".tmp" not in text  # … never the temporary one
    assert os.strerror(errno.ENOSPC if fault == "full disk" else errno.EROFS) in text
    assert path.read_bytes() == before  # the earlier file, byte for byte
    assert sorted(os.listdir(tmp_path)) == [path.name]  # no temporary file left


def test_damaged_files_open_to_a_dialog_and_change_nothing(shared_window, tmp_path, dialogs):
    w = shared_window
    good = w.save_workspace(tmp_path / "good.npz")
    snap, config, history = w.state.snapshot, w.state.train_config, w.state.history.arrays()
    data = good.read_bytes()
    damaged = {"truncated.npz": data[: len(data) // 2], "garbage.npz": b"not a zip at all",
               "empty.npz": b""}
    for name, content in damaged.items():
        p = tmp_path / name
        p.write_bytes(content)
        for open_ in (w.open_workspace, w.open_checkpoint):
            dialogs.clear()
            assert open_(p) is False
            assert len(dialogs) == 1 and name in dialogs[0][1], dialogs
            assert w.state.snapshot is snap and w.state.train_config == config
            for k, a in history.items():
                np.testing.assert_array_equal(w.state.history.arrays()[k], a)
