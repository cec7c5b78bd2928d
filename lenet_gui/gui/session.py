"""The training session of the window: one Trainer run on a worker thread (TrainingThread),
its controls (train, pause, step, stop, speed, live α and μ), and the paced frames that hand
its payloads to the application model: the newest snapshot and every report, at most
`publish_hz` times a second and within a share of the GUI thread's time (GUI_DUTY)."""

from __future__ import annotations

import logging
import math
import time
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from lenet_gui.data.folders import read_image_folder
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.worker import Payload, TrainingThread
from lenet_gui.model import NetworkSnapshot
from lenet_gui.model._procs import HELPER_FAILED, HELPER_START_FAILED
from lenet_gui.train import RunControl, StepReport, TrainConfig, Trainer, finetune
from lenet_gui.train.distributions import DistributionRow
from lenet_gui.train.timeline import Timeline

translate = QCoreApplication.translate

SLOWEST_DELAY_S = 1.0  # the speed slider's left end: about one batch a second
SPEED_STEPS = 100  # the slider's right end is full speed
# Frames (new weights to the model, the loss curve, the status bar) are paced so that they
# take at most this share of the GUI thread's time: a 10 ms timer loses a tick for every 10 ms
# the thread is busy, and the latency probe passes a run with 90 % of them
# (LatencyStats.passes) while training runs at full speed.
# While a frame is drawn the trainer leaves this process's cores to it (TrainWorker.gui_idle:
# its steps run wholly in the helper process, or it waits): the frame then costs about half
# as much, so twice as many fit in the same share.
# 0.05, not 0.08 (2026-12-07): the window's training speed falls with the GUI's share, about
# 1.4 points of gui/headless for each point of duty (screenshot's default run, alternating
# series: medians 85-88.5 % at 0.08, 91-92 % at 0.05, 94 % at 0.04), while a frame (45-60 ms)
# comes about once a second instead of 1.3-1.8 times.
GUI_DUTY = 0.05
SLOW_MOTION_DUTY = 0.5  # the share frames may take in slow motion (see _min_frame_gap)


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


def fine_tune_split(config: TrainConfig) -> finetune.Split:
    """The pictures a fine-tune (config.images set) trains on and those it holds out, for the
    folder as it is now. A file is held out when a number drawn from its class, its name and
    the seed is below config.holdout: the same file always falls on the same side, so digits
    added (or deleted) after the training never move a trained one into the held-out set and
    the before → after stays measured on digits never trained on. A class of two or more keeps
    at least one on each side. FolderError or ValueError when the folder cannot give a split."""
    folder = read_image_folder(config.images)
    u = np.array([zlib.crc32(f"{config.seed}/{int(k)}/{Path(p).name}".encode()) / 2**32
                  for p, k in zip(folder.paths, folder.labels)])
    held = u < config.holdout
    if 0 < config.holdout:
        for k in range(10):
            idx = np.flatnonzero(folder.labels == k)
            if len(idx) >= 2 and not held[idx].any():
                held[idx[np.argmin(u[idx])]] = True
            if len(idx) >= 2 and held[idx].all():
                held[idx[np.argmax(u[idx])]] = False
    if held.all():
        raise ValueError(f"{config.images}: nothing left to train on with "
                         f"{config.holdout:.0%} held out")
    return finetune.Split(folder.subset(np.flatnonzero(~held)),
                          folder.subset(np.flatnonzero(held)))


