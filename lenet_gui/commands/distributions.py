"""`lenet-gui distributions [--lr A] [--batches N] [--every K] [model options]`: train from
random weights while recording the distributions of w, u and δ (train/distributions.py), print
the diagnoses of the last row, and what the recording cost: the seconds spent recording
beside the seconds spent training (the same batches, timed in the same loop)."""

from __future__ import annotations

import time

from lenet_gui.commands._common import add_model_options, load_data, model_config


def add_parser(sub):
    p = sub.add_parser("distributions", help="record distributions of w, u, δ; diagnose",
                       description="Train from random weights while recording the histograms "
                       "of w, u and δ per layer; print the diagnoses and the recording's cost.")
    p.add_argument("--lr", type=float, default=0.03, help="learning rate α (default 0.03)")
    p.add_argument("--batches", type=int, default=600, help="batches to train (default 600)")
    p.add_argument("--every", type=int, default=50, help="batches between two records")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data", default=None, help="directory of the four IDX files")
    add_model_options(p)
    return p


def run(args) -> int:
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer
    from lenet_gui.train.diagnose import diagnose
    from lenet_gui.train.distributions import DistributionHistory

    if args.batches < 1 or args.every < 1:
        raise ValueError("--batches and --every must be at least 1")
    data = load_data(args.data)
    cfg = TrainConfig(learning_rate=args.lr, batch_size=args.batch_size, seed=args.seed,
                      epochs=1000, subset_every=0)
    trainer = Trainer(LeNet5(model_config(args), seed=args.seed), data, cfg)
    recorder = trainer.record_distributions(args.every)
    history = DistributionHistory()
    spent = 0.0
    original = recorder.record

    def timed(*a, **k):
        nonlocal spent
        t = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent += time.perf_counter() - t

    recorder.record = timed
    t0 = time.perf_counter()
    n = 0
    for report in trainer.steps():
        n += 1
        if report.diverged:
            history.diverged = True
            print(report.diverged)
        if report.distributions is not None:
            history.add(report.distributions)
        if report.diverged or n >= args.batches:
            break
    total = time.perf_counter() - t0
    row = history.latest
    print(f"{n} batches of {args.batch_size}, α = {args.lr:g}, activation {trainer.net.config.activation}; "
          f"{len(history)} rows, {history.nbytes() / 1024:.0f} KB")
    if row is not None:
        print(f"last row at batch {row.step}: mean J since the previous row {row.loss:.4f}")
        print("layer  mean|δ|    δ=0   ‖Δw‖/‖w‖  dead")
        for layer in row.delta_mean:
            ratio = row.update_ratio.get(layer)
            dead = row.dead.get(layer)
            print(f"{layer:5}  {row.delta_mean[layer]:.2e}  {row.delta_zeros[layer]:4.2f}  "
                  f"{'' if ratio is None else f'{ratio:.2e}':>9}  "
                  f"{'' if dead is None else f'{dead:.2f}'}")
    for d in diagnose(history):
        print(f"{'WARNING' if d.warning else 'ok     '} {d.code:16} {d.layer or '':3} {d.value:.3g}")
    # Rows are made during the next batch, beside the helper process taking that whole step
    # (Trainer._row_can_wait): this is the recording's own time, not all of it added to the
    # training's (`bench` and `screenshot` time the training with its rows).
    print(f"recording: {spent:.2f} s of {total:.2f} s ({100 * spent / max(total - spent, 1e-9):.1f} % "
          f"of the training's time, made beside the helper's step), every {args.every} batches")
    return 0
