"""No visible string of the Chinese interface is left in English.

The real main window is built in Chinese; every dock of DOCKS is shown in turn (generically, so
panels added later are walked too), the stepper goes through every one of its steps, and the
walk reads every text a user can see: labels, buttons, group boxes, tabs, combo items, table
and tree headers and cells, menus and their actions, the toolbar, tooltips and What's This
texts, the pyqtgraph plots' titles, axis labels, legends and text items, the window title.
A Latin word of three letters or more is English unless it is on ALLOWED, the explicit list of
names and formula symbols the Chinese interface keeps on purpose."""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabBar,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from lenet_gui.gui import i18n
from lenet_gui.gui.window.docks import DOCKS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

WORD = re.compile(r"[A-Za-z]{3,}")

# Words the Chinese interface keeps, each a name or a piece of a formula, never a sentence.
ALLOWED = {
    # names of the network, the data, the course's source and the libraries
    "LeNet", "MNIST", "LeCun", "HHCV", "Studio", "PyTorch", "NumPy", "OpenBLAS", "PySide",
    "Qt", "Fashion",
    # the course's layer names and symbols (C1 … F7 are short; these are longer)
    "INPUT", "OUTPUT", "Softmax", "softmax", "Cbn", "msk", "RBF",
    # activation functions and maths written as in formulas
    "tanh", "sigmoid", "ReLU", "max", "min", "log", "exp", "argmax", "sqrt", "clip", "sign",
    # the colour map's name (matplotlib's and pyqtgraph's)
    "viridis",
    # the course's Chinese text itself writes "max-pooling 算法" and "mean-pooling"
    "pooling", "mean",
    # file formats and methods named by their abbreviation
    "PNG", "CSV", "SVG", "GIF", "APNG", "JSON", "IDX", "FGSM", "PCA", "SGD", "NaN", "npz", "JPEG", "gz",
    # the language menu names each language in its own language
    "English",
    # number formats and dtypes
    "float", "int",
    # keys named on the keyboard (shortcut hints: Ctrl+R, Shift+F1, Alt+Left …)
    "Ctrl", "Shift", "Alt", "Esc", "Space", "Home", "End", "Left", "Right", "Del", "Delete",
    "PgUp", "PgDown", "Escape", "Enter", "Return",
}


# The course's own section headings, quoted as the course writes them (the course is Chinese with
# English headings: "Layer C3", "Gradient in Layer C1", "Cost function" …): titles, cited as a
# Chinese text cites an English book, never sentences of the interface.
COURSE_HEADING = re.compile(
    r"(Gradient in )?Layer (INPUT|Output|Softmax|[CSF][1-7])|Gradient in Softmax Net|"
    r"Architecture of this Course|Cost function|Cross Entropy Loss Function|Gradient Descent|"
    r"神经元 Neuron")


def _plain(text: str) -> str:
    text = COURSE_HEADING.sub(" ", text)
    text = re.sub(r"\$[^$]*\$", " ", text)  # a formula in mathtext: symbols, not words
    text = re.sub(r"<[^>]+>", " ", text)  # rich text tags
    return re.sub(r"&[a-z]+;", " ", text)  # and entities


def english_words(text: str) -> list[str]:
    """The Latin words of `text` (3+ letters) not on ALLOWED. Keyboard accelerators ("&F")
    and rich-text tags are not words."""
    plain = _plain(text)
    return [w for w in WORD.findall(plain) if w not in ALLOWED]


def _item_view_texts(view: QAbstractItemView, name: str) -> list[tuple[str, str]]:
    """Headers and cells (text and tooltip) of a table, tree or list."""
    out = []
    if isinstance(view, QTreeWidget):
        head = view.headerItem()
        out += [(f"{name}.header", head.text(c)) for c in range(head.columnCount())]
        items = [view.topLevelItem(i) for i in range(min(view.topLevelItemCount(), 200))]
        while items:
            it = items.pop()
            for c in range(it.columnCount()):
                out += [(f"{name}.item", it.text(c)), (f"{name}.item tip", it.toolTip(c))]
            items += [it.child(i) for i in range(min(it.childCount(), 50))]
        return out
    if isinstance(view, QTableWidget):
        for c in range(view.columnCount()):
            h = view.horizontalHeaderItem(c)
            out.append((f"{name}.header", h.text() if h else ""))
        for r in range(view.rowCount()):
            h = view.verticalHeaderItem(r)
            out.append((f"{name}.row header", h.text() if h else ""))
            for c in range(view.columnCount()):
                it = view.item(r, c)
                if it is not None:
                    out += [(f"{name}[{r},{c}]", it.text()), (f"{name}[{r},{c}] tip", it.toolTip())]
        return out
    if isinstance(view, QListWidget):
        for i in range(view.count()):
            out += [(f"{name}[{i}]", view.item(i).text()), (f"{name}[{i}] tip", view.item(i).toolTip())]
        return out
    model = view.model()  # a model of the application's own
    if model is None or type(model).__module__.startswith("PySide6"):
        return out  # Qt's own (e.g. a combo box's list: its items are read from the combo)
    root = QModelIndex()
    try:
        cols = model.columnCount(root)
    except TypeError:  # QAbstractListModel keeps columnCount private: one column
        cols = 1
    for orient, count in ((Qt.Orientation.Horizontal, cols),
                          (Qt.Orientation.Vertical, model.rowCount(root))):
        for i in range(min(count, 200)):
            v = model.headerData(i, orient, Qt.ItemDataRole.DisplayRole)
            if isinstance(v, str):
                out.append((f"{name}.header", v))
    for r in range(min(model.rowCount(root), 200)):
        for c in range(cols):
            idx = model.index(r, c, root)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                v = model.data(idx, role)
                if isinstance(v, str):
                    out.append((f"{name}[{r},{c}]", v))
    return out


