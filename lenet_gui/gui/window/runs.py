"""The window's runs: the run store in the user's data folder, a new run from random weights
(Train on a fresh start, New run), the shipped weights as a read-only run, saving the current
run every few seconds while it trains (a crash or a kill loses at most those seconds),
continue, rename, delete with undo until the app closes, export, the course's experiments
queued one after another, and a new architecture (asked first: it needs new weights).

A save that fails is never silent: the run's name is marked unsaved, with the reason, in the
status bar and the window's title until a save works, and before the window closes, a new run
starts or another run is taken the user is asked: save elsewhere, retry, or discard."""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from lenet_gui.data.folders import MyDigits
from lenet_gui.gui.session import TrainingSession, fine_tune_split
from lenet_gui.gui.state import AppState
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.window.finetune import FineTuneChoice, FineTuneDialog
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import (
    CheckpointError,
    TrainConfig,
    TrainingHistory,
    finetune,
    load_checkpoint,
)
from lenet_gui.train.runs import Run, RunStore, experiment, new_id, save_run

translate = QCoreApplication.translate

AUTOSAVE_MS = 5000  # the current run is saved this often while it trains
AUTOSAVE_ENV = "LENET_AUTOSAVE_MS"  # another interval, in ms (the kill harness: tests/killing.py)


def autosave_ms() -> int:
    """AUTOSAVE_MS, or LENET_AUTOSAVE_MS when it holds a whole number of at least 50 ms."""
    try:
        ms = int(os.environ.get(AUTOSAVE_ENV, ""))
    except ValueError:
        return AUTOSAVE_MS
    return ms if ms >= 50 else AUTOSAVE_MS


def _reason(exc: Exception) -> str:
    """Why a save failed, in a few words: the system's ("No space left on device") when it
    says one, else the whole message."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) if isinstance(exc, (OSError, ValueError)) else f"{type(exc).__name__}: {exc}"


def default_runs_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "lenet-gui") / "runs"


def default_my_digits_dir(runs_dir=None) -> Path:
    """My digits: beside the runs (`<data folder>/my_digits`); beside `runs_dir` when the
    runs are kept elsewhere (tests, the screenshot and soak harnesses), so that those never
    write into the user's own digits."""
    runs = Path(runs_dir) if runs_dir is not None else default_runs_dir()
    return runs.parent / "my_digits"


def default_weights_path() -> Path | None:
    try:
        from lenet_gui.resources import resource_path

        return resource_path("weights", "lenet5.npz")
    except FileNotFoundError:
        return None


