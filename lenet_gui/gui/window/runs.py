"""The window's runs: the run store in the user's data folder, a new run from random weights
(Train on a fresh start, New run), the shipped weights as a read-only run, saving the current
run every few seconds while it trains (a crash or a kill loses at most those seconds),
continue, rename, delete with undo until the app closes, export, and the course's experiments
queued one after another."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import TrainConfig, TrainingHistory
from lenet_gui.train.runs import Run, RunStore, experiment, new_id, save_run

translate = QCoreApplication.translate

AUTOSAVE_MS = 5000  # the current run is saved this often while it trains


def default_runs_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "lenet-gui") / "runs"


class RunsMixin:
    """The MainWindow's runs (a mixin beside the session it feeds)."""

    def _init_runs(self, runs_dir) -> None:
        self.store = RunStore(runs_dir if runs_dir is not None else default_runs_dir())
        runs, errors = self.store.load_all()
        self.experiment_queue: list[tuple[str, LeNetConfig, TrainConfig]] = []
        self._run_seconds_seen = 0.0  # the session's training seconds already added to the run
        self.state.set_runs(runs)
        self.state.run_requested.connect(self._on_run_requested)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_current_run)
        self.run_save_error: QMessageBox | None = None  # said in this training, or None
        if errors:  # damaged run files: said once, the others load
            self.statusBar().showMessage(translate("MainWindow", "Some runs could not be read: {0}")
                                         .format("; ".join(errors)), 20000)

    def _next_run_name(self) -> str:
        names = {r.name for r in self.state.runs}
        n = 1
        while translate("MainWindow", "run {0}").format(n) in names:
            n += 1
        return translate("MainWindow", "run {0}").format(n)

    def new_run(self, config: LeNetConfig | None = None, train_config: TrainConfig | None = None,
                name: str | None = None) -> Run:
        """A run from the course's random initialisation; the current run stays in the list.
        Its seed (initialisation and shuffling) is `train_config`'s when given (the runs of an
        experiment share it); else the first run takes the training seed and every later one the
        next seed, so that each New run starts from other weights, the same in every session."""
        self.stop_training()
        config = config or self._model_config()
        if train_config is None:
            train = self.state.train_config
            seeds = [r.train_config.seed for r in self.state.runs if r.start == "random"]
            if seeds:
                train = dataclasses.replace(train, seed=max(seeds) + 1)
        else:
            train = train_config
        net = LeNet5(config, seed=train.seed)
        run = Run(new_id(), name or self._next_run_name(), config, train, "random",
                  net.snapshot().params)
        self._use_run(run)
        return run

    def run_from_checkpoint(self, ckpt, name: str, read_only: bool = False,
                            history: TrainingHistory | None = None,
                            train_config: TrainConfig | None = None) -> Run:
        """A run that starts from a checkpoint's weights (the shipped ones: read-only)."""
        self.stop_training()
        acc = ckpt.meta.get("test_accuracy")
        acc = acc if isinstance(acc, float) else None
        run = Run("pretrained" if read_only else new_id(), name, ckpt.config,
                  train_config or self.state.train_config, "pretrained" if read_only else name,
                  ckpt.to_net().snapshot().params, history or TrainingHistory(),
                  read_only=read_only, test_accuracy=acc)
        self._use_run(run)
        return run

    def _use_run(self, run: Run) -> None:
        old = self.state.run
        if old is not None and old is not run:
            old.release_timeline()  # saved in its file: read again if it is scrubbed
        self.trainer = None
        self.state.set_train_config(run.train_config)  # its seed, α, epochs … until changed
        self.last_test_accuracy = run.test_accuracy
        self.state.set_run(run)
        self._set_training_state("idle")

    def save_current_run(self, timeline: bool | None = None) -> None:
        """Save the current run (atomically) if it is the user's and has trained at all; its
        timeline too when `timeline`, and while it trains at most once a minute (RunStore)."""
        run = self.state.run
        if run is None or run.read_only or run.history.n_batches == 0:
            return
        try:
            self.store.save(run, timeline)
        except Exception as exc:  # noqa: BLE001 - whatever a save raises is said, not thrown
            # The autosave timer calls this: an exception escaping it would print a traceback
            # every AUTOSAVE_MS and tell the user nothing. The next run tries again.
            self._autosave.stop()
            self._say_run_not_saved(run, exc)
        else:
            self.run_save_error = None

    def _say_run_not_saved(self, run: Run, exc: Exception) -> None:
        """One dialog (window-modal: training goes on behind it) per training, until a save
        works again: the stop of the training saves once more, and must not say it twice."""
        if self.run_save_error is not None:
            return
        why = str(exc) if isinstance(exc, (OSError, ValueError)) else f"{type(exc).__name__}: {exc}"
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "Cannot save the run"),
                          translate("MainWindow", "Cannot save the run: {0}").format(why),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("run_save_error")
        box.setInformativeText(translate("MainWindow", "Training goes on; run {0} is kept only "
                                         "until the application closes.").format(run.name))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.run_save_error = box

    def _runs_on_train_start(self) -> None:
        """Train on the shipped (read-only) weights starts a new run from random weights."""
        if self.state.run is None or self.state.run.read_only:
            self.new_run()
        self.state.run.train_config = self.state.train_config
        self.run_save_error = None
        self._autosave.start()

    def _runs_on_payload(self, payload) -> None:
        run = self.state.run
        if run is None:
            return
        run.params = payload.snapshot.params
        run.wall_seconds += payload.train_seconds - self._run_seconds_seen
        self._run_seconds_seen = payload.train_seconds
        for r in payload.reports:
            run.samples_per_s = r.samples_per_s
            if r.test is not None:
                run.test_accuracy = r.test.accuracy

    def _runs_on_stop(self, finished: bool) -> None:
        self._autosave.stop()
        self._run_seconds_seen = 0.0
        self.save_current_run(timeline=True)
        self.state.runs_changed()
        if finished and self.experiment_queue:
            name, config, train = self.experiment_queue.pop(0)
            self.new_run(config, train, name)
            QTimer.singleShot(0, self.start_training)

    # ----------------------------------------------------------------- intents of the panel

    @Slot(str, object)
    def _on_run_requested(self, action: str, value) -> None:
        handlers = {"continue": self._run_continue, "new": self._run_new,
                    "canvas": self._run_canvas, "rename": self._run_rename,
                    "delete": self._run_delete, "undo": self._run_undo,
                    "export": self._run_export, "experiment": self._run_experiment}
        handlers[action](value)

    def _run_continue(self, run: Run) -> None:
        if run is not self.state.run:
            self.stop_training()
            self._use_run(run)

    def _run_new(self, _value=None) -> None:
        self.new_run()

    def _run_canvas(self, run: Run | None) -> None:
        self.state.set_canvas_run(run)

    def _run_rename(self, run: Run) -> None:
        name, ok = QInputDialog.getText(self, translate("MainWindow", "Rename the run"),
                                        translate("MainWindow", "Name:"), text=run.name)
        if ok and name.strip() and not run.read_only:
            run.name = name.strip()
            if run.history.n_batches:
                self.store.save(run)
            self.state.runs_changed()

    def _run_delete(self, run: Run) -> None:
        if run.read_only:
            return
        answer = QMessageBox.question(
            self, translate("MainWindow", "Delete the run?"),
            translate("MainWindow", "Delete the run “{0}”? Undo (in the Runs panel) brings it "
                      "back until the application closes.").format(run.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if run is self.state.run:
            self.stop_training()
        self.store.delete(run.id)
        self.state.deleted_runs.append(run)
        self.state.set_runs([r for r in self.state.runs if r is not run])
        if run is self.state.run:
            fallback = self.state.best_run()
            self._use_run(fallback) if fallback is not None else self.new_run()

    def _run_undo(self, _value=None) -> None:
        if not self.state.deleted_runs:
            return
        run = self.state.deleted_runs.pop()
        self.store.restore(run.id)
        self.state.set_runs([*self.state.runs, run])

    def _run_export(self, run: Run) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Export the run"),
                                              f"{run.name}.npz",
                                              translate("MainWindow", "Workspaces (*.npz)"))
        if path:
            self.export_run(run, path)

    def export_run(self, run: Run, path) -> Path | None:
        """The run as a workspace file (weights, configuration, history), atomically."""
        try:
            return save_run(run, path)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, translate("MainWindow", "Cannot export"), str(exc))
            return None

    def _run_experiment(self, name: str) -> None:
        """The course's question `name`: its runs queued, trained one after another with the
        same seed and data."""
        runs = experiment(name, self._model_config(), self.state.train_config,
                          tr=functools.partial(translate, "Runs"))  # names in the UI's language
        first_name, config, train = runs[0]
        self.experiment_queue = runs[1:]
        self.new_run(config, train, first_name)
        self.start_training()
