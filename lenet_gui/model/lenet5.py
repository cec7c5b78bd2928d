"""LeNet-5 exactly as the HHCV course builds it, forward and backward, in NumPy.

    32×32 → c1 6@28 → s2 6@14 → c3 16@10 → s4 16@5 → c5 120 → f6 84 → f7 10 → softmax y

Names follow the course: u is a neuron's activation input, f its activation, δ(·) = ∂J/∂(·).
Internally maps are channel-major (C, N, H, W) for speed (see functional.py); the trace and
the gradients expose them as (N, C, H, W) views.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from lenet_gui.model import _parallel, _procs
from lenet_gui.model import functional as fn
from lenet_gui.model._alloc import Workspace
from lenet_gui.model.activations import ACTIVATIONS, LECUN_A, LECUN_S
from lenet_gui.model.options import CHOICES, FLOAT32, LECUN, MAX, MEAN, RELU, TANH, TRAINABLE, c3_connections

# Images per inference pass (predict, evaluation, the analysis panels): 64 ran at 27.7k
# images/s, 128 at 23.9k, 500 at 19.9k (cache), and a pass of 64 holds ~5 MB instead of ~35 MB
# for 500, which matters when the GUI runs several at once beside training.
INFER_BATCH = 64

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
    # Each field's options are a Choice of options.py (CHOICES), the default the course's.
    activation: str = LECUN  # f of every layer
    pooling: str = MAX  # S2/S4 sub-sampling (course: max)
    c3_table: bool = True  # True: Table 1 (60 of 96 pairs); False: C3 fully connected
    f7_activation: bool = False  # apply f at F7 before the softmax (caps y when f is bounded)
    dtype: str = FLOAT32

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "LeNetConfig":
        cfg = cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})
        cfg.validate()
        return cfg

    def validate(self) -> None:
        for choice in CHOICES:
            choice.check(getattr(self, choice.field))


PRESETS: dict[str, LeNetConfig] = {
    "course": LeNetConfig(),  # the course: max-pooling, Table 1, LeCun's scaled tanh
    "course, f at F7": LeNetConfig(f7_activation=True),  # literally f7 = f(u_f7)
    "LeNet-5 1998": LeNetConfig(pooling=TRAINABLE),  # trainable a·Σ + b sub-sampling
    "modern": LeNetConfig(activation=RELU, c3_table=False),  # ReLU, dense C3
}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks a LayerCount note for Qt's lupdate; the model may import neither Qt nor the
    notation floor, so it keeps this one-line marker of its own."""
    return text


@dataclass(frozen=True)
class LayerCount:
    params: int
    connections: int
    how: str  # how the course counts it: the arithmetic
    note: str = ""  # and in words (English; the GUI translates it, context "LayerCount")

    @property
    def text(self) -> str:
        return f"{self.note}; {self.how}" if self.note else self.how


class Trace(dict):
    """A forward pass: the course's quantities as (N, …) arrays, keyed by TRACE_KEYS.
    `cache` holds the channel-major buffers the backward pass needs."""

    cache: dict


@dataclass(frozen=True)
class NetworkSnapshot:
    """Read-only copies of the weights."""
    config: LeNetConfig
    params: dict = field(default_factory=dict)

    def to_net(self) -> "LeNet5":
        """A network of its own with (writable copies of) these weights."""
        net = LeNet5(self.config)
        net.set_params(self.params)
        return net


class SnapshotNet:
    """A network of one caller's own that holds a snapshot's weights: built once per
    configuration, its weights copied again only when another snapshot is asked for. Each
    caller keeps its own, so no one sees weights another caller set or activations another
    caller left (one network shared by all, reset at every call, let any caller overwrite
    what another still read)."""

    def __init__(self) -> None:
        self._net: LeNet5 | None = None
        self._snapshot: NetworkSnapshot | None = None

    def of(self, snapshot: NetworkSnapshot | None) -> "LeNet5 | None":
        """The network with `snapshot`'s weights (None for None)."""
        if snapshot is None:
            return None
        if self._net is None or self._net.config != snapshot.config:
            self._net, self._snapshot = LeNet5(snapshot.config), None
        if snapshot is not self._snapshot:
            self._net.set_params(snapshot.params)
            self._snapshot = snapshot
        return self._net


