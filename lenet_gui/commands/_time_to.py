"""`lenet-gui bench --time-to 99 [--seeds 10]`: how long the default recipe takes to reach an
accuracy on the whole test set, from random weights, beside PyTorch training the same model
with the same recipe in the same run.

For each seed both libraries start from the same initial weights (LeNet5(seed=s), copied into
the PyTorch module of bench.build_torch_reference) and see the same batches in the same order
(the Trainer's permutations of np.random.default_rng(s), the same normalisation), with the same
update at every batch: v := μ·v − α_t·(δ(θ) + λ·θ for weights), θ := θ + v, α_t the Trainer's
warm-up and schedule (trainer.learning_rate_at). NumPy trains through the Trainer, as
`train` does. The whole test set is checked every quarter epoch, on a clock that is stopped:
the seconds are training seconds only. The runs alternate library by library, seed by seed
(which library goes first alternates too), so that a machine's load falls on both."""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train.trainer import TrainConfig, Trainer, evaluate, learning_rate_at

CHECKS_PER_EPOCH = 4
EVAL_BATCH = 1000  # PyTorch's test-set passes (not timed)


@dataclasses.dataclass(frozen=True)
class Reached:
    seconds: float | None  # training seconds until the first check at ≥ the target (None: never)
    samples: int | None  # training samples seen by then
    accuracy: float  # the accuracy of that check (or of the last check)
    epochs: float  # epochs trained by then (or in all)


def _check_points(batches_per_epoch: int, epochs: int) -> set[int]:
    """Global batch counts after which the test set is checked: every quarter epoch."""
    return {round(e * batches_per_epoch + q * batches_per_epoch / CHECKS_PER_EPOCH)
            for e in range(epochs) for q in range(1, CHECKS_PER_EPOCH + 1)}


def numpy_time_to(data, config: TrainConfig, target: float, params: dict | None = None
                  ) -> Reached:
    """The Trainer (the `train` command's path) from LeNet5(seed); its own end-of-epoch
    evaluation is given a one-image test set so that it costs nothing; the checks here are
    the whole test set, off the clock. `params`, if given, receives the final weights."""
    net = LeNet5(LeNetConfig(), seed=config.seed)
    small = dataclasses.replace(data, test_images=data.test_images[:1],
                                test_labels=data.test_labels[:1])
    trainer = Trainer(net, small, dataclasses.replace(config, subset_every=0))
    checks = _check_points(trainer.batches_per_epoch, config.epochs)
    steps = trainer.steps()
    seconds, acc = 0.0, 0.0
    try:
        while True:
            t0 = time.perf_counter()
            report = next(steps, None)
            seconds += time.perf_counter() - t0
            if report is None or report.diverged:
                break
            if report.step in checks:
                acc = evaluate(net, data.test_images, data.test_labels,
                               processes=True).accuracy
                if acc >= target:
                    return Reached(seconds, report.step * config.batch_size, acc,
                                   report.step / trainer.batches_per_epoch)
    finally:
        steps.close()
        if params is not None:
            params.update(net.copy_params())
    return Reached(None, None, acc, trainer.step / trainer.batches_per_epoch)


