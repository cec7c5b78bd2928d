"""The network panels' common behaviour (feature maps, kernels, δ heatmaps, architecture):
captioned sections, the selected layer highlighted and revealed, a clicked tile enlarged."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot

from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.widgets.course_heatmap import CourseHeatmap
from lenet_gui.gui.widgets.enlarge import EnlargeDialog
from lenet_gui.gui.widgets.sections import ScrollSections, Section


class NetworkPanel(Panel):
    """The common behaviour of the network panels: captioned sections that reflow, the
    selected layer's sections highlighted and revealed, a clicked tile enlarged. Subclasses
    draw in `_redraw()`; the base Panel calls it only while visible and when what it reads
    changed."""

    reads = frozenset({"snapshot", "layer"})

    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.selected_layer: str | None = None
        self._sections: list[Section] = []
        self._scroll: ScrollSections | None = None
        self.enlarge_dialog: EnlargeDialog | None = None
        self._captions: dict[int, Callable[[int], str]] = {}

    def ready(self) -> bool:
        return self.state.snapshot is not None

    def refresh(self) -> None:
        if "layer" in self.changed_topics and self.state.selected_layer != self.selected_layer:
            self._show_selected(self.state.selected_layer)
        if self.changed_topics - {"layer", "history"}:
            self._redraw()
            if self._scroll is not None:
                self._scroll.grid.refit()  # the first frame fixes the mosaics' shapes
            if self.enlarge_dialog is not None and self.enlarge_dialog.isVisible():
                self.enlarge_dialog.refresh()

    def _redraw(self) -> None:
        raise NotImplementedError

    # -- sections and layer selection

    def add_section(self, section: Section, span: int = 1) -> Section:
        self._sections.append(section)
        self._scroll.grid.add(section, span)
        return section

    @property
    def sections(self) -> list[Section]:
        return list(self._sections)

    def _show_selected(self, layer: str | None) -> None:
        self.selected_layer = layer
        first = None
        for s in self._sections:
            on = s.layer == layer
            s.set_highlighted(on)
            if on and first is None:
                first = s
        if first is not None and self._scroll is not None:
            self._scroll.reveal(first)

    # -- enlarge

    def connect_enlarge(self, view: CourseHeatmap, caption: Callable[[int], str]) -> None:
        """Clicking a tile of `view` opens it large; caption(tile) names it."""
        self._captions[id(view)] = caption
        view.tile_clicked.connect(self._on_tile_clicked)

    @Slot(int, int, int)
    def _on_tile_clicked(self, tile: int, _row: int, _col: int) -> None:
        view = self.sender()
        caption = self._captions.get(id(view))
        if caption is not None:
            self.enlarge(view, tile, caption(tile))

    def enlarge(self, view: CourseHeatmap, tile: int, caption: str) -> None:
        if self.enlarge_dialog is None:
            self.enlarge_dialog = EnlargeDialog(self)
        self.enlarge_dialog.show_tile(view, tile, caption)

