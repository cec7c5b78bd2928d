"""The window's side of the labs: it hands the Labs dock the labs, the student's progress and
a LabContext; arranges the window for each step (its perspective, its panel shown, raised and
framed in colour for a few seconds); File ▸ Open lab… (a teacher's TOML file, its fault said
in one line); the lab report; and the presentation (View ▸ Presentation, F11): a larger,
high-contrast window with only the Labs dock and the panel the step names, stepped with Page
Up / Page Down, which Esc or F11 leaves exactly as it was."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QToolBar,
    QWidget,
)

from lenet_gui.gui import export
from lenet_gui.gui.labs_conditions import LabContext
from lenet_gui.gui.panels import registry
from lenet_gui.gui.panels.labs import LabsPanel, lab_language
from lenet_gui.gui.state import AppState
from lenet_gui.gui.status import StatusLine
from lenet_gui.gui.theme import high_contrast_palette
from lenet_gui.gui.window.docks import DockHost
from lenet_gui.gui.window.perspectives import PERSPECTIVES, Perspectives
from lenet_gui.labs import Lab, LabError, Progress, load_lab, shipped_labs
from lenet_gui.labs.report import write_report

translate = QCoreApplication.translate
R = Qt.DockWidgetArea.RightDockWidgetArea
L = Qt.DockWidgetArea.LeftDockWidgetArea
HIGHLIGHT_MS = 4000  # how long the step's panel is framed
HIGHLIGHT = QColor("#e67e22")
SCALES = (125, 150, 175, 200)  # the presentation's scales, in percent
DEFAULT_SCALE = 150
SCALE_KEY = "labs/presentation_scale"


def default_labs_dir() -> Path:
    """Where the student's lab progress is kept: beside the runs (window/runs.py)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "lenet-gui") / "labs"


class HighlightFrame(QWidget):
    """A coloured frame over a dock, shown for a few seconds; it lets every click through."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lab_highlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def flash(self, ms: int = HIGHLIGHT_MS) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self._timer.start(ms)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
        return False

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setPen(QPen(HIGHLIGHT, 4))
        p.drawRect(self.rect().adjusted(2, 2, -2, -2))
        p.end()


def _read_lab(path) -> Lab:
    """A lab file, checked against this window's panels and perspectives (LabError if not)."""
    return load_lab(path, panels=registry.names(), perspectives=[p.name for p in PERSPECTIVES])


