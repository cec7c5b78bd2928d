"""The smallest change that fools it: FGSM, its iterative form, a targeted "make it a k", and
y_true against ε. No Qt here.

ε is in PIXELS OF [0, 1] (MNIST's bytes / 255), the scale of the FGSM literature, so numbers
compare directly (e.g. PyTorch's FGSM tutorial: ε = 0.2 on [0, 1] pixels). Our input maps
pixels p ∈ [0, 1] to x = −0.1 + 1.275·p, so ε pixels is ε·1.275 in the input's scale
(PIXEL_RANGE); every result is clipped to the input's range [−0.1, 1.175], i.e. to [0, 1]
pixels. The gradient is the model's own δ(x) = ∂J/∂x (model/sensitivity.py).

`x` is one image, (32, 32) or (1, 1, 32, 32), or a batch (N, 1, 32, 32) with labels (N,); the
result has x's shape. Batches run INFER_BATCH images a pass.
"""

from __future__ import annotations

import numpy as np

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND, PIXEL_RANGE, normalise
from lenet_gui.model import LeNet5
from lenet_gui.model.sensitivity import fgsm as _fgsm
from lenet_gui.model.sensitivity import input_gradient


def _batch(net: LeNet5, x: np.ndarray, labels) -> tuple[np.ndarray, np.ndarray, tuple]:
    """(N, 1, 32, 32) in the net's dtype, labels (N,), and x's shape to give back."""
    a = np.asarray(x)
    shape = a.shape
    xb = np.ascontiguousarray(a.reshape(-1, 1, 32, 32), dtype=net.dtype)
    lab = np.broadcast_to(np.asarray(labels, np.intp), (len(xb),)).copy()
    if lab.min(initial=0) < 0 or lab.max(initial=0) > 9:
        raise ValueError(f"labels must be 0…9, got {np.unique(lab).tolist()}")
    return xb, lab, shape


def to_input_scale(epsilon: float) -> float:
    """ε in [0, 1] pixels -> the same change in the input's scale (× 1.275)."""
    if epsilon < 0:
        raise ValueError(f"ε must be ≥ 0, got {epsilon}")
    return float(epsilon) * PIXEL_RANGE


def fgsm(net: LeNet5, x: np.ndarray, label, epsilon: float) -> np.ndarray:
    """x + ε·sign(δ(x)) for J of the given label, clipped to the input's range (Goodfellow et
    al. 2015): one step up the loss, ε pixels per pixel. Shapes: x -> x's shape"""
    xb, lab, shape = _batch(net, x, label)
    return _fgsm(net, xb, lab, to_input_scale(epsilon), BACKGROUND, FOREGROUND).reshape(shape)


def _iterate(net: LeNet5, xb: np.ndarray, lab: np.ndarray, eps: np.ndarray, steps: int,
             alpha: np.ndarray, direction: float) -> np.ndarray:
    """Projected sign steps: x ← clip(x + direction·α·sign(δ(x))) into the L∞ ball of radius
    ε around the start and the input's range. direction +1 raises J of `lab` (untargeted),
    −1 lowers it (targeted). eps, alpha (N,) in the input's scale."""
    lo = np.maximum(xb - eps[:, None, None, None], BACKGROUND)
    hi = np.minimum(xb + eps[:, None, None, None], FOREGROUND)
    adv = xb.copy()
    for _ in range(steps):
        g, _ = input_gradient(net, adv, lab)
        adv = np.clip(adv + direction * alpha[:, None, None, None] * np.sign(g), lo, hi)
        adv = adv.astype(net.dtype)
    return adv


def iterative_fgsm(net: LeNet5, x: np.ndarray, label, epsilon: float, steps: int = 10,
                   alpha: float | None = None) -> np.ndarray:
    """The basic iterative method (Kurakin et al. 2017): `steps` FGSM steps of α (default
    2.5·ε/steps, as Madry et al.), each projected back into ε of x and the input's range.
    ε and α in [0, 1] pixels. Shapes: x -> x's shape"""
    xb, lab, shape = _batch(net, x, label)
    eps = to_input_scale(epsilon)
    a = 2.5 * eps / max(steps, 1) if alpha is None else to_input_scale(alpha)
    N = len(xb)
    return _iterate(net, xb, lab, np.full(N, eps), steps, np.full(N, a), +1.0).reshape(shape)


