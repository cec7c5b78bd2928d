"""A failed save of the current run is never silent: the run is marked unsaved in the status
bar and the title, with the reason, until a save works; closing the window, a new run or
another run first asks — save elsewhere, retry, discard or cancel. The faults are real: the
runs folder is a small file system of its own, filled up or made read-only (tests/small_disk.py;
simulated at the OS boundary where the tests may not mount). The questions are answered by
clicking their buttons."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox

from lenet_gui.train import TrainConfig
from lenet_gui.train.runs import load_run
from tests.small_disk import SmallDisk

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                        "This plugin does not support raise"),
              pytest.mark.portable]


@pytest.fixture
def disk(tmp_path, monkeypatch):
    d = SmallDisk(tmp_path / "runs", monkeypatch)
    yield d
    d.free()
    d.close()


class Answers:
    """Answers the modal dialogs the code under test opens (and blocks in), in order: each
    answer waits until its dialog is the active modal widget, then clicks, as a user would.
    `seen` keeps each question's text. A question nobody asked for (a save that failed once
    more than the test expected) is answered Cancel after a second and kept in `unexpected`:
    the test then fails on what it asserts, instead of hanging in the dialog's event loop."""

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot
        self._todo: list = []
        self.seen: list[str] = []
        self.buttons: list[set[str]] = []  # each question's buttons, by name
        self.unexpected: list[str] = []
        self._stray_since: float | None = None
        self._last = None  # (question, button, when) of the last click
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def click(self, button: str, before=None) -> Answers:
        """Click the button named `button` of the next question about the unsaved run (after
        calling `before()`, when given, once the question is there)."""
        self._todo.append(("question", (button, before)))
        return self

    def save_as(self, path) -> Answers:
        """Name `path` in the next file dialog and click Save."""
        self._todo.append(("file", path))
        return self

    @property
    def done(self) -> bool:
        return not self._todo

    def _poll(self) -> None:
        w = QApplication.activeModalWidget()
        if self._last is not None:  # a click that did not close its question (the machine was
            box, button, at = self._last  # slow to lay it out): click again, as a user would
            if w is box and w.isVisible():
                if time.monotonic() - at > 0.5:
                    self._click(box, button)
                return
            self._last = None
        if not self._todo:
            self._cancel_stray(w)
            return
        kind, what = self._todo[0]
        if kind == "question" and isinstance(w, QMessageBox) \
                and w.objectName() == "unsaved_run_question" and w.isVisible():
            button, before = what
            target = w.findChild(type(w.buttons()[0]), button)
            if target is None or not target.isVisible() or target.width() == 0:
                return  # not laid out yet: the next poll
            self._todo.pop(0)
            self.seen.append(w.text() + "\n" + w.informativeText())
            self.buttons.append({b.objectName() for b in w.buttons()})
            if before is not None:
                before()
            self._click(w, button)
        elif kind == "file" and isinstance(w, QFileDialog) and w.isVisible():
            edit = w.findChild(QLineEdit, "fileNameEdit")
            w.setDirectory(str(Path(what).parent))
            edit.selectAll()  # the name typed over the proposed one, as a user does
            QTest.keyClicks(edit, Path(what).name)
            self._todo.pop(0)
            box = w.findChild(QDialogButtonBox)
            self._qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save),
                                   Qt.MouseButton.LeftButton)

    def _click(self, box, button: str) -> None:
        self._last = (box, button, time.monotonic())
        self._qtbot.mouseClick(box.findChild(type(box.buttons()[0]), button), Qt.MouseButton.LeftButton)

    def _cancel_stray(self, w) -> None:
        if not (isinstance(w, QMessageBox) and w.objectName() == "unsaved_run_question"
                and w.isVisible()):
            self._stray_since = None
            return
        now = time.monotonic()
        if self._stray_since is None:
            self._stray_since = now
        elif now - self._stray_since > 1.0:
            self._stray_since = None
            self.unexpected.append(w.text() + "\n" + w.informativeText())
            self._click(w, "cancel")

    def stop(self) -> None:
        self._timer.stop()


