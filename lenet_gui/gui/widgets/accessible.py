"""What a screen reader is told and where the keyboard's focus is: the one place of the window's
accessibility, so that a panel author gets it by writing nothing or one method.

- **Names of controls.** `name_controls(root)` makes every label that stands just before a
  control or a picture in its layout (a form's label, a caption over a heatmap, a "Speed" in a
  toolbar) that widget's buddy, which is where Qt's accessibility takes the widget's name from;
  an icon-only button is named by its tooltip (without the "(shortcut)" at its end). A control
  whose label is elsewhere gets `setAccessibleName(...)` where its texts are set.
- **Descriptions of pictures.** A picture (a pyqtgraph view, a widget of this package that
  paints itself, a label showing a pixmap) is described in the course's terms by its
  `describe_content() -> str` if it has one, else by `describe_plots` (every curve's last value
  and trend, every image's range). Descriptions are computed off the frame: `due(widget)`
  (called by the heatmaps, the bars and every panel's refresh) only notes the widget, and a
  timer describes what is due at most DESCRIBE_MS later, so training's frames never wait.
  Only while an assistive technology reads Qt's accessibility tree (`listening()`, Qt's own
  test before it sends an accessibility event): with none, what is due waits, and a reader
  that connects finds it described within LISTEN_MS + DESCRIBE_MS. While training, the
  passes took ~3.6 % of a core on the GUI thread, for nobody.
- **The focus mark.** `FocusMark` draws one thick frame around whatever widget has the keyboard
  focus, over every panel, heatmaps included, in the palette's highlight colour.

`unnamed_and_undescribed(root)` walks Qt's accessibility tree (what a screen reader is given)
and reports what has no name or no description; the tests and the AT-SPI dump use it.
"""

from __future__ import annotations

import re
import weakref

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QAccessible, QColor, QPainter, QPalette, QPen, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QToolBar,
    QWidget,
)

translate = QCoreApplication.translate
DESCRIBE_MS = 1000  # a description is at most this old after its picture changed
LISTEN_MS = 2000  # with no assistive technology, whether one has connected is checked this often

# The roles of controls a user operates: each needs a name.
CONTROL_ROLES = frozenset({
    QAccessible.Role.Button, QAccessible.Role.CheckBox, QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox, QAccessible.Role.SpinBox, QAccessible.Role.Slider,
    QAccessible.Role.EditableText, QAccessible.Role.ProgressBar, QAccessible.Role.Table,
    QAccessible.Role.List, QAccessible.Role.Tree, QAccessible.Role.Dial,
    QAccessible.Role.ButtonMenu, QAccessible.Role.ButtonDropDown, QAccessible.Role.PageTab,
})


def fmt(value: float) -> str:
    return f"{value:.3g}" if np.isfinite(value) else str(value)


def is_picture(w: QWidget) -> bool:
    """A widget that shows something a screen reader must put into words: a pyqtgraph view,
    a widget with `describe_content`, a widget of this package that paints itself, or a label
    that shows a pixmap."""
    if isinstance(w, pg.GraphicsView):
        return True
    if isinstance(w, FocusMark):
        return False
    if hasattr(type(w), "describe_content") or "describe_content" in w.__dict__:
        return True
    if isinstance(w, QLabel):
        pixmap = w.pixmap()
        return pixmap is not None and not pixmap.isNull()
    cls = type(w)
    return (cls.__module__.startswith("lenet_gui.") and "paintEvent" in vars(cls)
            and not isinstance(w, QAbstractButton))


# ------------------------------------------------------------------------------- names


_SHORTCUT_TAIL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _label_before(w: QWidget) -> QLabel | None:
    """The QLabel that stands just before `w` in its parent's layout (a form's label for its
    field; the previous item of a row or column; the cell left of it in a grid)."""
    parent = w.parentWidget()
    layout = parent.layout() if parent is not None else None
    if layout is None:
        return None
    found = _search(layout, w)
    return found if isinstance(found, QLabel) and found.text().strip() else None