class TrainingSession(QObject):
    """The training session: the one writer of the state's training state ("idle",
    "running", "paused", "stopped"). It is handed the state, the scheduler of the panels'
    refreshes (a frame is done when it says so) and the status line, and offers start, toggle
    (Train / Pause / Resume), step, stop, the speed, and its frames; the runs follow it through
    its signals."""

    starting = Signal()  # before a trainer is made: the runs make a run to train if none is
    payload_taken = Signal(object)  # a Payload, booked (the runs add its seconds and accuracy)
    ended = Signal(bool)  # the thread ended or was stopped; True: every epoch trained cleanly

    def __init__(self, state, scheduler, status: StatusLine, window: QWidget,
                 publish_hz: float = 20.0) -> None:
        super().__init__(window)
        self._state = state  # the AppState
        self._scheduler = scheduler  # the dock host's RefreshScheduler
        self._status = status
        self._window = window  # the parent of its dialogs
        self.publish_hz = publish_hz
        self._thread: TrainingThread | None = None
        self._trainer: Trainer | None = None
        self._last_report: StepReport | None = None
        self._last_payload: Payload | None = None
        self._pending_error: tuple[str, str] | None = None
        self._run_total_batches = 0
        self._delay_s = 0.0  # the pause after each batch (slow motion)
        self._pending_snapshot: NetworkSnapshot | None = None
        self._pending_reports: list[StepReport] = []
        self._pending_rows: list[DistributionRow] = []  # distributions' rows that came after their reports
        self._frame_cost = 0.05  # s, smoothed wall time of one frame (redraws and paints)
        self._frame_t0 = 0.0
        self._frame_busy = False
        self._frames = 0
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._render_frame)
        state.changed.connect(self._on_state_changed)
        scheduler.frame_done.connect(self._on_frame_done)

    # ----------------------------------------------------------------- what it offers

    @property
    def thread(self) -> TrainingThread | None:
        """The worker's thread while a run trains (running or paused), else None."""
        return self._thread

    @property
    def trainer(self) -> Trainer | None:
        """The trainer of the run, kept between Stop and Train while it still fits."""
        return self._trainer

    @property
    def control(self) -> RunControl | None:
        return None if self._thread is None else self._thread.control

    @property
    def last_report(self) -> StepReport | None:
        return self._last_report

    @property
    def last_payload(self) -> Payload | None:
        return self._last_payload

    @property
    def frames(self) -> int:
        """Frames drawn so far."""
        return self._frames

    def new_trainer(self) -> Trainer:
        """A trainer from the live weights (never the moment of the timeline being viewed);
        it records into the current run's timeline (a new one if the run has none, or its saved
        one was damaged), on the run's batch axis."""
        snap = self._state.live_network
        net = snap.to_net()
        run, timeline = self._state.run, None
        if run is not None and not run.read_only:
            if run.timeline is None:
                run.timeline = Timeline()
            timeline = run.timeline
        cfg = self._state.train_config
        if cfg.images:  # a fine-tune: the folder's training part, MNIST mixed in
            trainer = finetune.trainer_for(net, fine_tune_split(cfg), self._state.data, cfg,
                                           timeline)
            trainer.timeline_offset = self._state.history.last_step
        else:
            trainer = Trainer(net, self._state.data, cfg, timeline=timeline,
                              timeline_offset=self._state.history.last_step)
        trainer.record_distributions()  # w, u, δ every 50 batches: ~2 % of the training time
        return trainer

    def start(self, running: bool = True) -> bool:
        if self._thread is not None:
            return True
        if self._state.data is None or self._state.snapshot is None:
            return False
        self.starting.emit()
        if not self._trainer_matches():
            try:
                self._trainer = self.new_trainer()
            except ValueError as exc:
                QMessageBox.warning(self._window, translate("MainWindow", "Cannot train"), str(exc))
                return False
        cfg = self._state.train_config
        control = RunControl(running=running)
        control.learning_rate = cfg.learning_rate
        control.momentum = cfg.momentum
        control.set_delay(self._delay_s)
        self._run_total_batches = self._trainer.total_batches
        self._thread = TrainingThread(self._trainer, control, cfg.batch_size, self.publish_hz,
                                      self)
        self._thread.payload_ready.connect(self._on_payload)
        self._thread.failed.connect(self._on_training_failed)
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.start()
        self._state.set_training("running" if running else "paused")
        return True

    @Slot()
    def toggle(self) -> None:
        """Train, Pause or Resume: the Train action (Space)."""
        if self._thread is None:
            self.start(running=True)
        elif self.control.running:
            self.control.pause()
            self._state.set_training("paused")
        else:
            self.control.resume()
            self._state.set_training("running")

    @Slot()
    def step(self) -> None:
        """Exactly one batch, then paused (from idle too)."""
        if self._thread is None and not self.start(running=False):
            return
        self.control.step(1)
        self._state.set_training("paused")

    @Slot()
    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        thread.payload_ready.disconnect(self._on_payload)
        thread.stop()
        payload = thread.take()  # the final flush: its losses must not be lost
        if payload is not None:
            self._on_payload(payload)
        self.flush_frame()
        thread.failed.disconnect(self._on_training_failed)
        thread.finished.disconnect(self._on_thread_finished)
        thread.setParent(None)
        self._state.set_training("stopped")
        self.ended.emit(False)
        self._status.say(lambda: translate("MainWindow", "Stopped") + self._status_suffix())

    def reset(self) -> None:
        """Another run is current: stop, forget the trainer (the next Train makes one from
        the state's weights), and be idle."""
        self.stop()
        self._trainer = None
        self._state.set_training("idle")

    def set_delay(self, seconds: float) -> None:
        """Slow motion: the pause after each batch, at once while a run trains."""
        self._delay_s = seconds
        if self.control is not None:
            self.control.set_delay(seconds)

    def flush_frame(self) -> None:
        """Show what is pending now, without pacing (end of a run, tests)."""
        self._frame_timer.stop()
        self._frame_busy = False
        if self._thread is not None:
            self._thread.hold(False)
        self._render_frame()

    # ----------------------------------------------------------------- the worker's payloads

    def _trainer_matches(self) -> bool:
        t, want = self._trainer, self._state.train_config
        if t is None or t.finished:
            return False
        data = self._state.data
        # a fine-tune's trainer holds a data set of its own, tested on MNIST's test set
        if t.data is not data and not (want.images and data is not None
                                       and t.data.test_images is data.test_images):
            return False
        same = replace(t.config, learning_rate=want.learning_rate, momentum=want.momentum)
        return same == want and t.net.config == self._state.live_network.config

    @Slot(object)
    def _on_payload(self, payload: Payload) -> None:
        """Bookkeeping only; the drawing happens in paced frames (_render_frame)."""
        self._last_payload = payload
        self.payload_taken.emit(payload)
        self._pending_snapshot = payload.snapshot
        self._pending_reports.extend(payload.reports)
        self._pending_rows.extend(payload.rows)
        for r in payload.reports:
            if r.diverged:
                self._pending_error = (translate("MainWindow", "Training diverged"), r.diverged)
        if payload.reports:
            self._last_report = payload.reports[-1]
        self._request_frame()

    def _min_frame_gap(self) -> float:
        """GUI_DUTY paces frames against a trainer at full speed. Paused or stepping, a frame
        is drawn at once: the user waits to see the batch, and no training is held up (a
        paused run's last batch waited a whole gap, a second and more). In slow motion (a
        pause after each batch at least as long as the publish interval: every batch is
        published) frames may take half the GUI thread, so that each batch is seen while the
        window still answers."""
        c = self.control
        if c is None or not c.running:
            return 1.0 / self.publish_hz
        duty = SLOW_MOTION_DUTY if c.delay_s >= 1.0 / self.publish_hz else GUI_DUTY
        return max(1.0 / self.publish_hz, self._frame_cost / duty)

    def _request_frame(self, now: bool = False) -> None:
        if self._frame_busy:
            return  # _on_frame_done asks again
        if now:
            self._frame_timer.stop()
            self._render_frame()
            return
        wait_ms = max(0, int((self._frame_t0 + self._min_frame_gap() - time.perf_counter()) * 1000))
        # sooner if the gap shrank since the timer started (the run paused)
        if not self._frame_timer.isActive() or self._frame_timer.remainingTime() > wait_ms:
            self._frame_timer.start(wait_ms)

    @Slot()
    def _render_frame(self) -> None:
        snap, self._pending_snapshot = self._pending_snapshot, None
        reports, self._pending_reports = self._pending_reports, []
        rows, self._pending_rows = self._pending_rows, []
        if snap is None and not reports and not rows:
            return
        self._frame_t0 = time.perf_counter()
        self._frame_busy = True
        self._frames += 1
        if self._thread is not None:
            self._thread.hold(True)
        # also without reports: a paused run's last timeline record comes in a payload of its
        # own, and its frame must still say the timeline grew (add_reports does)
        self._state.add_reports(reports, rows)
        if reports:
            self._show_progress(reports[-1])
        if snap is not None:
            self._state.set_snapshot(snap)  # its trace, then the due panels one per turn
        if not self._scheduler.pending:
            QTimer.singleShot(self._scheduler.interval_ms, self._on_frame_done)

    @Slot()
    def _on_frame_done(self) -> None:
        if not self._frame_busy:
            return
        self._frame_busy = False
        if self._thread is not None:
            self._thread.hold(False)
        # Busy time: the frame's wall time less the pauses left between the panels' turns.
        turns = max(self._scheduler.turns, 1)
        cost = max(0.0, time.perf_counter() - self._frame_t0
                   - turns * self._scheduler.interval_ms / 1000)
        self._frame_cost = 0.7 * self._frame_cost + 0.3 * min(cost, 2.0)
        if self._pending_snapshot is not None or self._pending_reports or self._pending_rows:
            self._request_frame()

    def _show_progress(self, r: StepReport) -> None:
        if r.diverged:
            self._status.say(lambda: translate("MainWindow", "Diverged: the last good weights were restored"))
            return
        total = max(self._run_total_batches, 1)
        epochs = max(1, total // max(r.batches_per_epoch, 1))
        batch_size = max(self._state.train_config.batch_size, 1)
        rate = r.samples_per_s
        eta = (total - r.step) * batch_size / rate if rate > 0 else math.nan
        self._status.say(lambda: translate("MainWindow", "epoch {0}/{1} · batch {2}/{3} · {4:,.0f} samples/s · "
                                 "ETA {5}").format(r.epoch + 1, epochs, r.batch + 1,
                                                   r.batches_per_epoch, rate,
                                                   fmt_duration(eta) if math.isfinite(eta)
                                                   else "–") + self._status_suffix())
        self._status.set_progress(min(r.step, total), total)

    def _status_suffix(self) -> str:
        accuracy = self._state.test_accuracy
        if accuracy is None:
            return ""
        return translate("MainWindow", " · test {0:.2f} %").format(100 * accuracy)

    @Slot(str)
    def _on_training_failed(self, message: str) -> None:
        self._trainer = None  # its state may be half-updated; the next run starts afresh
        self._pending_error = (translate("MainWindow", "Training failed"),
                               translate("MainWindow", "The training thread stopped with an error:\n\n{0}\n\n"
                                       "The weights of the last update are kept.").format(message))

    @Slot()
    def _on_thread_finished(self) -> None:
        # Detached first, and let go: the last frame draws without holding a thread that is
        # gone. hold(True) is the model's process-wide hand-off; drawn with the thread still
        # attached, the last frame held it and its end, finding no thread, never let go, so
        # the next run (and anything else training in this process) began handing every
        # step to the helper.
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.hold(False)
        self.flush_frame()
        if thread is not None:
            thread.setParent(None)
        trainer_done = self._trainer is not None and self._trainer.finished
        error, self._pending_error = self._pending_error, None
        if error is not None and self._last_report is not None and self._last_report.diverged:
            self._trainer = None
        self._state.set_training("stopped" if error else "idle")
        self.ended.emit(trainer_done and error is None)
        if error is not None:
            self._status.say(error[0])
            QMessageBox.warning(self._window, *error)
        elif trainer_done:
            self._trainer = None
            self._status.say(lambda: translate("MainWindow", "Training finished") + self._status_suffix())

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic == "train_config":
            self._on_train_config_changed(self._state.train_config)

    def _on_train_config_changed(self, config: TrainConfig) -> None:
        """α and μ are live: the trainer reads them before its next batch. The rest applies
        to the next run."""
        if self.control is None:
            return
        self.control.learning_rate = config.learning_rate
        self.control.momentum = config.momentum
        running = self._trainer.config if self._trainer is not None else config
        if replace(config, learning_rate=running.learning_rate,
                   momentum=running.momentum) != running:
            self._status.note(translate("MainWindow", "Batch size, epochs and augmentation apply "
                                        "to the next run (Stop, then Train)"), 6000)
