"""The network as the course draws it (Figure 1: the planes of each layer with their sizes),
each layer's trainable parameters and connections counted the course's way, and the C3
connection table (the course's Table 1). Clicking a layer selects it in every panel."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.panels._network import NetworkPanel
from lenet_gui.gui.widgets.course_heatmap import FONT_PT, HIGHLIGHT
from lenet_gui.model import LeNet5
from lenet_gui.model.options import LAYER_TABLE, TRAINABLE, c3_connections, size_text

translate = QCoreApplication.translate


# key (None: not selectable), name, planes, side (0: a vector of `planes` units)
FIGURE_1 = (
    (None, "INPUT", 1, 32),
    *((layer.key, layer.name, layer.maps, layer.side) for layer in LAYER_TABLE),
    (None, "y", 10, 0),
)
SELECTABLE = tuple(k for k, *_ in FIGURE_1 if k)


class Figure1(QWidget):
    """The course's Figure 1 in QPainter: stacked planes per layer, sizes under them."""

    layer_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.selected: str | None = None
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._columns: list[tuple[str | None, QRectF]] = []
        self.setToolTip(translate("ArchitecturePanel", "Click a layer to select it in every panel"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 190)

    def column_rect(self, key: str) -> QRectF:
        for k, r in self._layout():
            if k == key:
                return r
        raise KeyError(key)

    def _layout(self) -> list[tuple[str | None, QRectF]]:
        n = len(FIGURE_1)
        w = self.width() / n
        return [(key, QRectF(i * w, 0, w, self.height())) for i, (key, *_r) in enumerate(FIGURE_1)]

    def paintEvent(self, _ev) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(FONT_PT, font.pointSizeF()))
        p.setFont(font)
        fm = p.fontMetrics()
        cols = self._layout()
        w = cols[0][1].width()
        wrap = any(fm.horizontalAdvance(size_text(n, side)) > w - 4
                   for _k, _n, n, side in FIGURE_1)
        text_h = fm.height() * (3 if wrap else 2) + 4
        art_h = self.height() - text_h - 8
        unit = min(w * 0.55, art_h * 0.7) / 32  # pixels per map pixel, for the largest map
        fill, edge = QColor("#cfe0f3"), QColor("#3d6ea8")
        centres = []
        for (key, name, planes, side), (_k, col) in zip(FIGURE_1, cols):
            cx, cy = col.center().x(), 4 + art_h / 2
            if key is not None and key == self.selected:
                p.setPen(QPen(QColor(HIGHLIGHT), 3))
                p.setBrush(QColor(255, 200, 120, 60))
                p.drawRoundedRect(col.adjusted(2, 1, -2, -1), 5, 5)
            p.setPen(QPen(edge, 1))
            p.setBrush(QBrush(fill))
            if side:
                s = max(side * unit, 6.0)
                shown = min(planes, 6)
                step = min(4.0, (w - s) / max(shown, 2) * 0.6)
                x0 = cx - s / 2 - step * (shown - 1) / 2
                y0 = cy - s / 2 - step * (shown - 1) / 2
                for i in range(shown):
                    p.drawRect(QRectF(x0 + i * step, y0 + i * step, s, s))
                centres.append((cx, cy, s / 2 + step * (shown - 1) / 2))
            else:
                h = min(art_h * 0.9, 20 + 60 * np.log10(planes))  # a column of units
                bw = max(8.0, min(14.0, w * 0.2))
                p.drawRect(QRectF(cx - bw / 2, cy - h / 2, bw, h))
                p.setPen(QPen(edge.lighter(130), 1))
                for i in range(1, 6):
                    yy = cy - h / 2 + i * h / 6
                    p.drawLine(QPointF(cx - bw / 2, yy), QPointF(cx + bw / 2, yy))
                centres.append((cx, cy, bw / 2))
            p.setPen(QColor("#202020"))
            label_rect = QRectF(col.left(), self.height() - text_h - 2, col.width(), text_h)
            bold = QFont(font)
            bold.setBold(True)
            p.setFont(bold)
            p.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       name)
            p.setFont(font)
            size = size_text(planes, side) if name != "y" else translate("ArchitecturePanel", "softmax")
            if wrap:
                size = size.replace("@", "@\n")
            p.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                       size)
        p.setPen(QPen(QColor("#808080"), 1))
        for (x1, y1, r1), (x2, _y2, r2) in zip(centres, centres[1:]):
            a, b = x1 + r1 + 2, x2 - r2 - 2
            if b > a + 4:
                p.drawLine(QPointF(a, y1), QPointF(b, y1))
                p.drawLine(QPointF(b, y1), QPointF(b - 4, y1 - 3))
                p.drawLine(QPointF(b, y1), QPointF(b - 4, y1 + 3))
        p.end()

    def mousePressEvent(self, ev) -> None:  # noqa: N802
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        for key, rect in self._layout():
            if key is not None and rect.contains(ev.position()):
                self.layer_clicked.emit(key)
                return

    def set_selected(self, key: str | None) -> None:
        self.selected = key
        self.update()
        self.setAccessibleDescription(self.describe_content())

    def describe_content(self) -> str:
        chain = " → ".join(f"{name} {size_text(n, side)}" for _k, name, n, side in FIGURE_1)
        names = {key: name for key, name, _n, _s in FIGURE_1 if key is not None}
        if self.selected in names:
            return translate("Accessibility", "{chain}; selected: {layer}").format(
                chain=chain, layer=names[self.selected])
        return chain


