"""The window's actions, toolbar, menus and status bar, and every text the window sets itself
(retranslated on LanguageChange), the interface language and the help dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QWhatsThis,
)

from lenet_gui.gui import i18n
from lenet_gui.gui.i18n import LANGUAGES
from lenet_gui.gui.i18n import SETTINGS_KEY as LANGUAGE_KEY

from .. import help as app_help
from .. import whats_this
from ..panels import registry
from ..panels.stepper.widgets import ElidedLabel
from ..session import SPEED_STEPS, delay_for_speed

translate = QCoreApplication.translate
PROBE_TEXT_WIDTH = 220  # px the toolbar keeps for the probe's text: its usual length


class ProbeText(ElidedLabel):
    """The probe's label and the network's answer in the toolbar. It asks the toolbar for a
    fixed width, takes more where the toolbar has room and ends in "…" where it has not: a
    toolbar sized by its text put the perspective buttons behind its » menu on a 1280-pixel
    screen once the text grew (test #1234, 100 %) or Train became Resume."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(PROBE_TEXT_WIDTH, super().sizeHint().height())


class ActionsMixin:
    """The MainWindow's actions, menus, toolbar and texts."""

    def _action(self, slot, shortcut=None, name: str = "") -> QAction:
        """An action without text: retranslate_ui() gives every action its text and tip."""
        a = QAction(self)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        self.train_action = self._action(self._on_train_triggered, Qt.Key.Key_Space, "train")
        self.step_action = self._action(self._on_step_triggered, Qt.Key.Key_Right, "step")
        self.stop_action = self._action(self._on_stop_triggered, "Ctrl+.", "stop")
        self.reset_action = self._action(self._on_reset_weights, "Ctrl+R", "new_run")
        self.open_workspace_action = self._action(self._on_open_workspace, SK.Open,
                                                  "open_workspace")
        self.save_workspace_action = self._action(self._on_save_workspace, SK.Save,
                                                  "save_workspace")
        self.open_action = self._action(self._on_open_checkpoint, "Ctrl+Shift+O",
                                        "open_checkpoint")
        self.save_action = self._action(self._on_save_checkpoint, "Ctrl+Shift+S",
                                        "save_checkpoint")
        self.export_window_action = self._action(self._on_export_window, "Ctrl+E",
                                                 "export_window")
        self.export_csv_action = self._action(self._on_export_csv, "Ctrl+Shift+E", "export_csv")
        self.quit_action = self._action(self.close, SK.Quit, "quit")
        self.reset_layout_action = self._action(self.reset_layout, "Ctrl+Shift+R", "reset_layout")
        self.shortcuts_action = self._action(self.show_shortcuts, SK.HelpContents, "shortcuts")
        self.about_action = self._action(self.show_about, None, "about")
        self.panel_help_action = self._action(self._on_panel_help, "Ctrl+F1", "panel_help")
        # Qt's own What's This? action: Shift+F1 enters the mode, a click then shows the text
        # of what it lands on (gui/whats_this); its text is set in retranslate_ui.
        self.whats_this_action = QWhatsThis.createAction(self)
        self.whats_this_action.setObjectName("whats_this")
        self.whats_this_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.export_actions: dict[str, tuple[QAction, QAction]] = {}
        self.help_actions: dict[str, QAction] = {}
        self.language_actions: dict[str, QAction] = {}

    def _build_toolbar(self) -> None:
        self.toolbar = tb = self.addToolBar("")
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
        self.probe_label = QLabel()
        tb.addWidget(self.probe_label)
        self.probe_spin = QSpinBox()
        self.probe_spin.setObjectName("probe_spin")
        self.probe_spin.setRange(0, 0)
        self.probe_spin.valueChanged.connect(self._on_probe_index_changed)
        tb.addWidget(self.probe_spin)
        self.probe_image = QLabel()
        # The 32×32 network input pixel for pixel (it was scaled to 36, some pixels doubled);
        # the toolbar is then 8 pixels lower, which a 720-pixel screen needs.
        self.probe_image.setFixedSize(32, 32)
        tb.addWidget(self.probe_image)
        self.probe_text = ProbeText()
        tb.addWidget(self.probe_text)

    def _build_menus(self) -> None:
        mb = self.menuBar()
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
        self.view_menu = mb.addMenu("")
        self.language_menu = QMenu(self)
        self.language_menu.setObjectName("language_menu")
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            a = QAction(name, self, checkable=True)  # each language in its own words
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

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        sb.addPermanentWidget(self.status_label)
        sb.addPermanentWidget(self.progress_bar)
        self._status_text: Callable[[], str] = lambda: translate("MainWindow", "Ready")

    def retranslate_ui(self) -> None:
        """Every text the window sets itself, in the current language (LanguageChange)."""
        self._show_title()
        texts = (
            (self.step_action, translate("MainWindow", "Step"),
             translate("MainWindow", "Train exactly one mini-batch, then stay paused (→)")),
            (self.stop_action, translate("MainWindow", "Stop"),
             translate("MainWindow", "End this training run (Ctrl+.)")),
            (self.reset_action, translate("MainWindow", "New run"),
             translate("MainWindow", "Start a new run from random weights; the current run stays "
                       "in the Runs panel (Ctrl+R)")),
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
        self.probe_label.setText(translate("MainWindow", " Probe: test image # "))
        self.probe_label.setToolTip(translate("MainWindow", "The sample every panel shows"))
        self.probe_spin.setToolTip(translate("MainWindow", "Index of the test image shown in every panel"))
        self.probe_image.setToolTip(translate("MainWindow", "The probe sample as the network sees it"))
        self.probe_text.setToolTip(translate("MainWindow", "The probe's true label and the network's answer"))
        self.status_label.setToolTip(translate("MainWindow", "Epoch, batch, training speed and time left"))
        self.progress_bar.setToolTip(translate("MainWindow", "Progress of the data load or of the training run"))
        for cls in registry.PANELS:
            dock = self.docks.get(cls.name)
            if dock is None:
                continue
            title = translate("MainWindow", cls.title)
            dock.setWindowTitle(title)
            dock.setToolTip(translate("MainWindow", "{0}: right-click the title to export it or to ask what it "
                                    "shows").format(title))
            dock.toggleViewAction().setToolTip(
                translate("MainWindow", "Show or hide the {0} panel").format(title))
            png, svg = self.export_actions[cls.name]
            png.setText(translate("MainWindow", "{0} as PNG…").format(title))
            svg.setText(translate("MainWindow", "{0} as SVG…").format(title))
            for a in (png, svg):
                a.setToolTip(translate("MainWindow", "Save a picture of the {0} panel").format(title))
            self.help_actions[cls.name].setText(title)
            self.help_actions[cls.name].setToolTip(
                translate("MainWindow", "What the {0} panel shows, with the course's section and formula")
                .format(title))
        if hasattr(self, "perspective_menu"):
            self._retranslate_perspectives()
        self._retranslate_timeline()
        self._show_training_state()
        self._on_speed_changed(self.speed_slider.value())
        self._update_probe_text()
        self.status_label.setText(self._status_text())
        whats_this.apply_window(self, {name: self.panel_help_html(name) for name in self.docks})

    def _set_status(self, text: str | Callable[[], str]) -> None:
        """`text`, or a function giving it in the current language (kept for LanguageChange)."""
        self._status_text = text if callable(text) else (lambda: text)
        self.status_label.setText(self._status_text())

    @Slot()
    def show_shortcuts(self):
        dialog = app_help.ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_about(self):
        return app_help.show_about(self)

    @Slot()
    def _on_language_action(self) -> None:
        self.set_language(self.sender().data())

    def set_language(self, language: str) -> bool:
        """Switch the interface language now (every panel retranslates) and remember it."""
        ok = i18n.set_language(language)
        if ok and self.settings is not None:
            self.settings.setValue(LANGUAGE_KEY, i18n.current_language())
            self.settings.sync()
        self._sync_language_actions()
        if not ok:
            QMessageBox.warning(self, translate("MainWindow", "Language"),
                                translate("MainWindow", "The translation could not be loaded."))
        return ok

    def _sync_language_actions(self) -> None:
        current = i18n.current_language()
        for code, a in self.language_actions.items():
            a.setChecked(code == current)

    @Slot(int)
    def _on_speed_changed(self, position: int) -> None:
        delay = delay_for_speed(position)
        if delay == 0:
            self.speed_value.setText(translate("MainWindow", "full speed"))
        elif delay >= 0.1:
            self.speed_value.setText(translate("MainWindow", "{0:.1f} s / batch").format(delay))
        else:
            self.speed_value.setText(translate("MainWindow", "+{0:.0f} ms / batch").format(delay * 1000))
        if self.control is not None:
            self.control.set_delay(delay)