def _search(layout: QLayout, w: QWidget):
    if isinstance(layout, QFormLayout):
        label = layout.labelForField(w)
        if label is not None:
            return label
    index = layout.indexOf(w)
    if index >= 0:
        if isinstance(layout, QGridLayout):  # the cell on the left, above, or below
            row, col, _, _ = layout.getItemPosition(index)
            for r, c in ((row, col - 1), (row - 1, col), (row + 1, col)):
                item = layout.itemAtPosition(r, c) if r >= 0 and c >= 0 else None
                if item is not None and isinstance(item.widget(), QLabel) \
                        and item.widget().text().strip():
                    return item.widget()
            return None
        for i in range(index - 1, -1, -1):  # back over empty labels (an unused note)
            before = layout.itemAt(i).widget()
            if not (isinstance(before, QLabel) and not before.text().strip()):
                return before
        return None
    for i in range(layout.count()):
        sub = layout.itemAt(i).layout()
        if sub is not None:
            if isinstance(layout, QFormLayout) and sub.indexOf(w) == 0:
                return layout.labelForField(sub)  # a form's field that is a row of widgets
            found = _search(sub, w)
            if found is not None:
                return found
    return None


def _has_buddy_label(w: QWidget) -> bool:
    parent = w.parentWidget()
    return parent is not None and any(isinstance(o, QLabel) and o.buddy() is w
                                      for o in parent.children())


def own_name(iface) -> str:
    """The name a screen reader hears for `iface`, unless it is only the title of the group
    box around it (Qt's fallback: every spin box of a "Training" box was called "Training")."""
    name = iface.text(QAccessible.Text.Name).strip()
    w = iface.object()
    parent = w.parentWidget() if isinstance(w, QWidget) else None
    if (isinstance(parent, QGroupBox) and name == _strip_amp(parent.title())
            and not w.accessibleName() and not _has_buddy_label(w)):
        return ""
    return name