class ArchitecturePanel(NetworkPanel):
    """Figure 1, the course's parameter and connection counts, and Table 1."""

    name = "architecture"
    title = QT_TRANSLATE_NOOP("MainWindow", "Architecture")
    help = PanelHelp(
        "Layer C1 … Layer F7; Architecture of this Course",
        "C1 156 · C3 1516 · C5 48120 · F6 10164 · F7 850",
        QT_TRANSLATE_NOOP("Help", "LeNet-5 as the course draws it, with the trainable "
                          "parameters and connections of every layer counted as the course "
                          "counts them, and C3's connection table (Table 1). Click a layer to "
                          "select it in every panel."))
    reads = frozenset({"snapshot", "layer"})
    default_area = "bottom"
    default_place = ("tab", "canvas")
    whats_this = {
        "figure": QT_TRANSLATE_NOOP(
            "WhatsThis", "LeNet-5 as the course's Figure 1: INPUT 32×32 → C1 6@28×28 → S2 "
            "6@14×14 → C3 16@10×10 → S4 16@5×5 → C5 120 → F6 84 → F7 10 → softmax y. Click a "
            "layer to select it in every panel."),
        "counts_table": QT_TRANSLATE_NOOP(
            "WhatsThis", "The trainable parameters (可训练参数) and connections of every layer, "
            "counted as the course counts them: C1 156 / 122,304, C3 1,516 / 151,600, C5 48,120, "
            "F6 10,164, F7 850. Click a row to select that layer in every panel."),
        "c3_table": QT_TRANSLATE_NOOP(
            "WhatsThis", "The course's Table 1: rows S2 map k, columns C3 map m; X: C3 map m reads "
            "S2 map k (the set Cbn, 60 of the 96 pairs). The course's written Cbn list repeats "
            "(5,14) and lacks (5,13); the table is the authority."),
    }
    rebuild_to_retranslate = True

    COLUMNS = ("layer", "parameters", "connections", "how the course counts")

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.config = None
        self.counts: dict = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)

        self.figure_caption = self._caption(
            translate("ArchitecturePanel", "LeNet-5 (the course's Figure 1): click a layer"))
        lay.addWidget(self.figure_caption)
        self.figure = Figure1()
        self.figure.layer_clicked.connect(self._on_layer_clicked)
        lay.addWidget(self.figure)

        lay.addWidget(self._caption(translate("ArchitecturePanel", "Trainable parameters and connections")))
        self.counts_table = QTableWidget(0, 4)
        self.counts_table.setHorizontalHeaderLabels([
            translate("ArchitecturePanel", "Layer"), translate("ArchitecturePanel", "Parameters"),
                                                     translate("ArchitecturePanel", "Connections"),
                                                     translate("ArchitecturePanel", "How the course counts them")])
        self.counts_table.verticalHeader().setVisible(False)
        self.counts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.counts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.counts_table.setWordWrap(True)
        hh = self.counts_table.horizontalHeader()
        for c in range(3):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.counts_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_table.cellClicked.connect(self._on_count_clicked)
        lay.addWidget(self.counts_table)
        self.counts_note = QLabel("")
        self.counts_note.setWordWrap(True)
        lay.addWidget(self.counts_note)

        self.table_caption = self._caption("")
        lay.addWidget(self.table_caption)
        self.c3_table = QTableWidget(6, 16)
        self.c3_table.setHorizontalHeaderLabels([str(m) for m in range(16)])
        self.c3_table.setVerticalHeaderLabels([str(k) for k in range(6)])
        self.c3_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.c3_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.c3_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.c3_table.horizontalHeader().setMinimumSectionSize(16)
        self.c3_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.c3_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.c3_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.c3_table.setToolTip(translate("ArchitecturePanel", "Rows: S2 map k. Columns: C3 map m. X: C3 map m reads "
                                    "S2 map k."))
        lay.addWidget(self.c3_table)
        lay.addStretch(1)

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        f = label.font()
        f.setPointSizeF(FONT_PT + 1)
        f.setBold(True)
        label.setFont(f)
        label.setWordWrap(True)
        return label

    # -- selection

    @Slot(str)
    def _on_layer_clicked(self, key: str) -> None:
        self.state.select_layer(key)

    @Slot(int, int)
    def _on_count_clicked(self, row: int, _col: int) -> None:
        if row < len(SELECTABLE):
            self.state.select_layer(SELECTABLE[row])

    def _show_selected(self, layer: str | None) -> None:
        self.selected_layer = layer
        if layer is None:
            return
        self.figure.set_selected(layer)
        if layer in SELECTABLE:
            self.counts_table.selectRow(SELECTABLE.index(layer))

    # -- drawing

    def _redraw(self) -> None:
        config = self.state.snapshot.config
        if config == self.config:
            return  # only the configuration changes what this panel shows
        self.config = config
        self.counts = LeNet5(config).layer_counts()  # counted from the configuration alone
        self._fill_counts()
        self.counts_note.setText("" if config.pooling == TRAINABLE else translate("ArchitecturePanel",
            "With {p}-pooling S2 and S4 have no parameters. The course's 12 and 32 parameters "
            "and 5,880 and 2,000 connections are those of the trainable sub-sampling "
            "(preset \"LeNet-5 1998\").").format(p=config.pooling))
        self.counts_note.setVisible(bool(self.counts_note.text()))
        self._fill_c3(c3_connections(config.c3_table))

    def _fill_counts(self) -> None:
        t = self.counts_table
        t.setRowCount(len(SELECTABLE) + 1)
        total_p = total_c = 0
        for row, key in enumerate(SELECTABLE):
            c = self.counts[key]
            total_p += c.params
            total_c += c.connections
            how = f"{translate('LayerCount', c.note)}; {c.how}" if c.note else c.how
            self._set_row(row, key.upper(), c.params, c.connections, how)
        self._set_row(len(SELECTABLE), translate("ArchitecturePanel", "Total"), total_p, total_c, "")
        bold = t.font()
        bold.setBold(True)
        for col in range(4):
            t.item(len(SELECTABLE), col).setFont(bold)
        self._fit_tables()
        if self.selected_layer in SELECTABLE:
            t.selectRow(SELECTABLE.index(self.selected_layer))

    def _set_row(self, row: int, name: str, params: int, connections: int, how: str) -> None:
        items = [QTableWidgetItem(name), QTableWidgetItem(f"{params:,}"),
                 QTableWidgetItem(f"{connections:,}"), QTableWidgetItem(how)]
        for col, item in enumerate(items):
            if col in (1, 2):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts_table.setItem(row, col, item)

    def _fill_c3(self, table: np.ndarray) -> None:
        """table: (16, 6) [m, k]; drawn like the course's Table 1: rows k, columns m."""
        n = int(table.sum())
        for k in range(6):
            for m in range(16):
                on = bool(table[m, k])
                item = QTableWidgetItem("X" if on else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if on:
                    item.setBackground(QColor("#cfe0f3"))
                item.setToolTip(translate("ArchitecturePanel", "S2 map {k} → C3 map {m}: {state}").format(
                    k=k, m=m, state=translate("ArchitecturePanel", "connected") if on
                    else translate("ArchitecturePanel", "not connected")))
                self.c3_table.setItem(k, m, item)
        self.table_caption.setText(
            translate("ArchitecturePanel", "C3 connection table (Table 1): rows S2 map k = 0…5, "
                      "columns C3 map m = 0…15; "
               "{n} of 96 pairs connected").format(n=n))
        self._fit_tables()

    def _fit_tables(self) -> None:
        """Tables as tall as their rows (wrapped text included): the panel scrolls, not them."""
        for t in (self.counts_table, self.c3_table):
            t.resizeRowsToContents()
            h = t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount()))
            t.setFixedHeight(h + 2 * t.frameWidth() + 2)

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._fit_tables()
