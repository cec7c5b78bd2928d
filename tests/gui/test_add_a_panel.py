"""Adding a panel is one file plus one line in the registry: a toy panel, written here and
registered the way registry.py says, has its dock in the window (in its default place, built
when shown, drawing what it reads), its entry in the View menu, its help on Ctrl+F1 and its
What's This texts, and the layout version follows. No other file names it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels import registry
from lenet_gui.gui.panels._base import Panel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

BUTTON_TEXT = "Counts the snapshots the toy panel has drawn: a control with a text of its own."


class ToyPanel(Panel):
    name = "toy"
    title = QT_TRANSLATE_NOOP("MainWindow", "Toy")
    help = PanelHelp("Layer C1", "u = x ⋆ w + b",
                     QT_TRANSLATE_NOOP("Help", "A toy panel that counts the snapshots it drew."))
    reads = frozenset({"snapshot"})
    default_area = "bottom"
    default_place = ("tab", "loss")
    whats_this = {"button": QT_TRANSLATE_NOOP("WhatsThis", BUTTON_TEXT)}

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.button = QPushButton("0")
        self.button.setToolTip("Snapshots drawn")
        QVBoxLayout(self).addWidget(self.button)

    def refresh(self) -> None:
        self.button.setText(str(self.refresh_count + 1))


@pytest.fixture
def toy():
    before = registry.layout_version()
    registry.register(ToyPanel)
    assert registry.layout_version() != before  # saved layouts of before fall back to the default
    yield ToyPanel
    registry.PANELS.remove(ToyPanel)
    assert registry.layout_version() == before


def test_a_registered_panel_has_its_dock_menu_entry_help_and_whats_this(toy, make_window, qtbot):
    w = make_window()
    dock = w.docks["toy"]
    assert dock.windowTitle() == "Toy"
    assert dock in w.tabifiedDockWidgets(w.docks["loss"])  # its default place
    dock.show()
    dock.raise_()
    panel = w.panel("toy")
    assert isinstance(panel, ToyPanel) and panel.scheduler is w.scheduler
    qtbot.waitUntil(lambda: panel.refresh_count > 0, timeout=5000)  # it drew the snapshot

    toggle = next(a for a in w.view_menu.actions() if a.text() == "Toy")
    toggle.trigger()
    assert not dock.isVisible()
    toggle.trigger()
    assert dock.isVisible()
    assert w.help_actions["toy"] in w.panel_help_menu.actions()
    assert w.export_actions["toy"][0] in w.export_menu.actions()

    assert panel.button.whatsThis() == BUTTON_TEXT
    for explained in (panel, dock):  # a click on any other spot of it: its help
        assert "A toy panel that counts the snapshots it drew." in explained.whatsThis()

    dock.raise_()
    qtbot.waitUntil(panel.button.isVisible, timeout=2000)
    panel.button.setFocus()
    qtbot.waitUntil(lambda: panel.button.hasFocus(), timeout=2000)
    QTest.keyClick(w, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    box = w.findChild(QMessageBox, "panel_help_toy")
    assert box is not None
    for part in ("Toy", "A toy panel that counts the snapshots it drew.", "Layer C1",
                 "u = x ⋆ w + b"):
        assert part in box.text(), part
    box.close()


def test_a_panel_must_describe_itself_and_name_an_earlier_place():
    class Nameless(ToyPanel):
        name = ""

    class Lost(ToyPanel):
        name = "lost"
        default_place = ("tab", "no such panel")

    class Twin(ToyPanel):
        name = "loss"

    before = list(registry.PANELS)
    for cls in (Nameless, Lost, Twin):
        with pytest.raises(ValueError):
            registry.register(cls)
    assert registry.PANELS == before