class LeNet5:
    def __init__(self, config: LeNetConfig | None = None, seed: int = 0) -> None:
        self.config = config or LeNetConfig()
        self.config.validate()
        self.act = ACTIVATIONS[self.config.activation]
        self.dtype = np.dtype(self.config.dtype)
        self.table = c3_connections(self.config.c3_table)
        self._table_w = self.table[:, :, None, None].astype(self.dtype)  # (16, 6, 1, 1)
        # Every parameter is a view of one vector, `flat` (in param_names' order): an optimiser
        # updates them all in a few calls on it, and the training helper's copy is one copy.
        params = self._init_params(np.random.default_rng(seed))
        self.flat = np.concatenate([params[k].reshape(-1) for k in self.param_names()])
        self.params = self.views_of(self.flat)
        self._ws = Workspace()  # im2col scratch, reused between calls

    # ------------------------------------------------------------------ parameters

    def param_names(self) -> list[str]:
        names = ["w1", "b1", "w3", "b3", "w5", "b5", "w6", "b6", "w7", "b7"]
        if self.config.pooling == TRAINABLE:
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

    def views_of(self, vector: np.ndarray) -> dict[str, np.ndarray]:
        """Every parameter's place in `vector`, a vector laid out as `flat`: views, by name."""
        out, pos = {}, 0
        for name in self.param_names():
            shape = PARAM_SHAPES[name]
            size = int(np.prod(shape))
            out[name], pos = vector[pos:pos + size].reshape(shape), pos + size
        return out

    def flat_params(self) -> np.ndarray | None:
        """`flat`, the vector every parameter is a view of (param_names' order); None when a
        parameter was given another array (the training helper points them into shared
        memory): callers then go parameter by parameter."""
        flat = self.flat
        return flat if all(v.base is flat for v in self.params.values()) else None

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
        trainable = self.config.pooling == TRAINABLE
        links = int(self.table.sum())
        c3p = 25 * links + 16
        pool = {MAX: QT_TRANSLATE_NOOP("LayerCount", "max-pooling: no parameters"),
                MEAN: QT_TRANSLATE_NOOP("LayerCount", "mean-pooling: no parameters")}
        s2 = (LayerCount(12, 5 * 14 * 14 * 6, "(4+1)·14·14·6 = 5,880; 6·2 = 12",
                         QT_TRANSLATE_NOOP("LayerCount", "a2 and b2 per map"))
              if trainable else
              LayerCount(0, 4 * 14 * 14 * 6, "4·14·14·6 = 4,704", pool.get(self.config.pooling, "")))
        s4 = (LayerCount(32, 5 * 5 * 5 * 16, "5·5·5·16 = 2,000; 16·2 = 32",
                         QT_TRANSLATE_NOOP("LayerCount", "a4 and b4 per map"))
              if trainable else
              LayerCount(0, 4 * 5 * 5 * 16, "4·5·5·16 = 1,600", pool.get(self.config.pooling, "")))
        return {
            "c1": LayerCount(156, 122304, "(25+1)·6 = 156; 28·28·26·6 = 122,304"),
            "s2": s2,
            "c3": LayerCount(c3p, c3p * 100,
                             f"25·{links}+16 = {c3p:,}; {c3p:,}·10·10 = {c3p * 100:,}"),
            "s4": s4,
            "c5": LayerCount(48120, 48120, "120·(16·25+1) = 48,120",
                             QT_TRANSLATE_NOOP("LayerCount", "maps are 1×1")),
            "f6": LayerCount(10164, 10164, "84·(120+1) = 10,164"),
            "f7": LayerCount(850, 850, "10·(84+1) = 850"),
        }

    def n_params(self) -> int:
        return sum(c.params for c in self.layer_counts().values())

    # ------------------------------------------------------------------ forward

    def forward(self, x: np.ndarray, keep_cols: bool = True, maps: bool = True) -> Trace:
        """Shapes: x (N, 1, 32, 32) -> Trace of (N, …) arrays, y (N, 10).

        keep_cols=False drops the im2col columns that only the backward pass needs (about
        100 KB an image): inference over many images then stays small.
        maps=False (training) skips c1 and c3 under max-pooling, which only the display
        needs: f is increasing, so max f(u) = f(max u), and S2/S4 pool u and apply f to the
        pooled values only (a quarter of C1's values, a quarter of C3's). The trace then has no
        c1 and c3, nor u_c1: C1 computes its maps in the quad layout that pooling wants, and
        only the display needs them in the usual one (a copy). Each window's winner is the
        first maximum of u (of c when maps=True; the two differ only where f(u) ties for
        different u: float rounding, or ReLU's zeros, where δ(u) = δ(s)·f'(s) is 0 whichever
        element wins).

        The convolution layers run CHUNK images at a time, so that a large batch's im2col
        columns stay in the CPU cache. Every array of the trace is new (the GUI keeps traces).
        """
        x = np.ascontiguousarray(x, dtype=self.dtype)
        if x.ndim != 4 or x.shape[1:] != (1, 32, 32):
            raise ValueError(f"input must be (N, 1, 32, 32), got {x.shape}")
        N, dt, p = x.shape[0], self.dtype, self.params
        _parallel.prepare()  # OpenBLAS to one thread when the model runs several
        trainable = self.config.pooling == TRAINABLE
        w3 = p["w3"] * self._table_w if self.config.c3_table else p["w3"]
        wb1 = fn.with_bias(p["w1"], p["b1"])  # (6, 26)
        wb3 = fn.with_bias(w3, p["b3"])  # (16, 151)
        x_cm = x.reshape(1, N, 32, 32)  # channel-major, a view
        # C1's outputs in the quad layout (fn.im2col_quads): each 2×2 pooling window's four
        # members in four contiguous blocks; C3's in the compact layout (valid positions).
        u_c1 = np.empty((6, N, 2, 2, 14, 14), dt)
        maps = maps or self.config.pooling != MAX
        c1 = np.empty_like(u_c1) if maps else None
        s2 = np.empty((6, N, 14, 14), dt)
        u_c3 = np.empty((16, N, 10, 10), dt)
        c3 = np.empty_like(u_c3) if maps else None
        s4 = np.empty((N, 16, 5, 5), dt)  # (N, C, H, W): C5 reads it as (N, 400)
        # u_c1 stays in the cache in the quad layout (a reference, no copy): the values whatever
        # their order (the distributions' histograms) without the display's copy (maps=True)
        cache: dict = dict(w3=w3, c1=c1, s2=s2, c3=c3, s4=s4, u_c1=u_c1)
        if self.config.pooling == MAX:
            cache["masks2"] = np.empty((3, 6, N, 14, 14), bool)
            cache["masks4"] = np.empty((3, 16, N, 5, 5), bool)
        elif trainable:
            cache["sum2"], cache["u_s2"] = np.empty_like(s2), np.empty_like(s2)
            cache["sum4"], cache["u_s4"] = np.empty_like(s4), np.empty_like(s4)

        def convolutions(part: slice) -> tuple[np.ndarray, np.ndarray]:
            """C1 → S2 → C3 → S4 of the images `part`; a thread writes only its own images'
            slices of the shared arrays. Returns the im2col columns of C1 and C3."""
            sl = part
            x_part = x_cm[:, sl]
            cols1 = fn.im2col_quads(x_part, 5, scratch=self._ws.get(
                "quads1", (fn.quads_scratch_size(x_part.shape, 5),), dt))  # kept for δ(w1)
            fn.matmul_cols(wb1, cols1, out=fn.as_rows(u_c1[:, sl], 6))  # u_c1 = Σ w1·x + b1
            self._activate_and_pool(u_c1[:, sl], _part(c1, sl), 28, s2[:, sl], "2", sl, cache)
            cols3 = fn.im2col(s2[:, sl], 5, compact=True)  # (151, n·10·10), kept for δ(w3)
            np.matmul(wb3, cols3, out=fn.as_rows(u_c3[:, sl], 16))  # u_c3 = Σ w3·s2 + b3
            self._activate_and_pool(u_c3[:, sl], _part(c3, sl), 10,
                                    s4[sl].transpose(1, 0, 2, 3), "4", sl, cache)
            return (cols1, cols3) if keep_cols else None

        # Parts of at most CHUNK images, run on num_threads() threads (_parallel.py).
        cache["parts"] = parts = _parallel.split(N, CHUNK)
        cache["cols"] = _parallel.run_parts(convolutions, parts)  # per part: (cols1, cols3)
        u_c5 = s4.reshape(N, 400) @ p["w5"].reshape(120, 400).T
        u_c5 += p["b5"]
        c5 = self.act.f(u_c5)  # (N, 120)
        u_f6 = c5 @ p["w6"].T
        u_f6 += p["b6"]
        f6 = self.act.f(u_f6)  # (N, 84)
        u_f7 = f6 @ p["w7"].T
        u_f7 += p["b7"]
        f7 = self.act.f(u_f7) if self.config.f7_activation else u_f7  # (N, 10)
        y = fn.softmax(f7)

        t = Trace(x=x, s2=_nchw(s2), u_c3=_nchw(u_c3), s4=s4,
                  u_c5=u_c5, c5=c5, u_f6=u_f6, f6=f6, u_f7=u_f7, f7=f7, y=y)
        if maps:  # C1's maps in the usual layout: copies, for the display only
            t["u_c1"], t["c1"], t["c3"] = _nchw(fn.from_quads(u_c1)), _nchw(fn.from_quads(c1)), _nchw(c3)
        if trainable:
            t["u_s2"], t["u_s4"] = _nchw(cache["u_s2"]), cache["u_s4"]
        t.cache = cache
        return t

    def _f(self, u: np.ndarray, out: np.ndarray) -> None:
        """out = f(u) without temporaries for the common activations."""
        name = self.config.activation
        if name == LECUN:
            np.multiply(u, LECUN_S, out=out)  # f(u) = A·tanh(S·u)
            np.tanh(out, out=out)
            out *= LECUN_A
        elif name == TANH:
            np.tanh(u, out=out)
        elif name == RELU:
            np.maximum(u, 0.0, out=out)
        else:
            out[...] = self.act.f(u)

    def _activate_and_pool(self, u, c, Hv, s, tag, sl, cache):
        """c = f(u), then the sub-sampling of c into s; without c (forward(maps=False), only
        under max-pooling) s = f(max u), the same since f is increasing."""
        if c is not None:
            self._f(u, c)
            self._pool_forward(c, Hv, s, tag, sl, cache)
        else:
            self._pool_forward(u, Hv, s, tag, sl, cache)
            self._f(s, s)

    def _pool_forward(self, c, Hv, s, tag, sl, cache):
        """Sub-sample the chunk c (C, n, Hv, W) into s (C, n, Hv/2, Hv/2)."""
        pooling = self.config.pooling
        if pooling == MAX:
            fn.pool_max_forward(c, Hv, Hv, out=s, masks=cache["masks" + tag][:, :, sl])
        elif pooling == MEAN:
            fn.window_sum(c, Hv, Hv, out=s)
            s *= 0.25  # s = ¼ Σ c
        else:
            total, u = (_chunk(cache[k + tag], sl, tag) for k in ("sum", "u_s"))
            fn.window_sum(c, Hv, Hv, out=total)
            a, b = self.params["a" + tag], self.params["b" + tag]
            np.multiply(total, a[:, None, None, None], out=u)
            u += b[:, None, None, None]  # u = a·Σ c + b
            self._f(u, s)

    def predict(self, x: np.ndarray, batch: int = INFER_BATCH,
                processes: bool = False) -> np.ndarray:
        """Softmax outputs y for any number of images. Shapes: x (N, 1, 32, 32) -> (N, 10)

        Without the c1 and c3 maps (maps=False): S2 and S4 pool u and apply f to the pooled
        values only, a quarter of the tanh calls. y is the same bit for bit, since f is
        increasing in float32 too (max f(u) = f(max u); tests/test_model.py checks it).
        processes=True (the trainer's own evaluations, the command line, the benchmark): from
        two passes on, half of them run in the training helper process (_procs.predict), the
        same passes, the same y. Not for the window's panels: they run beside training, and a
        training step that finds the helper busy with their passes runs in one process."""
        def fill(start: int, stop: int, out: np.ndarray) -> None:
            out[...] = x[start:stop]

        y = _procs.predict(self, len(x), fill, batch) if processes else None
        if y is not None:
            return y
        out = np.empty((len(x), 10), dtype=self.dtype)
        for s in range(0, len(x), batch):
            out[s : s + batch] = self.forward(x[s : s + batch], keep_cols=False, maps=False)["y"]
        return out

    def loss(self, trace: Trace, labels: np.ndarray) -> float:
        return fn.cross_entropy(trace["y"], np.asarray(labels))

    # ------------------------------------------------------------------ backward

    def backward(self, trace: Trace, labels: np.ndarray | None, need_input: bool = True,
                 need_maps: bool = True, seed: dict | None = None) -> dict:
        """δ of every trace quantity (`delta_<key>`) and of every parameter (its own name).

        J is the mean cross-entropy over the batch; for N = 1 it is the course's J(θ).
        need_input=False skips δ(x), the input image's sensitivity, which training never uses.
        need_maps=False skips δ(c1) and δ(c3) under max-pooling: the backward pass routes
        δ(s)·f'(s) straight to δ(u), so they are only ever looked at, never used. It also
        leaves out δ(u_c1), which C1 computes in the quad layout (see forward); it is then in
        `trace.cache["delta_u_c1"]` in that layout, as u_c1 is in `trace.cache["u_c1"]`.
        seed {"u_f7" | "u_f6" | "u_c5" | "u_c3" | "u_c1": (N, …) array} adds to δ(u) of those
        layers before they pass it down: the result is then the gradient of J + Σ ⟨seed, u⟩
        (labels=None drops J), e.g. of one unit's u alone, for explain/ (saliency, maximising).
        """
        seed = seed or {}
        if set(seed) - SEED_KEYS:
            raise ValueError(f"cannot seed {sorted(set(seed) - SEED_KEYS)}; use {sorted(SEED_KEYS)}")
        labels = None if labels is None else np.asarray(labels, dtype=np.intp)
        p, df, cache = self.params, self.act.df_from_output, trace.cache
        if any(c is None for c in cache["cols"]):
            raise ValueError("this trace was made with forward(x, keep_cols=False); "
                             "run forward(x) again for a backward pass")
        N, dt = trace["y"].shape[0], self.dtype
        trainable = self.config.pooling == TRAINABLE
        g: dict[str, np.ndarray] = {}

        delta_f7 = (fn.softmax_ce_backward(trace["y"], labels) if labels is not None
                    else np.zeros_like(trace["y"]))  # δ(f7) = −(z − y)
        delta_u_f7 = delta_f7 * df(trace["f7"]) if self.config.f7_activation else delta_f7
        delta_u_f7 = _seeded(delta_u_f7, seed, "u_f7")
        g["w7"] = delta_u_f7.T @ trace["f6"]  # δ(w7_ij) = δ(u_f7_i)·f6_j
        g["b7"] = delta_u_f7.sum(axis=0)  # δ(b7_i) = δ(u_f7_i)
        delta_f6 = delta_u_f7 @ p["w7"]  # δ(f6_j) = Σ_i δ(u_f7_i)·w7_ij

        delta_u_f6 = _seeded(delta_f6 * df(trace["f6"]), seed, "u_f6")  # δ(u_f6) = δ(f6)·f'(u_f6)
        g["w6"] = delta_u_f6.T @ trace["c5"]
        g["b6"] = delta_u_f6.sum(axis=0)
        delta_c5 = delta_u_f6 @ p["w6"]

        delta_u_c5 = _seeded(delta_c5 * df(trace["c5"]), seed, "u_c5")
        g["w5"] = (delta_u_c5.T @ cache["s4"].reshape(N, 400)).reshape(120, 16, 5, 5)
        g["b5"] = delta_u_c5.sum(axis=0)
        delta_s4 = (delta_u_c5 @ p["w5"].reshape(120, 400)).reshape(N, 16, 5, 5)  # Σ_l δ(u_c5^l)·w5

        # The compact layout, as u_c1 and u_c3: the pooling windows cover every cell, so the
        # pooling's backward writes all of δ(c) and δ(u). input_delta wants the row layout:
        # δ(u) is copied into it, zero-padded, where δ(input) is asked for.
        maps = need_maps or self.config.pooling != MAX
        delta_c3 = np.empty((16, N, 10, 10), dt) if maps else None
        delta_u_c3 = np.empty((16, N, 10, 10), dt)
        delta_s2 = np.empty((6, N, 14, 14), dt)
        delta_c1 = np.empty((6, N, 2, 2, 14, 14), dt) if maps else None  # the quad layout, as u_c1
        delta_u_c1 = np.empty((6, N, 2, 2, 14, 14), dt)
        delta_x = np.empty((N, 1, 32, 32), dt) if need_input else None
        src4 = delta_s4  # what S4's backward spreads: δ(s4), or δ(u_s4) when trainable
        if trainable:
            delta_u_s2 = np.empty_like(delta_s2)
            src4 = delta_u_s4 = delta_s4 * df(cache["s4"])  # δ(u_s4) = δ(s4)·f'(u_s4)
            g["a4"] = (delta_u_s4 * cache["sum4"]).sum(axis=(0, 2, 3))  # Σ δ(u_s4)·Σ c3
            g["b4"] = delta_u_s4.sum(axis=(0, 2, 3))
        w3t = cache["w3"].reshape(16, 150).T
        w1t = p["w1"].reshape(6, 25).T
        s2, c1, c3 = cache["s2"], cache["c1"], cache["c3"]

        def convolutions(i: int) -> tuple[np.ndarray, np.ndarray]:
            """S4 → C3 → S2 → C1 of part i; returns its share of [δ(w3) | δ(b3)] and
            [δ(w1) | δ(b1)], transposed. A thread writes only its own images' slices."""
            sl, (cols1, cols3) = cache["parts"][i], cache["cols"][i]
            n = sl.stop - sl.start
            self._pool_backward(src4[sl].transpose(1, 0, 2, 3), _part(c3, sl), 10,
                                _part(delta_c3, sl), delta_u_c3[:, sl], "4", sl, cache)
            if "u_c3" in seed:
                delta_u_c3[:, sl] += seed["u_c3"][sl].transpose(1, 0, 2, 3)
            du = fn.as_rows(delta_u_c3[:, sl], 16)  # δ(u_c3), compact
            dwb3 = fn.gemm_nt(cols3, du)  # δ(w3) = Σ δ(u_c3)·s2, δ(b3) = Σ δ(u_c3)
            du = fn.as_rows(fn.row_layout(delta_u_c3[:, sl], 14,  # zero-padded to 14 columns
                                          self._ws.get("du3", (16, n, 10, 14), dt)), 16)
            fn.input_delta(w3t, du, 5, delta_s2[:, sl],  # δ(s2) = Σ δ(u_c3)·w3 turned 180°
                           scratch=self._ws.get("dcols3", (150 * (n * 140 + 5),), dt))
            src2 = delta_s2[:, sl]
            if trainable:
                src2 = np.multiply(src2, df(s2[:, sl]), out=delta_u_s2[:, sl])
            self._pool_backward(src2, _part(c1, sl), 28, _part(delta_c1, sl),
                                delta_u_c1[:, sl], "2", sl, cache)
            if "u_c1" in seed:
                delta_u_c1[:, sl] += fn.as_quads(seed["u_c1"][sl].transpose(1, 0, 2, 3))
            du = fn.as_rows(delta_u_c1[:, sl], 6)
            dwb1 = fn.gemm_nt(cols1, du)  # δ(w1) = Σ δ(u_c1)·x, δ(b1) = Σ δ(u_c1)
            if need_input:
                du = fn.as_rows(fn.row_layout(delta_u_c1[:, sl], 32,  # zero-padded to 32
                                              self._ws.get("du1", (6, n, 28, 32), dt)), 6)
                fn.input_delta(w1t, du, 5, delta_x[sl].reshape(1, n, 32, 32),
                               scratch=self._ws.get("dcols1", (25 * (n * 896 + 5),), dt))
            return dwb3, dwb1

        shares = _parallel.run_parts(convolutions, range(len(cache["parts"])))
        dwb3, dwb1 = shares[0]
        for d3, d1 in shares[1:]:  # Σ over the parts, always in the same order
            dwb3 += d3
            dwb1 += d1
        g["w3"] = np.ascontiguousarray(dwb3[:-1].T).reshape(16, 6, 5, 5)
        g["b3"] = dwb3[-1].copy()
        if self.config.c3_table:
            g["w3"] *= self._table_w  # δ(w3^(k,m)) = 0 for (k, m) ∉ Table 1
        g["w1"] = np.ascontiguousarray(dwb1[:-1].T).reshape(6, 1, 5, 5)
        g["b1"] = dwb1[-1].copy()
        if trainable:
            g["a2"] = (delta_u_s2 * cache["sum2"]).sum(axis=(1, 2, 3))  # Σ δ(u_s2)·Σ c1
            g["b2"] = delta_u_s2.sum(axis=(1, 2, 3))

        g.update(
            delta_f7=delta_f7, delta_u_f7=delta_u_f7, delta_f6=delta_f6, delta_u_f6=delta_u_f6,
            delta_c5=delta_c5, delta_u_c5=delta_u_c5, delta_s4=delta_s4,
            delta_u_c3=_nchw(delta_u_c3), delta_s2=_nchw(delta_s2),
        )
        cache["delta_u_c1"] = delta_u_c1  # in the quad layout, as u_c1 in the cache (forward)
        if maps:  # C1's in the usual layout: copies, for the display only (see forward)
            g["delta_c3"], g["delta_c1"] = _nchw(delta_c3), _nchw(fn.from_quads(delta_c1))
            g["delta_u_c1"] = _nchw(fn.from_quads(delta_u_c1))
        if trainable:
            g["delta_u_s2"], g["delta_u_s4"] = _nchw(delta_u_s2), delta_u_s4
        if need_input:
            g["delta_x"] = delta_x
        return g

    def _pool_backward(self, src, c, Hv, delta_c, delta_u, tag, sl, cache):
        """δ(c) and δ(u) = δ(c)·f'(u) of the chunk c (C, n, Hv, W) from src: δ(s), or δ(u_s)
        when the sub-sampling is trainable. Both are 0 outside the pooling windows."""
        df = self.act.df_from_output
        pooling = self.config.pooling
        if pooling == MAX:
            masks = cache["masks" + tag][:, :, sl]
            if delta_c is not None:
                fn.pool_max_backward(src, masks, None, out=delta_c)
            # At each window's winner c = s, so f'(u) there is f'(u_s): route δ(s)·f'(s)
            # instead of computing f' on the whole map.
            s = _chunk(cache["s" + tag], sl, tag)
            fn.pool_max_backward(src * df(s), masks, None, out=delta_u)
            return
        scale = 0.25 if pooling == MEAN else self.params["a" + tag][:, None, None, None]
        fn.spread(src, scale, None, out=delta_c)  # δ(c) = ¼ δ(s), or a·δ(u_s)
        np.multiply(delta_c, df(c), out=delta_u)  # δ(u) = δ(c)·f'(u)

    def pool_mask(self, trace: Trace, layer: str) -> np.ndarray | None:
        """The course's msk1 (layer "s2") or msk3 ("s4") as 0/1 (N, C, H, W); None unless
        max-pooling."""
        tag = "2" if layer == "s2" else "4"
        masks = trace.cache.get("masks" + tag)
        if masks is None:
            return None
        C, N, h, w = masks.shape[1:]
        return fn.valid_mask_full(masks, (C, N, 2 * h, 2 * w)).transpose(1, 0, 2, 3)


