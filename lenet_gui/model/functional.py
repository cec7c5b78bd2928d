"""Forward/backward pairs of LeNet-5's operations, in NumPy only.

Feature maps are kept channel-major, (C, N, H, W), so that each channel is one contiguous row
of length P = N·H·W. A 5×5 valid convolution then reads, for kernel offset o = ky·W + kx, the
contiguous slice ``x_flat[c, o:o+L]``: im2col is 25 shifted copies and the convolution is one
GEMM. Output maps keep the input's H×W grid ("full layout"); only the top-left
(H-K+1)×(W-K+1) corner of each map is valid, the rest is computed and ignored. Backward
functions expect δ to be zero outside the valid corner, which pooling guarantees.
"""

from __future__ import annotations

import numpy as np

# ----------------------------------------------------------------------------- convolution


def conv_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """u = x ⋆ w + b, valid cross-correlation as in the course's c1/c3/c5 formulas.

    Shapes: x (C, N, H, W), w (F, C, K, K), b (F,) -> u (F, N, H, W) in full layout
    (valid corner (H-K+1)×(W-K+1)), cols (C·K·K, L) with L = N·H·W − (K−1)·(W+1).
    """
    C, N, H, W = x.shape
    F, _, K, _ = w.shape
    P = N * H * W
    L = P - (K - 1) * (W + 1)
    xf = x.reshape(C, P)
    cols = np.empty((C, K * K, L), dtype=x.dtype)  # (C, K·K, L)
    for ky in range(K):
        for kx in range(K):
            o = ky * W + kx
            cols[:, ky * K + kx, :] = xf[:, o : o + L]
    cols = cols.reshape(C * K * K, L)
    u = np.empty((F, P), dtype=x.dtype)  # (F, N·H·W)
    np.matmul(w.reshape(F, C * K * K), cols, out=u[:, :L])
    u[:, L:] = 0.0
    u += b[:, None]
    return u.reshape(F, N, H, W), cols


