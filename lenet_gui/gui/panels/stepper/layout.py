"""Where the stepper puts a step's maps: the (row, column, span) grid that shows their values
largest in the space the dock gives them. Qt-free: plain numbers in, cells out."""

from __future__ import annotations

import math

MAX_SCALE = 8.0  # screen pixels per map value beyond which a map gains nothing


def grid_extent(cells: list[tuple[int, int, int]]) -> tuple[int, int]:
    """(columns, rows) that (row, col, span) cells occupy."""
    return max(c + span for _, c, span in cells), max(r for r, _, _ in cells) + 1


def default_arrangement(sizes: list[int]) -> list[tuple[int, int, int]]:
    """(row, col, column span) of n maps before their size is known: up to three columns; of
    three maps, the largest (ties: the later) gets the whole top row."""
    n = len(sizes)
    if n == 3:
        big = max(range(3), key=lambda i: (sizes[i], i))
        others = iter((1, c, 1) for c in range(2))
        return [(0, 0, 2) if i == big else next(others) for i in range(3)]
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    return [divmod(i, cols) + (1,) for i in range(n)]


def best_arrangement(shapes: list[tuple[int, int]], sizes: list[int], width: int, height: int,
                     spacing: int, bar: float, title: float,
                     min_view: tuple[int, int] = (0, 0)) -> list[tuple[int, int, int]]:
    """The placement of the maps in a width × height grid that shows their values largest.

    Each mosaic (pixel shape (H, W)) keeps its aspect beside a colour bar `bar` pixels wide,
    under a title `title` pixels high, in a cell no smaller than `min_view` (w, h). The score
    sums, over the maps, their number of values times log(screen pixels per value), the scale
    capped at MAX_SCALE: the maps with the most values get the room, and a strip of ten values
    gains nothing from being drawn huge. Candidates: 1 to 4 columns filled row by row, and for
    three maps the largest spanning the top row.

    Shapes: shapes n × (H, W), sizes n -> n × (row, col, span)
    """
    n = len(shapes)
    candidates = [[divmod(i, cols) + (1,) for i in range(n)] for cols in range(1, min(n, 4) + 1)]
    if n == 3:
        candidates.append(default_arrangement(sizes))
    best, best_score = default_arrangement(sizes), -math.inf
    for cells in candidates:
        cols, rows = grid_extent(cells)
        cw = (width - spacing * (cols - 1)) / cols
        ch = (height - spacing * (rows - 1)) / rows - title
        if cw < min_view[0] or ch < min_view[1]:
            continue  # the grid would outgrow the dock
        score = 0.0
        for (h, w), size, (_, _, span) in zip(shapes, sizes, cells):
            scale = min((cw * span + spacing * (span - 1) - bar) / w, ch / h, MAX_SCALE)
            if scale <= 0:
                score = -math.inf
                break
            score += size * math.log(scale)
        if score > best_score + 1e-9:
            best, best_score = cells, score
    return best