def torch_time_to(data, config: TrainConfig, target: float, threads: int, build,
                  params: dict | None = None) -> Reached:
    """The same recipe in PyTorch: the same weights, batches, order and update (see above).
    `build` is bench.build_torch_reference (passed in: bench imports this module);
    `params`, if given, receives the final weights (NumPy arrays)."""
    import torch

    torch.set_num_threads(threads)
    model = build(LeNet5(LeNetConfig(), seed=config.seed))
    params_ = dict(model.named_parameters())
    velocity = {k: torch.zeros_like(p) for k, p in params_.items()}
    n_train, bs = len(data.train_labels), config.batch_size
    bpe = -(-n_train // bs)
    total = bpe * config.epochs
    checks = _check_points(bpe, config.epochs)
    rng = np.random.default_rng(config.seed)  # as the Trainer draws its permutations
    order = rng.permutation(n_train)
    test_x = torch.from_numpy(normalise(data.test_images))
    test_y = torch.from_numpy(data.test_labels.astype(np.int64))
    buf = np.empty((bs, 1, 32, 32), np.float32)
    try:
        return _torch_loop(data, config, target, model, params_, velocity, order, rng, buf,
                           test_x, test_y, bpe, total, checks)
    finally:
        if params is not None:
            params.update({k: p.detach().numpy().copy() for k, p in params_.items()})


def _torch_loop(data, config, target, model, params, velocity, order, rng, buf, test_x,
                test_y, bpe, total, checks) -> Reached:
    import torch
    import torch.nn.functional as F

    n_train, bs = len(data.train_labels), config.batch_size
    seconds, acc, step = 0.0, 0.0, 0
    for _epoch in range(config.epochs):
        for b in range(bpe):
            t0 = time.perf_counter()
            idx = order[b * bs : (b + 1) * bs]
            x = normalise(data.train_images[idx], out=buf[: len(idx)])
            y = data.train_labels[idx].astype(np.int64)
            lr = learning_rate_at(config, config.learning_rate, step, total)
            for p in params.values():
                p.grad = None
            F.cross_entropy(model(torch.from_numpy(x)), torch.from_numpy(y)).backward()
            with torch.no_grad():
                for k, p in params.items():
                    v = velocity[k]
                    v.mul_(config.momentum).sub_(p.grad, alpha=lr)  # v := μ·v − α·δ(θ)
                    if config.weight_decay and k[0] == "w":
                        v.sub_(p, alpha=lr * config.weight_decay)
                    p.add_(v)  # θ := θ + v
            step += 1
            seconds += time.perf_counter() - t0
            if step in checks:
                with torch.no_grad():
                    correct = sum(int((model(test_x[s : s + EVAL_BATCH]).argmax(1)
                                       == test_y[s : s + EVAL_BATCH]).sum())
                                  for s in range(0, len(test_y), EVAL_BATCH))
                acc = correct / len(test_y)
                if acc >= target:
                    return Reached(seconds, step * bs, acc, step / bpe)
        order = rng.permutation(n_train)
    return Reached(None, None, acc, step / bpe)


def _stats(values: list[float], digits: int = 1) -> str:
    if not values:
        return "never"
    a = np.array(values, dtype=float)
    sd = float(a.std(ddof=1)) if len(a) > 1 else 0.0
    return f"{a.mean():,.{digits}f} ± {sd:,.{digits}f}"


def run_time_to(args, use_torch: bool, build) -> int:
    """`bench --time-to` (see above); `build` is bench.build_torch_reference."""
    from lenet_gui.commands._common import load_data

    target = args.time_to / 100.0
    config = TrainConfig()
    if args.batch_size:
        config = dataclasses.replace(config, batch_size=args.batch_size)
    data = load_data(args.data)
    libs = ["numpy"] + (["pytorch"] if use_torch else [])
    results: dict[str, list[Reached]] = {lib: [] for lib in libs}
    seeds = [args.seed + i for i in range(args.seeds)]
    print(f"LeNet-5 float32, time to {args.time_to:g}% on the whole test set from random weights: "
          f"batch {config.batch_size}, α {config.learning_rate:g} ({config.warmup_batches} "
          f"warm-up batches, {config.schedule} over {config.epochs} epochs), momentum "
          f"{config.momentum:g}, weight decay {config.weight_decay:g}; checked every 1/"
          f"{CHECKS_PER_EPOCH} epoch (checks not counted); seeds {seeds[0]}..{seeds[-1]}",
          flush=True)
    print(f"{'seed':<6}" + "".join(f"{lib + ' s':>12}{'samples':>11}{'epochs':>8}{'acc':>8}"
                                   for lib in libs), flush=True)
    for i, seed in enumerate(seeds):
        cfg = dataclasses.replace(config, seed=seed)
        order = libs if i % 2 == 0 else libs[::-1]
        for lib in order:
            r = (numpy_time_to(data, cfg, target) if lib == "numpy"
                 else torch_time_to(data, cfg, target, args.threads, build))
            results[lib].append(r)
        line = f"{seed:<6}"
        for lib in libs:
            r = results[lib][-1]
            line += (f"{r.seconds:>12.1f}{r.samples:>11,}" if r.seconds is not None
                     else f"{'never':>12}{'':>11}")
            line += f"{r.epochs:>8.2f}{100 * r.accuracy:>7.2f}%"
        print(line, flush=True)
    print(f"{'mean ± sd over ' + str(len(seeds)) + ' seed(s)':<36}{'seconds':>16}{'samples':>22}"
          f"{'reached':>9}")
    for lib in libs:
        ok = [r for r in results[lib] if r.seconds is not None]
        print(f"{lib:<36}{_stats([r.seconds for r in ok]):>16}"
              f"{_stats([r.samples for r in ok], 0):>22}{len(ok):>5}/{len(seeds)}")
    if use_torch:
        a = [r.seconds for r in results["numpy"]]
        b = [r.seconds for r in results["pytorch"]]
        pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
        if pairs:
            ratio = float(np.mean([y / x for x, y in pairs]))
            print(f"pytorch seconds / numpy seconds, mean over the seeds both reached: {ratio:.2f}")
    return 0
