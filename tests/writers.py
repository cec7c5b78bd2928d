"""Digits by writers who are not in MNIST: drawn as pen strokes with the canvas's own pen
(lenet_gui.gui.widgets.drawing_area: QPainter, anti-aliased round caps and joins) from a few
stroke templates per class, each writer with a style of their own (slant, pen width, size,
proportions, a tremble, open or closed 4, crossed 7, a 1 with a flag, …). Deterministic by
seed. Saved in the one-folder-per-class layout that `lenet-gui train --images` reads:

    python -m tests.writers OUTDIR --per-class 40 --seed 0 [--sheet sheet.png]
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CANVAS = 280
Stroke = list[tuple[float, float]]  # points in a unit box: x right, y down, 0…1


def _arc(cx, cy, rx, ry, t0, t1, n=24) -> Stroke:
    """An elliptic arc; angles in turns, 0 = up, clockwise (as a pen goes round a 0)."""
    ts = np.linspace(t0, t1, n) * 2 * math.pi
    return [(cx + rx * math.sin(t), cy - ry * math.cos(t)) for t in ts]


def _line(*pts) -> Stroke:
    return [tuple(p) for p in pts]


# One list of variants per digit; a variant is a list of strokes.
TEMPLATES: dict[int, list[list[Stroke]]] = {
    0: [[_arc(0.5, 0.5, 0.38, 0.5, 0.0, 1.04)],
        [_arc(0.5, 0.5, 0.32, 0.5, 0.9, 1.95)],  # starts top-left, overlaps
        [_arc(0.5, 0.52, 0.42, 0.46, 0.05, 1.0)]],  # rounder, a small gap at the top
    1: [[_line((0.55, 0.0), (0.48, 1.0))],
        [_line((0.25, 0.22), (0.58, 0.0), (0.5, 1.0))],  # a flag
        [_line((0.3, 0.2), (0.55, 0.0), (0.5, 1.0)), _line((0.28, 1.0), (0.75, 1.0))]],  # base
    2: [[_arc(0.5, 0.3, 0.38, 0.3, -0.22, 0.3) + _line((0.08, 1.0), (0.95, 1.0))],
        [_arc(0.5, 0.28, 0.35, 0.28, -0.25, 0.32) + _arc(0.25, 0.9, 0.14, 0.1, 0.5, 1.3)
         + _line((0.92, 1.0))],  # a loop at the bottom
        [_arc(0.48, 0.32, 0.4, 0.32, -0.2, 0.25) + _line((0.3, 0.75), (0.05, 1.0), (0.95, 0.97))]],
    3: [[_arc(0.48, 0.25, 0.36, 0.25, -0.2, 0.5) + _arc(0.48, 0.74, 0.42, 0.26, 0.0, 0.72)],
        [_line((0.1, 0.02), (0.85, 0.02), (0.42, 0.45)) + _arc(0.48, 0.72, 0.42, 0.28, 0.02, 0.75)],
        [_arc(0.5, 0.26, 0.34, 0.26, -0.3, 0.45) + _arc(0.5, 0.74, 0.4, 0.26, 0.05, 0.8)]],
    4: [[_line((0.35, 0.0), (0.08, 0.62), (0.95, 0.62)), _line((0.7, 0.18), (0.7, 1.0))],  # open
        [_line((0.72, 0.0), (0.05, 0.65), (0.98, 0.65)), _line((0.72, 0.0), (0.7, 1.0))],  # closed
        [_line((0.2, 0.0), (0.15, 0.55), (0.9, 0.55)), _line((0.72, 0.05), (0.68, 1.0))]],
    5: [[_line((0.9, 0.0), (0.2, 0.0), (0.15, 0.42)) + _arc(0.48, 0.68, 0.4, 0.32, -0.2, 0.62)],
        [_line((0.22, 0.0), (0.15, 0.45)) + _arc(0.48, 0.7, 0.4, 0.3, -0.2, 0.65),
         _line((0.22, 0.0), (0.9, 0.02))],
        [_line((0.85, 0.02), (0.25, 0.02), (0.2, 0.4)) + _arc(0.5, 0.68, 0.38, 0.32, -0.15, 0.5)]],
    6: [[_line((0.78, 0.0), (0.5, 0.12)) + _arc(0.5, 0.62, 0.4, 0.5, 0.78, 0.5, 10)
         + _arc(0.5, 0.72, 0.4, 0.28, 0.5, 1.7)],
        [_arc(0.85, 0.55, 0.7, 0.55, 0.87, 0.5, 12) + _arc(0.5, 0.75, 0.35, 0.25, 0.5, 1.5)],
        [_line((0.7, 0.0), (0.2, 0.6)) + _arc(0.5, 0.74, 0.36, 0.26, 0.72, 1.72)]],
    7: [[_line((0.05, 0.02), (0.95, 0.02), (0.4, 1.0))],
        [_line((0.05, 0.02), (0.95, 0.02), (0.4, 1.0)), _line((0.35, 0.5), (0.85, 0.5))],  # crossed
        [_line((0.05, 0.15), (0.1, 0.0), (0.95, 0.04), (0.55, 0.5), (0.45, 1.0))]],  # hook
    8: [[[(0.5 + 0.38 * math.sin(t) * math.cos(t), 0.5 - 0.5 * math.cos(t)) for t in
          np.linspace(0, 2 * math.pi, 40)]],
        [_arc(0.5, 0.24, 0.3, 0.24, 0.0, 1.0), _arc(0.5, 0.73, 0.38, 0.27, 0.0, 1.0)],
        [[(0.5 - 0.42 * math.sin(t) * math.cos(t), 0.5 - 0.5 * math.cos(t)) for t in
          np.linspace(0.1, 2 * math.pi + 0.2, 40)]]],
    9: [[_arc(0.45, 0.28, 0.36, 0.28, 0.25, 1.25) + _line((0.8, 1.0))],
        [_arc(0.45, 0.28, 0.38, 0.28, 0.25, 1.25) + _arc(0.3, 0.5, 0.5, 0.5, 0.25, 0.5, 8)],
        [_arc(0.5, 0.26, 0.36, 0.26, 0.3, 1.3) + _line((0.83, 0.4), (0.82, 1.0))]],
}

# Hands that MNIST's writers seldom had.
TEMPLATES[0].append([_arc(0.5, 0.5, 0.36, 0.5, 0.0, 1.02), _line((0.85, 0.05), (0.15, 0.95))])  # Ø
TEMPLATES[1].append([_line((0.1, 0.35), (0.62, 0.0), (0.55, 1.0))])  # a long flag
TEMPLATES[2].append([_line((0.1, 0.08), (0.88, 0.0), (0.1, 1.0), (0.95, 0.98))])  # a Z
TEMPLATES[3].append([_line((0.12, 0.0), (0.88, 0.0), (0.4, 0.42))
                     + _arc(0.5, 0.7, 0.36, 0.3, -0.05, 0.62) + _line((0.05, 0.75))])  # ʒ
TEMPLATES[4].append([_line((0.6, 0.0), (0.0, 0.7), (1.0, 0.7)), _line((0.65, 0.35), (0.6, 1.0))])
TEMPLATES[5].append([_line((0.95, 0.05), (0.35, 0.0)) + _arc(0.5, 0.45, 0.3, 0.45, -0.1, 0.05, 4)
                     + _arc(0.45, 0.72, 0.45, 0.28, -0.1, 0.6)])  # like an S
TEMPLATES[6].append([_line((0.65, 0.0), (0.25, 0.55)) + _arc(0.5, 0.8, 0.3, 0.2, 0.72, 1.72)])
TEMPLATES[7].append([_line((0.0, 0.05)) + _arc(-0.3, 0.0, 1.25, 1.0, 0.25, 0.44, 10)])  # curved
TEMPLATES[8].append([_arc(0.55, 0.2, 0.22, 0.2, 0.0, 1.0), _arc(0.45, 0.68, 0.45, 0.32, 0.0, 1.0)])
TEMPLATES[9].append([_arc(0.5, 0.25, 0.36, 0.25, 0.25, 1.25) + _line((0.84, 0.75))
                     + _arc(0.5, 0.75, 0.34, 0.25, 0.25, 0.65, 8)])  # a tail like a g


@dataclass(frozen=True)
class Writer:
    """One person's hand."""
    slant: float  # x shifted by slant·(0.5 − y): + leans right
    width: float  # pen diameter in canvas pixels
    height: float  # the digit's height, a share of the canvas
    aspect: float  # width / height of the unit box
    tremble: float  # amplitude of a smooth wobble, a share of the height
    rotate: float  # radians
    variants: tuple[int, ...]  # this writer's favourite variant of each digit

    @classmethod
    def random(cls, rng: np.random.Generator) -> Writer:
        return cls(slant=float(rng.uniform(-0.4, 0.55)), width=float(rng.uniform(7, 34)),
                   height=float(rng.uniform(0.45, 0.85)), aspect=float(rng.uniform(0.45, 1.1)),
                   tremble=float(rng.uniform(0.01, 0.09)), rotate=float(rng.normal(0, 0.14)),
                   variants=tuple(int(rng.integers(len(TEMPLATES[d]))) for d in range(10)))