class LabsController(QObject):
    """The labs in the window. It is handed the window, the state, the dock host, the
    perspectives, the status line, the settings (the presentation's scale) and where the
    progress is kept (None: the user's data folder)."""

    def __init__(self, window: QMainWindow, state: AppState, docks: DockHost,
                 perspectives: Perspectives, status: StatusLine, settings: QSettings | None,
                 labs_dir=None) -> None:
        super().__init__(window)
        self._window = window
        self._state = state
        self._docks = docks
        self._perspectives = perspectives
        self._status = status
        self._settings = settings
        self.labs_dir = Path(labs_dir) if labs_dir is not None else default_labs_dir()
        self.progress = Progress(self.labs_dir)
        self.errors: list[str] = []  # shipped labs that could not be read (one line each)
        self._labs: list[Lab] | None = None  # read when first needed (`labs`)
        self._frames: dict[str, HighlightFrame] = {}
        self.highlighted: str | None = None  # the dock framed now
        self.presenting = False
        self._saved: dict | None = None  # what the presentation changed, to put back
        scale = settings.value(SCALE_KEY, DEFAULT_SCALE) if settings is not None else None
        try:
            self.scale = int(scale) if int(scale) in SCALES else DEFAULT_SCALE
        except (TypeError, ValueError):
            self.scale = DEFAULT_SCALE

        self.open_lab_action = QAction(window, objectName="open_lab")
        self.open_lab_action.triggered.connect(self.ask_open_lab)
        self.presentation_action = QAction(window, objectName="presentation", checkable=True)
        self.presentation_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.presentation_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.presentation_action.triggered.connect(self.set_presentation)
        window.addAction(self.presentation_action)
        self.scale_menu = QMenu(window)
        self.scale_menu.setObjectName("presentation_scale_menu")
        group = QActionGroup(self)
        self.scale_actions: dict[int, QAction] = {}
        for s in SCALES:
            a = QAction(f"{s} %", window, checkable=True, objectName=f"presentation_scale_{s}")
            a.setData(s)
            a.setChecked(s == self.scale)
            a.triggered.connect(self._on_scale_action)
            group.addAction(a)
            self.scale_menu.addAction(a)
            self.scale_actions[s] = a
        self._shortcuts = []
        for key, slot in ((Qt.Key.Key_PageDown, self.page_down), (Qt.Key.Key_PageUp, self.page_up),
                          (Qt.Key.Key_Escape, self.leave_presentation)):
            sc = QShortcut(QKeySequence(key), window)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.setEnabled(False)  # only while presenting: elsewhere the keys scroll
            sc.activated.connect(slot)
            self._shortcuts.append(sc)

        # The Labs dock's panel is built when it is first needed (its dock shown, a lab opened,
        # the presentation, window.panel("labs")): it typesets its step's formulas, and the
        # first screen shows it only as a tab behind the settings.
        docks.on_build("labs", self._set_up_panel)

    @property
    def labs(self) -> list[Lab]:
        """The shipped labs and those opened, in their order. The shipped ones are read when
        first asked for (the Labs dock built, a lab opened): 14 files parsed at start-up took
        40-90 ms before the first window, which shows no lab."""
        if self._labs is None:
            self._labs = []
            for path in shipped_labs():
                try:
                    self._labs.append(_read_lab(path))
                except LabError as e:
                    self.errors.append(str(e))
            self._labs.sort(key=lambda lab: lab.order)
            if self.errors:
                self._status.note(translate("Labs", "Some labs could not be read: {0}").format(
                    "; ".join(self.errors)), 20000)
        return self._labs

    @labs.setter
    def labs(self, labs: list[Lab]) -> None:
        self._labs = labs

    @property
    def panel(self) -> LabsPanel:
        """The Labs dock's panel, built (and handed the labs) now if it was not."""
        return self._docks.panel("labs")

    def _set_up_panel(self, panel: LabsPanel) -> None:
        panel.arrange_requested.connect(self.arrange)
        panel.report_requested.connect(self.ask_export_report)
        panel.attach(LabContext(self._window), self.progress, self.labs)

    def add_to_menus(self, file_menu: QMenu, before: QAction, view_menu: QMenu) -> None:
        file_menu.insertAction(before, self.open_lab_action)
        file_menu.insertSeparator(before)
        view_menu.addSeparator()
        view_menu.addAction(self.presentation_action)
        view_menu.addMenu(self.scale_menu)

    def retranslate(self) -> None:
        self.open_lab_action.setText(translate("Labs", "Open lab…"))
        tip = translate("Labs", "Open a lab file (TOML) a teacher wrote; it joins the Labs dock")
        self.open_lab_action.setToolTip(tip)
        self.open_lab_action.setStatusTip(tip)
        self.open_lab_action.setWhatsThis(tip)
        self.presentation_action.setText(translate("Labs", "Presentation"))
        tip = translate("Labs", "Classroom mode: everything larger and in high contrast, only "
                        "the Labs dock and the step's panel; Page Up / Page Down step, Esc or "
                        "F11 leaves (F11)")
        self.presentation_action.setToolTip(tip)
        self.presentation_action.setStatusTip(tip)
        self.presentation_action.setWhatsThis(tip)
        self.scale_menu.setTitle(translate("Labs", "Presentation scale"))
        tip = translate("Labs", "How much larger the presentation shows everything")
        self.scale_menu.menuAction().setToolTip(tip)
        self.scale_menu.menuAction().setWhatsThis(tip)
        for s, a in self.scale_actions.items():
            a.setToolTip(translate("Labs", "Show the presentation at {0} %").format(s))
            a.setWhatsThis(a.toolTip())

    # ----------------------------------------------------------------- arranging the window

    @Slot(str, str)
    def arrange(self, perspective: str, panel: str) -> None:
        """Show the step's perspective (outside the presentation) and its panel, framed."""
        if self.presenting:
            self._present_only(panel or None)
        elif perspective and perspective in self._perspectives.actions:
            self._perspectives.set_perspective(perspective)
        if panel and panel in self._docks.docks:
            self.show_dock(panel)
            self.highlight(panel)
        else:
            self.clear_highlight()

    def show_dock(self, name: str) -> None:
        """Show and raise dock `name`; a hidden one goes beside the Labs dock's right
        neighbour, as a tab (or to the right area if there is none)."""
        dock, w = self._docks.docks[name], self._window
        if dock.isHidden() or dock.isFloating():
            anchor = next((d for n, d in self._docks.docks.items()
                           if n not in ("labs", name) and not d.isHidden()
                           and not d.isFloating() and w.dockWidgetArea(d) == R), None)
            dock.setFloating(False)
            if anchor is not None:
                w.tabifyDockWidget(anchor, dock)
            else:
                w.addDockWidget(R, dock)
            dock.show()
        dock.raise_()
        self._docks.panel(name)

    def highlight(self, name: str) -> None:
        self.clear_highlight()
        dock = self._docks.docks[name]
        frame = self._frames.get(name)
        if frame is None:
            frame = self._frames[name] = HighlightFrame(dock)
        frame.flash()
        self.highlighted = name

    def clear_highlight(self) -> None:
        for frame in self._frames.values():
            frame.hide()
        self.highlighted = None

    # ----------------------------------------------------------------- open lab

    @Slot()
    def ask_open_lab(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, translate("Labs", "Open a lab"), "",
            translate("Labs", "Labs (*.toml);;All files (*)"))
        if path:
            self.open_lab(path)

    def open_lab(self, path) -> str | None:
        """Load a lab file into the Labs dock; its fault (None if none) is said in one line in
        the dock and the status bar."""
        try:
            lab = _read_lab(path)
        except LabError as e:
            message = str(e)
            self.show_labs_dock()
            self.panel.say(translate("Labs", "Could not open the lab: {0}").format(message),
                           error=True)
            self._status.note(translate("Labs", "Could not open the lab: {0}").format(message),
                              15000)
            return message
        self.labs = [x for x in self.labs if x.id != lab.id] + [lab]
        self.show_labs_dock()
        self.panel.add_lab(lab)
        return None

    def show_labs_dock(self) -> None:
        dock = self._docks.docks["labs"]
        if dock.isHidden():
            dock.toggleViewAction().trigger()
        dock.raise_()

    # ----------------------------------------------------------------- the report

    @Slot()
    def ask_export_report(self) -> None:
        lab = self.panel.lab
        if lab is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self._window, translate("Labs", "Save the lab report"), f"{lab.id}-report.html",
            translate("Labs", "HTML (*.html)"))
        if path:
            try:
                self.export_report(path)
            except (OSError, ValueError) as e:
                self._status.note(translate("Labs", "Could not save the report: {0}").format(e),
                                  15000)
            else:
                self._status.note(translate("Labs", "Report saved: {0}").format(path), 8000)

    def figures(self, lab: Lab) -> dict[str, bytes]:
        """Panel title → its picture as it is now, for each panel the lab's steps name: SVG
        (vector where the panel draws vectors; Qt's SVG generator), PNG if it cannot."""
        out: dict[str, bytes] = {}
        for name in dict.fromkeys(s.panel for s in lab.steps if s.panel):
            if name not in self._docks.docks:
                continue
            panel = self._docks.panel(name)
            title = self._docks.dock_title(name)
            if panel.size().isEmpty() or not panel.isVisible():
                panel.resize(640, 420)  # a hidden dock's panel, at a fixed size
            try:
                out[title] = export.svg_bytes(panel, title)
            except export.ExportError:
                try:
                    out[title] = export.png_bytes(panel)
                except export.ExportError:
                    continue
        return out

    def run_config(self) -> tuple[dict, int]:
        """The run's configuration (setting → value) and its seed, for the report."""
        state = self._state
        run = state.run
        model = run.config if run is not None else (
            state.snapshot.config if state.snapshot is not None else None)
        training = run.train_config if run is not None and not run.read_only \
            else state.train_config
        config: dict = {}
        if run is not None:
            config["run"] = run.name
        if model is not None:
            config.update({f"model.{k}": v for k, v in model.to_dict().items()})
        config.update({f"training.{k}": v for k, v in asdict(training).items()})
        config["batches trained"] = int(state.history.n_batches)
        if state.test_accuracy is not None:
            config["test accuracy"] = f"{state.test_accuracy * 100:.2f} %"
        if state.probe is not None:
            config["probe"] = state.probe.source
        return config, training.seed

    def export_report(self, path) -> Path:
        """The current lab's report, as one HTML file (atomically); OSError names the file."""
        lab = self.panel.lab
        config, seed = self.run_config()
        return write_report(path, lab, self.progress, self.figures(lab), config, seed,
                            lab_language())

    # ----------------------------------------------------------------- the presentation

    @Slot(bool)
    def set_presentation(self, on: bool) -> None:
        if on:
            self.enter_presentation()
        else:
            self.leave_presentation()

    @Slot()
    def _on_scale_action(self) -> None:
        self.scale = int(self.sender().data())
        if self._settings is not None:
            self._settings.setValue(SCALE_KEY, self.scale)
        if self.presenting:
            self._apply_look()

    def enter_presentation(self) -> None:
        if self.presenting:
            return
        w = self._window
        app = QApplication.instance()
        self._saved = {
            "state": w.saveState(registry.layout_version()),
            "size": w.size(), "pos": w.pos(),
            "font": QFont(app.font()),
            "palette": QPalette(w.palette()),
            "window_state": w.windowState(),
            "toolbars": [b for b in w.findChildren(QToolBar) if b.isVisible()],
            "perspective": self._perspectives.current,
        }
        self.presenting = True
        self.presentation_action.setChecked(True)
        for sc in self._shortcuts:
            sc.setEnabled(True)
        for bar in self._saved["toolbars"]:
            bar.hide()
        self._apply_look()
        self.panel.lab_combo.hide()
        step = self.panel.step
        self._present_only(step.panel if step is not None else None)
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):
            w.showFullScreen()

    def _apply_look(self) -> None:
        """Fonts at the chosen scale, and a high-contrast palette."""
        app = QApplication.instance()
        font = QFont(self._saved["font"])
        size = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
        font.setPointSizeF(size * self.scale / 100)
        app.setFont(font)
        self._window.setPalette(high_contrast_palette())  # the one high-contrast look
        self.panel.set_scale(self.scale / 100)

    def _present_only(self, panel: str | None) -> None:
        """Only the Labs dock, and beside it the step's panel (if it names one)."""
        w, docks = self._window, self._docks.docks
        for name, dock in docks.items():
            if name not in ("labs", panel):
                dock.hide()
        labs = docks["labs"]
        labs.setFloating(False)
        w.addDockWidget(L, labs)
        labs.show()
        if panel and panel in docks:
            dock = docks[panel]
            dock.setFloating(False)
            w.addDockWidget(R, dock)
            dock.show()
            dock.raise_()
            self._docks.panel(panel)
            width = w.width()
            w.resizeDocks([labs, dock], [int(width * 0.42), int(width * 0.58)],
                          Qt.Orientation.Horizontal)

    @Slot()
    def leave_presentation(self) -> None:
        if not self.presenting:
            return
        saved, w = self._saved, self._window
        self.presenting = False
        self.presentation_action.setChecked(False)
        for sc in self._shortcuts:
            sc.setEnabled(False)
        QApplication.instance().setFont(saved["font"])
        w.setPalette(saved["palette"])
        w.setWindowState(saved["window_state"])
        if saved["window_state"] == Qt.WindowState.WindowNoState:
            # not restoreGeometry: it fits the window to the screen, and a window larger than
            # the screen (a projector's 1280×720 on a smaller one) came back smaller
            w.resize(saved["size"])
            w.move(saved["pos"])
        for bar in saved["toolbars"]:
            bar.show()
        w.restoreState(QByteArray(saved["state"]), registry.layout_version())
        self.panel.lab_combo.show()
        self.panel.set_scale(1.0)
        self._saved = None

    def _stepper_has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, QDockWidget):
            focus = focus.parentWidget()
        return focus is not None and focus.objectName() == "stepper"

    @Slot()
    def page_down(self) -> None:
        if self._stepper_has_focus():
            self._docks.panel("stepper").next_step()
        else:
            self.panel.next()

    @Slot()
    def page_up(self) -> None:
        if self._stepper_has_focus():
            self._docks.panel("stepper").prev_step()
        else:
            self.panel.back()

    def close(self) -> None:
        """Before the window saves its layout: the presentation's layout is not the user's."""
        self.leave_presentation()
        panel = self._docks.built("labs")
        if panel is not None:
            panel.shutdown()

