"""The window's files: weights checkpoints, workspaces (weights, configuration, history) and
exports (a panel or the window as PNG/SVG, the history as CSV). Every write is atomic; every
failure is a dialog that names the file, and leaves the previous file and the state as they
were."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from lenet_gui.gui.export import ExportError, export_widget, write_history_csv
from lenet_gui.gui.session import TrainingSession
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.window.docks import DockHost
from lenet_gui.gui.window.runs import RunsController
from lenet_gui.train import CheckpointError, TrainingHistory, load_checkpoint, save_checkpoint
from lenet_gui.train.workspace import WorkspaceError, read_workspace, workspace_arrays

translate = QCoreApplication.translate


class FilesController(QObject):
    """Open, save and export. It is handed the state (what is saved, what an opened file
    changes), the session (the last report's epoch and step go into a checkpoint), the runs (an
    opened file starts a run), the dock host (the panels exported), the status line and the
    window (the dialogs' parent, and the picture of the whole window)."""

    def __init__(self, state: AppState, session: TrainingSession, runs: RunsController,
                 docks: DockHost, status: StatusLine, window: QWidget) -> None:
        super().__init__(window)
        self._state = state
        self._session = session
        self._runs = runs
        self._docks = docks
        self._status = status
        self._window = window

    @Slot()
    def ask_open_checkpoint(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, translate("MainWindow", "Open checkpoint"), "",
                                              translate("MainWindow", "Checkpoints (*.npz);;All files (*)"))
        if path:
            self.open_checkpoint(path)

    def open_checkpoint(self, path: str | Path) -> bool:
        try:
            ckpt = load_checkpoint(path)  # validated before anything changes
        except CheckpointError as exc:
            QMessageBox.critical(self._window, translate("MainWindow", "Cannot open checkpoint"),
                                 translate("MainWindow", "{0}\n\nThe current weights are unchanged.").format(exc))
            return False
        if self._runs.run_from_checkpoint(ckpt, Path(path).name) is None:  # a new run from its weights
            return False  # the current run is not saved, and the user stays with it
        self._status.say(lambda: translate("MainWindow", "Opened {0}").format(Path(path).name))
        return True

    @Slot()
    def ask_save_checkpoint(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, translate("MainWindow", "Save checkpoint"),
                                              "lenet5.npz",
                                              translate("MainWindow", "Checkpoints (*.npz)"))
        if path:
            self.save_checkpoint(path)

    def save_checkpoint(self, path: str | Path) -> Path | None:
        return self._save(path, translate("MainWindow", "Cannot save checkpoint"),
                          translate("MainWindow", "Saved {0}"))

    def _save(self, path, error_title: str, done: str, **extra) -> Path | None:
        """The current weights (and `extra` arrays and metadata) as one checkpoint, written
        atomically; a failure is a dialog naming the file, and the old file stays as it was."""
        snap = self._state.live_network  # the live weights, also while viewing the past
        if snap is None:
            return None
        r = self._session.last_report
        try:
            out = save_checkpoint(path, snap.to_net(), **extra,
                                  epoch=None if r is None else r.epoch,
                                  step=None if r is None else r.step,
                                  test_accuracy=self._state.test_accuracy)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self._window, error_title, str(exc))
            return None
        self._status.say(lambda: done.format(out.name))
        return out

    @Slot()
    def ask_open_workspace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, translate("MainWindow", "Open workspace"), "",
                                              translate("MainWindow", "Workspaces (*.npz);;All files (*)"))
        if path:
            self.open_workspace(path)

    def open_workspace(self, path: str | Path) -> bool:
        """Restore configuration, weights and loss history; a file that does not validate
        changes nothing (the message says why)."""
        try:
            ws = read_workspace(path)  # everything validated before anything changes
        except (CheckpointError, WorkspaceError) as exc:
            QMessageBox.critical(self._window, translate("MainWindow", "Cannot open workspace"),
                                 translate("MainWindow", "{0}\n\nNothing was changed.").format(exc))
            return False
        state = self._state
        if not self._runs.confirm_leaving_run("new"):
            return False  # the current run is not saved, and the user stays with it
        if ws.train_config is not None:
            state.set_train_config(ws.train_config)
        history = TrainingHistory()
        history.load(ws.history)
        run = self._runs.run_from_checkpoint(ws.checkpoint, Path(path).name, history=history)
        run.timeline = ws.timeline  # None when it had none, or it was damaged (said below)
        state.note_timeline()
        if ws.probe_index is not None and state.data is not None \
                and ws.probe_index < len(state.data.test_labels):
            state.set_probe(Probe.from_test(state.data, ws.probe_index))
        name = Path(path).name
        self._status.say(lambda: translate("MainWindow", "Opened workspace {0}").format(name))
        if ws.timeline_error:
            QMessageBox.warning(self._window, translate("MainWindow", "The timeline was skipped"),
                                ws.timeline_error)
        return True

    @Slot()
    def ask_save_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, translate("MainWindow", "Save workspace"),
                                              "lenet5-workspace.npz",
                                              translate("MainWindow", "Workspaces (*.npz)"))
        if path:
            self.save_workspace(path)

    def save_workspace(self, path: str | Path) -> Path | None:
        """Weights, model and training configuration, loss history: one checkpoint file,
        written atomically."""
        probe = self._state.probe
        run = self._state.run
        arrays, meta = workspace_arrays(self._state.history.arrays(), self._state.train_config,
                                        None if run is None else run.timeline)
        return self._save(path, translate("MainWindow", "Cannot save workspace"),
                          translate("MainWindow", "Saved workspace {0}"), extra_arrays=arrays,
                          **meta, probe_index=None if probe is None or probe.source[:4] != "test"
                          else probe.index)

    def export_panel(self, name: str, path: str | Path, fmt: str | None = None) -> Path | None:
        dock = self._docks.dock(name)
        widget = self._docks.panel(name)
        if not dock.isVisible() or not widget.isVisible():
            dock.show()
            dock.raise_()
            QApplication.processEvents()
        try:
            out = export_widget(widget, path, fmt, title=dock.windowTitle())
        except ExportError as exc:
            QMessageBox.critical(self._window, translate("MainWindow", "Cannot export"), str(exc))
            return None
        self._status.say(lambda: translate("MainWindow", "Exported {0}").format(out.name))
        return out

    def _ask_picture_path(self, stem: str, fmt: str | None) -> tuple[str, str | None]:
        filters = {"png": translate("MainWindow", "PNG image (*.png)"),
                   "svg": translate("MainWindow", "SVG drawing (*.svg)")}
        if fmt is None:
            chosen = ";;".join(filters.values())
            path, flt = QFileDialog.getSaveFileName(self._window, translate("MainWindow", "Export"),
                                                    f"{stem}.png", chosen)
            fmt = "svg" if (path.lower().endswith(".svg") or flt == filters["svg"]) else "png"
        else:
            path, _ = QFileDialog.getSaveFileName(self._window, translate("MainWindow", "Export"),
                                                  f"{stem}.{fmt}", filters[fmt])
        return path, fmt

    def ask_export_panel(self, name: str, fmt: str | None) -> None:
        path, fmt = self._ask_picture_path(name, fmt)
        if path:
            self.export_panel(name, path, fmt)

    @Slot()
    def ask_export_window(self) -> None:
        path, fmt = self._ask_picture_path("lenet-gui", None)
        if not path:
            return
        try:
            out = export_widget(self._window, path, fmt, title=self._window.windowTitle())
        except ExportError as exc:
            QMessageBox.critical(self._window, translate("MainWindow", "Cannot export"), str(exc))
            return
        self._status.say(lambda: translate("MainWindow", "Exported {0}").format(out.name))

    @Slot()
    def ask_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window,
                                              translate("MainWindow", "Export the loss history"),
                                              "loss-history.csv",
                                              translate("MainWindow", "CSV table (*.csv)"))
        if path:
            self.export_history_csv(path)

    def export_history_csv(self, path: str | Path) -> Path | None:
        try:
            out = write_history_csv(self._state.history, path)
        except ExportError as exc:
            QMessageBox.critical(self._window, translate("MainWindow", "Cannot export"), str(exc))
            return None
        self._status.say(lambda: translate("MainWindow", "Exported {0}").format(out.name))
        return out