def strokes_for(digit: int, writer: Writer, rng: np.random.Generator) -> list[Stroke]:
    """The polylines, in canvas pixels, of one sample of `digit` in `writer`'s hand."""
    v = writer.variants[digit] if rng.random() < 0.75 else int(rng.integers(len(TEMPLATES[digit])))
    h = writer.height * CANVAS * rng.uniform(0.92, 1.08)
    w = h * writer.aspect * rng.uniform(0.9, 1.1)
    cx = CANVAS / 2 + rng.normal(0, 12)
    cy = CANVAS / 2 + rng.normal(0, 12)
    rot = writer.rotate + rng.normal(0, 0.04)
    slant = writer.slant + rng.normal(0, 0.05)
    # a smooth wobble: a few low-frequency sines over the unit box
    k = rng.normal(0, 1, (2, 3, 2))
    phase = rng.uniform(0, 2 * math.pi, (2, 3))
    out = []
    for stroke in TEMPLATES[digit][v]:
        pts = []
        for x, y in stroke:
            for d in range(2):
                wob = sum(k[d, j, 0] * math.sin((j + 1) * 2.5 * x + phase[d, j])
                          + k[d, j, 1] * math.sin((j + 1) * 2.5 * y + phase[d, j])
                          for j in range(3)) / 6
                if d == 0:
                    dx = wob * writer.tremble
                else:
                    dy = wob * writer.tremble
            ux = (x + dx - 0.5) + slant * (0.5 - y)
            uy = y + dy - 0.5
            px = ux * w * math.cos(rot) - uy * h * math.sin(rot)
            py = ux * w * math.sin(rot) + uy * h * math.cos(rot)
            pts.append((cx + px, cy + py))
        out.append(pts)
    return _inside(out, writer.width)


