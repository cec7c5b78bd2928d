"""What a user can read in the main window now: the one walk of its visible texts that the
language tests share (test_no_english.py, test_i18n.py)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QModelIndex, Qt
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
