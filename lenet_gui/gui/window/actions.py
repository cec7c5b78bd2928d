"""The window's actions, toolbar and menus, and every text they show (retranslated on
LanguageChange), the interface language and the help dialogs. The actions controller is handed
the parts whose commands its actions trigger and calls only what they offer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QWhatsThis,
)

from lenet_gui.gui import help as app_help
from lenet_gui.gui import i18n
from lenet_gui.gui.i18n import LANGUAGES
from lenet_gui.gui.i18n import SETTINGS_KEY as LANGUAGE_KEY
from lenet_gui.gui.session import SPEED_STEPS, TrainingSession, delay_for_speed
from lenet_gui.gui.state import AppState
from lenet_gui.gui.timeline.window import TimelineControls
from lenet_gui.gui.window.docks import DockHost
from lenet_gui.gui.window.files import FilesController
from lenet_gui.gui.window.perspectives import PERSPECTIVES, Perspectives
from lenet_gui.gui.window.probe import ProbePicker
from lenet_gui.gui.window.runs import RunsController

translate = QCoreApplication.translate


class ActionsController(QObject):
    """Every action of the window, its training toolbar and its menus. It is handed the window
    (the actions' shortcuts act in it; the toolbar and the menu bar are its), the state (the
    Train action follows the training state), the settings (the language is remembered there),
    and the parts it triggers or places: the training session, the runs, the files, the docks,
    the perspectives, the timeline's controls and the probe picker."""

    def __init__(self, window: QMainWindow, state: AppState, settings: QSettings | None,
                 session: TrainingSession, runs: RunsController, files: FilesController,
                 docks: DockHost, perspectives: Perspectives, timeline: TimelineControls,
                 probe: ProbePicker) -> None:
        super().__init__(window)
        self._window = window
        self._state = state
        self._settings = settings
        self._session = session
        self._files = files
        self._docks = docks
        self._perspectives = perspectives
        self._timeline = timeline
        self.export_actions: dict[str, tuple[QAction, QAction]] = {}
        self.help_actions: dict[str, QAction] = {}
        self.language_actions: dict[str, QAction] = {}
        SK = QKeySequence.StandardKey
        self.train_action = self._action(session.toggle, Qt.Key.Key_Space, "train")
        self.step_action = self._action(session.step, Qt.Key.Key_Right, "step")
        self.stop_action = self._action(session.stop, "Ctrl+.", "stop")
        self.reset_action = self._action(runs.new_run_from_random_weights, "Ctrl+R", "new_run")
        self.finetune_action = self._action(self._on_finetune, None, "finetune")
        self.open_workspace_action = self._action(files.ask_open_workspace, SK.Open,
                                                  "open_workspace")
        self.save_workspace_action = self._action(files.ask_save_workspace, SK.Save,
                                                  "save_workspace")
        self.open_action = self._action(files.ask_open_checkpoint, "Ctrl+Shift+O",
                                        "open_checkpoint")
        self.save_action = self._action(files.ask_save_checkpoint, "Ctrl+Shift+S",
                                        "save_checkpoint")
        self.export_window_action = self._action(files.ask_export_window, "Ctrl+E",
                                                 "export_window")
        self.export_csv_action = self._action(files.ask_export_csv, "Ctrl+Shift+E", "export_csv")
        self.quit_action = self._action(window.close, SK.Quit, "quit")
        self.reset_layout_action = self._action(perspectives.reset_layout, "Ctrl+Shift+R",
                                                "reset_layout")
        self.shortcuts_action = self._action(self.show_shortcuts, SK.HelpContents, "shortcuts")
        self.about_action = self._action(self.show_about, None, "about")
        self.panel_help_action = self._action(self._on_panel_help, "Ctrl+F1", "panel_help")
        # Qt's own What's This? action: Shift+F1 enters the mode, a click then shows the text
        # of what it lands on (gui/whats_this); its text is set in retranslate.
        self.whats_this_action = QWhatsThis.createAction(window)
        self.whats_this_action.setObjectName("whats_this")
        self.whats_this_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._probe = probe
        self._build_toolbar()
        self._build_menus()
        docks.menu_requested.connect(self._on_dock_menu_requested)
        state.changed.connect(self._on_state_changed)
        self._sync_language_actions()
        self._show_training_state()

    def _action(self, slot, shortcut=None, name: str = "") -> QAction:
        """An action without text: retranslate() gives every action its text and tip."""
        a = QAction(self._window)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        return a

    def _build_toolbar(self) -> None:
        self.toolbar = tb = self._window.addToolBar("")
        tb.setObjectName("toolbar_training")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.train_action, self.step_action, self.stop_action, self.reset_action):
            tb.addAction(a)
        tb.addSeparator()
        self.speed_label = QLabel()
        tb.addWidget(self.speed_label)
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setObjectName("speed_slider")
        self.speed_slider.setRange(0, SPEED_STEPS)
        self.speed_slider.setValue(SPEED_STEPS)
        # The toolbar must fit a 1280-pixel screen in English, its longest language (with
        # Resume for Train): else the last perspective buttons hide behind its » menu.
        self.speed_slider.setFixedWidth(80)
        self.speed_slider.valueChanged.connect(self._on_speed_changed)
        tb.addWidget(self.speed_slider)
        self.speed_value = QLabel()
        self.speed_value.setMinimumWidth(95)
        tb.addWidget(self.speed_value)
        tb.addSeparator()
        self._probe.add_to(tb)
        tb.addSeparator()
        tb.addWidget(self._perspectives.label)
        for p in PERSPECTIVES:
            tb.addAction(self._perspectives.actions[p.name])

    def _build_menus(self) -> None:
        mb = self._window.menuBar()
        self.file_menu = file_menu = mb.addMenu("")
        for a in (self.open_workspace_action, self.save_workspace_action, None,
                  self.open_action, self.save_action, None):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        self.export_menu = file_menu.addMenu("")
        self.export_menu.setObjectName("export_menu")
        self.export_menu.addAction(self.export_window_action)
        self.export_menu.addAction(self.export_csv_action)
        self.export_menu.addSeparator()
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.train_menu = train_menu = mb.addMenu("")
        for a in (self.train_action, self.step_action, self.stop_action, self.reset_action):
            train_menu.addAction(a)
        train_menu.addAction(self.finetune_action)
        train_menu.addSeparator()
        train_menu.addMenu(self._timeline.menu)
        self.view_menu = mb.addMenu("")
        self.view_menu.addMenu(self._perspectives.menu)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self._window)
        self.language_menu.setObjectName("language_menu")
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            a = QAction(name, self._window, checkable=True)  # each language in its own words
            a.setData(code)
            a.setObjectName(f"language_{code}")
            group.addAction(a)
            a.triggered.connect(self._on_language_action)
            self.language_menu.addAction(a)
            self.language_actions[code] = a
        self.help_menu = mb.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.whats_this_action)
        self.help_menu.addAction(self.panel_help_action)
        self.panel_help_menu = self.help_menu.addMenu("")
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        for name in self._docks.docks:  # each dock: its View toggle, its export and its help
            self.view_menu.addAction(self._docks.dock(name).toggleViewAction())
            png = QAction(self._window, objectName=f"export_{name}_png")
            svg = QAction(self._window, objectName=f"export_{name}_svg")
            png.setData((name, "png"))
            svg.setData((name, "svg"))
            png.triggered.connect(self._on_export_action)
            svg.triggered.connect(self._on_export_action)
            self.export_menu.addAction(png)
            self.export_menu.addAction(svg)
            self.export_actions[name] = (png, svg)
            help_action = QAction(self._window, objectName=f"help_{name}")
            help_action.setData(name)
            help_action.triggered.connect(self._on_help_action)
            self.panel_help_menu.addAction(help_action)
            self.help_actions[name] = help_action
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)

    def retranslate(self) -> None:
        """Every text of the actions, the toolbar and the menus, in the current language."""
        texts = (
            (self.step_action, translate("MainWindow", "Step"),
             translate("MainWindow", "Train exactly one mini-batch, then stay paused (→)")),
            (self.stop_action, translate("MainWindow", "Stop"),
             translate("MainWindow", "End this training run (Ctrl+.)")),
            (self.reset_action, translate("MainWindow", "New run"),
             translate("MainWindow", "Start a new run from random weights; the current run stays "
                       "in the Runs panel (Ctrl+R)")),
            (self.finetune_action, translate("MainWindow", "Fine-tune on my digits…"),
             translate("MainWindow", "A new run from a run's weights, trained on the digits you "
                       "kept (My digits)")),
            (self.open_workspace_action, translate("MainWindow", "Open workspace…"),
             translate("MainWindow", "Restore a saved workspace: configuration, weights and loss history "
                     "(Ctrl+O)")),
            (self.save_workspace_action, translate("MainWindow", "Save workspace…"),
             translate("MainWindow", "Save the configuration, the weights and the loss history (Ctrl+S)")),
            (self.open_action, translate("MainWindow", "Open weights…"),
             translate("MainWindow", "Load weights from a .npz checkpoint (Ctrl+Shift+O)")),
            (self.save_action, translate("MainWindow", "Save weights…"),
             translate("MainWindow", "Save the current weights as a .npz checkpoint (Ctrl+Shift+S)")),
            (self.export_window_action, translate("MainWindow", "Whole window…"),
             translate("MainWindow", "Save a picture of the whole window as PNG or SVG (Ctrl+E)")),
            (self.export_csv_action, translate("MainWindow", "Loss history as CSV…"),
             translate("MainWindow", "Save the loss and accuracy curves as a CSV table (Ctrl+Shift+E)")),
            (self.quit_action, translate("MainWindow", "Quit"), translate("MainWindow", "Close the application")),
            (self.reset_layout_action, translate("MainWindow", "Reset layout"),
             translate("MainWindow", "Put every panel back in its default place (Ctrl+Shift+R)")),
            (self.shortcuts_action, translate("MainWindow", "Keyboard shortcuts"),
             translate("MainWindow", "Every keyboard shortcut of the window (F1)")),
            (self.whats_this_action, translate("MainWindow", "What's This?"),
             translate("MainWindow", "Click any control, plot or colour bar to have it explained "
                       "(Shift+F1)")),
            (self.panel_help_action, translate("MainWindow", "What am I looking at?"),
             translate("MainWindow", "Explain the panel that has the keyboard focus (Ctrl+F1)")),
            (self.about_action, translate("MainWindow", "About LeNet-5 Studio"),
             translate("MainWindow", "Version, licences and the MNIST attribution")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        for code, a in self.language_actions.items():
            a.setToolTip(translate("MainWindow", "Show the interface in {0}").format(LANGUAGES[code]))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.export_menu.setTitle(translate("MainWindow", "&Export"))
        self.export_menu.setToolTip(translate("MainWindow", "Save a panel as a picture, or the loss history"))
        self.train_menu.setTitle(translate("MainWindow", "&Training"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.panel_help_menu.setTitle(translate("MainWindow", "Panels"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Training"))
        self.speed_label.setText(translate("MainWindow", " Speed "))
        self.speed_label.setToolTip(translate("MainWindow", "Slow motion: from about one batch a second to full "
                                            "speed"))
        self.speed_slider.setToolTip(translate("MainWindow", "Training speed: left is slow motion (about one "
                                             "batch a second), right is full speed"))
        self.speed_value.setToolTip(translate("MainWindow", "The pause after each batch"))
        self._probe.retranslate()
        for name in self._docks.docks:
            title = self._docks.dock_title(name)
            png, svg = self.export_actions[name]
            png.setText(translate("MainWindow", "{0} as PNG…").format(title))
            svg.setText(translate("MainWindow", "{0} as SVG…").format(title))
            for a in (png, svg):
                a.setToolTip(translate("MainWindow", "Save a picture of the {0} panel").format(title))
            self.help_actions[name].setText(title)
            self.help_actions[name].setToolTip(
                translate("MainWindow", "What the {0} panel shows, with the course's section and formula")
                .format(title))
        self._show_training_state()
        self._show_speed(self.speed_slider.value())

    # ----------------------------------------------------------------- training

    @Slot(str)
    def _on_state_changed(self, topic: str) -> None:
        if topic in ("training", "data", "snapshot"):
            self._show_training_state()

    def _show_training_state(self) -> None:
        """The Train action says what it will do (Train, Pause, Resume); Train and Step need
        data and weights, Stop a run that trains."""
        state = self._state
        texts = {"running": (translate("MainWindow", "Pause"), translate("MainWindow", "Pause training (Space)")),
                 "paused": (translate("MainWindow", "Resume"), translate("MainWindow", "Continue training (Space)"))}
        text, tip = texts.get(state.training,
                              (translate("MainWindow", "Train"), translate("MainWindow", "Start training (Space)")))
        self.train_action.setText(text)
        self.train_action.setToolTip(tip)
        self.train_action.setStatusTip(tip)
        ready = state.data is not None and state.snapshot is not None
        self.train_action.setEnabled(ready)
        self.step_action.setEnabled(ready)
        self.stop_action.setEnabled(state.training in ("running", "paused"))

    @Slot(int)
    def _on_speed_changed(self, position: int) -> None:
        self._show_speed(position)
        self._session.set_delay(delay_for_speed(position))

    def _show_speed(self, position: int) -> None:
        delay = delay_for_speed(position)
        if delay == 0:
            self.speed_value.setText(translate("MainWindow", "full speed"))
        elif delay >= 0.1:
            self.speed_value.setText(translate("MainWindow", "{0:.1f} s / batch").format(delay))
        else:
            self.speed_value.setText(translate("MainWindow", "+{0:.0f} ms / batch").format(delay * 1000))

    # ----------------------------------------------------------------- docks and help

    @Slot()
    def _on_export_action(self) -> None:
        name, fmt = self.sender().data()
        self._files.ask_export_panel(name, fmt)

    @Slot(str, QPoint)
    def _on_dock_menu_requested(self, name: str, where: QPoint) -> None:
        self.dock_menu(name).popup(where)

    def dock_menu(self, name: str) -> QMenu:
        """The context menu of a dock's title: export it, or what am I looking at?"""
        menu = QMenu(self._window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.help_actions[name])
        menu.addSeparator()
        for a in self.export_actions[name]:
            menu.addAction(a)
        self._timeline.add_export_action(menu, name)
        return menu

    @Slot()
    def _on_help_action(self) -> None:
        self.show_panel_help(self.sender().data())

    def show_panel_help(self, name: str):
        return self._docks.show_panel_help(name)

    @Slot()
    @Slot()
    def _on_finetune(self) -> None:
        self._state.request_run("finetune")  # the runs ask how, then make the run

    def _on_panel_help(self) -> None:
        """Ctrl+F1: the panel holding the keyboard focus (else the shortcuts)."""
        w = QApplication.focusWidget()
        while w is not None and not isinstance(w, QDockWidget):
            w = w.parentWidget()
        if w is not None and w.objectName() in self._docks.docks:
            self.show_panel_help(w.objectName())
        else:
            self.show_shortcuts()

    @Slot()
    def show_shortcuts(self):
        dialog = app_help.ShortcutsDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_about(self):
        return app_help.show_about(self._window)

    # ----------------------------------------------------------------- the language

    @Slot()
    def _on_language_action(self) -> None:
        self.set_language(self.sender().data())

    def set_language(self, language: str) -> bool:
        """Switch the interface language now (every panel retranslates) and remember it."""
        ok = i18n.set_language(language)
        if ok and self._settings is not None:
            self._settings.setValue(LANGUAGE_KEY, i18n.current_language())
            self._settings.sync()
        self._sync_language_actions()
        if not ok:
            QMessageBox.warning(self._window, translate("MainWindow", "Language"),
                                translate("MainWindow", "The translation could not be loaded."))
        return ok

    def _sync_language_actions(self) -> None:
        current = i18n.current_language()
        for code, a in self.language_actions.items():
            a.setChecked(code == current)
