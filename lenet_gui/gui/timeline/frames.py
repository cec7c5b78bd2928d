"""Any panel over a range of a run's timeline as frames, and the frames as an animated GIF, an
APNG or numbered PNG files. The panel is built offscreen (shown, never on screen) on an
AppState of its own, so an export never moves the window's panels: for each recorded snapshot
the state views it, the probe's trace is computed, a background job (confusion, robustness)
runs to its end, and the panel (or one layer's section of it) is grabbed. Files are written
atomically; Pillow writes GIF and APNG."""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QRect, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor, QImage, QPainter

from lenet_gui.data.atomic import write_atomic
from lenet_gui.gui.panels import registry
from lenet_gui.gui.panels._jobs import JobPanel
from lenet_gui.gui.state import AppState

FORMATS = ("gif", "apng", "frames")
JOB_TIMEOUT_S = 600.0  # one frame's background job (a robustness sweep of the whole test set)


panel_class = registry.panel_class  # the Panel class of the panel named so


def panel_names() -> list[str]:
    """The panels an export can animate, in the registry's order."""
    return [cls.name for cls in registry.PANELS if _animatable(cls)]


def _animatable(cls) -> bool:
    """Panels that draw the network (they read the snapshot or the probe's trace)."""
    return bool(cls.reads & {"snapshot", "trace"})


def format_of(path: str | Path, default: str = "frames") -> str:
    suffix = Path(path).suffix.lower()
    return {".gif": "gif", ".apng": "apng", ".png": "apng"}.get(suffix, default)


def select_batches(batches: np.ndarray, first: int | None, last: int | None) -> np.ndarray:
    """The recorded batches within [first, last] (either end open)."""
    b = np.asarray(batches, np.int64)
    keep = np.ones(b.shape, bool)
    if first is not None:
        keep &= b >= first
    if last is not None:
        keep &= b <= last
    return b[keep]


@dataclass
class Frames:
    images: list[QImage]
    batches: list[int]
    digests: list[str]  # of the panel's picture before the caption was drawn

    @property
    def distinct(self) -> int:
        """How many frames differ in what the panel drew (the caption not counted)."""
        return len(set(self.digests))


def _digest(image: QImage) -> str:
    im = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return hashlib.sha1(bytes(im.constBits())).hexdigest()


