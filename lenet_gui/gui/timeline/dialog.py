"""The export dialog: one panel over a range of the current run's timeline as an animated GIF,
an APNG or numbered PNG frames, at a chosen number of frames per second. The frames are drawn
by an offscreen copy of the panel (frames.py), so the window's panels stay where they are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
)

from lenet_gui.gui.timeline.frames import FrameRecorder, panel_class, panel_names, select_batches, write_frames

translate = QCoreApplication.translate

FORMAT_NAMES = {"gif": "GIF", "apng": "APNG", "frames": "PNG"}


class ExportDialog(QDialog):
    def __init__(self, state, panel: str = "kernels", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_export_dialog")
        self.state = state
        self.setWindowTitle(translate("Timeline", "Export the timeline as an animation"))
        self.setMinimumWidth(380)
        batches = state.timeline_batches
        first, last = (int(batches[0]), int(batches[-1])) if batches.size else (0, 0)
        self.panel_box = QComboBox()
        for name in panel_names():
            self.panel_box.addItem(translate("MainWindow", panel_class(name).title), name)
        self.panel_box.setCurrentIndex(max(0, self.panel_box.findData(panel)))
        self.from_box, self.to_box = QSpinBox(), QSpinBox()
        for box, value in ((self.from_box, first), (self.to_box, last)):
            box.setRange(first, last)
            box.setGroupSeparatorShown(True)
            box.setValue(value)
        self.fps_box = QDoubleSpinBox()
        self.fps_box.setRange(0.5, 50.0)
        self.fps_box.setDecimals(1)
        self.fps_box.setValue(10.0)
        self.format_box = QComboBox()
        for fmt, text in ((("gif", translate("Timeline", "animated GIF")),
                           ("apng", translate("Timeline", "animated PNG (APNG)")),
                           ("frames", translate("Timeline", "numbered PNG frames (a folder)")))):
            self.format_box.addItem(text, fmt)
        self.count_label = QLabel()
        for box in (self.from_box, self.to_box):
            box.valueChanged.connect(self._update_count)
        form = QFormLayout(self)
        form.addRow(translate("Timeline", "Panel:"), self.panel_box)
        form.addRow(translate("Timeline", "From batch:"), self.from_box)
        form.addRow(translate("Timeline", "To batch:"), self.to_box)
        form.addRow(translate("Timeline", "Frames per second:"), self.fps_box)
        form.addRow(translate("Timeline", "Format:"), self.format_box)
        form.addRow(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.panel_box.setWhatsThis(translate(
            "Timeline", "The panel drawn once for every recorded snapshot in the range."))
        self.from_box.setWhatsThis(translate(
            "Timeline", "The first and last batch of the range: the snapshots recorded after "
            "that many mini-batches of training (0: the initial random weights)."))
        self.to_box.setWhatsThis(self.from_box.whatsThis())
        self.fps_box.setWhatsThis(translate("Timeline", "Frames (snapshots) per second of "
                                            "the animation."))
        self.format_box.setWhatsThis(translate(
            "Timeline", "GIF plays everywhere (256 colours a frame); APNG keeps every colour; "
            "PNG frames are numbered files in a folder, one per snapshot."))
        self._update_count()

    @staticmethod
    def open_for(state, panel: str, parent=None) -> "ExportDialog | None":
        if state.timeline_batches.size == 0:
            QMessageBox.information(parent, translate("Timeline", "No timeline"), translate(
                "Timeline", "This run has no recorded timeline: train it to record one."))
            return None
        dialog = ExportDialog(state, panel, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def batches(self):
        return select_batches(self.state.timeline_batches, self.from_box.value(),
                              self.to_box.value())

    def _update_count(self, _value: int = 0) -> None:
        self.count_label.setText(translate("Timeline", "{0} recorded snapshots in this range")
                                 .format(len(self.batches())))

    def _on_save(self) -> None:
        fmt = self.format_box.currentData()
        name = f"{self.panel_box.currentData()}"
        if fmt == "frames":
            path = QFileDialog.getExistingDirectory(self, translate("Timeline", "Folder for "
                                                                    "the frames"))
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, translate("Timeline", "Save the animation"),
                f"{name}.{'gif' if fmt == 'gif' else 'png'}",
                translate("Timeline", "Animations (*.gif *.png *.apng)"))
        if path and self.export_to(path) is not None:
            self.accept()

    def export_to(self, path: str | Path) -> tuple[int, int] | None:
        """Draw and write the frames; (frames, distinct frames), or None (cancelled, failed:
        a message says why, and no file is left half-written)."""
        batches = self.batches()
        progress = QProgressDialog(translate("Timeline", "Drawing the frames…"),
                                   translate("Timeline", "Cancel"), 0, len(batches), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: int, total: int) -> None:
            progress.setValue(done)
            QApplication.processEvents()

        recorder = None
        try:
            recorder = FrameRecorder(self.state.run, self.panel_box.currentData(),
                                     self.state.data, self.state.probe)
            frames = recorder.record(batches, step, progress.wasCanceled)
            if progress.wasCanceled():
                return None
            write_frames(frames, path, self.format_box.currentData(), self.fps_box.value())
        except (OSError, ValueError, LookupError) as exc:
            QMessageBox.critical(self, translate("Timeline", "Cannot export"), str(exc))
            return None
        finally:
            progress.close()
            if recorder is not None:
                recorder.close()
        self.result_counts = (len(frames.images), frames.distinct)
        return self.result_counts
