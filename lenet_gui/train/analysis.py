"""What does the trained net get wrong, and why: confusion galleries, test-time perturbations
and a robustness sweep, a confidence threshold ("I don't know" below it), PCA of the C5/F6
outputs, and per-class statistics of a data set. NumPy only; no Qt here.

Every long computation takes `progress(done, total)` and `should_stop()`; a stop raises
InterruptedError, as `evaluate` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND, PIXEL_RANGE, normalise
from lenet_gui.model import LeNet5
from lenet_gui.model.lenet5 import INFER_BATCH
from lenet_gui.model.sensitivity import fgsm

Progress = Callable[[int, int], None] | None
ShouldStop = Callable[[], bool] | None


def _check_stop(should_stop: ShouldStop, what: str) -> None:
    if should_stop is not None and should_stop():
        raise InterruptedError(f"{what} stopped")


# ----------------------------------------------------------------------- confusion, galleries

def confusion_matrix(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Counts [true, predicted]. Shapes: labels (N,), predictions (N,) -> (10, 10) int64"""
    m = np.zeros((10, 10), np.int64)
    np.add.at(m, (np.asarray(labels, np.intp), np.asarray(predictions, np.intp)), 1)
    return m


def cell_indices(labels: np.ndarray, predictions: np.ndarray, confidence: np.ndarray,
                 true: int, predicted: int, order: Literal["confident", "unsure", "index"]
                 = "confident") -> np.ndarray:
    """Indices of the images with this true label and this prediction: the confusion cell
    [true, predicted]. "confident" puts the highest max-probability first, "unsure" the lowest,
    "index" keeps the data set's order. Ties keep the data set's order."""
    idx = np.flatnonzero((labels == true) & (predictions == predicted))
    return _ordered(idx, confidence, order)


def mistakes(labels: np.ndarray, predictions: np.ndarray, confidence: np.ndarray,
             order: Literal["confident", "unsure", "index"] = "confident") -> np.ndarray:
    """Indices of every wrong prediction, by default the most confident mistakes first."""
    return _ordered(np.flatnonzero(labels != predictions), confidence, order)


def _ordered(idx: np.ndarray, confidence: np.ndarray, order: str) -> np.ndarray:
    if order == "index":
        return idx
    c = confidence[idx]
    key = -c if order == "confident" else c
    return idx[np.argsort(key, kind="stable")]


# ----------------------------------------------------------------------- perturbations

# MNIST strokes are 0..255 bytes on a 0 background; every perturbation returns uint8 (N, 28, 28)
# so that it goes through the same `normalise` as the clean test set.

def _as_float(images: np.ndarray) -> np.ndarray:
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"images must be (N, H, W), got {images.shape}")
    return images.astype(np.float32)