def _strip_amp(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


# A widget whose name is taken care of carries this dynamic property: it goes with the widget,
# whether Python made it or Qt did (whose wrappers come and go with each walk, see descendants).
SETTLED = "a11y_settled"


def descendants(root: QWidget) -> list[QWidget]:
    """The widgets under `root`, depth first, as `root.findChildren(QWidget)` lists them, but
    without its side effect: PySide keeps the Python wrapper of every widget findChildren
    returns as long as `root` lives, and when Qt deletes a widget it made itself (a scroll
    area's bars, viewport and bar containers) nothing tells PySide, so those wrappers stay
    behind, dead. A panel that builds a scroll area again and again then gathered five dead
    wrappers each time: ~780 scroll areas' worth in a two-hour soak. children() returns
    wrappers that go when the walk is done."""
    found: list[QWidget] = []

    def walk(w: QObject) -> None:
        for c in w.children():
            if isinstance(c, QWidget):
                found.append(c)
                walk(c)

    walk(root)
    return found


def name_controls(root: QWidget, widgets: list[QWidget] | None = None) -> None:
    """Give the unnamed controls and pictures under `root` their names: a label just before
    one becomes its buddy; an icon-only button is named by its tooltip. A widget once named
    (by a buddy, whose text then follows the language, or by a name its panel sets in
    retranslate) is not looked at again: a panel's refresh costs no walk of its widgets'
    accessibility. `widgets`: root and its descendants, when the caller has them already."""
    for w in [root, *descendants(root)] if widgets is None else widgets:
        if w.property(SETTLED):
            continue
        derived = bool(w.property("a11y_derived"))  # named here: named again (language)
        if (w.accessibleName() and not derived) or _has_buddy_label(w):
            w.setProperty(SETTLED, True)
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        if iface is None:
            continue
        control = iface.role() in CONTROL_ROLES
        if not control and not is_picture(w):
            if not isinstance(w, QLabel):  # a label may show a pixmap later
                w.setProperty(SETTLED, True)
            continue
        if own_name(iface) and not derived:
            w.setProperty(SETTLED, True)
            continue
        label = _label_before(w)
        name = None
        if not control and isinstance(w, pg.GraphicsView) and _view_title(w):
            name = _view_title(w)  # its plots' titles, as printed on it
        elif label is not None and re.search(r"<[A-Za-z][^>]*>", label.text()):
            name = QTextDocumentFragment.fromHtml(label.text()).toPlainText()
        elif label is not None and label.buddy() is None:
            label.setBuddy(w)
            w.setProperty(SETTLED, True)
        elif isinstance(w, QAbstractButton) and w.toolTip():
            name = _SHORTCUT_TAIL.sub("", w.toolTip().split("\n")[0])
        elif not control and w.toolTip() and len(w.toolTip()) < 120:
            name = _SHORTCUT_TAIL.sub("", w.toolTip())
        if name is not None and name != w.accessibleName():
            w.setProperty("a11y_derived", True)
            w.setAccessibleName(name)


# ------------------------------------------------------------------------ descriptions


def _curve_text(name: str, x: np.ndarray, y: np.ndarray) -> str:
    ok = np.isfinite(y) & np.isfinite(x)
    x, y = x[ok], y[ok]
    if y.size == 0:
        return translate("Accessibility", "{name}: no values yet").format(name=name)
    if y.size == 1:
        return translate("Accessibility", "{name}: one value, {y} at {x}").format(
            name=name, y=fmt(float(y[0])), x=fmt(float(x[0])))
    tail = y[-max(2, y.size // 10):]  # the trend of the last tenth of the curve
    change = float(tail[-1] - tail[0])
    spread = float(np.ptp(y)) or 1.0
    trend = (translate("Accessibility", "rising") if change > 0.02 * spread else
             translate("Accessibility", "falling") if change < -0.02 * spread else
             translate("Accessibility", "flat"))
    return translate("Accessibility", "{name}: {n} points, last {y} at {x}, {trend}; "
                     "from {lo} to {hi}").format(
        name=name, n=y.size, y=fmt(float(y[-1])), x=fmt(float(x[-1])), trend=trend,
        lo=fmt(float(y.min())), hi=fmt(float(y.max())))


def _plot_title(plot: pg.PlotItem) -> str:
    title = plot.titleLabel.text if plot.titleLabel.isVisible() else ""
    if not title:
        title = plot.getAxis("left").labelText or ""
    return re.sub(r"<[^>]+>", "", title).strip()


def _view_title(view: pg.GraphicsView) -> str:
    plots = [i for i in view.scene().items() if isinstance(i, pg.PlotItem)]
    return "; ".join(t for t in (_plot_title(p) for p in plots) if t)


def describe_plots(view: pg.GraphicsView) -> str:
    """Every plot of a pyqtgraph view in words: its title, each curve's last value and trend,
    each scatter's count, each image's size and range."""
    parts = []
    plots = [i for i in view.scene().items() if isinstance(i, pg.PlotItem) and i.isVisible()]
    for plot in plots:
        texts = []
        for item in plot.listDataItems():
            if not item.isVisible():
                continue
            if isinstance(item, pg.PlotDataItem):
                x, y = item.getData()
                if x is None or y is None:
                    continue
                name = item.name() or translate("Accessibility", "curve")
                texts.append(_curve_text(name, np.asarray(x, float), np.asarray(y, float)))
            elif isinstance(item, pg.ScatterPlotItem):
                if item.data.size:
                    texts.append(translate("Accessibility", "{n} points").format(n=item.data.size))
        for item in plot.items:
            if isinstance(item, pg.ImageItem) and item.image is not None and item.isVisible():
                a = np.asarray(item.image)
                if a.ndim == 2 and a.size:
                    texts.append(translate("Accessibility", "{h}×{w} image, values {lo} to {hi}")
                                 .format(h=a.shape[0], w=a.shape[1], lo=fmt(float(np.nanmin(a))),
                                         hi=fmt(float(np.nanmax(a)))))
        title = _plot_title(plot)
        if texts or title:
            body = "; ".join(texts) if texts else translate("Accessibility", "empty")
            parts.append(f"{title}: {body}" if title else body)
    return ". ".join(parts) if parts else translate("Accessibility", "Empty plot")


def describe(w: QWidget) -> str:
    """The description of a picture: its own `describe_content()`, the plots' words, or what
    its tooltip says."""
    own = getattr(w, "describe_content", None)
    if callable(own):
        return own()
    if isinstance(w, pg.GraphicsView):
        return describe_plots(w)
    return w.toolTip()


def listening() -> bool:
    """Whether an assistive technology (a screen reader, or AT-SPI with
    QT_LINUX_ACCESSIBILITY_ALWAYS_ON) reads Qt's accessibility tree now."""
    return QAccessible.isActive()


class _Describer(QObject):
    """Describes the due pictures and panels at most DESCRIBE_MS after they changed, while
    something listens; otherwise looks every LISTEN_MS whether something does."""

    def __init__(self) -> None:
        super().__init__(QApplication.instance())
        self._due: weakref.WeakSet = weakref.WeakSet()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    def add(self, w: QWidget) -> None:
        self._due.add(w)
        if not self._timer.isActive():
            self._timer.start(DESCRIBE_MS if listening() else LISTEN_MS)

    @Slot()
    def _on_timeout(self) -> None:
        if listening():
            self.flush()
        elif len(self._due):
            self._timer.start(LISTEN_MS)

    @property
    def pending(self) -> bool:
        return bool(len(self._due))

    @Slot()
    def flush(self) -> None:
        due, self._due = list(self._due), weakref.WeakSet()
        for w in due:
            if shiboken6.isValid(w):
                update(w)


_describer: _Describer | None = None


def due(w: QWidget) -> None:
    """`w` (a picture, or a panel with pictures) changed: describe it soon, not now."""
    global _describer
    if _describer is None or not shiboken6.isValid(_describer):
        _describer = _Describer()
    _describer.add(w)


def pending() -> bool:
    return _describer is not None and shiboken6.isValid(_describer) and _describer.pending


def flush() -> None:
    """Describe everything due now (the timer would a moment later)."""
    if _describer is not None and shiboken6.isValid(_describer):
        _describer.flush()


def update(root: QWidget) -> None:
    """Names for the controls and descriptions for the pictures under `root`, now."""
    widgets = [root, *descendants(root)]  # one walk for both
    name_controls(root, widgets)
    window = root.window()
    for w in widgets:
        # The due picture itself always (a new one is shown only on the next event-loop
        # turn, after its first set_maps); the pictures of a due panel while they show.
        if is_picture(w) and (w is root or w.isVisibleTo(window)):
            text = describe(w)
            if text != w.accessibleDescription():
                w.setAccessibleDescription(text)


# ----------------------------------------------------------------------- the focus mark


class FocusMark(QWidget):
    """A frame around the widget that has the keyboard focus, drawn over the window so that
    every widget (a pyqtgraph view draws no focus of its own) shows where the keyboard is.
    One per application; it follows the focus from window to window."""

    WIDTH = 3

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("focus_mark")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(" ")  # a decoration: nothing to read
        self.target: QWidget | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus_changed)
        app.destroyed.connect(self.deleteLater)

    @Slot(object, object)
    def _on_focus_changed(self, _old, new) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = None
        window = new.window() if isinstance(new, QWidget) else None
        if new is None or window is None or window is new or isinstance(new, QToolBar):
            self.hide()
            return
        self.target = new
        new.installEventFilter(self)
        if self.parentWidget() is not window:
            self.setParent(window)
        self._place()

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        if (obj is self.target and ev.type() == QEvent.Type.ShortcutOverride
                and isinstance(obj, QAbstractButton) and ev.key() == Qt.Key.Key_Space
                and not ev.modifiers()):
            ev.accept()  # Space presses the focused button, not the window's Train shortcut
            return False
        if obj is self.target and ev.type() in (QEvent.Type.Move, QEvent.Type.Resize,
                                                QEvent.Type.Show, QEvent.Type.Hide):
            QTimer.singleShot(0, self._place)  # after the layouts moved it
        return False

    @Slot()
    def _place(self) -> None:
        t = self.target
        if t is None or not shiboken6.isValid(t) or not t.isVisible():
            self.hide()
            return
        window = self.parentWidget()
        top_left = t.mapTo(window, t.rect().topLeft())
        r = QRect(top_left, t.size()).adjusted(-self.WIDTH, -self.WIDTH, self.WIDTH, self.WIDTH)
        self.setGeometry(r.intersected(window.rect()))
        self._target_rect = QRect(top_left - self.pos(), t.size())
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, ev) -> None:  # noqa: N802
        p = QPainter(self)
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        if colour.lightness() > 200 or colour.saturation() < 60:
            colour = QColor("#0050c8")
        pen = QPen(colour, self.WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        p.setPen(pen)
        half = self.WIDTH / 2
        r = self.rect()
        p.drawRect(r.adjusted(int(half), int(half), -int(half + 1), -int(half + 1)))
        p.end()


_mark: FocusMark | None = None


def install_focus_mark() -> FocusMark:
    """The application's focus mark (made once)."""
    global _mark
    if _mark is None or not shiboken6.isValid(_mark):
        _mark = FocusMark()
    return _mark


# ------------------------------------------------------------------ cells by keyboard


class GridKeys(QObject):
    """The keyboard over a grid of cells drawn in a widget (a confusion matrix): the arrows
    move a cursor over rows × cols (`moved(row, col)` draws it and says it), Enter or Space
    opens the cell (`activated(row, col)`). The widget takes the focus by Tab; the window's
    shortcuts on these keys do not fire while it has it."""

    KEYS = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1)}
    OPEN = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)

    def __init__(self, widget: QWidget, rows: int, cols: int, moved, activated) -> None:
        super().__init__(widget)
        self.rows, self.cols = rows, cols
        self.cell: tuple[int, int] | None = None
        self._moved, self._activated = moved, activated
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802
        t = ev.type()
        if t == QEvent.Type.ShortcutOverride and (ev.key() in self.KEYS or ev.key() in self.OPEN):
            ev.accept()
            return True
        if t == QEvent.Type.FocusIn:
            self._moved(*(self.cell or (0, 0)))
            self.cell = self.cell or (0, 0)
        if t != QEvent.Type.KeyPress:
            return False
        key = ev.key()
        if key in self.KEYS:
            dr, dc = self.KEYS[key]
            r, c = self.cell or (0, 0)
            self.cell = (min(max(r + dr, 0), self.rows - 1), min(max(c + dc, 0), self.cols - 1))
            self._moved(*self.cell)
            return True
        if key in self.OPEN and self.cell is not None:
            self._activated(*self.cell)
            return True
        return False