def _train_a_while(w, qtbot, batches: int = 3):
    w.train_action.trigger()
    qtbot.waitUntil(lambda: w.state.run is not None and w.state.run.history.n_batches >= batches,
                    timeout=20000)


def _window(make_window, monkeypatch):
    """A window whose saves the test makes (stop, close, new run): no autosave timer between
    its steps, whatever the machine's load."""
    monkeypatch.setenv("LENET_AUTOSAVE_MS", str(3600_000))
    return make_window(train_config=TrainConfig(batch_size=32, epochs=50, warmup_batches=0,
                                                subset_every=0))


def test_a_full_disk_marks_the_run_unsaved_and_close_asks_then_saves_elsewhere(
        make_window, qtbot, disk, tmp_path, monkeypatch):
    w = _window(make_window, monkeypatch)
    _train_a_while(w, qtbot)
    w.save_current_run()  # as the autosave timer does: the first save fits
    run = w.state.run
    stored = w.store.path(run.id)
    assert stored.is_file() and not w.status.unsaved.isVisible()
    first = run.history.n_batches
    disk.fill()
    qtbot.waitUntil(lambda: run.history.n_batches > first + 2, timeout=20000)
    w.stop_training()  # the stop saves once more: the disk is full
    assert run.save_error is not None and "No space left on device" in run.save_error
    warning = w.status.unsaved
    assert warning.isVisible() and run.name in warning.text() and "No space" in warning.text()
    assert f"{first:,} of its {run.history.n_batches:,} batches" in warning.toolTip()
    assert w.windowTitle() == f"{run.name} (not saved)"
    assert load_run(stored).history.n_batches == first  # what the first save wrote is intact
    assert [p.name for p in disk.path.iterdir() if p.name.endswith(".tmp")] == []

    # The warning, clicked: save elsewhere or retry (nothing to discard); Retry on the full
    # disk fails and asks again; Cancel
    answers = Answers(qtbot).click("retry").click("cancel")
    qtbot.mouseClick(warning, Qt.MouseButton.LeftButton)
    assert answers.done and answers.buttons == [{"save_elsewhere", "retry", "cancel"}] * 2
    assert warning.isVisible() and run.save_error is not None

    answers.seen.clear()
    answers.click("cancel")
    w.close()
    assert answers.done and w.isVisible()  # Cancel: the window stays, the warning too
    assert warning.isVisible()
    assert "No space left on device" in answers.seen[0] and f"holds {first:,} of" in answers.seen[0]

    out = tmp_path / "elsewhere.npz"
    answers.click("save_elsewhere").save_as(out)
    w.close()
    answers.stop()
    assert answers.done and not w.isVisible()
    saved = load_run(out)  # the whole run: weights, history, timeline
    assert saved.name == run.name and saved.history.n_batches == run.history.n_batches
    for k, a in run.params.items():
        np.testing.assert_array_equal(saved.params[k], a)
    assert saved.timeline is not None and len(saved.timeline) == len(run.timeline) > 0


