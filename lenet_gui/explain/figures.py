"""The pictures of `lenet-gui explain`: matplotlib figures (the Agg canvas, no pyplot, no Qt)
of an input beside its explanation, each with a title, a colour bar and the prediction;
`png_bytes` renders one. Inputs are drawn as on paper: ink dark, background white."""

from __future__ import annotations

import io
import textwrap

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lenet_gui.data.preprocess import BACKGROUND, FOREGROUND

PAPER = dict(cmap="gray_r", vmin=BACKGROUND, vmax=FOREGROUND, interpolation="nearest")


def new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes, on white."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor="white")
    return buf.getvalue()


def _image(ax, img, title: str, **kw):
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax.imshow(img, **kw)


def _signed(ax, fig, img, title: str, label: str):
    m = float(np.abs(img).max()) or 1.0
    im = _image(ax, img, title, cmap="RdBu_r", vmin=-m, vmax=m, interpolation="nearest")
    fig.colorbar(im, ax=ax, shrink=0.8).set_label(label, fontsize=8)


def _unsigned(ax, fig, img, title: str, label: str, cmap: str = "inferno"):
    im = _image(ax, img, title, cmap=cmap, vmin=0, vmax=float(img.max()) or 1.0,
                interpolation="nearest")
    fig.colorbar(im, ax=ax, shrink=0.8).set_label(label, fontsize=8)


def saliency_figure(x, sal, gxi, k: int, heading: str) -> Figure:
    fig = new_figure(9.6, 3.3)
    axes = fig.subplots(1, 3)
    _image(axes[0], x, "input x", **PAPER)
    _unsigned(axes[1], fig, sal, f"saliency |∂y{_sub(k)}/∂x|", "per unit of x")
    _signed(axes[2], fig, gxi, f"gradient × input (x − blank), class {k}",
            "red: supports, blue: against")
    fig.suptitle(heading, fontsize=11)
    return fig


def occlusion_figure(x, occ, k: int, size: int, stride: int, heading: str) -> Figure:
    fig = new_figure(7.2, 3.5)
    axes = fig.subplots(1, 2)
    _image(axes[0], x, "input x", **PAPER)
    _signed(axes[1], fig, occ, f"drop of y{_sub(k)} when a {size}×{size} blank patch\n"
            f"covers each place (stride {stride})", "y_k(x) − y_k(covered)")
    axes[1].contour(x, levels=[(BACKGROUND + FOREGROUND) / 2], colors="k", linewidths=0.6)
    fig.suptitle(heading, fontsize=11)
    return fig


def gallery_figure(images, titles, heading: str, cols: int) -> Figure:
    """Tiles of inputs (n, 32, 32) in the input's scale, on the common paper scale."""
    n = len(images)
    rows = -(-n // cols)
    fig = new_figure(1.25 * cols, 1.35 * rows + 0.5)
    axes = np.atleast_1d(fig.subplots(rows, cols)).reshape(-1)
    for ax in axes[n:]:
        ax.axis("off")
    for ax, img, t in zip(axes, images, titles):
        _image(ax, img, t, **PAPER)
        ax.title.set_fontsize(8)
    fig.suptitle(textwrap.fill(heading, int(cols * 14)), fontsize=11)
    return fig


def unit_figure(x, activations, heading: str) -> Figure:
    fig = new_figure(7.2, 3.3)
    a0, a1 = fig.subplots(1, 2)
    _image(a0, x, "the input found", **PAPER)
    a1.plot(np.arange(len(activations)), activations, color="#1f77b4")
    a1.set_xlabel("step")
    a1.set_ylabel("activation (u)")
    a1.grid(alpha=0.3)
    fig.suptitle(heading, fontsize=11)
    return fig


def attack_figure(x, x_adv, eps_input: float, curve, epsilons, label: int,
                  heading: str, change_title: str) -> Figure:
    """Input, the change (on ±ε), the changed input and, if given, y_label against ε."""
    fig = new_figure(12.4 if curve is not None else 9.6, 3.4)
    axes = fig.subplots(1, 4 if curve is not None else 3)
    _image(axes[0], x, "input x", **PAPER)
    d = x_adv - x
    m = max(eps_input, float(np.abs(d).max()), 1e-6)
    im = _image(axes[1], d, change_title, cmap="RdBu_r", vmin=-m, vmax=m, interpolation="nearest")
    fig.colorbar(im, ax=axes[1], shrink=0.8).set_label("change, input scale", fontsize=8)
    _image(axes[2], x_adv, "changed input", **PAPER)
    if curve is not None:
        ax = axes[3]
        ax.plot(epsilons, curve, "o-", color="#d62728")
        ax.set_xlabel("ε (of the [0, 1] pixel range)")
        ax.set_ylabel(f"y{_sub(label)} (true class)")
        ax.set_ylim(-0.03, 1.03)
        ax.grid(alpha=0.3)
        ax.set_title("FGSM: y of the true class against ε", fontsize=10)
    fig.suptitle(heading, fontsize=11)
    return fig


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