def targeted(net: LeNet5, x: np.ndarray, target: int, epsilon_max: float = 0.3,
             steps: int = 20, n_epsilons: int = 30) -> tuple[np.ndarray, float | None]:
    """A small change that makes the net say `target`: iterative sign steps DOWN J of the
    target (x − α·sign(δ(x))), for n_epsilons budgets ε = ε_max/n … ε_max at once (one batch),
    keeping the smallest ε whose result is classified as target.

    Returns (x_adv, ε in [0, 1] pixels), or (the ε_max attempt, None) if no budget reached it.
    Shapes: x one image -> x's shape
    """
    xb, lab, shape = _batch(net, x, target)
    if len(xb) != 1:
        raise ValueError("targeted() takes one image")
    eps_px = epsilon_max * np.arange(1, n_epsilons + 1) / n_epsilons  # (E,)
    eps = eps_px * PIXEL_RANGE
    many = np.repeat(xb, n_epsilons, axis=0)
    adv = _iterate(net, many, np.repeat(lab, n_epsilons), eps, steps,
                   2.5 * eps / max(steps, 1), -1.0)
    hit = np.flatnonzero(net.predict(adv).argmax(axis=1) == lab[0])
    if hit.size == 0:
        return adv[-1].reshape(shape), None
    return adv[hit[0]].reshape(shape), float(eps_px[hit[0]])


def y_against_epsilon(net: LeNet5, x: np.ndarray, label: int, epsilons,
                      iterative: bool = False, steps: int = 10) -> np.ndarray:
    """y_label of the attacked image at each ε (pixels): FGSM (one gradient serves every ε:
    one backward, one batch of forwards) or the iterative form (all ε in one batch).

    Shapes: x one image, epsilons (E,) -> (E,) float64
    """
    xb, lab, _ = _batch(net, x, label)
    if len(xb) != 1:
        raise ValueError("y_against_epsilon() takes one image")
    eps = np.array([to_input_scale(e) for e in np.atleast_1d(epsilons)])  # (E,)
    E = len(eps)
    if iterative:
        many = np.repeat(xb, E, axis=0)
        adv = _iterate(net, many, np.repeat(lab, E), eps, steps, 2.5 * eps / max(steps, 1), 1.0)
    else:
        g, _ = input_gradient(net, xb, lab)
        adv = np.clip(xb + eps[:, None, None, None] * np.sign(g), BACKGROUND, FOREGROUND)
    return net.predict(adv.astype(net.dtype))[:, lab[0]].astype(np.float64)


def attack_accuracy(net: LeNet5, images: np.ndarray, labels: np.ndarray, epsilons,
                    iterative: bool = False, steps: int = 10, chunk: int = 256,
                    progress=None, cancel=None) -> np.ndarray:
    """Accuracy under FGSM (or the iterative form) at each ε (pixels) on uint8 test images,
    `chunk` images at a time. progress(done, total), cancel() as in train/analysis.py.

    Shapes: images (N, 28, 28) uint8, labels (N,), epsilons (E,) -> (E,) fraction correct
    """
    labels = np.asarray(labels, np.intp)
    eps = list(np.atleast_1d(epsilons))
    N = len(labels)
    right = np.zeros(len(eps), np.int64)
    total, done = len(eps) * N, 0
    for s in range(0, N, chunk):
        x = normalise(images[s : s + chunk], dtype=net.dtype)
        lab = labels[s : s + chunk]
        for i, e in enumerate(eps):
            if cancel is not None and cancel():
                raise InterruptedError("attack stopped")
            if e == 0:
                adv = x
            elif iterative:
                adv = iterative_fgsm(net, x, lab, e, steps)
            else:
                adv = fgsm(net, x, lab, e)
            right[i] += int((net.predict(adv).argmax(axis=1) == lab).sum())
            done += len(lab)
            if progress is not None:
                progress(done, total)
    return right / max(N, 1)