class FrameRecorder:
    """An offscreen copy of one panel on its own AppState, viewing `run`'s timeline.
    `layer` grabs only that layer's section of a network panel (e.g. "c1" of the kernels)."""

    def __init__(self, run, panel: str, data=None, probe=None, size=(700, 500),
                 layer: str | None = None, caption: bool = True) -> None:
        if run is None or getattr(run, "timeline", None) is None or len(run.timeline) == 0:
            raise ValueError(f"run {getattr(run, 'name', '?')!r} has no timeline "
                             "(train with the timeline on)")
        self.state = AppState()
        if data is not None:
            self.state.set_data(data)
        if probe is not None:
            self.state.set_probe(probe)
        self.state.set_runs([run])
        self.state.set_run(run)
        self.panel = panel_class(panel)(self.state)
        self.panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.panel.resize(*size)
        self.is_job = isinstance(self.panel, JobPanel)
        self.layer = layer
        self.last_digest = ""
        self.caption = caption  # "batch 1,234" in a corner of every frame
        self._target = self.panel if layer is None else self._section(layer)

    def _section(self, layer: str):
        sections = [s for s in getattr(self.panel, "sections", []) if s.layer == layer]
        if not sections:
            raise LookupError(f"panel {self.panel.name!r} has no section of layer {layer!r}")
        return sections[0]

    def frame(self, batch: int) -> QImage:
        """The panel showing the snapshot recorded at `batch`."""
        self.state.view_batch(batch)
        if not self.panel.isVisible():
            # Shown first with this frame's snapshot: the colour levels a panel tracks
            # start from it, not from the run's last weights.
            self.panel.show()
        if "trace" in self.panel.reads or "probe" in self.panel.reads:
            self.state.wait_for_trace()
        QCoreApplication.processEvents()
        self.panel.refresh_now()
        if self.is_job:
            self._run_job()
        QCoreApplication.processEvents()
        image = self._target.grab().toImage()
        self.last_digest = _digest(image)
        if self.caption:
            _caption(image, QCoreApplication.translate("Timeline", "batch {0:,}").format(batch))
        return image

    def _run_job(self) -> None:
        p = self.panel
        p._debounce.stop()  # now, not after the slider's pause
        if not p.run():
            return
        job = p.job
        job.wait(JOB_TIMEOUT_S)
        for _ in range(100):  # its queued signals: succeeded, then finished
            QCoreApplication.processEvents()
            if p.job is not job:
                break

    def record(self, batches, progress: Callable[[int, int], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> Frames:
        out = Frames([], [], [])
        batches = [int(b) for b in batches]
        for i, b in enumerate(batches):
            if should_stop is not None and should_stop():
                break
            out.images.append(self.frame(b))
            out.batches.append(b)
            out.digests.append(self.last_digest)
            if progress is not None:
                progress(i + 1, len(batches))
        return out

    def close(self) -> None:
        self.panel.shutdown()
        self.panel.hide()
        self.state.shutdown()
        self.panel.deleteLater()


def _caption(image: QImage, text: str) -> None:
    """`text` in the frame's bottom-right corner, dark on a light box."""
    p = QPainter(image)
    f = p.font()
    f.setPointSizeF(max(8.0, min(11.0, image.height() / 22)))
    f.setBold(True)
    p.setFont(f)
    scale = image.devicePixelRatio() or 1.0
    w, h = image.width() / scale, image.height() / scale
    box = p.fontMetrics().boundingRect(text).adjusted(-4, -2, 4, 2)
    box.moveBottomRight(QRect(0, 0, int(w) - 3, int(h) - 3).bottomRight())
    p.fillRect(box, QColor(255, 241, 194, 230))
    p.setPen(QColor(61, 46, 0))
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    p.end()


class QuietOffscreen:
    """While it lives, the offscreen platform's note on every panel shown ("This plugin does
    not support propagateSizeHints()") is dropped; every other Qt message is passed on."""

    def __init__(self) -> None:
        self._previous = qInstallMessageHandler(self._handle)

    def _handle(self, kind, context, message) -> None:
        if "propagateSizeHints" in message:
            return
        if self._previous is not None:
            self._previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        qInstallMessageHandler(self._previous)


# ----------------------------------------------------------------- writing


def _pil(image: QImage):
    from PIL import Image

    im = image.convertToFormat(QImage.Format.Format_RGBA8888)
    w, h = im.width(), im.height()
    data = bytes(im.constBits())
    stride = im.bytesPerLine()
    return Image.frombuffer("RGBA", (w, h), data, "raw", "RGBA", stride, 1).convert("RGB")


def write_frames(frames: Frames, out: str | Path, fmt: str, fps: float) -> list[Path]:
    """Write the frames: one animated GIF or APNG file (atomically), or numbered PNG files
    in the directory `out` (each atomically). Returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not frames.images:
        raise ValueError("no frames to write (the range holds no recorded snapshot)")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    out = Path(out)
    pictures = [_pil(im) for im in frames.images]
    if fmt == "frames":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for i, (pic, b) in enumerate(zip(pictures, frames.batches)):
            buf = io.BytesIO()
            pic.save(buf, format="PNG", optimize=True)
            data = buf.getvalue()
            written.append(write_atomic(out / f"frame_{i:04d}_batch_{b}.png",
                                        lambda fh, d=data: fh.write(d)))
        return written
    duration = max(20, int(round(1000 / fps)))  # ms per frame (GIF counts in 1/100 s)
    if fmt == "gif":
        pictures = [p.quantize(colors=256, method=2, dither=0) for p in pictures]
        kw = dict(format="GIF", loop=0, optimize=True)
    else:
        kw = dict(format="PNG", loop=0, default_image=False)

    def save(fh) -> None:
        pictures[0].save(fh, save_all=True, append_images=pictures[1:], duration=duration,
                         **kw)

    return [write_atomic(out, save)]