def _inside(strokes: list[Stroke], pen: float) -> list[Stroke]:
    """Moved, and shrunk if need be, so that the whole digit is on the sheet."""
    xy = np.array([p for s in strokes for p in s])
    lo, hi = pen / 2 + 4, CANVAS - pen / 2 - 4
    span = (xy.max(axis=0) - xy.min(axis=0)).max()
    k = min(1.0, (hi - lo) / max(span, 1e-9))
    mid = (xy.max(axis=0) + xy.min(axis=0)) / 2
    centre = np.clip(mid, lo + span * k / 2, hi - span * k / 2)
    return [[tuple((np.array(p) - mid) * k + centre) for p in s] for s in strokes]


def make_set(per_class: int, seed: int = 0, writers: int = 12):
    """(images (N, 280, 280) float32 ink in [0, 1], labels (N,) uint8, writer (N,) int), class
    by class, each sample by one of `writers` writers in turn. Needs a QApplication."""
    from PySide6.QtWidgets import QApplication

    from lenet_gui.gui.widgets.drawing_area import DrawingArea

    app = QApplication.instance() or QApplication([])  # noqa: F841 - keeps it alive
    rng = np.random.default_rng(seed)
    hands = [Writer.random(rng) for _ in range(writers)]
    area = DrawingArea()
    images, labels, who = [], [], []
    for digit in range(10):
        for i in range(per_class):
            n = (i + digit) % writers
            area.image.fill(0)
            area.brush_width = max(1, int(round(hands[n].width * rng.uniform(0.85, 1.15))))
            for stroke in strokes_for(digit, hands[n], rng):
                area.stroke(stroke)
            images.append(area.pixels())
            labels.append(digit)
            who.append(n)
    return np.stack(images), np.asarray(labels, np.uint8), np.asarray(who)


def save_set(out: Path, images: np.ndarray, labels: np.ndarray, writer: np.ndarray) -> None:
    """OUT/<digit>/w<writer>-<n>.png, dark ink on white as on paper."""
    from lenet_gui.data.folders import png_bytes

    counts = np.zeros(10, int)
    for img, lab, w in zip(images, labels, writer):
        folder = out / str(int(lab))
        folder.mkdir(parents=True, exist_ok=True)
        ink = np.round(img * 255).astype(np.uint8)
        (folder / f"w{int(w):02d}-{counts[lab]:03d}.png").write_bytes(png_bytes(255 - ink))
        counts[lab] += 1


def contact_sheet(images: np.ndarray, columns: int) -> np.ndarray:
    """The images' 28×28 inputs (as prepared for the network) in a grid, ink dark on white."""
    from lenet_gui.data.images import ink_to_field

    fields = [ink_to_field(im) for im in images]
    rows = math.ceil(len(fields) / columns)
    sheet = np.full((rows * 30, columns * 30), 255, np.uint8)
    for i, f in enumerate(fields):
        r, c = divmod(i, columns)
        if f is not None:
            sheet[r * 30 + 1 : r * 30 + 29, c * 30 + 1 : c * 30 + 29] = 255 - f
    return sheet


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.writers", description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--per-class", type=int, default=40)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--writers", type=int, default=12)
    p.add_argument("--sheet", type=Path, default=None, help="also write a contact sheet PNG")
    args = p.parse_args(argv)
    images, labels, who = make_set(args.per_class, args.seed, args.writers)
    save_set(args.out, images, labels, who)
    if args.sheet is not None:
        from lenet_gui.data.folders import png_bytes

        args.sheet.write_bytes(png_bytes(contact_sheet(images, args.per_class)))
    print(f"{len(labels)} digits by {args.writers} writers in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
