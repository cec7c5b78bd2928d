"""The banner across the window while a past moment of the run is shown: "Viewing batch 1,234
of run NAME", whether training goes on meanwhile, and a button back to the live network."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from lenet_gui.gui.widgets.language import RetranslatesItself

translate = QCoreApplication.translate

STYLE = ("QFrame#timeline_banner { background: #fff1c2; border: 1px solid #d9a400; "
         "border-radius: 3px; } QFrame#timeline_banner QLabel { color: #3d2e00; }")


class TimelineBanner(RetranslatesItself, QFrame):
    """The window shows it (in a toolbar of its own) only while the state views its timeline;
    "Back to live" returns."""

    def __init__(self, state, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_banner")
        self.setStyleSheet(STYLE)
        self.state = state
        self.label = QLabel()
        self.label.setObjectName("timeline_banner_text")
        f = self.label.font()
        f.setBold(True)
        self.label.setFont(f)
        self.training_label = QLabel()
        self.live_button = QPushButton()
        self.live_button.setObjectName("timeline_back_to_live")
        self.live_button.clicked.connect(self._on_live_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 1, 8, 1)  # it adds a row to the window: keep it low
        row.addWidget(self.label)
        row.addWidget(self.training_label)
        row.addStretch(1)
        row.addWidget(self.live_button)
        state.changed.connect(self._on_state_changed)
        self.retranslate()

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic in ("timeline", "training", "runs"):
            self.update_text()

    def update_text(self) -> None:
        batch = self.state.viewing
        if batch is None:
            self.label.setText("")
            self.training_label.setText("")
            return
        run = self.state.run
        tl = self.state.timeline
        i = self.state.viewing_index
        self.label.setText(translate("Timeline", "Viewing batch {0:,} of run “{1}” (snapshot "
                                     "{2} of {3})").format(batch, run.name if run else "",
                                                       (i or 0) + 1, len(tl) if tl else 0))
        self.training_label.setText(
            translate("Timeline", "— training goes on meanwhile")
            if self.state.training == "running" else "")

    def retranslate(self) -> None:
        self.live_button.setText(translate("Timeline", "Back to live (Alt+L)"))
        self.live_button.setToolTip(translate("Timeline", "Show the network as it is now"))
        self.live_button.setWhatsThis(translate(
            "Timeline", "Shows the current weights again (training goes on while you look at "
            "the past)."))
        self.setWhatsThis(translate(
            "Timeline", "The panels show the network as it was after this many batches: its "
            "weights w and b were recorded then. The feature maps, kernels, δ heatmaps, the "
            "confusion matrix and the rest all use those weights. Training (if running) goes "
            "on; “Back to live” shows the current weights again."))
        self.update_text()


    @Slot()
    def _on_live_clicked(self) -> None:
        self.state.back_to_live()
