"""The training session of the window: one Trainer run on a worker thread (TrainingThread),
its controls (train, pause, step, stop, speed, live α and μ), and the paced frames that hand
its payloads to the application model: the newest snapshot and every report, at most
`publish_hz` times a second and within a share of the GUI thread's time (GUI_DUTY)."""

from __future__ import annotations

import logging
import math
import time
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from lenet_gui.model import LeNetConfig
from lenet_gui.model._procs import HELPER_FAILED, HELPER_START_FAILED
from lenet_gui.train import RunControl, StepReport, TrainConfig, Trainer
from lenet_gui.train.timeline import Timeline

from .worker import Payload, TrainingThread

translate = QCoreApplication.translate

SLOWEST_DELAY_S = 1.0  # the speed slider's left end: about one batch a second
SPEED_STEPS = 100  # the slider's right end is full speed
# Frames (new weights to the model, the loss curve, the status bar) are paced so that they
# take at most this share of the GUI thread's time: a 10 ms timer loses a tick for every 10 ms
# the thread is busy, and the latency probe passes a run with 90 % of them
# (LatencyStats.passes) while training runs at full speed.
# While a frame is drawn the trainer waits between batches (TrainWorker.gui_idle): the frame
# then costs about half as much, so twice as many fit in the same share.
GUI_DUTY = 0.08


def delay_for_speed(position: int) -> float:
    """Slider position 0..SPEED_STEPS -> pause after each batch: 1 s at 0, none at the end,
    logarithmic in between."""
    if position >= SPEED_STEPS:
        return 0.0
    return SLOWEST_DELAY_S * 10 ** (-3.0 * position / SPEED_STEPS)


