"""Forward/backward pairs of LeNet-5's operations, in NumPy only.

Feature maps are kept channel-major, (C, N, H, W), so that each channel of each image is one
contiguous run of H·W values. A K×K valid convolution then reads, for kernel offset
o = ky·W + kx, the contiguous slice ``x[c, n, o:o+S]``: im2col is K·K shifted copies and the
convolution is one GEMM. Output maps keep the input's width W but only the Ho = H-K+1 rows
that hold valid outputs ("row layout", (F, N, Ho, W)); the last K-1 columns of each row are
computed and ignored. Backward functions expect δ to be zero in those columns. The model
itself keeps its maps in the compact layout (im2col(compact=True): valid positions only,
smaller GEMMs) and pads δ(u) into the row layout only for input_delta (row_layout).

Every function that fills an array accepts ``out=``, so the model can run the layers chunk by
chunk into preallocated arrays (see lenet5.py).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

# ----------------------------------------------------------------------------- convolution


def as_rows(a: np.ndarray, rows: int) -> np.ndarray:
    """A (rows, -1) view of `a`, which must not need a copy (out= targets must be views)."""
    v = a.reshape(rows, -1)
    if v.size and not np.may_share_memory(v, a):
        raise ValueError("array cannot be flattened without a copy")
    return v


def im2col(x: np.ndarray, K: int, out: np.ndarray | None = None,
           compact: bool = False) -> np.ndarray:
    """The K·K shifted copies of x, plus a row of ones that carries the bias. compact=True:
    the valid positions only (see _im2col_compact, which the model uses); else the row
    layout, below.

    cols[c·K·K + ky·K + kx, (n, p)] = x[c, n, p + ky·W + kx] for the first Ho·W − (K−1)
    positions p of each image, 0 for the last K−1 (they would read the next image).

    Shapes: x (C, N, H, W) -> cols (C·K·K + 1, N·Ho·W), Ho = H-K+1
    """
    if compact:
        return _im2col_compact(x, K, out)
    C, N, H, W = x.shape
    R = (H - K + 1) * W  # positions per image in row layout
    S = R - (K - 1)  # positions per image that stay inside the image
    if out is None:
        out = np.empty((C * K * K + 1, N * R), dtype=x.dtype)
    x3 = x.reshape(C, N, H * W)  # a view: (C, N, H·W)
    step = x3.strides[2]
    shifted = as_strided(x3, (C, K, K, N, S), (x3.strides[0], W * step, step, x3.strides[1],
                                              step), writeable=False)  # x[c, n, p + ky·W + kx]
    c5 = out[:-1].reshape(C, K, K, N, R)
    c5[..., :S] = shifted  # the K·K shifted copies in one call
    c5[..., S:] = 0.0
    out[-1] = 1.0
    return out


def _im2col_compact(x: np.ndarray, K: int, out: np.ndarray | None = None) -> np.ndarray:
    """im2col over the valid positions only ("compact layout"): no computed-and-ignored
    columns, at the price of copies in runs of Wo values instead of whole shifted maps. For
    C3 (14×14 → 10×10) the row layout computes 140 positions an image for 100 valid ones, for
    C1 896 for 784: the GEMMs are 29 % and 12 % smaller, and the pooling windows cover every
    cell, so δ(u) needs no zeroing.

    cols[c·K·K + ky·K + kx, (n, i, j)] = x[c, n, i + ky, j + kx], plus a row of ones.

    Shapes: x (C, N, H, W) -> cols (C·K·K + 1, N·Ho·Wo), Ho = H-K+1, Wo = W-K+1
    """
    C, N, H, W = x.shape
    Ho, Wo = H - K + 1, W - K + 1
    if out is None:
        out = np.empty((C * K * K + 1, N * Ho * Wo), dtype=x.dtype)
    s = x.strides
    windows = as_strided(x, (C, K, K, N, Ho, Wo), (s[0], s[2], s[3], s[1], s[2], s[3]),
                         writeable=False)  # x[c, n, i + ky, j + kx]
    out[:-1].reshape(C, K, K, N, Ho, Wo)[...] = windows
    out[-1] = 1.0
    return out


def im2col_quads(x: np.ndarray, K: int, out: np.ndarray | None = None,
                 scratch: np.ndarray | None = None) -> np.ndarray:
    """im2col over the valid positions in the "quad layout" (C1's): each image's outputs in
    the order (u, v, i, j) of position (2i + u, 2j + v), so that the four members of every 2×2
    pooling window lie in four contiguous blocks of (Ho/2)·(Wo/2) values. Pooling then runs on
    whole contiguous blocks instead of every second value (2.5–4× faster for C1 here), and the
    GEMM costs the same. Needs an even Ho and Wo.

    cols[c·K·K + ky·K + kx, (n, u, v, i, j)] = x[c, n, 2i + u + ky, 2j + v + kx], plus a row of
    ones. Built in two copies of whole runs: P[t, r, n] = x[c, n, 2i + t, 2j + r] for the
    (K+1)² offsets t, r (from the four phases x[2a + p, 2b + q]), then cols[ky, kx, n, u, v] =
    P[ky + u, kx + v, n].

    Shapes: x (C, N, H, W) -> cols (C·K·K + 1, N·Ho·Wo); scratch: at least
    quads_scratch_size(x.shape, K) elements
    """
    C, N, H, W = x.shape
    Ho, Wo = H - K + 1, W - K + 1
    h, w, T = Ho // 2, Wo // 2, K + 1
    if Ho % 2 or Wo % 2 or H % 2 or W % 2:
        raise ValueError(f"the quad layout needs even sizes, got {H}×{W} -> {Ho}×{Wo}")
    if out is None:
        out = np.empty((C * K * K + 1, N * Ho * Wo), dtype=x.dtype)
    need = quads_scratch_size(x.shape, K)
    if scratch is None or scratch.size < need:
        scratch = np.empty(need, dtype=x.dtype)
    flat = scratch.reshape(-1)
    phases = flat[: C * N * H * W].reshape(C, 2, 2, N, H // 2, W // 2)
    phases[...] = x.reshape(C, N, H // 2, 2, W // 2, 2).transpose(0, 3, 5, 1, 2, 4)
    P = flat[C * N * H * W : need].reshape(C, T, T, N, h, w)
    it, sp = phases.itemsize, phases.strides
    for p in range(2):
        for q in range(2):  # P[2α + p, 2β + q] = phase (p, q) shifted by (α, β)
            P[:, p::2, q::2] = as_strided(
                phases[:, p, q], (C, (T - p + 1) // 2, (T - q + 1) // 2, N, h, w),
                (sp[0], W // 2 * it, it, sp[3], W // 2 * it, it), writeable=False)
    s = P.strides
    windows = as_strided(P, (C, K, K, N, 2, 2, h, w),
                         (s[0], s[1], s[2], s[3], s[1], s[2], s[4], s[5]), writeable=False)
    out[:-1].reshape(C, K, K, N, 2, 2, h, w)[...] = windows
    out[-1] = 1.0
    return out


def quads_scratch_size(shape: tuple[int, int, int, int], K: int) -> int:
    """Elements of im2col_quads' scratch for x of `shape` (C, N, H, W): the four phases of x,
    then its (K+1)² offset copies of Ho/2 × Wo/2."""
    C, N, H, W = shape
    return C * N * (H * W + (K + 1) ** 2 * ((H - K + 1) // 2) * ((W - K + 1) // 2))


def from_quads(a: np.ndarray) -> np.ndarray:
    """A quad-layout map (C, N, 2, 2, h, w) in the usual layout: a new (C, N, 2h, 2w) array."""
    C, N, _, _, h, w = a.shape
    return a.transpose(0, 1, 4, 2, 5, 3).reshape(C, N, 2 * h, 2 * w)


def as_quads(a: np.ndarray) -> np.ndarray:
    """A (C, N, 2h, 2w) map seen in the quad layout (C, N, 2, 2, h, w): a view."""
    C, N, H, W = a.shape
    return a.reshape(C, N, H // 2, 2, W // 2, 2).transpose(0, 1, 3, 5, 2, 4)


def row_layout(a: np.ndarray, W: int, out: np.ndarray) -> np.ndarray:
    """A compact (C, N, Ho, Wo) map, or a quad-layout one (C, N, 2, 2, Ho/2, Wo/2), written
    into the row layout (C, N, Ho, W), zero in the last W − Wo columns of each row
    (input_delta's operand). Shapes: -> out (C, N, Ho, W)"""
    quads = a.ndim == 6
    Wo = 2 * a.shape[5] if quads else a.shape[3]
    valid = out[..., :Wo]
    (as_quads(valid) if quads else valid)[...] = a
    out[..., Wo:] = 0.0
    return out


def input_delta(wt: np.ndarray, delta_u: np.ndarray, K: int, out: np.ndarray,
                scratch: np.ndarray | None = None) -> np.ndarray:
    """δ(input) = col2im(wᵀ·δ(u)): the full correlation of δ(u) with the kernels turned 180°
    (course C3 (4)). col2im, the adjoint of im2col, is out[c, n, p + o] += d[c·K·K + k, (n, p)]
    over the K·K offsets o = ky·W + kx; here its 25 shifted adds are folded into 1 + 5 calls.

    The GEMM writes row r = (c·K + ky)·K + kx of wᵀ·δ(u) at offset r·(Lb+1) of a flat buffer,
    Lb = L + K − 1. Read back as B[g, kx, t] with strides (K·(Lb+1), Lb, 1), g = c·K + ky, that
    row sits at B[g, kx, kx + j]: already shifted by kx. One reduction over kx then gives
    E[g, q] = Σ_kx (wᵀδ(u))[g·K + kx, q − kx], and the ky shifts (whole rows of W, which the
    row layout cannot share between images) are K adds. Shifting by kx across an image's end
    is safe because δ(u) is zero in each row's last K−1 columns.

    When F < C·K (C3: 16 maps against 6·5) the kx shifts go into the GEMM instead: its
    operand B[(f, kx), q] = δ(u)[f, q − kx] (K shifted copies of δ(u), F·K rows) and
    A[(c, ky), (f, kx)] = w[f, c, ky, kx] give E = A·B directly, a C·K × L result instead of
    C·K·K × L followed by a reduction: fewer passes over memory.

    Shapes: wt (C·K·K, F), delta_u (F, N·Ho·W) zero in the invalid columns -> out (C, N, H, W),
    overwritten; scratch: at least C·K·K·(L + K) elements, L = N·Ho·W
    """
    C, N, H, W = out.shape
    R = (H - K + 1) * W
    L = delta_u.shape[1]
    if L != N * R:
        raise ValueError(f"δ(u) has {L} columns, expected {N}·{R}")
    F = delta_u.shape[0]
    if F < C * K:
        return _input_delta_shifted(wt, delta_u, K, out, scratch)
    G, Lb = C * K, L + K - 1
    P = Lb + 1
    if scratch is None:
        scratch = np.empty(G * K * P, dtype=delta_u.dtype)
    flat = scratch.reshape(-1)[: G * K * P]
    it = flat.itemsize
    as_strided(flat[L:], (G * K, P - L), (P * it, it))[...] = 0.0  # the cells between rows
    matmul_cols(wt, delta_u, out=as_strided(flat, (G * K, L), (P * it, it)))
    shifted = as_strided(flat, (G, K, Lb), (K * P * it, Lb * it, it), writeable=False)
    e = np.add.reduce(shifted, axis=1)[:, :L].reshape(C, K, N, R)  # Σ over kx
    o3 = out.reshape(C, N, H * W)
    o3[:, :, :R] = e[:, 0]
    o3[:, :, R:] = 0.0
    for ky in range(1, K):  # Σ over ky: row shifts
        o3[:, :, ky * W : ky * W + R] += e[:, ky]
    return out


def _input_delta_shifted(wt: np.ndarray, delta_u: np.ndarray, K: int, out: np.ndarray,
                         scratch: np.ndarray | None) -> np.ndarray:
    """input_delta with the kx shifts in the GEMM's operand (see there); the same shapes."""
    C, N, H, W = out.shape
    R = (H - K + 1) * W
    F, L = delta_u.shape
    need = F * K * L + C * K * L
    if scratch is None or scratch.size < need:
        scratch = np.empty(need, dtype=delta_u.dtype)
    flat = scratch.reshape(-1)
    b = flat[: F * K * L].reshape(F, K, L)
    for kx in range(K):  # B[f, kx, q] = δ(u)[f, q − kx]: 0 before the first image
        b[:, kx, :kx] = 0.0
        b[:, kx, kx:] = delta_u[:, : L - kx]
    a = wt.reshape(C, K, K, F).transpose(0, 1, 3, 2).reshape(C * K, F * K)  # w[f, c, ky, kx]
    e = np.matmul(a, b.reshape(F * K, L), out=flat[F * K * L : need].reshape(C * K, L))
    e = e.reshape(C, K, N, R)  # E[c, ky, (n, p)] = Σ_f Σ_kx w·δ(u)[f, p − kx]
    o3 = out.reshape(C, N, H * W)
    o3[:, :, :R] = e[:, 0]
    o3[:, :, R:] = 0.0
    for ky in range(1, K):  # Σ over ky: row shifts
        o3[:, :, ky * W : ky * W + R] += e[:, ky]
    return out


def with_bias(w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[w | b]: the GEMM operand matching im2col's ones row. Shapes: w (F, C, K, K), b (F,)
    -> (F, C·K·K + 1)"""
    F = w.shape[0]
    wb = np.empty((F, w[0].size + 1), dtype=w.dtype)
    wb[:, :-1] = w.reshape(F, -1)
    wb[:, -1] = b
    return wb


def matmul_cols(a: np.ndarray, b: np.ndarray, out: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """out = a @ b, in column chunks when a has few rows: for C1's (6, 26) @ (26, 64·896),
    OpenBLAS (one thread) was 2.5× faster on chunks of 2–6k columns than in one call. Taller a
    (C3's 16 and 150 rows) gained nothing, so they go in one call.

    Shapes: a (M, K), b (K, L) -> out (M, L)
    """
    L = b.shape[1]
    if a.shape[0] > 32 or L <= chunk:
        return np.matmul(a, b, out=out)
    for s in range(0, L, chunk):
        np.matmul(a, b[:, s : s + chunk], out=out[:, s : s + chunk])
    return out


def gemm_nt(a: np.ndarray, b: np.ndarray, chunk: int = 3584) -> np.ndarray:
    """a @ b.T summed over column chunks: OpenBLAS is 3–4× faster on a small result with a
    long inner dimension when it is split (2.5× for C1 at batch 64). That holds for C1's 26
    rows; for C3's 151, one call was faster here (331 against 384 µs at 32 images).

    Shapes: a (M, L), b (F, L) -> (M, F)
    """
    L = a.shape[1]
    if L <= chunk or a.shape[0] > 32:
        return a @ b.T
    out = a[:, :chunk] @ b[:, :chunk].T
    for s in range(chunk, L, chunk):
        out += a[:, s : s + chunk] @ b[:, s : s + chunk].T
    return out


# ----------------------------------------------------------------------------- sub-sampling


def _quads(c: np.ndarray, Hv: int, Wv: int):
    """The four strided views c[2i+u, 2j+v], u, v ∈ {0, 1}, of the valid corner; of a map in
    the quad layout (C, N, 2, 2, h, w; see im2col_quads), its four contiguous blocks."""
    if c.ndim == 6:
        return c[:, :, 0, 0], c[:, :, 0, 1], c[:, :, 1, 0], c[:, :, 1, 1]
    v = c[:, :, :Hv, :Wv]
    return v[:, :, 0::2, 0::2], v[:, :, 0::2, 1::2], v[:, :, 1::2, 0::2], v[:, :, 1::2, 1::2]


def pool_max_forward(
    c: np.ndarray, Hv: int, Wv: int, out: np.ndarray | None = None,
    masks: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """s_ij = max{c_(2i+u, 2j+v)}_(u,v=0,1) over the valid Hv×Wv corner of c.

    Each window has exactly one winner (the course's msk1/msk3): the first maximum in
    row-major order, as PyTorch picks it. Ties are common on the flat background, and copying
    δ to every tied maximum would give wrong gradients. Two pairwise stages give that winner:
    masks[0] "left beats right in the top row" (c00 ≥ c01), masks[1] the same in the bottom
    row, masks[2] "the top row's maximum beats the bottom row's"; ties go left and up.

    Shapes: c (C, N, H, W) -> s (C, N, Hv/2, Wv/2), masks bool (3, C, N, Hv/2, Wv/2)
    """
    c00, c01, c10, c11 = _quads(c, Hv, Wv)
    if masks is None:
        masks = np.empty((3,) + c00.shape, dtype=bool)
    top = np.maximum(c00, c01)
    bottom = np.maximum(c10, c11)
    s = np.maximum(top, bottom, out=out)
    np.greater_equal(c00, c01, out=masks[0])
    np.greater_equal(c10, c11, out=masks[1])
    np.greater_equal(top, bottom, out=masks[2])
    return s, masks


def pool_max_backward(
    delta_s: np.ndarray, masks: np.ndarray, shape: tuple, out: np.ndarray | None = None
) -> np.ndarray:
    """δ(c_ij) = msk_ij · δ(s_⌊i/2⌋⌊j/2⌋): each window's δ goes to its one winner.

    Shapes: delta_s (C, N, Hv/2, Wv/2), masks (3, C, N, Hv/2, Wv/2) -> delta_c `shape` =
    (C, N, H, W), zero outside the windows; or written into `out`, whose cells outside the
    windows are left as they are
    """
    Hv, Wv = 2 * delta_s.shape[2], 2 * delta_s.shape[3]
    if out is None:
        out = np.empty(shape, dtype=delta_s.dtype)
        _zero_outside(out, Hv, Wv)
    d00, d01, d10, d11 = _quads(out, Hv, Wv)
    top = delta_s * masks[2]  # δ to the top row when it holds the maximum
    bottom = delta_s - top  # exact: either δ or 0
    np.multiply(top, masks[0], out=d00)
    np.subtract(top, d00, out=d01)
    np.multiply(bottom, masks[1], out=d10)
    np.subtract(bottom, d10, out=d11)
    return out


def _zero_outside(a: np.ndarray, Hv: int, Wv: int) -> None:
    if a.shape[3] > Wv:
        a[:, :, :, Wv:] = 0.0
    if a.shape[2] > Hv:
        a[:, :, Hv:, :] = 0.0


def window_sum(c: np.ndarray, Hv: int, Wv: int, out: np.ndarray | None = None) -> np.ndarray:
    """Σ_(u,v=0,1) c_(2i+u, 2j+v). Shapes: c (C, N, H, W) -> (C, N, Hv/2, Wv/2)"""
    c00, c01, c10, c11 = _quads(c, Hv, Wv)
    total = np.add(c00, c01, out=out)
    total += c10
    total += c11
    return total


def spread(
    delta_s: np.ndarray, scale: np.ndarray | float, shape: tuple, out: np.ndarray | None = None
) -> np.ndarray:
    """δ(c_ij) = scale · δ(s_⌊i/2⌋⌊j/2⌋): the backward of a (scaled) window sum.

    Shapes: delta_s (C, N, Hv/2, Wv/2), scale scalar or (C, 1, 1, 1) -> `shape` (C, N, H, W),
    zero outside the windows; or written into `out`, whose other cells are left as they are
    """
    Hv, Wv = 2 * delta_s.shape[2], 2 * delta_s.shape[3]
    if out is None:
        out = np.empty(shape, dtype=delta_s.dtype)
        _zero_outside(out, Hv, Wv)
    scaled = delta_s * scale
    for view in _quads(out, Hv, Wv):
        view[...] = scaled
    return out


def valid_mask_full(masks: np.ndarray, shape: tuple) -> np.ndarray:
    """The course's mask matrix msk as one 0/1 array: 1 at each window's winner.

    Shapes: masks (3, C, N, h, w) -> uint8 `shape` (C, N, H ≥ 2h, W ≥ 2w)
    """
    ones = np.ones(masks.shape[1:], dtype=np.float32)
    return pool_max_backward(ones, masks, shape).astype(np.uint8)


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
    with np.errstate(divide="ignore"):  # y = 0 for the label: J = ∞, and training stops
        return float(-np.log(p).mean())


def softmax_ce_backward(y: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """δ(f7_i) = −(z_i − y_i), divided by N because J is the batch mean.

    Shapes: y (N, 10), labels (N,) -> delta_f7 (N, 10)
    """
    N = y.shape[0]
    delta = y.copy()
    delta[np.arange(N), labels] -= 1.0
    delta /= N
    return delta
