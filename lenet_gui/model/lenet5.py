"""LeNet-5 exactly as the HHCV course builds it, forward and backward, in NumPy.

    32×32 → c1 6@28 → s2 6@14 → c3 16@10 → s4 16@5 → c5 120 → f6 84 → f7 10 → softmax y

Names follow the course: u is a neuron's activation input, f its activation, δ(·) = ∂J/∂(·).
Internally maps are channel-major (C, N, H, W) for speed (see functional.py); the trace and
the gradients expose them as (N, C, H, W) views.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np

from . import functional as fn
from .activations import ACTIVATIONS

# The course's Table 1: rows are S2 maps k, columns C3 maps m; 60 of the 96 pairs connect.
# (The course's written-out set Cbn repeats (5,14) and lacks (5,13); the table is the authority.)
TABLE_C3 = np.array([[c == "X" for c in row] for row in (
    "X...XXX..XXXX.XX",
    "XX...XXX..XXXX.X",
    "XXX...XXX..X.XXX",
    ".XXX..XXXX..X.XX",
    "..XXX..XXXX.XX.X",
    "...XXX..XXXX.XXX",
)]).T  # (16, 6): [m, k] is True when C3 map m reads S2 map k

LAYERS = ("c1", "s2", "c3", "s4", "c5", "f6", "f7")
TRACE_KEYS = ("x", "u_c1", "c1", "u_s2", "s2", "u_c3", "c3", "u_s4", "s4",
              "u_c5", "c5", "u_f6", "f6", "u_f7", "f7", "y")
PARAM_SHAPES = {
    "w1": (6, 1, 5, 5), "b1": (6,), "a2": (6,), "b2": (6,),
    "w3": (16, 6, 5, 5), "b3": (16,), "a4": (16,), "b4": (16,),
    "w5": (120, 16, 5, 5), "b5": (120,), "w6": (84, 120), "b6": (84,),
    "w7": (10, 84), "b7": (10,),
}


@dataclass(frozen=True)
class LeNetConfig:
    activation: Literal["lecun", "tanh", "sigmoid", "relu"] = "lecun"  # f of every layer
    pooling: Literal["max", "mean", "trainable"] = "max"  # S2/S4 sub-sampling (course: max)
    c3_table: bool = True  # True: Table 1 (60 of 96 pairs); False: C3 fully connected
    f7_activation: bool = False  # apply f at F7 before the softmax (caps y when f is bounded)
    dtype: Literal["float32", "float64"] = "float32"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "LeNetConfig":
        cfg = cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})
        cfg.validate()
        return cfg

    def validate(self) -> None:
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {self.activation!r}; "
                             f"expected one of {', '.join(ACTIVATIONS)}")
        if self.pooling not in ("max", "mean", "trainable"):
            raise ValueError(f"unknown pooling {self.pooling!r}; expected max, mean or trainable")
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"unknown dtype {self.dtype!r}; expected float32 or float64")


PRESETS: dict[str, LeNetConfig] = {
    "course": LeNetConfig(),  # the course: max-pooling, Table 1, LeCun's scaled tanh
    "course, f at F7": LeNetConfig(f7_activation=True),  # literally f7 = f(u_f7)
    "LeNet-5 1998": LeNetConfig(pooling="trainable"),  # trainable a·Σ + b sub-sampling
    "modern": LeNetConfig(activation="relu", c3_table=False),  # ReLU, dense C3
}


@dataclass(frozen=True)
class LayerCount:
    params: int
    connections: int
    how: str  # how the course counts it


class Trace(dict):
    """A forward pass: the course's quantities as (N, …) arrays, keyed by TRACE_KEYS.
    `cache` holds the channel-major buffers the backward pass needs."""

    cache: dict


@dataclass(frozen=True)
class NetworkSnapshot:
    """Read-only copies of the weights (and, optionally, of one sample's trace)."""
    config: LeNetConfig
    params: dict = field(default_factory=dict)


class LeNet5:
    def __init__(self, config: LeNetConfig | None = None, seed: int = 0) -> None:
        self.config = config or LeNetConfig()
        self.config.validate()
        self.act = ACTIVATIONS[self.config.activation]
        self.dtype = np.dtype(self.config.dtype)
        self.table = (TABLE_C3 if self.config.c3_table else np.ones((16, 6), bool))
        self._table_w = self.table[:, :, None, None].astype(self.dtype)  # (16, 6, 1, 1)
        self.params = self._init_params(np.random.default_rng(seed))

    # ------------------------------------------------------------------ parameters

    def param_names(self) -> list[str]:
        names = ["w1", "b1", "w3", "b3", "w5", "b5", "w6", "b6", "w7", "b7"]
        if self.config.pooling == "trainable":
            names[2:2] = ["a2", "b2"]
            names[6:6] = ["a4", "b4"]
        return names

    def _init_params(self, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """Uniform ±sqrt(3/fan_in): unit-variance u for unit-variance inputs (LeCun 1998)."""
        fan_in = {"w1": 25, "w5": 400, "w6": 120, "w7": 84}
        p = {}
        for name in self.param_names():
            shape = PARAM_SHAPES[name]
            if name == "w3":
                fan = 25 * self.table.sum(axis=1)[:, None, None, None]  # per C3 map
                w = rng.uniform(-1, 1, shape) * np.sqrt(3.0 / fan) * self._table_w
            elif name.startswith("w"):
                w = rng.uniform(-1, 1, shape) * np.sqrt(3.0 / fan_in[name])
            elif name.startswith("a"):
                w = np.full(shape, 0.25)  # s = f(a·Σ + b) starts as f(mean)
            else:
                w = np.zeros(shape)
            p[name] = np.ascontiguousarray(w, dtype=self.dtype)
        return p

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        """Copy values into the existing arrays (the trainer's optimiser holds references)."""
        for name in self.param_names():
            self.params[name][...] = params[name]

    def copy_params(self) -> dict[str, np.ndarray]:
        return {k: v.copy() for k, v in self.params.items()}

    def snapshot(self) -> NetworkSnapshot:
        params = {}
        for k, v in self.params.items():
            a = np.array(v, copy=True)
            a.setflags(write=False)
            params[k] = a
        return NetworkSnapshot(self.config, params)

    def layer_counts(self) -> dict[str, LayerCount]:
        """Trainable parameters and connections per layer, counted as the course does."""
        trainable = self.config.pooling == "trainable"
        links = int(self.table.sum())
        c3p = 25 * links + 16
        s2 = (LayerCount(12, 5 * 14 * 14 * 6, "(4+1)·14·14·6 = 5,880; a2 and b2 per map: 6·2 = 12")
              if trainable else
              LayerCount(0, 4 * 14 * 14 * 6, f"{self.config.pooling}-pooling: no parameters; "
                                              "4·14·14·6 = 4,704"))
        s4 = (LayerCount(32, 5 * 5 * 5 * 16, "5·5·5·16 = 2,000; a4 and b4 per map: 16·2 = 32")
              if trainable else
              LayerCount(0, 4 * 5 * 5 * 16, f"{self.config.pooling}-pooling: no parameters; "
                                             "4·5·5·16 = 1,600"))
        return {
            "c1": LayerCount(156, 122304, "(25+1)·6 = 156; 28·28·26·6 = 122,304"),
            "s2": s2,
            "c3": LayerCount(c3p, c3p * 100,
                             f"25·{links}+16 = {c3p:,}; {c3p:,}·10·10 = {c3p * 100:,}"),
            "s4": s4,
            "c5": LayerCount(48120, 48120, "120·(16·25+1) = 48,120; maps are 1×1"),
            "f6": LayerCount(10164, 10164, "84·(120+1) = 10,164"),
            "f7": LayerCount(850, 850, "10·(84+1) = 850"),
        }

    def n_params(self) -> int:
        return sum(c.params for c in self.layer_counts().values())

    # ------------------------------------------------------------------ forward

    def forward(self, x: np.ndarray) -> Trace:
        """Shapes: x (N, 1, 32, 32) -> Trace of (N, …) arrays, y (N, 10)."""
        x = np.ascontiguousarray(x, dtype=self.dtype)
        if x.ndim != 4 or x.shape[1:] != (1, 32, 32):
            raise ValueError(f"input must be (N, 1, 32, 32), got {x.shape}")
        N = x.shape[0]
        p, f = self.params, self.act.f
        cache: dict = {}
        u_c1, cache["cols1"] = fn.conv_forward(x.reshape(1, N, 32, 32), p["w1"], p["b1"])
        c1 = f(u_c1)  # (6, N, 32, 32), valid 28×28: c1 = f(Σ w1·x + b1)
        s2, u_s2 = self._pool_forward(c1, 28, "2", cache)  # (6, N, 14, 14)
        w3 = p["w3"] * self._table_w if self.config.c3_table else p["w3"]
        u_c3, cache["cols3"] = fn.conv_forward(s2, w3, p["b3"])
        c3 = f(u_c3)  # (16, N, 14, 14), valid 10×10
        s4, u_s4 = self._pool_forward(c3, 10, "4", cache)  # (16, N, 5, 5)
        s4n = s4.reshape(16, N, 25).transpose(1, 0, 2).reshape(N, 400)  # (N, 16·25)
        u_c5 = s4n @ p["w5"].reshape(120, 400).T
        u_c5 += p["b5"]
        c5 = f(u_c5)  # (N, 120)
        u_f6 = c5 @ p["w6"].T
        u_f6 += p["b6"]
        f6 = f(u_f6)  # (N, 84)
        u_f7 = f6 @ p["w7"].T
        u_f7 += p["b7"]
        f7 = f(u_f7) if self.config.f7_activation else u_f7  # (N, 10)
        y = fn.softmax(f7)

        cache.update(c1=c1, s2=s2, c3=c3, s4=s4, s4n=s4n, w3=w3, u_s2=u_s2, u_s4=u_s4)

        def nchw(a, h=None):
            return (a if h is None else a[:, :, :h, :h]).transpose(1, 0, 2, 3)

        t = Trace(x=x, u_c1=nchw(u_c1, 28), c1=nchw(c1, 28), s2=nchw(s2),
                  u_c3=nchw(u_c3, 10), c3=nchw(c3, 10), s4=nchw(s4),
                  u_c5=u_c5, c5=c5, u_f6=u_f6, f6=f6, u_f7=u_f7, f7=f7, y=y)
        if u_s2 is not None:
            t["u_s2"], t["u_s4"] = nchw(u_s2), nchw(u_s4)
        t.cache = cache
        return t

    def _pool_forward(self, c, Hv, tag, cache):
        pooling = self.config.pooling
        if pooling == "max":
            s, cache["masks" + tag] = fn.pool_max_forward(c, Hv, Hv)
            return s, None
        total = fn.window_sum(c, Hv, Hv)
        if pooling == "mean":
            total *= 0.25  # s = ¼ Σ c
            return total, None
        cache["sum" + tag] = total
        a, b = self.params["a" + tag], self.params["b" + tag]
        u = total * a[:, None, None, None] + b[:, None, None, None]  # u = a·Σ c + b
        return self.act.f(u), u

    def predict(self, x: np.ndarray, batch: int = 1000) -> np.ndarray:
        """Softmax outputs y for any number of images. Shapes: x (N, 1, 32, 32) -> (N, 10)"""
        out = np.empty((len(x), 10), dtype=self.dtype)
        for s in range(0, len(x), batch):
            out[s : s + batch] = self.forward(x[s : s + batch])["y"]
        return out

    def loss(self, trace: Trace, labels: np.ndarray) -> float:
        return fn.cross_entropy(trace["y"], np.asarray(labels))

    # ------------------------------------------------------------------ backward

    def backward(self, trace: Trace, labels: np.ndarray, need_input: bool = True) -> dict:
        """δ of every trace quantity (`delta_<key>`) and of every parameter (its own name).

        J is the mean cross-entropy over the batch; for N = 1 it is the course's J(θ).
        need_input=False skips δ(x), the input image's sensitivity, which training never uses.
        """
        labels = np.asarray(labels, dtype=np.intp)
        p, df, cache = self.params, self.act.df_from_output, trace.cache
        N = trace["y"].shape[0]
        g: dict[str, np.ndarray] = {}

        delta_f7 = fn.softmax_ce_backward(trace["y"], labels)  # δ(f7) = −(z − y)
        delta_u_f7 = delta_f7 * df(trace["f7"]) if self.config.f7_activation else delta_f7
        g["w7"] = delta_u_f7.T @ trace["f6"]  # δ(w7_ij) = δ(u_f7_i)·f6_j
        g["b7"] = delta_u_f7.sum(axis=0)  # δ(b7_i) = δ(u_f7_i)
        delta_f6 = delta_u_f7 @ p["w7"]  # δ(f6_j) = Σ_i δ(u_f7_i)·w7_ij

        delta_u_f6 = delta_f6 * df(trace["f6"])  # δ(u_f6) = δ(f6)·f'(u_f6)
        g["w6"] = delta_u_f6.T @ trace["c5"]
        g["b6"] = delta_u_f6.sum(axis=0)
        delta_c5 = delta_u_f6 @ p["w6"]

        delta_u_c5 = delta_c5 * df(trace["c5"])
        g["w5"] = (delta_u_c5.T @ cache["s4n"]).reshape(120, 16, 5, 5)
        g["b5"] = delta_u_c5.sum(axis=0)
        delta_s4n = delta_u_c5 @ p["w5"].reshape(120, 400)  # Σ_l δ(u_c5^l)·w5_(i−2,j−2)
        delta_s4 = np.ascontiguousarray(
            delta_s4n.reshape(N, 16, 5, 5).transpose(1, 0, 2, 3))  # (16, N, 5, 5)

        delta_c3, delta_u_s4 = self._pool_backward(delta_s4, cache["c3"], "4", cache, g)
        delta_u_c3 = delta_c3 * df(cache["c3"])  # δ(u_c3) = δ(c3)·f'(u_c3), 0 outside 10×10
        delta_s2, g["w3"], g["b3"] = fn.conv_backward(delta_u_c3, cache["cols3"], cache["w3"])
        if self.config.c3_table:
            g["w3"] *= self._table_w  # δ(w3^(k,m)) = 0 for (k, m) ∉ Table 1

        delta_c1, delta_u_s2 = self._pool_backward(delta_s2, cache["c1"], "2", cache, g)
        delta_u_c1 = delta_c1 * df(cache["c1"])  # δ(u_c1) = δ(c1)·f'(u_c1)
        delta_x, g["w1"], g["b1"] = fn.conv_backward(delta_u_c1, cache["cols1"], p["w1"],
                                                     need_input=need_input)

        def nchw(a, h=None):
            return (a if h is None else a[:, :, :h, :h]).transpose(1, 0, 2, 3)

        g.update(
            delta_f7=delta_f7, delta_u_f7=delta_u_f7, delta_f6=delta_f6, delta_u_f6=delta_u_f6,
            delta_c5=delta_c5, delta_u_c5=delta_u_c5, delta_s4=nchw(delta_s4),
            delta_c3=nchw(delta_c3, 10), delta_u_c3=nchw(delta_u_c3, 10),
            delta_s2=nchw(delta_s2), delta_c1=nchw(delta_c1, 28), delta_u_c1=nchw(delta_u_c1, 28),
        )
        if delta_u_s2 is not None:
            g["delta_u_s2"], g["delta_u_s4"] = nchw(delta_u_s2), nchw(delta_u_s4)
        if need_input:
            g["delta_x"] = delta_x.reshape(N, 1, 32, 32)
        return g

    def _pool_backward(self, delta_s, c, tag, cache, g):
        pooling = self.config.pooling
        if pooling == "max":
            return fn.pool_max_backward(delta_s, cache["masks" + tag], c.shape), None
        if pooling == "mean":
            return fn.spread(delta_s, 0.25, c.shape), None  # δ(c) = ¼ δ(s)
        a = self.params["a" + tag]
        s = cache["s2" if tag == "2" else "s4"]
        delta_u_s = delta_s * self.act.df_from_output(s)  # δ(u_s) = δ(s)·f'(u_s)
        g["a" + tag] = (delta_u_s * cache["sum" + tag]).sum(axis=(1, 2, 3))  # Σ δ(u_s)·Σc
        g["b" + tag] = delta_u_s.sum(axis=(1, 2, 3))
        return fn.spread(delta_u_s, a[:, None, None, None], c.shape), delta_u_s

    def pool_mask(self, trace: Trace, layer: str) -> np.ndarray | None:
        """The course's msk1 (layer "s2") or msk3 ("s4") as 0/1 (N, C, H, W); None unless
        max-pooling."""
        tag = "2" if layer == "s2" else "4"
        masks = trace.cache.get("masks" + tag)
        if masks is None:
            return None
        c = trace.cache["c1" if tag == "2" else "c3"]
        h = 28 if tag == "2" else 10
        return fn.valid_mask_full(masks, c.shape)[:, :, :h, :h].transpose(1, 0, 2, 3)