def _scene_texts(view: pg.GraphicsView, name: str) -> list[tuple[str, str]]:
    """Titles, axis labels, legends and text items of a pyqtgraph view."""
    out = []
    for item in view.scene().items():
        if not item.isVisible():
            continue
        if isinstance(item, pg.AxisItem):
            if item.label.isVisible():
                out.append((f"{name}.axis", item.labelText + " " + item.labelUnits))
        elif isinstance(item, pg.LabelItem):
            out.append((f"{name}.label", item.text or ""))
        elif isinstance(item, pg.TextItem):
            out.append((f"{name}.text", item.textItem.toPlainText()))
    return out


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) of everything a user can read in the window now."""
    out = [("window title", window.windowTitle())]
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        out.append((name + ".toolTip", w.toolTip()))
        out.append((name + ".whatsThis", w.whatsThis()))
        if isinstance(w, QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QDockWidget):
            out.append((name, w.windowTitle()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QComboBox):
            out += [(f"{name}[{i}]", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            out += [(f"{name}.tab{i}", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append((name + ".placeholder", w.placeholderText()))
        elif isinstance(w, QAbstractItemView):
            out += _item_view_texts(w, name)
        elif isinstance(w, pg.GraphicsView):
            out += _scene_texts(w, name)
        if hasattr(w, "prefix") and hasattr(w, "suffix"):  # spin boxes
            out += [(name + ".prefix", w.prefix()), (name + ".suffix", w.suffix())]
        if hasattr(w, "placeholder_text"):  # widgets that paint a placeholder themselves
            out.append((name + ".placeholder", w.placeholder_text()))
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    menus += window.findChildren(QMenu)
    seen = set()
    while menus:
        menu = menus.pop()
        if id(menu) in seen:
            continue
        seen.add(id(menu))
        out.append(("menu", menu.title()))
        for a in menu.actions():
            if a.menu() is not None:
                menus.append(a.menu())
            elif not a.isSeparator():
                out += [("action " + a.objectName(), a.text()),
                        ("action tip " + a.objectName(), a.toolTip()),
                        ("action whatsThis " + a.objectName(), a.whatsThis())]
    for a in window.toolbar.actions():
        out += [("toolbar", a.text()), ("toolbar tip", a.toolTip())]
    return [(where, t) for where, t in out if t]


def english_left(texts) -> list[tuple[str, str, list[str]]]:
    return [(where, text, words) for where, text in texts if (words := english_words(text))]


def collect_everything(w, qtbot) -> list[tuple[str, str]]:
    """Show every dock of DOCKS in turn (and every step of the stepper) and gather its texts."""
    texts = []
    for spec in DOCKS:
        dock = w.dock(spec.name)
        dock.show()
        dock.raise_()
        panel = w.panel(spec.name)
        qtbot.wait(30)
        w.state.wait_for_trace(10000)
        qtbot.wait(30)
        if spec.name == "stepper":
            qtbot.waitUntil(lambda p=panel: p.walk is not None, timeout=10000)
            for i in range(len(panel.walk.steps)):
                panel.show_step(i)
                qtbot.wait(10)
                texts += visible_texts(w)
                for q, _view in list(panel.views):  # each quantity's largest entry, its terms
                    a = np.abs(np.asarray(q.maps, np.float64))
                    t, r, c = np.unravel_index(int(np.argmax(a)), a.shape)
                    panel.select(q, q.locate(int(t), int(r), int(c)))
                    if panel.check_button.isEnabled():
                        panel.run_check()
                    texts += visible_texts(w)
        texts += visible_texts(w)
    return texts


def test_allow_list_is_names_only():
    """The checker itself: English is found, names and formulas are not."""
    assert english_words("← winner") == ["winner"]
    assert english_words("LeNet-5 on MNIST, f = tanh, max-pooling, run 1") == ["run"]
    assert english_words("$\\delta(u_{f7_i}) = \\delta(f7_i)$ (no f at F7)") == []
    assert english_words("特征图 C1 · 6@28×28, δ(u_c3) = 0.1") == []
    assert english_words("<b>参数</b> &amp; 文件(&F)") == []
    # a cited course heading is a title; the words around it still count
    assert english_words("（课程：Layer C3；Gradient in Layer C1；Cost function）") == []
    assert english_words("Layer C3 is a convolutional layer") == ["convolutional", "layer"]
    assert english_words("Layer of the net") == ["Layer", "the", "net"]


def test_chinese_window_shows_no_english_word(make_window, qtbot, settings_path):
    # A Chinese user: the language is saved, so the window (and its first run) starts in it.
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue(i18n.SETTINGS_KEY, "zh_CN")
    s.sync()
    w = make_window()
    try:
        assert i18n.current_language() == "zh_CN"
        qtbot.wait(50)
        texts = collect_everything(w, qtbot)
        assert len(texts) > 300
        bad = english_left(texts)
        distinct = {re.sub(r"\d+", "#", text): (where, text, words) for where, text, words in bad}
        report = "\n".join(f"{where}: {text!r} -> {words}" for where, text, words in
                           sorted(distinct.values()))
        assert not bad, f"{len(bad)} texts with English words:\n{report[:20000]}"
    finally:
        i18n.set_language("en")
    # a negative control: the same walk in English finds English
    qtbot.wait(50)
    assert len(english_left(visible_texts(w))) > 50
