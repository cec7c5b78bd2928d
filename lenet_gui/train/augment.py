"""Training-time augmentation: small random affine moves and elastic distortions (Simard et al.
2003), done in NumPy on a batch, straight into the network's normalised 32×32 input."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lenet_gui.data.preprocess import BACKGROUND, SCALE

_PAD = 6  # zero border around the 28×28 source, so samples off the image read background


@dataclass(frozen=True)
class AugmentConfig:
    rotation_deg: float = 10.0  # uniform in ±rotation
    scale: float = 0.10  # zoom uniform in 1 ± scale
    shear: float = 0.1  # x += shear·y, uniform in ±shear
    shift_px: float = 2.0  # uniform in ±shift
    elastic_alpha: float = 0.8  # RMS displacement, pixels (after smoothing)
    elastic_sigma: float = 5.0  # Gaussian smoothing of the displacement field, pixels


def _gauss_matrix(n: int, sigma: float) -> np.ndarray:
    i = np.arange(n)
    g = np.exp(-0.5 * ((i[:, None] - i[None, :]) / sigma) ** 2)
    return (g / g.sum(axis=1, keepdims=True)).astype(np.float32)  # (n, n), rows sum to 1


class Augmenter:
    def __init__(self, config: AugmentConfig | None = None) -> None:
        self.config = config or AugmentConfig()
        self._g = _gauss_matrix(32, self.config.elastic_sigma)
        ii, jj = np.meshgrid(np.arange(32, dtype=np.float32) - 15.5,
                             np.arange(32, dtype=np.float32) - 15.5, indexing="ij")
        self._grid = np.stack([ii, jj])  # (2, 32, 32), output coordinates about the centre

    def __call__(self, images: np.ndarray, rng: np.random.Generator,
                 out: np.ndarray | None = None) -> np.ndarray:
        """Shapes: images (N, 28, 28) uint8 -> (N, 1, 32, 32) float32, normalised."""
        cfg = self.config
        N = images.shape[0]
        rot = np.deg2rad(rng.uniform(-cfg.rotation_deg, cfg.rotation_deg, N))
        zoom = rng.uniform(1 - cfg.scale, 1 + cfg.scale, N)
        shear = rng.uniform(-cfg.shear, cfg.shear, N)
        shift = rng.uniform(-cfg.shift_px, cfg.shift_px, (N, 2))
        c, s = np.cos(rot) / zoom, np.sin(rot) / zoom
        # source = A · (output − centre) + centre + shift: the inverse map of the move
        a = np.empty((N, 2, 2), np.float32)
        a[:, 0, 0], a[:, 0, 1] = c, -s
        a[:, 1, 0], a[:, 1, 1] = s + shear * c, c - shear * s
        src = np.einsum("nab,bhw->nahw", a, self._grid, optimize=True)  # (N, 2, 32, 32)
        src += (13.5 + _PAD + shift)[:, :, None, None].astype(np.float32)
        if cfg.elastic_alpha > 0:
            field = rng.uniform(-1, 1, (N, 2, 32, 32)).astype(np.float32)
            field = self._g @ field @ self._g.T  # smooth
            norm = np.sqrt((field ** 2).mean(axis=(1, 2, 3), keepdims=True)) + 1e-6
            src += field * (cfg.elastic_alpha / norm)
        padded = np.zeros((N, 28 + 2 * _PAD, 28 + 2 * _PAD), np.float32)
        padded[:, _PAD:-_PAD, _PAD:-_PAD] = images
        hi = 28 + 2 * _PAD - 2
        y = np.clip(src[:, 0], 0, hi)
        x = np.clip(src[:, 1], 0, hi)
        y0 = y.astype(np.intp)
        x0 = x.astype(np.intp)
        fy, fx = y - y0, x - x0
        n = np.arange(N)[:, None, None]
        v = (padded[n, y0, x0] * (1 - fy) * (1 - fx) + padded[n, y0, x0 + 1] * (1 - fy) * fx
             + padded[n, y0 + 1, x0] * fy * (1 - fx) + padded[n, y0 + 1, x0 + 1] * fy * fx)
        if out is None:
            out = np.empty((N, 1, 32, 32), np.float32)
        np.multiply(v, SCALE, out=out[:, 0])
        out += BACKGROUND
        return out