class RunsController(QObject):
    """The runs of the window. It is handed the state (whose current run it sets), the
    training session (stopped before the current run changes, started for the experiments;
    its signals say when a run trains), the status line and the window (its dialogs'
    parent)."""

    def __init__(self, state: AppState, session: TrainingSession, status: StatusLine,
                 window: QWidget, runs_dir=None, my_digits_dir=None) -> None:
        super().__init__(window)
        self._state = state
        self._session = session
        self._status = status
        self._window = window
        self.store = RunStore(runs_dir if runs_dir is not None else default_runs_dir())
        runs, errors = self.store.load_all()
        state.set_my_digits(MyDigits(my_digits_dir if my_digits_dir is not None
                                     else default_my_digits_dir(runs_dir)))
        self.experiment_queue: list[tuple[str, LeNetConfig, TrainConfig]] = []
        self._run_seconds_seen = 0.0  # the session's training seconds already added to the run
        state.set_runs(runs)
        state.changed.connect(self._on_state_changed)
        status.unsaved_clicked.connect(self.ask_about_unsaved_run)
        state.run_requested.connect(self._on_run_requested)
        state.model_config_requested.connect(self._on_model_config_requested)
        session.starting.connect(self._on_train_start)
        session.payload_taken.connect(self._on_payload)
        session.ended.connect(self._on_training_ended)
        self._autosave = QTimer(self)
        self._autosave.setInterval(autosave_ms())
        self._autosave.timeout.connect(self.save_current_run)
        self.run_save_error: QMessageBox | None = None  # said in this training, or None
        self.finetune_dialog: FineTuneDialog | None = None  # the last one opened
        if errors:  # damaged run files: said once, the others load
            status.note(translate("MainWindow", "Some runs could not be read: {0}")
                        .format("; ".join(errors)), 20000)

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic in ("runs", "run"):
            self._show_unsaved()

    def _show_unsaved(self) -> None:
        """The current run's warning in the status bar and the window's title: while its last
        save failed."""
        run = self._state.run
        if run is None or run.save_error is None:
            self._status.set_unsaved(None)
            return
        self._status.set_unsaved(lambda: (
            translate("MainWindow", "⚠ {0} not saved: {1}").format(run.name, run.save_error),
            translate("MainWindow", "Run “{0}” is not saved: {1}\n{2}\nClick to save it "
                      "elsewhere or to try again.").format(run.name, run.save_error,
                                                          self._on_disk(run))))

    @staticmethod
    def _on_disk(run: Run) -> str:
        if run.saved_batches <= 0:
            return translate("MainWindow", "Nothing of it is on disk.")
        return translate("MainWindow", "The copy on disk holds {0:,} of its {1:,} batches.").format(
            run.saved_batches, run.history.n_batches)

    @property
    def autosaving(self) -> bool:
        """The current run is saved every AUTOSAVE_MS (while it trains)."""
        return self._autosave.isActive()

    def start_from(self, weights) -> None:
        """The first run: the shipped weights as a read-only run (Train then starts a new run
        from random weights), a checkpoint to start a run from, or (False) a new run at once."""
        if weights is False:
            self.new_run()
            return
        shipped = weights in (None, True)
        path = default_weights_path() if shipped else Path(weights)
        if path is None or not path.is_file():
            self.new_run()
            self._status.note(translate("MainWindow", "No shipped weights found ({0}): starting "
                                        "from random weights").format(path), 10000)
            return
        try:
            ckpt = load_checkpoint(path)
        except CheckpointError as exc:
            self.new_run()
            self._status.note(translate("MainWindow", "Shipped weights unusable ({0}): starting "
                                        "from random weights").format(exc), 10000)
            return
        if shipped:
            acc = ckpt.meta.get("test_accuracy")
            name = translate("MainWindow", "pretrained ({0:.2f} %)").format(100 * acc) \
                if isinstance(acc, float) else translate("MainWindow", "pretrained")
            self.run_from_checkpoint(ckpt, name, read_only=True)
        else:
            self.run_from_checkpoint(ckpt, path.name)

    def _model_config(self) -> LeNetConfig:
        snap = self._state.snapshot
        return snap.config if snap is not None else LeNetConfig()

    def _next_run_name(self) -> str:
        names = {r.name for r in self._state.runs}
        n = 1
        while translate("MainWindow", "run {0}").format(n) in names:
            n += 1
        return translate("MainWindow", "run {0}").format(n)

    def new_run(self, config: LeNetConfig | None = None, train_config: TrainConfig | None = None,
                name: str | None = None) -> Run | None:
        """A run from the course's random initialisation; the current run stays in the list.
        Its seed (initialisation and shuffling) is `train_config`'s when given (the runs of an
        experiment share it); else the first run takes the training seed and every later one the
        next seed, so that each New run starts from other weights, the same in every session.
        None if the current run is unsaved and the user stays with it."""
        self._session.stop()
        if not self.confirm_leaving_run("new"):
            return None
        config = config or self._model_config()
        if train_config is None:
            train = self._state.train_config
            seeds = [r.train_config.seed for r in self._state.runs if r.start == "random"]
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
                            train_config: TrainConfig | None = None) -> Run | None:
        """A run that starts from a checkpoint's weights (the shipped ones: read-only); None if
        the current run is unsaved and the user stays with it."""
        self._session.stop()
        if not self.confirm_leaving_run("new"):
            return None
        acc = ckpt.meta.get("test_accuracy")
        acc = acc if isinstance(acc, float) else None
        run = Run("pretrained" if read_only else new_id(), name, ckpt.config,
                  train_config or self._state.train_config, "pretrained" if read_only else name,
                  ckpt.to_net().snapshot().params, history or TrainingHistory(),
                  read_only=read_only, test_accuracy=acc)
        self._use_run(run)
        return run

    def _use_run(self, run: Run) -> None:
        old = self._state.run
        if old is not None and old is not run:
            old.release_timeline()  # saved in its file: read again if it is scrubbed
            old.history.compact()  # done growing, unless it is trained again
        self._session.reset()  # its trainer trained another run's weights
        self._state.set_train_config(run.train_config)  # its seed, α, epochs … until changed
        self._state.set_run(run)

    @Slot()
    def new_run_from_random_weights(self) -> None:
        """New run (Ctrl+R): the current run stays in the Runs panel."""
        if self.new_run() is not None:
            self._status.say(lambda: translate("MainWindow", "New run from random weights"))

    @Slot()
    def save_current_run(self, timeline: bool | None = None) -> None:
        """Save the current run (atomically) if it is the user's and has trained at all; its
        timeline too when `timeline`, and while it trains at most once a minute (RunStore)."""
        run = self._state.run
        if run is None or run.read_only or run.history.n_batches == 0:
            return
        batches = run.history.n_batches
        try:
            self.store.save(run, timeline)
        except Exception as exc:  # noqa: BLE001 - whatever a save raises is said, not thrown
            # The autosave timer calls this: an exception escaping it would print a traceback
            # every AUTOSAVE_MS and tell the user nothing. The next run tries again.
            self._autosave.stop()
            run.save_error = _reason(exc)
            self._state.runs_changed()  # the warning, the title and the Runs panel say it
            self._say_run_not_saved(run, exc)
        else:
            self.run_save_error = None
            run.saved_batches = batches
            if run.save_error is not None:
                run.save_error = None
                self._state.runs_changed()

    def _say_run_not_saved(self, run: Run, exc: Exception) -> None:
        """One dialog (window-modal: training goes on behind it) per training, until a save
        works again: the stop of the training saves once more, and must not say it twice."""
        if self.run_save_error is not None:
            return
        why = str(exc) if isinstance(exc, (OSError, ValueError)) else f"{type(exc).__name__}: {exc}"
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "Cannot save the run"),
                          translate("MainWindow", "Cannot save the run: {0}").format(why),
                          QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("run_save_error")
        box.setInformativeText(translate("MainWindow", "Training goes on; run {0} is kept only "
                                         "until the application closes.").format(run.name))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.run_save_error = box

    def close(self) -> None:
        """The application closes: deleted runs (and My digits' edits) cannot be undone any
        more."""
        self.store.empty_trash()
        if self._state.my_digits is not None:
            self._state.my_digits.close()

    # ----------------------------------------------------------------- an unsaved run

    def confirm_leaving_run(self, why: str = "close") -> bool:
        """Before the current run is left (`why`: "close", "new" or "switch"): if its last save
        failed, ask: Save elsewhere… (the whole run, as Export does), Retry (the store again),
        Discard (what is not saved), or Cancel. True: go on; False: stay (Cancel, or a save
        that failed and the user gave up). The training is stopped first and the run saved
        once more; only if that fails too is the user asked."""
        run = self._state.run
        if run is None or run.read_only or run.save_error is None:
            return True
        self._session.stop()
        self.save_current_run(timeline=True)  # once more: there may be room again
        return run.save_error is None or self._ask(run, why)

    @Slot()
    def ask_about_unsaved_run(self) -> None:
        """The status bar's warning was clicked: save elsewhere or retry (nothing is left)."""
        run = self._state.run
        if run is not None and run.save_error is not None:
            self._ask(run, None)

    def _ask(self, run: Run, why: str | None) -> bool:
        questions = {
            "close": translate("MainWindow", "Close the window without the unsaved part of the run?"),
            "new": translate("MainWindow", "Start a new run without the unsaved part of this one?"),
            "switch": translate("MainWindow", "Leave this run without its unsaved part?"),
            None: translate("MainWindow", "Save the run elsewhere, or try again?")}
        first = self.run_save_error
        if first is not None and shiboken6.isValid(first):  # the first failure's: this says more
            first.close()
        while run.save_error is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "The run is not saved"),
                              translate("MainWindow", "Run “{0}” is not saved: {1}").format(
                                  run.name, run.save_error), QMessageBox.StandardButton.NoButton,
                              self._window)
            box.setObjectName("unsaved_run_question")
            box.setInformativeText(self._on_disk(run) + "\n\n" + questions[why])
            elsewhere = box.addButton(translate("MainWindow", "Save elsewhere…"),
                                      QMessageBox.ButtonRole.AcceptRole)
            elsewhere.setObjectName("save_elsewhere")
            retry = box.addButton(translate("MainWindow", "Retry"), QMessageBox.ButtonRole.ApplyRole)
            retry.setObjectName("retry")
            discard = None
            if why is not None:
                discard = box.addButton(translate("MainWindow", "Discard"),
                                        QMessageBox.ButtonRole.DestructiveRole)
                discard.setObjectName("discard")
            cancel = box.addButton(translate("MainWindow", "Cancel"), QMessageBox.ButtonRole.RejectRole)
            cancel.setObjectName("cancel")
            box.setDefaultButton(elsewhere)
            box.setEscapeButton(cancel)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is discard and discard is not None:
                run.save_error = None  # left as it is on disk; the user said so
                self._state.runs_changed()
                return True
            if clicked is retry:
                self.save_current_run(timeline=True)
            elif clicked is elsewhere:
                if self.save_elsewhere(run):
                    run.save_error = None
                    self._state.runs_changed()
            else:
                return False
        if why is None and self._state.training == "running":
            self._autosave.start()
        return True

    def save_elsewhere(self, run: Run) -> Path | None:
        """Ask for a file and write the whole run there (weights, configuration, history and
        timeline: an export); the written path, or None (cancelled, or failed: said)."""
        dialog = QFileDialog(self._window, translate("MainWindow", "Save the run elsewhere"),
                             str(Path.home() / f"{run.name}.npz"),
                             translate("MainWindow", "Workspaces (*.npz)"))
        dialog.setObjectName("save_run_elsewhere")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("npz")
        chosen = dialog.exec() and dialog.selectedFiles()
        dialog.deleteLater()
        if not chosen:
            return None
        out = self.export_run(run, chosen[0])
        if out is not None:
            self._status.note(translate("MainWindow", "Run “{0}” saved to {1}").format(run.name, out),
                              10000)
        return out

    # ----------------------------------------------------------------- the session's signals

    @Slot()
    def _on_train_start(self) -> None:
        """Train on the shipped (read-only) weights starts a new run from random weights."""
        if self._state.run is None or self._state.run.read_only:
            self.new_run()
        self._state.run.train_config = self._state.train_config
        self.run_save_error = None
        self._autosave.start()

    @Slot(object)
    def _on_payload(self, payload) -> None:
        run = self._state.run
        if run is None:
            return
        run.params = payload.snapshot.params
        run.wall_seconds += payload.train_seconds - self._run_seconds_seen
        self._run_seconds_seen = payload.train_seconds
        for r in payload.reports:
            run.samples_per_s = r.samples_per_s
            if r.test is not None:
                run.test_accuracy = r.test.accuracy

    @Slot(bool)
    def _on_training_ended(self, finished: bool) -> None:
        self._autosave.stop()
        self._run_seconds_seen = 0.0
        self.save_current_run(timeline=True)
        self._state.runs_changed()
        if finished and self.experiment_queue:
            name, config, train = self.experiment_queue.pop(0)
            if self.new_run(config, train, name) is None:
                self.experiment_queue = []  # the user stays with the unsaved run
                return
            QTimer.singleShot(0, self._session.start)

    # ----------------------------------------------------------------- intents of the panels

    @Slot(object)
    def _on_model_config_requested(self, config: LeNetConfig) -> None:
        current = self._state.snapshot.config if self._state.snapshot else None
        if config == current:
            return
        answer = QMessageBox.question(
            self._window, translate("MainWindow", "Change the architecture?"),
            translate("MainWindow", "This architecture needs new weights: a new run starts from random "
                      "weights (the current run stays in the Runs panel). Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return  # the settings panel shows the state's architecture again
        if self.new_run(config) is None:  # the current run stays in the Runs panel
            return
        self._status.note(translate("MainWindow", "New architecture, random weights"), 5000)

    @Slot(str, object)
    def _on_run_requested(self, action: str, value) -> None:
        handlers = {"continue": self._run_continue, "new": self._run_new,
                    "canvas": self._run_canvas, "rename": self._run_rename,
                    "delete": self._run_delete, "undo": self._run_undo,
                    "export": self._run_export, "experiment": self._run_experiment,
                    "finetune": self._run_finetune}
        handlers[action](value)

    def _run_continue(self, run: Run) -> None:
        if run is not self._state.run and self.confirm_leaving_run("switch"):
            self._use_run(run)

    def _run_new(self, _value=None) -> None:
        self.new_run()

    def _run_canvas(self, run: Run | None) -> None:
        self._state.set_canvas_run(run)

    def _run_rename(self, run: Run) -> None:
        name, ok = QInputDialog.getText(self._window, translate("MainWindow", "Rename the run"),
                                        translate("MainWindow", "Name:"), text=run.name)
        if ok and name.strip() and not run.read_only:
            run.name = name.strip()
            if run.history.n_batches:
                self.store.save(run)
            self._state.runs_changed()

    def _run_delete(self, run: Run) -> None:
        if run.read_only:
            return
        answer = QMessageBox.question(
            self._window, translate("MainWindow", "Delete the run?"),
            translate("MainWindow", "Delete the run “{0}”? Undo (in the Runs panel) brings it "
                      "back until the application closes.").format(run.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if run is self._state.run:
            self._session.stop()
        run.save_error = None  # deleted: nothing of it is to be saved any more
        self.store.delete(run.id)
        self._state.deleted_runs.append(run)
        self._state.set_runs([r for r in self._state.runs if r is not run])
        if run is self._state.run:
            fallback = self._state.best_run()
            self._use_run(fallback) if fallback is not None else self.new_run()

    def _run_undo(self, _value=None) -> None:
        if not self._state.deleted_runs:
            return
        run = self._state.deleted_runs.pop()
        self.store.restore(run.id)
        self._state.set_runs([*self._state.runs, run])

    def _run_export(self, run: Run) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, translate("MainWindow", "Export the run"),
                                              f"{run.name}.npz",
                                              translate("MainWindow", "Workspaces (*.npz)"))
        if path:
            self.export_run(run, path)

    def export_run(self, run: Run, path) -> Path | None:
        """The run as a workspace file (weights, configuration, history), atomically."""
        try:
            return save_run(run, path)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self._window, translate("MainWindow", "Cannot export"), str(exc))
            return None

    def _run_finetune(self, _value=None) -> None:
        """Ask how to fine-tune (a window-modal dialog: the window keeps drawing), then do it."""
        store = self._state.my_digits
        runs = [r for r in self._state.runs if r.params]
        n = int(store.counts().sum()) if store is not None else 0
        dialog = FineTuneDialog(runs, self._state.run, n, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_finetune_accepted)
        dialog.open()
        self.finetune_dialog = dialog

    @Slot()
    def _on_finetune_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, FineTuneDialog):
            self.fine_tune(dialog.choice())

    def fine_tune(self, choice: FineTuneChoice, start: bool = True) -> Run | None:
        """A new run from `choice.run`'s weights that trains on My digits' training part (the
        held-out part measured before → after by the Fine-tuning panel), started at once. None,
        after one message, when My digits cannot give a split (too few, a bad folder)."""
        store = self._state.my_digits
        if store is None:
            return None
        base = choice.run
        train = finetune.fine_tune_config(
            TrainConfig(seed=base.train_config.seed), freeze=choice.freeze,
            mix_mnist=choice.mix_mnist, holdout=choice.holdout, epochs=choice.epochs,
            images=str(store.root), start_from=base.name)
        try:
            train.validate()
            part = fine_tune_split(train)
        except (ValueError, OSError) as exc:  # FolderError is a ValueError
            QMessageBox.warning(self._window, translate("MainWindow", "Cannot fine-tune"),
                                translate("MainWindow", "Cannot fine-tune on my digits: {0}")
                                .format(exc))
            return None
        self._session.stop()
        name = translate("MainWindow", "{0} → my digits").format(base.name)
        run = Run(new_id(), name, base.config, train, base.name, base.params)
        self._use_run(run)
        self._status.note(translate("MainWindow", "Fine-tuning on {0} of my digits ({1} held "
                                    "out)").format(len(part.train), len(part.held)), 8000)
        if start:
            self._session.start()
        return run

    def _run_experiment(self, name: str) -> None:
        """The course's question `name`: its runs queued, trained one after another with the
        same seed and data."""
        runs = experiment(name, self._model_config(), self._state.train_config,
                          tr=functools.partial(translate, "Runs"))  # names in the UI's language
        first_name, config, train = runs[0]
        if self.new_run(config, train, first_name) is None:
            return
        self.experiment_queue = runs[1:]
        self._session.start()
