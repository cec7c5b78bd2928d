"""The timeline bar under the loss curve: a slider over the run's recorded snapshots (its
right end is the live network), the batch it shows, Play (replay at a chosen number of
snapshots per second), Live, and Export (the animation dialog). Dragging scrubs: the state
moves at most once per frame (FRAME_MS), to the newest slider position."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.timeline.replay import Replay
from lenet_gui.gui.widgets.language import RetranslatesItself

translate = QCoreApplication.translate

FRAME_MS = 50  # scrubbing moves the state at most 20×/s


class TimelineBar(RetranslatesItself, QWidget):
    export_requested = Signal()
    # Its What's This texts (gui/whats_this): the panel that holds the bar applies them.
    whats_this = {
        "slider": QT_TRANSLATE_NOOP(
            "WhatsThis", "The timeline of this run: its weights w and b were recorded after "
            "every batch at first, then less and less often. Each position is one recorded "
            "snapshot; every panel shows the network as it was after that many batches "
            "(mini-batches of gradient descent θ := θ − α·δ(θ)). The right end is the network "
            "training now."),
        "play_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Plays the recorded snapshots in order, from the first (the random "
            "initial weights) on, at the speed beside it. Moving the slider or going live "
            "stops it."),
        "speed": QT_TRANSLATE_NOOP(
            "WhatsThis", "How many recorded snapshots Replay shows per second."),
        "position": QT_TRANSLATE_NOOP(
            "WhatsThis", "The batch whose weights the panels show, and which recorded snapshot "
            "that is."),
        "export_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Renders one panel for every recorded snapshot in a range of batches "
            "and saves the pictures as an animation (GIF or APNG) or as numbered PNG files."),
        "live_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Shows the current weights again (training goes on while you look at "
            "the past)."),
    }

    def __init__(self, state, parent=None, busy: Callable[[], bool] | None = None) -> None:
        """`busy`: whether the moment last shown is still being drawn (see Replay)."""
        super().__init__(parent)
        self.setObjectName("timeline_bar")
        self.state = state
        self.replay = Replay(state, self, busy)
        self.replay.running_changed.connect(self._on_replay_running)
        self.play_button = QPushButton()
        self.play_button.setObjectName("timeline_play")
        self.play_button.clicked.connect(self.replay.toggle)
        self.speed = QDoubleSpinBox()
        self.speed.setObjectName("timeline_speed")
        self.speed.setRange(0.5, 30.0)
        self.speed.setSingleStep(1.0)
        self.speed.setDecimals(1)
        self.speed.setValue(self.replay.speed)
        self.speed.valueChanged.connect(self.replay.set_speed)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("timeline_slider")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(10)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.position = QLabel()
        self.position.setObjectName("timeline_position")
        self.position.setMinimumWidth(150)
        self.live_button = QPushButton()
        self.live_button.setObjectName("timeline_live")
        self.live_button.clicked.connect(self._on_live_clicked)
        self.export_button = QPushButton()
        self.export_button.setObjectName("timeline_export")
        self.export_button.clicked.connect(self.export_requested)
        # The slider on a row of its own: a narrow dock must not squeeze it.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.slider)
        row = QHBoxLayout()
        row.setSpacing(4)
        for w in (self.play_button, self.speed, self.position):
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.live_button, self.export_button):
            row.addWidget(w)
        column.addLayout(row)
        self._pending: int | None = None
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self._apply_pending)
        self.retranslate()
        self.sync()

    # ----------------------------------------------------------------- from the state

    def sync(self) -> None:
        """Slider range and position, texts and enabled states from the state."""
        n = len(self.state.timeline_batches)
        i = self.state.viewing_index
        blocker = self.slider.blockSignals(True)
        self.slider.setRange(0, n)  # position n: the live network
        self.slider.setTickInterval(max(1, n // 20))
        if self._pending is None:
            self.slider.setValue(n if i is None else i)
        self.slider.blockSignals(blocker)
        has = n > 0
        for w in (self.slider, self.export_button):
            w.setEnabled(has)
        self.play_button.setEnabled(n > 1)
        self.live_button.setEnabled(i is not None)
        self._show_position()

    def _show_position(self) -> None:
        n = len(self.state.timeline_batches)
        if n == 0:
            self.position.setText(translate("Timeline", "no timeline recorded"))
        elif self.state.viewing is None:
            self.position.setText(translate("Timeline", "live · {0} snapshots").format(n))
        else:
            self.position.setText(translate("Timeline", "batch {0:,} · {1}/{2}").format(
                self.state.viewing, self.state.viewing_index + 1, n))

    # ----------------------------------------------------------------- from the user

    @Slot(int)
    def _on_slider_moved(self, value: int) -> None:
        self.replay.stop()
        self._pending = value
        if not self._throttle.isActive():
            self._throttle.start(0 if not self.slider.isSliderDown() else FRAME_MS)

    @Slot()
    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        if self.replay.busy() and self.slider.isSliderDown():
            self._throttle.start(FRAME_MS)  # the last moment is still being drawn
            return
        value, self._pending = self._pending, None
        if value >= len(self.state.timeline_batches):
            self.state.back_to_live()
        else:
            self.state.view_index(value)
        self.sync()

    @Slot()
    def _on_live_clicked(self) -> None:
        self.replay.stop()
        self.state.back_to_live()

    @Slot(bool)
    def _on_replay_running(self, running: bool) -> None:
        self.play_button.setText(translate("Timeline", "⏸ Pause") if running
                                 else translate("Timeline", "▶ Play"))

    def retranslate(self) -> None:
        self._on_replay_running(self.replay.running)
        self.play_button.setToolTip(translate(
            "Timeline", "Replay the run from its first recorded snapshot, every panel moving "
            "together"))
        self.speed.setSuffix(translate("Timeline", " /s"))
        self.speed.setToolTip(translate("Timeline", "Replay speed: snapshots per second"))
        self.speed.setAccessibleName(translate("Timeline", "Replay speed"))
        self.slider.setAccessibleName(translate("Timeline", "Timeline: the network after batch"))
        self.slider.setToolTip(translate(
            "Timeline", "Drag to see the network after any recorded batch (Alt+Left, Alt+Right, "
            "Alt+Home); the right end is the live network (Alt+L)"))
        self.live_button.setText(translate("Timeline", "Live"))
        self.live_button.setToolTip(translate("Timeline", "Back to the live network (Alt+L)"))
        self.export_button.setText(translate("Timeline", "Export…"))
        self.export_button.setToolTip(translate(
            "Timeline", "Save a panel over a range of the timeline as an animated GIF, an APNG "
            "or PNG frames"))
        self._show_position()