def conv_backward(
    delta_u: np.ndarray, cols: np.ndarray, w: np.ndarray, need_input: bool = True
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """δ(input), δ(w), δ(b) of a valid convolution.

    δ(w) sums δ(u)·input under each kernel element over every position (course C3 (2));
    δ(input) is the full correlation of δ(u) with the kernel turned 180° (course C3 (4)).

    Shapes: delta_u (F, N, H, W) zero outside the valid corner, cols (C·K·K, L), w (F, C, K, K)
    -> delta_input (C, N, H, W) or None, delta_w (F, C, K, K), delta_b (F,)
    """
    F, N, H, W = delta_u.shape
    _, C, K, _ = w.shape
    P = N * H * W
    L = cols.shape[1]
    du = delta_u.reshape(F, P)[:, :L]
    delta_w = _gemm_nt_chunked(du, cols).reshape(w.shape)  # Σ_p δ(u)_p · x_(p+o)
    delta_b = delta_u.reshape(F, P).sum(axis=1)
    if not need_input:
        return None, delta_w, delta_b
    dcols = (w.reshape(F, C * K * K).T @ du).reshape(C, K * K, L)  # (C, K·K, L)
    dx = np.zeros((C, P), dtype=delta_u.dtype)
    for ky in range(K):
        for kx in range(K):
            o = ky * W + kx
            dx[:, o : o + L] += dcols[:, ky * K + kx, :]
    return dx.reshape(C, N, H, W), delta_w, delta_b


def _gemm_nt_chunked(a: np.ndarray, b: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """a @ b.T summed over column chunks: OpenBLAS is 2–3× faster on a tiny (F, C·K·K)
    result with a long inner dimension when it is split (PERFORMANCE.md, item 2)."""
    L = a.shape[1]
    if L <= 2 * chunk:
        return a @ b.T
    out = a[:, :chunk] @ b[:, :chunk].T
    for s in range(chunk, L, chunk):
        out += a[:, s : s + chunk] @ b[:, s : s + chunk].T
    return out


# ----------------------------------------------------------------------------- sub-sampling


def _quads(c: np.ndarray, Hv: int, Wv: int):
    """The four strided views c[2i+u, 2j+v], u, v ∈ {0, 1}, of the valid corner."""
    v = c[:, :, :Hv, :Wv]
    return v[:, :, 0::2, 0::2], v[:, :, 0::2, 1::2], v[:, :, 1::2, 0::2], v[:, :, 1::2, 1::2]


def pool_max_forward(c: np.ndarray, Hv: int, Wv: int) -> tuple[np.ndarray, tuple]:
    """s_ij = max{c_(2i+u, 2j+v)}_(u,v=0,1) over the valid Hv×Wv corner of c.

    The mask (the course's msk1/msk3) marks exactly one winner per window: the first maximum
    in row-major order (as PyTorch does). Ties are common on the flat background, and copying
    δ to every tied maximum would give wrong gradients.

    Shapes: c (C, N, H, W) -> s (C, N, Hv/2, Wv/2), masks: four bool (C, N, Hv/2, Wv/2)
    """
    c00, c01, c10, c11 = _quads(c, Hv, Wv)
    top = np.maximum(c00, c01)
    bottom = np.maximum(c10, c11)
    s = np.maximum(top, bottom)
    left_top = c00 >= c01
    left_bottom = c10 >= c11
    pick_top = top >= bottom
    pick_bottom = ~pick_top
    masks = (
        pick_top & left_top,
        pick_top & ~left_top,
        pick_bottom & left_bottom,
        pick_bottom & ~left_bottom,
    )
    return s, masks


def pool_max_backward(delta_s: np.ndarray, masks: tuple, shape: tuple) -> np.ndarray:
    """δ(c_ij) = msk_ij · δ(s_⌊i/2⌋⌊j/2⌋).

    Shapes: delta_s (C, N, Hv/2, Wv/2) -> delta_c `shape` = (C, N, H, W), zero outside windows
    """
    delta_c = np.zeros(shape, dtype=delta_s.dtype)
    Hv, Wv = 2 * delta_s.shape[2], 2 * delta_s.shape[3]
    for view, mask in zip(_quads(delta_c, Hv, Wv), masks):
        np.multiply(delta_s, mask, out=view)
    return delta_c


def window_sum(c: np.ndarray, Hv: int, Wv: int) -> np.ndarray:
    """Σ_(u,v=0,1) c_(2i+u, 2j+v). Shapes: c (C, N, H, W) -> (C, N, Hv/2, Wv/2)"""
    c00, c01, c10, c11 = _quads(c, Hv, Wv)
    total = c00 + c01
    total += c10
    total += c11
    return total


def spread(delta_s: np.ndarray, scale: np.ndarray | float, shape: tuple) -> np.ndarray:
    """δ(c_ij) = scale · δ(s_⌊i/2⌋⌊j/2⌋): the backward of a (scaled) window sum.

    Shapes: delta_s (C, N, Hv/2, Wv/2), scale scalar or (C, 1, 1, 1) -> (C, N, H, W)
    """
    delta_c = np.zeros(shape, dtype=delta_s.dtype)
    Hv, Wv = 2 * delta_s.shape[2], 2 * delta_s.shape[3]
    scaled = delta_s * scale
    for view in _quads(delta_c, Hv, Wv):
        view[...] = scaled
    return delta_c


def valid_mask_full(masks: tuple, shape: tuple) -> np.ndarray:
    """The course's mask matrix msk as one 0/1 array in full layout. Shapes: -> `shape`"""
    full = np.zeros(shape, dtype=np.uint8)
    C, N, hs, ws = masks[0].shape
    for view, mask in zip(_quads(full, 2 * hs, 2 * ws), masks):
        view[...] = mask
    return full


# ----------------------------------------------------------------------------- softmax + loss


def softmax(f7: np.ndarray) -> np.ndarray:
    """y_i = e^(f7_i) / Σ_j e^(f7_j). Shapes: f7 (N, 10) -> y (N, 10)"""
    e = np.exp(f7 - f7.max(axis=1, keepdims=True))
    e /= e.sum(axis=1, keepdims=True)
    return e


def cross_entropy(y: np.ndarray, labels: np.ndarray) -> float:
    """J = −(1/N) Σ_n log y_(n, label_n): the course's J(θ) = −Σ z_i log y_i, averaged over
    the mini-batch. Shapes: y (N, 10), labels (N,) -> scalar"""
    N = y.shape[0]
    p = y[np.arange(N), labels].astype(np.float64)
    return float(-np.log(np.maximum(p, np.finfo(y.dtype).tiny)).mean())


def softmax_ce_backward(y: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """δ(f7_i) = −(z_i − y_i), divided by N because J is the batch mean.

    Shapes: y (N, 10), labels (N,) -> delta_f7 (N, 10)
    """
    N = y.shape[0]
    delta = y.copy()
    delta[np.arange(N), labels] -= 1.0
    delta /= N
    return delta
