"""Panels whose drawing comes from a background job, run by gui/jobs.py's JobRunner on the
"evaluation" pool: one job at a time for the state's current data and snapshot, with a
progress bar, a cancel button and a status line. A new snapshot re-runs it at most once per
DEBOUNCE_MS; a replaced job's result, or one computed for a data set since replaced, is never
painted. Moving through the run's timeline (or back to
live) cancels the running job at once, and its result never paints: the job for the moment
the user settles on starts VIEW_DEBOUNCE_MS later."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
)

from lenet_gui.gui.jobs import Job, JobRunner
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.panels.stepper.widgets import ElidedLabel
from lenet_gui.gui.state import AppState

translate = QCoreApplication.translate

DEBOUNCE_MS = 2000  # snapshots come up to 20×/s while training: at most one re-run per 2 s
VIEW_DEBOUNCE_MS = 250  # after the last move of the timeline slider


class StatusLabel(ElidedLabel):
    """A job panel's status line: in a narrow dock it ends in "…" (it was cut mid-letter) and
    the whole text is in its tooltip."""

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self.setToolTip(text)

class JobPanel(Panel):
    """A panel with one background job at a time. `refresh()` (visible, something read
    changed) schedules a debounced re-run when the data or the snapshot changed, or marks the
    shown result stale when `auto_rerun` is False. Texts that change with the results are set
    through `set_text`, so `retranslate()` shows them again in the new language."""

    auto_rerun: ClassVar[bool] = True  # a new snapshot re-runs the job
    # the progress bar and Cancel button every job panel has
    whats_this = {
        "progress": QT_TRANSLATE_NOOP(
            "WhatsThis", "Progress of this panel's background job. It runs outside the window's "
            "thread, so every panel keeps drawing meanwhile."),
        "cancel_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Stop this panel's background job. What the panel shows stays the result "
            "of the last finished job."),
    }

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        # The job's key is (data set, viewed moment): a result for a replaced data set or
        # moment never paints. A user's or a new data set's cancel keeps the job the current
        # one until it has finished (busy, then "Cancelled.").
        self.runner = JobRunner(lambda: (self.state.data, self.state.view_generation),
                                self._on_job_result, self, self._on_job_progressed,
                                pool_name="evaluation", on_failed=self._on_job_failed,
                                on_cancelled=self._on_job_cancelled)
        self.runner.state_changed.connect(self._on_runner_state)
        self.result = None
        self._dirty = False  # the shown result is older than the data or snapshot
        self._data = state.data  # the data set of the last refresh
        self._view_seen = state.view_generation  # the viewed moment of the last refresh
        self._texts: dict[object, tuple[Callable[[str], None], Callable[[], str]]] = {}
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.status = StatusLabel()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)

    # ----------------------------------------------------------------- what subclasses write

    def _make_job(self):
        """Return fn(progress, should_stop) -> result, or None when nothing can run yet."""
        raise NotImplementedError

    def _show_result(self, result) -> None:
        raise NotImplementedError

    def _mark_stale(self) -> None:
        """A new snapshot, and the panel does not re-run by itself."""

    def can_run(self) -> bool:
        """The state holds what the job needs."""
        return self.state.data is not None and self.state.snapshot is not None

    def _inputs(self):
        """(data, snapshot), or None with the status saying what is missing."""
        data, snap = self.state.data, self.state.snapshot
        if data is None or snap is None:
            self.set_text(self.status.setText, lambda: translate(
                "Evaluation", "Waiting for the data set and weights."))
            return None
        return data, snap

    # ----------------------------------------------------------------- texts

    def set_text(self, setter: Callable[[str], None], text: Callable[[], str],
                 key: object = None) -> None:
        """Show text() through setter now, and again after every language change."""
        self._texts[setter if key is None else key] = (setter, text)
        setter(text())

    def text_of(self, setter: Callable[[str], None]) -> Callable[[], str]:
        """The text function last given to set_text for `setter`."""
        return self._texts.get(setter, (setter, str))[1]

    def retranslate(self) -> None:
        self.cancel_button.setText(translate("Evaluation", "Cancel"))
        self.progress.setAccessibleName(translate("Evaluation", "Progress of the computation"))
        for setter, text in self._texts.values():
            setter(text())

    # ----------------------------------------------------------------- refresh

    def refresh(self) -> None:
        new_data = self.state.data is not self._data
        self._data = self.state.data
        if new_data:
            self.runner.cancel(forget=False)  # computed for the old data set: never painted
        moved = self.state.view_generation != self._view_seen
        self._view_seen = self.state.view_generation
        if moved:
            self._on_view_moved()
        elif self.auto_rerun and (new_data or "snapshot" in self.changed_topics):
            self._dirty = self.can_run()
            self._schedule()
        elif "snapshot" in self.changed_topics:
            self._mark_stale()

    def _on_view_moved(self) -> None:
        """Another moment of the timeline (or live again): the running job is for the old one
        and never paints; the panel computes the new one once the slider rests (a panel that
        does not re-run by itself only when it has shown or was computing a result)."""
        was_busy = self.busy
        self.runner.cancel(forget=False)
        if self.auto_rerun or self.result is not None or was_busy:
            self._dirty = self.can_run()
            if self._dirty:
                self._debounce.start(VIEW_DEBOUNCE_MS)  # restarted by every move

    def _schedule(self) -> None:
        # A throttle, not a restart-on-every-event debounce: during training the timer would
        # otherwise be restarted 20×/s and never fire.
        if self._dirty and not self._debounce.isActive():
            self._debounce.start(DEBOUNCE_MS)

    @Slot()
    def _on_debounce_timeout(self) -> None:
        if not self._dirty or self.busy and self.runner.key[1] == self.state.view_generation:
            return
        if self.isVisible():
            self.run()
        else:
            self.changed_topics.add("snapshot")  # hidden since: re-run when shown again

    # ----------------------------------------------------------------- running

    @Slot()
    def run(self) -> bool:
        """Start (or restart) the job now. False when the data or weights are missing."""
        fn = self._make_job()
        if fn is None:
            return False
        self._dirty = False
        self.progress.setValue(0)
        self.runner.start(fn, (self.state.data, self.state.view_generation))
        return True

    @Slot()
    def cancel(self) -> None:
        if self.busy:
            self.runner.cancel(forget=False)
            self.set_text(self.status.setText, lambda: translate("Evaluation", "Cancelling…"))

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel and wait for every job of this panel (on close, and in tests)."""
        self._debounce.stop()
        self.runner.shutdown(timeout)

    @property
    def job(self) -> Job | None:
        """The current job (cancelled ones stay it until they have finished)."""
        return self.runner.job

    @property
    def busy(self) -> bool:
        return self.runner.busy

    @property
    def run_count(self) -> int:
        """Jobs started (tests: hidden panels stay idle)."""
        return self.runner.started

    def _on_job_progressed(self, done: int, total: int, _what: str = "") -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _on_job_result(self, result, _key: tuple) -> None:
        self.result = result
        self._show_result(result)

    def _on_job_failed(self, message: str) -> None:
        self.set_text(self.status.setText,
                      lambda: translate("Evaluation", "Failed: {0}").format(message))

    def _on_job_cancelled(self) -> None:
        self.set_text(self.status.setText, lambda: translate("Evaluation", "Cancelled."))

    @Slot()
    def _on_runner_state(self) -> None:
        busy = self.busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if not busy and self.auto_rerun:
            self._schedule()

    def closeEvent(self, event):  # noqa: N802
        self.shutdown()
        super().closeEvent(event)

    def _header(self, *widgets) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.status, 1)
        return row
