"""`lenet-gui bench [--rounds 7] [--seconds 1.0] [--no-torch]`: the NumPy LeNet-5 against
an equivalent PyTorch network, on the same batches. PyTorch is optional (`pip install torch`);
without it only NumPy is measured. `bench --timeline`: training with the timeline recording on
against off (bench_timeline, at the end). `bench --time-to 99 [--seeds 10]`: seconds of the
default recipe until the whole test set first reaches 99 %, beside PyTorch (_time_to.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from lenet_gui.data.synthetic import mnist_like
from lenet_gui.model import (
    LeNet5,
    LeNetConfig,
    num_threads,
    set_num_threads,
    training_step,
)
from lenet_gui.model._alloc import tune_allocator
from lenet_gui.model._procs import processes_enabled
from lenet_gui.model.options import LECUN, MAX, c3_connections

TRAIN_BATCHES = (1, 16, 64, 256)
INFER_BATCH = 1000
MOMENTUM = 0.9  # μ in v := μv − α g, θ := θ + v
LEARNING_RATE = 0.01  # α
BENCH_MMAP_MB, BENCH_TRIM_MB = 32, 64  # glibc's own ceilings (see run)


# ----------------------------------------------------------------------------- NumPy side


class NumpySGD:
    """v := μv − α g; θ := θ + v, for every parameter, as the trainer does it."""

    def __init__(self, net: LeNet5, lr: float = LEARNING_RATE, momentum: float = MOMENTUM):
        self.net, self.lr, self.momentum = net, lr, momentum
        self.names = net.param_names()
        self.v = np.zeros_like(net.flat)  # laid out as the network's `flat`

    def step(self, x: np.ndarray, labels: np.ndarray) -> None:
        g = training_step(self.net, x, labels).flat_grads(self.names)  # what the trainer runs
        v = self.v
        v *= self.momentum
        v -= self.lr * g
        self.net.flat += v  # every parameter is a view of it


# ----------------------------------------------------------------------------- PyTorch side


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def build_torch_reference(net: LeNet5):
    """The same LeNet-5 in PyTorch, with `net`'s weights copied in: max-pooling, C3 with the
    Table 1 mask applied to its weight (so its gradient is masked too), 1.7159·tanh(2u/3),
    no activation at F7, mean cross-entropy. Only the default LeNetConfig is supported.

    The module's forward maps (N, 1, 32, 32) -> logits f7 (N, 10); its parameters have the
    NumPy names (w1, b1, …, w7, b7) and shapes.
    """
    import torch
    import torch.nn.functional as F

    cfg = net.config
    if (cfg.activation, cfg.pooling, cfg.f7_activation) != (LECUN, MAX, False):
        raise ValueError("the PyTorch reference implements the default LeNetConfig only")
    dtype = torch.float64 if net.dtype == np.float64 else torch.float32

    class TorchLeNet5(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            for name, value in net.params.items():
                self.register_parameter(name, torch.nn.Parameter(torch.tensor(value, dtype=dtype)))
            table = c3_connections(cfg.c3_table)
            self.register_buffer("table", torch.tensor(table[:, :, None, None], dtype=dtype))

        @staticmethod
        def f(u):
            return 1.7159 * torch.tanh(u * (2.0 / 3.0))

        def forward(self, x):
            c1 = self.f(F.conv2d(x, self.w1, self.b1))
            s2 = F.max_pool2d(c1, 2)
            c3 = self.f(F.conv2d(s2, self.w3 * self.table, self.b3))
            s4 = F.max_pool2d(c3, 2)
            c5 = self.f(F.linear(s4.flatten(1), self.w5.flatten(1), self.b5))
            f6 = self.f(F.linear(c5, self.w6, self.b6))
            return F.linear(f6, self.w7, self.b7)

    return TorchLeNet5()


# ----------------------------------------------------------------------------- timing


def _rate(step: Callable[[int], None], samples: int, seconds: float) -> float:
    """Samples per second of `step(i)` run for about `seconds` (at least twice)."""
    i, start = 0, time.perf_counter()
    while True:
        step(i)
        i += 1
        elapsed = time.perf_counter() - start
        if i >= 2 and elapsed >= seconds:
            return i * samples / elapsed


def _numpy_workloads(data, seed: int):
    net = LeNet5(LeNetConfig(), seed=seed)
    sgd = NumpySGD(net)
    infer_net = LeNet5(LeNetConfig(), seed=seed)
    work = {}
    for n in TRAIN_BATCHES:
        batches = data[n]
        work[f"train {n}"] = (lambda i, b=batches: sgd.step(*b[i % len(b)]), n)
    xs = data[INFER_BATCH]
    # 1000 images classified as the application does it (predict: passes of 64 images)
    work["infer"] = (lambda i: infer_net.predict(xs[i % len(xs)][0], processes=True),
                     INFER_BATCH)
    ones = data[1]
    work["latency"] = (lambda i: infer_net.backward(infer_net.forward(ones[i % len(ones)][0]),
                                                    ones[i % len(ones)][1], need_input=True), 1)
    return work


def _torch_workloads(data, seed: int, threads: int):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    model = build_torch_reference(LeNet5(LeNetConfig(), seed=seed))
    opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
    infer_model = build_torch_reference(LeNet5(LeNetConfig(), seed=seed))
    tdata = {n: [(torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))) for x, y in b]
             for n, b in data.items()}

    def train(i, b):
        x, y = b[i % len(b)]
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()

    def infer(i):
        with torch.no_grad():
            infer_model(tdata[INFER_BATCH][i % len(tdata[INFER_BATCH])][0])

    def latency(i):
        x, y = tdata[1][i % len(tdata[1])]
        x = x.clone().requires_grad_(True)
        infer_model.zero_grad(set_to_none=True)
        F.cross_entropy(infer_model(x), y).backward()  # every δ, including δ(x)

    work = {f"train {n}": (lambda i, b=tdata[n]: train(i, b), n) for n in TRAIN_BATCHES}
    work["infer"] = (infer, INFER_BATCH)
    work["latency"] = (latency, 1)
    return work


def _blas_threads() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threads unknown"
    counts = sorted({d["num_threads"] for d in threadpool_info() if d["user_api"] == "blas"})
    return "/".join(map(str, counts)) + " thread(s)" if counts else "not found"


ROWS = [(f"train {n}", f"training, batch {n} (samples/s)") for n in TRAIN_BATCHES] + [
    ("infer", f"inference, batch {INFER_BATCH} (samples/s)"),
    ("latency", "1 sample fwd+bwd with δ(x) (ms)"),
]


def add_parser(sub):
    p = sub.add_parser("bench", help="training and inference speed against PyTorch",
                       description="The NumPy LeNet-5 against an equivalent PyTorch "
                       "network, on the same batches: training, inference and latency.")
    p.add_argument("--rounds", type=int, default=None,
                   help="interleaved rounds (median; default 7, with --timeline 5)")
    p.add_argument("--seconds", "--seconds-per-round", type=float, default=1.0,
                   dest="seconds", help="seconds per workload, library and round")
    p.add_argument("--no-torch", action="store_true", help="measure NumPy only")
    p.add_argument("--threads", type=int, default=2, help="PyTorch threads")
    p.add_argument("--numpy-threads", type=int, default=None,
                   help="threads of the NumPy model (default: LENET_THREADS, else up to 2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--timeline", action="store_true",
                   help="instead: training with the timeline recording on against off")
    p.add_argument("--time-to", type=float, default=None, metavar="PCT",
                   help="instead: seconds of the default recipe from random weights until the "
                   "whole test set reaches PCT %%, beside PyTorch")
    p.add_argument("--seeds", type=int, default=10, help="with --time-to: runs (seeds) per library")
    p.add_argument("--batch-size", type=int, default=None, help="with --time-to: mini-batch size")
    p.add_argument("--data", default=None, help="with --time-to: MNIST directory")
    return p


def run(args) -> int:
    """Workloads: a training step (what the trainer runs: `training_step`, i.e. forward and
    backward without δ(x) in micro-batches on two processes, then SGD with momentum on every
    parameter) at batch 1, 16, 64 and 256; inference at batch 1000 (NumPy through `predict`,
    which takes the batch in passes of 64 images, half of them in the helper process, as the
    trainer's evaluations and the command line do); one sample's
    forward + backward with δ(input) (the GUI's step-through). NumPy and PyTorch run
    interleaved, round by round, and the table shows the medians of the rounds."""
    if args.timeline:
        return bench_timeline(args)
    if args.rounds is None:
        args.rounds = 7
    use_torch = not args.no_torch and torch_available()
    # glibc's own ceilings for its dynamic thresholds (the values it drifts to by itself):
    # both libraries allocate from the heap without unmapping between steps. The app's lower
    # thresholds (model/_alloc.py) cost PyTorch up to half its speed at batch 256.
    tune_allocator(mmap_threshold=BENCH_MMAP_MB << 20, trim_threshold=BENCH_TRIM_MB << 20)
    if args.numpy_threads is not None:
        set_num_threads(args.numpy_threads)
    if args.time_to is not None:
        from lenet_gui.commands._time_to import run_time_to

        return run_time_to(args, use_torch, build_torch_reference)
    rng = np.random.default_rng(args.seed)
    data = {}
    for n in TRAIN_BATCHES + (INFER_BATCH,):
        count = 1 if n == INFER_BATCH else max(2, min(32, 2048 // n))
        data[n] = [(mnist_like(n, rng), rng.integers(0, 10, n)) for _ in range(count)]
    libs = {"numpy": _numpy_workloads(data, args.seed)}
    if use_torch:
        libs["pytorch"] = _torch_workloads(data, args.seed, args.threads)

    results: dict[str, dict[str, list[float]]] = {lib: {k: [] for k, _ in ROWS} for lib in libs}
    for work in libs.values():  # warm-up: allocator, BLAS threads, autograd caches
        for step, _ in work.values():
            for i in range(3):
                step(i)
    for _ in range(args.rounds):
        for key, _ in ROWS:
            for lib, work in libs.items():
                step, samples = work[key]
                results[lib][key].append(_rate(step, samples, args.seconds))

    med = {lib: {k: float(np.median(v)) for k, v in r.items()} for lib, r in results.items()}
    print(f"LeNet-5 float32, medians of {args.rounds} rounds of {args.seconds:g} s")
    helper = ("training on 2 processes (this one and a helper)"
              if num_threads() > 1 and processes_enabled() else "training in this process")
    threads = (f"numpy: {num_threads()} worker(s), {helper}, OpenBLAS {_blas_threads()}")
    if use_torch:
        import torch
        threads += f"; pytorch: {torch.get_num_threads()} thread(s)"
    print(threads)
    print(f"allocator: glibc mmap threshold {BENCH_MMAP_MB} MB, trim threshold "
          f"{BENCH_TRIM_MB} MB, for both libraries")
    header = f"{'workload':<42}{'numpy':>11}"
    if use_torch:
        header += f"{'pytorch':>11}{'ratio':>8}"
    print(header)
    for key, label in ROWS:
        a = med["numpy"][key]
        line = f"{label:<42}"
        if key == "latency":  # ms; the ratio is still a speed ratio (> 1: NumPy faster)
            line += f"{1e3 / a:>11.3f}"
            if use_torch:
                b = med["pytorch"][key]
                line += f"{1e3 / b:>11.3f}{a / b:>8.2f}"
        else:
            line += f"{a:>11,.0f}"
            if use_torch:
                b = med["pytorch"][key]
                line += f"{b:>11,.0f}{a / b:>8.2f}"
        print(line)
    prefix = "training ratio numpy/pytorch at batch 1/16/64/256: "
    if use_torch:
        ratios = [med["numpy"][f"train {n}"] / med["pytorch"][f"train {n}"]
                  for n in TRAIN_BATCHES]
        print("ratio = numpy speed / pytorch speed (latency row: pytorch ms / numpy ms)")
        print(prefix + " / ".join(f"{r:.2f}" for r in ratios))
    else:
        why = "disabled (--no-torch)" if args.no_torch else "torch is not installed"
        print(f"pytorch: {why}")
        print(prefix + "n/a (torch not installed)")
    return 0


# ----------------------------------------------------------------------------- the timeline

# `lenet-gui bench --timeline`: training with the timeline recording on against off, on the
# same batches, interleaved round by round (train/timeline.py).
#
# Two phases of a run are timed, since the schedule keeps every batch at first and one in a
# hundred later: the first BATCHES batches of a run from the course's initialisation (on: 100 or
# more snapshots, most of a first epoch), and the same number of batches with the trainer's
# batch count starting at REGULAR_FROM (on: one snapshot every 100 batches, as for most of a
# long run). Each time covers the loop of Trainer.steps, the recording included (the forced
# snapshots at the start and the end too); the network, data and batches are the same.
BATCHES = 900  # < one epoch at batch 64: no whole-test-set evaluation in the timed loop
REGULAR_FROM = 2_000
EPOCHS_20 = 18_760  # batches of 20 epochs of MNIST at batch 64


def _time(data, offset: int | None, batches: int, seed: int):
    """Seconds for `batches` batches (offset None: no timeline) and the timeline."""
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer
    from lenet_gui.train.timeline import Timeline

    net = LeNet5(seed=seed)
    tl = None if offset is None else Timeline()
    trainer = Trainer(net, data, TrainConfig(epochs=2, batch_size=64, seed=seed,
                                             subset_every=0),
                      timeline=tl, timeline_offset=offset or 0)
    t0 = time.perf_counter()
    steps = trainer.steps()
    for r in steps:
        if r.step >= batches:
            break
    steps.close()  # the forced last snapshot is timed too
    return time.perf_counter() - t0, tl


def bench_timeline(args) -> int:
    """`bench --timeline`: training with the timeline on against off (see above)."""
    from lenet_gui.data import load_mnist
    from lenet_gui.train.timeline import scheduled_batches

    data = load_mnist()
    rounds = args.rounds if args.rounds is not None else 5
    times: dict[str, list[float]] = {"off": [], "first": [], "regular": []}
    inside: dict[str, list[float]] = {"first": [], "regular": []}
    kept = {}
    _time(data, None, 50, args.seed)  # warm-up: the helper process, the allocator
    for _ in range(rounds):
        for key, offset in (("off", None), ("first", 0), ("regular", REGULAR_FROM)):
            seconds, tl = _time(data, offset, BATCHES, args.seed)
            times[key].append(seconds)
            if tl is not None:
                kept[key] = (len(tl), tl.stored_bytes)
                inside[key].append(tl.seconds / seconds)
    med = {k: float(np.median(v)) for k, v in times.items()}
    rate = {k: BATCHES * 64 / s for k, s in med.items()}
    # each round's on/off ratio, then their median: a machine that is slower in one round
    # than in another moves both of that round's times
    slower = {k: float(np.median(np.array(times[k]) / np.array(times["off"]))) - 1
              for k in inside}
    share = {k: float(np.median(v)) for k, v in inside.items()}
    print(f"LeNet-5 float32, training at batch 64 with the timeline off and on, {BATCHES} "
          f"batches, {rounds} interleaved rounds (medians)")
    print(f"{'phase of the run':<36}{'off':>9}{'on':>9}{'slower':>8}{'recording':>11}"
          f"{'snapshots':>11}{'kB each':>9}")
    for key, label in (("first", f"batches 1-{BATCHES} (samples/s)"),
                       ("regular", f"batches {REGULAR_FROM + 1:,}-{REGULAR_FROM + BATCHES:,} "
                        "(samples/s)")):
        n, size = kept[key]
        print(f"{label:<36}{rate['off']:>9,.0f}{rate[key]:>9,.0f}{100 * slower[key]:>7.1f}%"
              f"{100 * share[key]:>10.1f}%{n:>11}{size / n / 1e3:>9.0f}")
    print("slower: the on/off ratio of the wall-clock times (noisy on a shared machine); "
          "recording: the share of\nthe on runs spent inside Timeline.record (its own clock, "
          "the schedule checks included)")
    # a 20-epoch run: the first phase's share over its batches, the regular phase's after
    n20 = scheduled_batches(EPOCHS_20).size + 1
    batch_s = med["off"] / BATCHES
    rec_s = share["first"] * med["first"] + share["regular"] * med["regular"] \
        * (EPOCHS_20 - BATCHES) / BATCHES
    print(f"a 20-epoch run ({EPOCHS_20:,} batches, {n20} snapshots), from these: "
          f"{100 * rec_s / (EPOCHS_20 * batch_s):.1f}% of its training time inside the "
          "recording")
    t_record = _record_ms(data, args.seed)
    print(f"one snapshot recorded alone (no training around it): {t_record:.2f} ms "
          f"(a batch: {1e3 * batch_s:.2f} ms)")
    return 0


def _record_ms(data, seed: int) -> float:
    """Median ms of Timeline.record of a training's consecutive weights (differences)."""
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer
    from lenet_gui.train.timeline import Timeline

    net = LeNet5(seed=seed)
    states = []
    for r in Trainer(net, data, TrainConfig(epochs=1, batch_size=64, seed=seed,
                                            subset_every=0)).steps():
        states.append({k: v.copy() for k, v in net.params.items()})
        if r.step >= 40:
            break
    tl, times = Timeline(), []
    for b, p in enumerate(states):
        t0 = time.perf_counter()
        tl.record(b, p, force=True)
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times[1:]))