def test_a_read_only_folder_asks_before_a_new_run_and_before_switching(make_window, qtbot, disk,
                                                                        monkeypatch):
    w = _window(make_window, monkeypatch)
    _train_a_while(w, qtbot)
    old = w.state.run
    disk.read_only()
    w.stop_training()
    assert old.save_error is not None and "Read-only file system" in old.save_error
    assert w.status.unsaved.isVisible() and "Read-only" in w.status.unsaved.text()
    assert w.store.path(old.id).exists() is False  # never saved: nothing on disk
    # New run: Retry fails again (asked again, with "nothing on disk"); the folder is made
    # writable and the second Retry saves it; the new run starts
    answers = Answers(qtbot).click("retry").click("retry", before=disk.free)
    w.reset_action.trigger()  # New run (Ctrl+R)
    assert answers.done and len(answers.seen) == 2 and not answers.unexpected, \
        (answers.seen, answers.unexpected)
    assert "Nothing of it is on disk" in answers.seen[0]
    assert w.state.run is not old and old.save_error is None
    assert not w.status.unsaved.isVisible() and w.windowTitle() == w.state.run.name
    assert load_run(w.store.path(old.id)).history.n_batches == old.history.n_batches

    # Switching back to the first run while the new one is unsaved: Discard
    new = w.state.run
    _train_a_while(w, qtbot)
    disk.read_only()
    w.stop_training()
    assert new.save_error is not None and w.status.unsaved.isVisible()
    answers.click("discard")
    w.state.request_run("continue", old)
    answers.stop()
    assert answers.done and w.state.run is old
    assert not w.status.unsaved.isVisible() and new.save_error is None
    disk.free()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_passing_message_never_runs_under_the_permanent_widgets(qtbot, language):
    """At every width from 1024 to 1920 px, in English and Chinese, with the epoch line and the
    unsaved warning shown: the message is elided short of the room left of them, no pixel of the
    gap before them is inked, and the pixels of the permanent widgets are the same with the
    message as without it. (The window's status
    line on a window without docks: its geometry is the status bar's alone.)"""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMainWindow

    from lenet_gui.gui import i18n
    from lenet_gui.gui.status import MESSAGE_GAP, StatusLine

    tr = QCoreApplication.translate
    w = QMainWindow()
    qtbot.addWidget(w)
    status = StatusLine(w)
    bar = w.statusBar()
    w.show()
    qtbot.waitExposed(w)
    if language != "en":
        assert i18n.set_language(language)
    try:
        status.say(lambda: tr("MainWindow", "epoch {0}/{1} · batch {2}/{3} · {4:,.0f} samples/s · "
                              "{5} left").format(1, 3, 120, 1875, 1234.0, "0:01:23"))
        status.set_unsaved(lambda: (tr("MainWindow", "⚠ {0} not saved: {1}").format(
            tr("MainWindow", "run {0}").format(1), "No space left on device"), "why"))
        message = tr("MainWindow", "Cannot save the run: {0}").format(
            "[Errno 28] No space left on device: '/home/user/.local/share/LeNet-5 Studio/runs/"
            "20261206-054512-abcdef.run.npz'") * 3
        for width in (1024, 1152, 1280, 1440, 1600, 1920):
            w.resize(width, 300)
            qtbot.waitUntil(lambda: bar.width() == w.width())
            QApplication.processEvents()
            bar.clearMessage()
            without = bar.grab().toImage()
            status.note(message, 60000)
            with_message = bar.grab().toImage()
            room = bar.message_rect()
            permanent = [status.unsaved, status.label, status.progress_bar]
            assert all(p.isVisible() for p in permanent)
            assert room.right() < min(p.x() for p in permanent), (width, room)
            shown = bar.shown_message()
            assert shown != message and shown.endswith("…")
            assert bar.fontMetrics().horizontalAdvance(shown) <= room.width() - MESSAGE_GAP
            assert bar.toolTip() == message  # the whole of it
            # measured on screen: no ink in the gap before the permanent widgets
            gap = QRect(room.right() - MESSAGE_GAP + 3, 0, MESSAGE_GAP - 3, bar.height())
            assert with_message.copy(gap) == without.copy(gap), (width, gap)
            for p in permanent:
                g = p.geometry()
                assert with_message.copy(g) == without.copy(g), (width, p.objectName())
            if width == 1280:
                bar.grab().save(str(Path(os.environ.get("LENET_SHOTS", "")) / f"status-{language}.png")) \
                    if os.environ.get("LENET_SHOTS") else None
    finally:
        bar.clearMessage()
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