# Images per pass through the convolutions. Measured: 64 beat 16 and 32 (per-call overhead and
# smaller GEMMs cost more than the cache saves) and 128 or 256 (the columns leave the cache).
CHUNK = 64


# Where backward(seed=…) may add to δ(u): the layers whose u explain/ looks at.
SEED_KEYS = frozenset({"u_f7", "u_f6", "u_c5", "u_c3", "u_c1"})


def _seeded(delta_u: np.ndarray, seed: dict, key: str) -> np.ndarray:
    """δ(u) plus the seed for this layer, if any (a new array: the trace's stay untouched)."""
    return delta_u + np.asarray(seed[key], delta_u.dtype) if key in seed else delta_u


def _part(a: np.ndarray | None, sl: slice) -> np.ndarray | None:
    return None if a is None else a[:, sl]


def _chunk(a: np.ndarray, sl: slice, tag: str) -> np.ndarray:
    """Images sl of an S2 array (channel-major) or an S4 array ((N, C, H, W)), as (C, n, h, w)."""
    return a[:, sl] if tag == "2" else a[sl].transpose(1, 0, 2, 3)


def _nchw(a: np.ndarray, w: int | None = None) -> np.ndarray:
    """(C, N, H, W) -> an (N, C, H, w) view, cropping a row-layout map to its valid columns."""
    return (a if w is None else a[:, :, :w, :w]).transpose(1, 0, 2, 3)