# ------------------------------------------------------------------ the tree, as read


def walk_tree(iface, out: list | None = None) -> list:
    """Every visible node of Qt's accessibility tree under `iface` (child(i), as a screen
    reader's bridge walks it)."""
    out = [] if out is None else out
    if iface is None or not iface.isValid() or iface.state().invisible:
        return out
    out.append(iface)
    for i in range(iface.childCount()):
        walk_tree(iface.child(i), out)
    return out


def owner_panel(w: QWidget) -> str:
    """The name of the panel `w` is in ("window" outside the panels)."""
    p = w
    while p is not None:
        if hasattr(p, "reads") and getattr(p, "name", ""):
            return p.name
        p = p.parentWidget()
    return "window"


def unnamed_and_undescribed(window: QWidget) -> tuple[list[str], list[str], int, int]:
    """Walk the accessibility tree of `window`: (controls without a name, pictures without a
    name or description — each as "panel: Class objectName" —, controls seen, pictures seen).
    A control's inner parts (a spin box's line edit, a view's scroll bars) are the control."""
    unnamed, undescribed, controls, pictures = [], [], 0, 0
    for iface in walk_tree(QAccessible.queryAccessibleInterface(window)):
        w = iface.object()
        if not isinstance(w, QWidget) or w is window or w.objectName() == "focus_mark":
            continue
        name = own_name(iface)
        where = f"{owner_panel(w)}: {type(w).__name__} {w.objectName()}".rstrip()
        if is_picture(w):
            pictures += 1
            if not name or not iface.text(QAccessible.Text.Description).strip():
                undescribed.append(where + ("" if name else " (no name)"))
        elif iface.role() in CONTROL_ROLES and not _inner_part(w):
            controls += 1
            if not name:
                unnamed.append(f"{where} [{iface.role().name}]")
    return unnamed, undescribed, controls, pictures


def _inner_part(w: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None:
        iface = QAccessible.queryAccessibleInterface(p)
        if iface is not None and iface.role() in CONTROL_ROLES | {QAccessible.Role.ScrollBar}:
            return True
        if isinstance(p, pg.GraphicsView):
            return True
        p = p.parentWidget()
    return False