def _to_uint8(x: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


def add_noise(images: np.ndarray, sigma: float, seed: int = 0,
              noise: np.ndarray | None = None) -> np.ndarray:
    """x + σ·n with n ~ N(0, 1) per pixel, σ in grey levels (0..255), clipped to 0..255.

    `noise` (same shape as images) lets a sweep reuse one field for every σ, so the curve
    is smooth rather than re-drawn at each level.
    Shapes: images (N, H, W) uint8 -> (N, H, W) uint8
    """
    x = _as_float(images)
    if noise is None:
        noise = np.random.default_rng(seed).standard_normal(x.shape, dtype=np.float32)
    return _to_uint8(x + np.float32(sigma) * noise)


def _warp(images: np.ndarray, src_r: np.ndarray, src_c: np.ndarray) -> np.ndarray:
    """Bilinear sampling of every image at source coordinates; outside reads 0 (background).

    Shapes: images (N, H, W) float, src_r, src_c (H, W) -> (N, H, W) float32
    """
    N, H, W = images.shape
    padded = np.zeros((N, H + 2, W + 2), np.float32)  # one background pixel all round
    padded[:, 1:-1, 1:-1] = images
    # Into padded coordinates; points far outside land on the background border.
    r = np.clip(src_r + 1, 0, H + 1)
    c = np.clip(src_c + 1, 0, W + 1)
    r0 = np.minimum(np.floor(r).astype(np.intp), H)
    c0 = np.minimum(np.floor(c).astype(np.intp), W)
    fr = (r - r0).astype(np.float32)
    fc = (c - c0).astype(np.float32)
    r1, c1 = r0 + 1, c0 + 1
    top = padded[:, r0, c0] * (1 - fc) + padded[:, r0, c1] * fc  # (N, H, W)
    bottom = padded[:, r1, c0] * (1 - fc) + padded[:, r1, c1] * fc
    return top * (1 - fr) + bottom * fr


def rotate(images: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate counter-clockwise (as seen on screen, rows going down) by `degrees` about the image
    centre, bilinear. Shapes: images (N, H, W) uint8 -> (N, H, W) uint8"""
    x = _as_float(images)
    N, H, W = x.shape
    cr, cc = (H - 1) / 2.0, (W - 1) / 2.0
    rr, cc_ = np.meshgrid(np.arange(H) - cr, np.arange(W) - cc, indexing="ij")  # (H, W)
    t = np.deg2rad(degrees)
    # Output pixel p comes from R(−θ)·p. In (x = col, y = −row) coordinates a
    # counter-clockwise turn by θ is the usual rotation; its inverse gives the source point.
    x_out, y_out = cc_, -rr
    x_src = np.cos(t) * x_out + np.sin(t) * y_out
    y_src = -np.sin(t) * x_out + np.cos(t) * y_out
    return _to_uint8(_warp(x, -y_src + cr, x_src + cc))


def shift(images: np.ndarray, dx: float, dy: float = 0.0) -> np.ndarray:
    """Move the content dx pixels right and dy pixels down (bilinear for fractions); what moves
    in from the border is background. Shapes: (N, H, W) uint8 -> (N, H, W) uint8"""
    x = _as_float(images)
    N, H, W = x.shape
    rr, cc = np.meshgrid(np.arange(H, dtype=np.float32), np.arange(W, dtype=np.float32),
                         indexing="ij")
    return _to_uint8(_warp(x, rr - dy, cc - dx))


def _filter3(x: np.ndarray, reduce: Callable) -> np.ndarray:
    """3×3 max or min filter with a background (0) border. Shapes: (N, H, W) -> (N, H, W)"""
    N, H, W = x.shape
    padded = np.zeros((N, H + 2, W + 2), x.dtype)
    padded[:, 1:-1, 1:-1] = x
    out = padded[:, 1:-1, 1:-1].copy()
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            reduce(out, padded[:, dr : dr + H, dc : dc + W], out=out)
    return out


def dilate(images: np.ndarray, steps: int = 1) -> np.ndarray:
    """Thicker strokes: `steps` grey-level 3×3 max filters (each adds a pixel all round)."""
    x = np.asarray(images, np.uint8)
    for _ in range(steps):
        x = _filter3(x, np.maximum)
    return x


def erode(images: np.ndarray, steps: int = 1) -> np.ndarray:
    """Thinner strokes: `steps` grey-level 3×3 min filters (each removes a pixel all round)."""
    x = np.asarray(images, np.uint8)
    for _ in range(steps):
        x = _filter3(x, np.minimum)
    return x


def thickness(images: np.ndarray, level: int) -> np.ndarray:
    """level > 0 dilates that many times, level < 0 erodes, 0 returns a copy."""
    if level > 0:
        return dilate(images, level)
    if level < 0:
        return erode(images, -level)
    return np.array(images, np.uint8, copy=True)


@dataclass(frozen=True)
class Perturbation:
    key: str  # "noise", "rotation", "shift", "thickness", "fgsm"
    name: str  # English caption; the GUI translates its own
    unit: str  # of the level
    levels: tuple[float, ...]

    @property
    def adversarial(self) -> bool:
        """Made against the network (it needs the net and the labels): `attack`, not `apply`."""
        return self.key == "fgsm"

    def attack(self, net: LeNet5, images: np.ndarray, labels: np.ndarray, level: float
               ) -> np.ndarray:
        """The network's inputs under this adversarial perturbation: FGSM with ε = level in
        [0, 1] pixels (ε·1.275 in the input's scale), clipped to the input's range.

        Shapes: images (N, 28, 28) uint8, labels (N,) -> (N, 1, 32, 32) in net.dtype
        """
        if self.key != "fgsm":
            raise ValueError(f"{self.key!r} is not an adversarial perturbation")
        x = normalise(images, dtype=net.dtype)
        if level == 0:
            return x
        return fgsm(net, x, labels, level * PIXEL_RANGE, BACKGROUND, FOREGROUND)

    def apply(self, images: np.ndarray, level: float, noise: np.ndarray | None = None
              ) -> np.ndarray:
        if self.adversarial:
            raise ValueError(f"{self.key!r} is made against the network: use attack()")
        if self.key == "noise":
            return add_noise(images, level, noise=noise)
        if self.key == "rotation":
            return rotate(images, level)
        if self.key == "shift":
            return shift(images, level, 0.0)
        if self.key == "thickness":
            return thickness(images, int(level))
        raise ValueError(f"unknown perturbation {self.key!r}")


PERTURBATIONS: tuple[Perturbation, ...] = (
    Perturbation("noise", "Gaussian noise σ", "grey levels of 255",
                 (0, 25, 50, 75, 100, 150, 200)),
    Perturbation("rotation", "rotation", "degrees, counter-clockwise",
                 (-45, -30, -15, 0, 15, 30, 45)),
    Perturbation("shift", "shift right (− = left)", "pixels", (-6, -4, -2, 0, 2, 4, 6)),
    Perturbation("thickness", "stroke thickness (− erode, + dilate)", "3×3 steps",
                 (-2, -1, 0, 1, 2, 3)),
    Perturbation("fgsm", "adversarial (FGSM) ε", "of the [0, 1] pixel range",
                 (0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)),
)


# ----------------------------------------------------------------------- robustness

def classify(net: LeNet5, images: np.ndarray, batch: int = INFER_BATCH,
             progress: Progress = None, should_stop: ShouldStop = None) -> np.ndarray:
    """Softmax outputs y of uint8 images. Shapes: images (N, 28, 28) -> (N, 10)"""
    N = len(images)
    y = np.empty((N, 10), np.float32)
    for s in range(0, N, batch):
        _check_stop(should_stop, "classification")
        y[s : s + batch] = net.forward(normalise(images[s : s + batch], dtype=net.dtype),
                                         keep_cols=False)["y"]
        if progress is not None:
            progress(min(s + batch, N), N)
    return y


@dataclass(frozen=True)
class RobustnessCurve:
    perturbation: Perturbation
    levels: np.ndarray  # (L,)
    accuracy: np.ndarray  # (L,) fraction correct at each level


@dataclass(frozen=True)
class ThresholdCurve:
    """Answer only when max y ≥ threshold; below it the net says "I don't know"."""
    thresholds: np.ndarray  # (T,)
    answered: np.ndarray  # (T,) fraction of images answered
    accuracy: np.ndarray  # (T,) fraction right among the answered (NaN when none answered)

    def at(self, threshold: float) -> tuple[float, float]:
        """(answered, accuracy of answered) at the nearest computed threshold."""
        i = int(np.abs(self.thresholds - threshold).argmin())
        return float(self.answered[i]), float(self.accuracy[i])


def threshold_curve(confidence: np.ndarray, correct: np.ndarray,
                    thresholds: np.ndarray | None = None) -> ThresholdCurve:
    """Coverage and accuracy of the answered images for each confidence threshold; an image is
    answered when its confidence ≥ the threshold. Default thresholds: 0, 0.001, …, 0.999.

    Shapes: confidence (N,), correct (N,) bool, thresholds (T,) -> curves (T,)
    """
    if thresholds is None:
        thresholds = np.arange(1000) / 1000
    thresholds = np.asarray(thresholds, np.float64)
    confidence = np.asarray(confidence, np.float64)
    correct = np.asarray(correct, bool)
    N = len(confidence)
    order = np.argsort(confidence, kind="stable")
    sorted_conf = confidence[order]
    # right_from[i]: correct answers among the images from sorted position i on
    right_from = np.concatenate([np.cumsum(correct[order][::-1])[::-1], [0]])  # (N+1,)
    first = np.searchsorted(sorted_conf, thresholds, side="left")  # first answered position
    n_answered = N - first
    n_right = right_from[first]
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = np.where(n_answered > 0, n_right / np.maximum(n_answered, 1), np.nan)
    return ThresholdCurve(thresholds, n_answered / max(N, 1), accuracy)


@dataclass(frozen=True)
class RobustnessResult:
    n_images: int
    clean_accuracy: float
    curves: tuple[RobustnessCurve, ...]
    threshold: ThresholdCurve  # on the clean images


SWEEP_CHUNK = 256  # images per perturbation pass in robustness_sweep


def robustness_sweep(net: LeNet5, images: np.ndarray, labels: np.ndarray,
                     perturbations: Sequence[Perturbation] = PERTURBATIONS, seed: int = 0,
                     progress: Progress = None, should_stop: ShouldStop = None
                     ) -> RobustnessResult:
    """Test accuracy at every level of every perturbation, plus the threshold curve of the
    clean images. Level 0 of a perturbation is the clean set and is computed once.

    Shapes: images (N, 28, 28) uint8, labels (N,) -> RobustnessResult
    """
    images = np.asarray(images, np.uint8)
    labels = np.asarray(labels).astype(np.intp)
    N = len(labels)
    jobs = [(None, 0.0)] + [(p, lv) for p in perturbations for lv in p.levels if lv != 0]
    total = len(jobs) * N
    done = 0
    accuracy: dict[tuple[str, float], float] = {}

    def outputs(p: Perturbation | None, level: float) -> np.ndarray:
        """y of every image under one perturbation level, SWEEP_CHUNK images at a time (the
        GUI runs this beside training: whole-set float copies cost tens of MB). The noise
        field is drawn chunk by chunk from the same seed at every σ: the same numbers as
        one draw for the whole set, so the curve is smooth rather than re-drawn per level."""
        nonlocal done
        y = np.empty((N, 10), np.float32)
        rng = np.random.default_rng(seed)
        for s in range(0, N, SWEEP_CHUNK):
            _check_stop(should_stop, "robustness sweep")
            chunk = images[s : s + SWEEP_CHUNK]
            if p is not None and p.adversarial:  # FGSM: the net's own δ(x), in float
                x = p.attack(net, chunk, labels[s : s + SWEEP_CHUNK], level)
                y[s : s + len(chunk)] = net.predict(x)
            else:
                if p is not None:
                    noise = (rng.standard_normal(chunk.shape, dtype=np.float32)
                             if p.key == "noise" else None)
                    chunk = p.apply(chunk, level, noise=noise)
                y[s : s + len(chunk)] = classify(net, chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        return y

    y = outputs(None, 0.0)
    clean_pred = y.argmax(axis=1)
    clean_acc = float((clean_pred == labels).mean()) if N else float("nan")
    threshold = threshold_curve(y.max(axis=1), clean_pred == labels)
    for p, lv in jobs[1:]:
        pred = outputs(p, lv).argmax(axis=1)
        accuracy[(p.key, lv)] = float((pred == labels).mean())
    curves = tuple(
        RobustnessCurve(p, np.asarray(p.levels, np.float64),
                        np.array([clean_acc if lv == 0 else accuracy[(p.key, lv)]
                                  for lv in p.levels]))
        for p in perturbations)
    return RobustnessResult(N, clean_acc, curves, threshold)


# ----------------------------------------------------------------------- feature space

@dataclass(frozen=True)
class PCAResult:
    mean: np.ndarray  # (D,) the centre that was subtracted
    components: np.ndarray  # (k, D) unit principal axes, largest variance first
    explained_variance: np.ndarray  # (k,) variance along each axis (ddof = 1)
    explained_ratio: np.ndarray  # (k,) its share of the total variance
    projected: np.ndarray  # (N, k) coordinates of each sample on the axes


def pca(x: np.ndarray, k: int = 2) -> PCAResult:
    """Principal components by an SVD of the centred data, X − μ = U S Vᵀ: the axes are the
    rows of Vᵀ, the variances S²/(N−1). Each axis's sign is fixed so that its largest-magnitude
    entry is positive (SVD signs are arbitrary).

    Shapes: x (N, D) -> PCAResult with projected (N, k)
    """
    x = np.asarray(x, np.float64)
    if x.ndim != 2 or len(x) < 2:
        raise ValueError(f"PCA needs (N ≥ 2, D) data, got {x.shape}")
    N, D = x.shape
    k = min(k, D, N)
    mean = x.mean(axis=0)
    xc = x - mean  # (N, D)
    _, s, vt = np.linalg.svd(xc, full_matrices=False)  # s (min(N, D),), vt (min(N, D), D)
    comps = vt[:k]
    signs = np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])
    comps = comps * np.where(signs == 0, 1.0, signs)[:, None]
    var = s ** 2 / (N - 1)
    total = var.sum()
    return PCAResult(mean, comps, var[:k], var[:k] / total if total > 0 else np.zeros(k),
                     xc @ comps.T)


@dataclass(frozen=True)
class FeatureSpace:
    layer: str  # "c5" or "f6"
    indices: np.ndarray  # (N,) test-set indices of the points
    pca: PCAResult
    labels: np.ndarray  # (N,)
    predictions: np.ndarray  # (N,)
    confidence: np.ndarray  # (N,)


def layer_outputs(net: LeNet5, images: np.ndarray, layer: Literal["c5", "f6"],
                  batch: int = INFER_BATCH, progress: Progress = None,
                  should_stop: ShouldStop = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """C5 (120) or F6 (84) outputs and softmax y. Shapes: (N, 28, 28) -> (N, D), (N, 10)"""
    if layer not in ("c5", "f6"):
        raise ValueError(f"layer must be 'c5' or 'f6', got {layer!r}")
    N = len(images)
    feats = np.empty((N, 120 if layer == "c5" else 84), np.float32)
    y = np.empty((N, 10), np.float32)
    for s in range(0, N, batch):
        _check_stop(should_stop, "feature extraction")
        t = net.forward(normalise(images[s : s + batch], dtype=net.dtype), keep_cols=False)
        feats[s : s + batch] = t[layer]
        y[s : s + batch] = t["y"]
        if progress is not None:
            progress(min(s + batch, N), N)
    return feats, y


def sample_indices(n_total: int, n: int, seed: int = 0) -> np.ndarray:
    """n distinct indices out of n_total, sorted, the same for the same seed."""
    n = min(n, n_total)
    return np.sort(np.random.default_rng(seed).choice(n_total, n, replace=False))


def feature_space(net: LeNet5, images: np.ndarray, labels: np.ndarray,
                  layer: Literal["c5", "f6"] = "c5", n: int = 2000, seed: int = 0,
                  progress: Progress = None, should_stop: ShouldStop = None) -> FeatureSpace:
    """PCA (2 components) of the chosen layer's outputs for n test images."""
    idx = sample_indices(len(labels), n, seed)
    feats, y = layer_outputs(net, images[idx], layer, progress=progress,
                             should_stop=should_stop)
    _check_stop(should_stop, "PCA")
    return FeatureSpace(layer, idx, pca(feats, 2), np.asarray(labels)[idx].astype(np.intp),
                        y.argmax(axis=1), y.max(axis=1))


# ----------------------------------------------------------------------- data statistics

def class_counts(labels: np.ndarray) -> np.ndarray:
    """Images per class. Shapes: (N,) -> (10,) int64"""
    return np.bincount(np.asarray(labels, np.intp), minlength=10)[:10]


def mean_images(images: np.ndarray, labels: np.ndarray, progress: Progress = None,
                should_stop: ShouldStop = None) -> np.ndarray:
    """The mean image of each class, 0..255 (zero for an empty class).

    Shapes: images (N, H, W) uint8, labels (N,) -> (10, H, W) float32
    """
    N, H, W = images.shape
    out = np.zeros((10, H, W), np.float32)
    for k in range(10):
        _check_stop(should_stop, "class means")
        sel = images[labels == k]
        if len(sel):
            out[k] = sel.mean(axis=0, dtype=np.float64)
        if progress is not None:
            progress(k + 1, 10)
    return out


@dataclass(frozen=True)
class ClassStats:
    counts: np.ndarray  # (10,)
    means: np.ndarray  # (10, 28, 28) float32, 0..255
    order: tuple[np.ndarray, ...]  # per class, the indices of its images in data-set order


def class_stats(images: np.ndarray, labels: np.ndarray, progress: Progress = None,
                should_stop: ShouldStop = None) -> ClassStats:
    labels = np.asarray(labels)
    return ClassStats(class_counts(labels), mean_images(images, labels, progress, should_stop),
                      tuple(np.flatnonzero(labels == k) for k in range(10)))