def fmt_duration(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ModelNotices(QObject):
    """The warnings of the model's logger (the helper process died, say: training goes on in
    one process), brought to the GUI thread as a signal. They are logged from the trainer's
    thread; the receiver is a bound slot of a GUI-thread object, so it runs there."""

    noticed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler = _NoticeHandler(self)
        self._logger = logging.getLogger("lenet_gui.model")
        self._logger.addHandler(self._handler)

    def close(self) -> None:
        self._logger.removeHandler(self._handler)


class _NoticeHandler(logging.Handler):
    def __init__(self, notices: ModelNotices) -> None:
        super().__init__(logging.WARNING)
        self._notices = notices

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._notices.noticed.emit(notice_text(record))
        except RuntimeError:  # the window is gone (interpreter shutdown)
            pass


def notice_text(record: logging.LogRecord) -> str:
    """A warning of the model in the interface's language: the model (Qt-free) logs English
    and names the kind of notice; the technical detail (an exception) stays as it is. Called
    on the trainer's thread (QCoreApplication.translate is thread-safe)."""
    kind, detail = getattr(record, "lenet_notice", None), getattr(record, "lenet_detail", "")
    if kind == HELPER_FAILED:
        return translate("MainWindow", "the helper process failed ({0}): training continues in "
                         "one process").format(detail)
    if kind == HELPER_START_FAILED:
        return translate("MainWindow", "could not start the helper process ({0}): training "
                         "continues in one process").format(detail)
    return record.getMessage()


class SessionMixin:
    """The MainWindow's training session (a mixin: the window is the one QObject that owns
    the toolbar, the state and the worker)."""

    def _set_training_state(self, name: str) -> None:
        self.training_state = name
        self._show_training_state()
        self._update_enabled()
        self.state.set_training(name)

    def _show_training_state(self) -> None:
        texts = {"running": (translate("MainWindow", "Pause"), translate("MainWindow", "Pause training (Space)")),
                 "paused": (translate("MainWindow", "Resume"), translate("MainWindow", "Continue training (Space)"))}
        text, tip = texts.get(getattr(self, "training_state", "idle"),
                              (translate("MainWindow", "Train"), translate("MainWindow", "Start training (Space)")))
        self.train_action.setText(text)
        self.train_action.setToolTip(tip)
        self.train_action.setStatusTip(tip)

    def _update_enabled(self) -> None:
        ready = self.state.data is not None and self.state.snapshot is not None
        self.train_action.setEnabled(ready)
        self.step_action.setEnabled(ready)
        self.stop_action.setEnabled(self.session is not None)

    def _new_trainer(self) -> Trainer:
        """A trainer from the live weights (never the moment of the timeline being viewed);
        it records into the current run's timeline (a new one if the run has none, or its saved
        one was damaged), on the run's batch axis."""
        snap = self.state.live_network
        net = snap.to_net()
        run, timeline = self.state.run, None
        if run is not None and not run.read_only:
            if run.timeline is None:
                run.timeline = Timeline()
            timeline = run.timeline
        trainer = Trainer(net, self.state.data, self.state.train_config, timeline=timeline,
                          timeline_offset=self.state.history.last_step)
        trainer.record_distributions()  # w, u, δ every 50 batches: ~2 % of the training time
        return trainer

    def _trainer_matches(self) -> bool:
        t, want = self.trainer, self.state.train_config
        if t is None or t.finished or t.data is not self.state.data:
            return False
        same = replace(t.config, learning_rate=want.learning_rate, momentum=want.momentum)
        return same == want and t.net.config == self.state.live_network.config

    def start_training(self, running: bool = True) -> bool:
        if self.session is not None:
            return True
        if self.state.data is None or self.state.snapshot is None:
            return False
        self._runs_on_train_start()
        if not self._trainer_matches():
            try:
                self.trainer = self._new_trainer()
            except ValueError as exc:
                QMessageBox.warning(self, translate("MainWindow", "Cannot train"), str(exc))
                return False
        cfg = self.state.train_config
        control = RunControl(running=running)
        control.learning_rate = cfg.learning_rate
        control.momentum = cfg.momentum
        control.set_delay(delay_for_speed(self.speed_slider.value()))
        self._run_total_batches = self.trainer.total_batches
        self.session = TrainingThread(self.trainer, control, cfg.batch_size, self.publish_hz, self)
        self.session.payload_ready.connect(self._on_payload)
        self.session.failed.connect(self._on_training_failed)
        self.session.finished.connect(self._on_session_finished)
        self.session.start()
        self._set_training_state("running" if running else "paused")
        return True

    @property
    def control(self) -> RunControl | None:
        return None if self.session is None else self.session.control

    @Slot()
    def _on_train_triggered(self) -> None:
        if self.session is None:
            self.start_training(running=True)
        elif self.control.running:
            self.control.pause()
            self._set_training_state("paused")
        else:
            self.control.resume()
            self._set_training_state("running")

    @Slot()
    def _on_step_triggered(self) -> None:
        if self.session is None and not self.start_training(running=False):
            return
        self.control.step(1)
        self._set_training_state("paused")

    @Slot()
    def _on_stop_triggered(self) -> None:
        self.stop_training()

    def stop_training(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        session.payload_ready.disconnect(self._on_payload)
        session.stop()
        payload = session.take()  # the final flush: its losses must not be lost
        if payload is not None:
            self._on_payload(payload)
        self.flush_frame()
        session.failed.disconnect(self._on_training_failed)
        session.finished.disconnect(self._on_session_finished)
        session.setParent(None)
        self._set_training_state("stopped")
        self._runs_on_stop(finished=False)
        self._set_status(lambda: translate("MainWindow", "Stopped") + self._status_suffix())

    @Slot(object)
    def _on_payload(self, payload: Payload) -> None:
        """Bookkeeping only; the drawing happens in paced frames (_render_frame)."""
        self.last_payload = payload
        self._runs_on_payload(payload)
        self._pending_snapshot = payload.snapshot
        self._pending_reports.extend(payload.reports)
        for r in payload.reports:
            if r.test is not None:
                self.last_test_accuracy = r.test.accuracy
            if r.diverged:
                self._pending_error = (translate("MainWindow", "Training diverged"), r.diverged)
        if payload.reports:
            self.last_report = payload.reports[-1]
        self._request_frame()

    def _min_frame_gap(self) -> float:
        return max(1.0 / self.publish_hz, self._frame_cost / GUI_DUTY)

    def _request_frame(self, now: bool = False) -> None:
        if self._frame_busy:
            return  # _on_frame_done asks again
        if now:
            self._frame_timer.stop()
            self._render_frame()
            return
        if not self._frame_timer.isActive():
            wait = self._frame_t0 + self._min_frame_gap() - time.perf_counter()
            self._frame_timer.start(max(0, int(wait * 1000)))

    @Slot()
    def _render_frame(self) -> None:
        snap, self._pending_snapshot = self._pending_snapshot, None
        reports, self._pending_reports = self._pending_reports, []
        if snap is None and not reports:
            return
        self._frame_t0 = time.perf_counter()
        self._frame_busy = True
        self.frames += 1
        if self.session is not None:
            self.session.hold(True)
        if reports:
            self.state.add_reports(reports)
            self._show_progress(reports[-1])
        if snap is not None:
            self.state.set_snapshot(snap)  # its trace, then the due panels one per turn
        if not self.scheduler.pending:
            QTimer.singleShot(self.scheduler.interval_ms, self._on_frame_done)

    @Slot()
    def _on_frame_done(self) -> None:
        if not self._frame_busy:
            return
        self._frame_busy = False
        if self.session is not None:
            self.session.hold(False)
        # Busy time: the frame's wall time less the pauses left between the panels' turns.
        turns = max(self.scheduler.turns, 1)
        cost = max(0.0, time.perf_counter() - self._frame_t0
                   - turns * self.scheduler.interval_ms / 1000)
        self._frame_cost = 0.7 * self._frame_cost + 0.3 * min(cost, 2.0)
        if self._pending_snapshot is not None or self._pending_reports:
            self._request_frame()

    def _show_progress(self, r: StepReport) -> None:
        if r.diverged:
            self._set_status(lambda: translate("MainWindow", "Diverged: the last good weights were restored"))
            return
        total = max(self._run_total_batches, 1)
        epochs = max(1, total // max(r.batches_per_epoch, 1))
        batch_size = max(self.state.train_config.batch_size, 1)
        rate = r.samples_per_s
        eta = (total - r.step) * batch_size / rate if rate > 0 else math.nan
        self._set_status(lambda: translate("MainWindow", "epoch {0}/{1} · batch {2}/{3} · {4:,.0f} samples/s · "
                                 "ETA {5}").format(r.epoch + 1, epochs, r.batch + 1,
                                                   r.batches_per_epoch, rate,
                                                   fmt_duration(eta) if math.isfinite(eta)
                                                   else "–") + self._status_suffix())
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(min(r.step, total))

    def _status_suffix(self) -> str:
        if self.last_test_accuracy is None:
            return ""
        return translate("MainWindow", " · test {0:.2f} %").format(100 * self.last_test_accuracy)

    @Slot(str)
    def _on_training_failed(self, message: str) -> None:
        self.trainer = None  # its state may be half-updated; the next run starts afresh
        self._pending_error = (translate("MainWindow", "Training failed"),
                               translate("MainWindow", "The training thread stopped with an error:\n\n{0}\n\n"
                                       "The weights of the last update are kept.").format(message))

    def flush_frame(self) -> None:
        """Show what is pending now, without pacing (end of a run, tests)."""
        self._frame_timer.stop()
        self._frame_busy = False
        if self.session is not None:
            self.session.hold(False)
        self._render_frame()

    @Slot()
    def _on_session_finished(self) -> None:
        self.flush_frame()
        session, self.session = self.session, None
        if session is not None:
            session.setParent(None)
        trainer_done = self.trainer is not None and self.trainer.finished
        error, self._pending_error = self._pending_error, None
        if error is not None and self.last_report is not None and self.last_report.diverged:
            self.trainer = None
        self._set_training_state("stopped" if error else "idle")
        self._runs_on_stop(finished=trainer_done and error is None)
        if error is not None:
            self._set_status(error[0])
            QMessageBox.warning(self, *error)
        elif trainer_done:
            self.trainer = None
            self._set_status(lambda: translate("MainWindow", "Training finished") + self._status_suffix())

    def _on_train_config_changed(self, config: TrainConfig) -> None:
        """α and μ are live: the trainer reads them before its next batch. The rest applies
        to the next run."""
        if self.control is None:
            return
        self.control.learning_rate = config.learning_rate
        self.control.momentum = config.momentum
        running = self.trainer.config if self.trainer is not None else config
        if replace(config, learning_rate=running.learning_rate,
                   momentum=running.momentum) != running:
            self.statusBar().showMessage(translate("MainWindow", "Batch size, epochs and augmentation apply "
                                                 "to the next run (Stop, then Train)"), 6000)

    @Slot(object)
    def _on_model_config_requested(self, config: LeNetConfig) -> None:
        current = self.state.snapshot.config if self.state.snapshot else None
        if config == current:
            return
        answer = QMessageBox.question(
            self, translate("MainWindow", "Change the architecture?"),
            translate("MainWindow", "This architecture needs new weights: a new run starts from random "
                      "weights (the current run stays in the Runs panel). Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            if current is not None:
                self.panel("settings").set_model_config(current)
            return
        self.new_run(config)  # the current run stays in the Runs panel
        self.statusBar().showMessage(translate("MainWindow", "New architecture, random weights"), 5000)

    @Slot()
    def _on_reset_weights(self) -> None:
        self.new_run()  # the current run stays in the Runs panel
        self._set_status(lambda: translate("MainWindow", "New run from random weights"))
