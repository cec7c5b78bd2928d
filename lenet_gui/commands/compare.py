"""`lenet-gui compare PRESET_OR_OPTIONS... [--epochs N] [--seed S]`: train each configuration
on the same data with the same seed, exactly as `lenet-gui train` would, and print one row per
run (configuration, test accuracy, test loss, seconds, samples/s), then `best: NAME (99.12%)`.

An argument is one of the course's questions (c3, pooling, activation, f7, lr: several runs),
a preset ("course", "LeNet-5 1998", …) or options such as `pooling=mean,c3=full`."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

from lenet_gui.commands._common import CliError, UsageError, load_data
from lenet_gui.model.options import CHOICES

OPTION = re.compile(r"^[a-z0-9_]+=[^,=]+(,[a-z0-9_]+=[^,=]+)*$")
# NAME=WORD -> (the LeNetConfig field, WORD -> its value; KeyError for a word not offered)
MODEL_KEYS = {c.cli: (c.field, c.parse) for c in CHOICES if c.cli}
TRAIN_KEYS = {"lr": ("learning_rate", float), "batch": ("batch_size", int),
              "momentum": ("momentum", float), "augment": ("augment",
                                                           lambda v: {"on": True, "off": False}[v])}


def add_parser(sub):
    from lenet_gui.train.runs import EXPERIMENTS

    model_options = ", ".join(f"{c.cli}={'|'.join(c.words)}" for c in CHOICES if c.cli)
    p = sub.add_parser("compare", help="train several configurations and compare them",
                       description="Train each configuration with the same data and seed, "
                       "as `train` would, and print one row per run. Experiments: "
                       f"{', '.join(EXPERIMENTS)}; options: {model_options}, lr=A, batch=B, "
                       "momentum=M, augment=on|off (joined by commas).")
    p.add_argument("runs", nargs="+", metavar="PRESET_OR_OPTIONS")
    p.add_argument("--epochs", type=int, default=2, help="epochs per run (default 2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data", default=None, help="directory of the four IDX files")
    p.add_argument("--out", default=None,
                   help="a directory to save each run's weights in (NAME.npz)")
    return p


def parse_runs(specs: list[str], epochs: int, seed: int):
    """[(name, LeNetConfig, TrainConfig)] for the arguments; UsageError for a bad one."""
    from lenet_gui.model import PRESETS, LeNetConfig
    from lenet_gui.train import TrainConfig
    from lenet_gui.train.runs import EXPERIMENTS, experiment

    train = TrainConfig(epochs=epochs, seed=seed)
    out = []
    for spec in specs:
        if spec in EXPERIMENTS:
            out += experiment(spec, LeNetConfig(), train)
        elif spec in PRESETS:
            out.append((spec, PRESETS[spec], train))
        elif OPTION.match(spec):
            model, rest = {}, {}
            for item in spec.split(","):
                key, value = item.split("=")
                table = MODEL_KEYS if key in MODEL_KEYS else TRAIN_KEYS if key in TRAIN_KEYS \
                    else None
                if table is None:
                    raise UsageError(f"unknown option {key!r} in {spec!r}; options: "
                                     f"{', '.join([*MODEL_KEYS, *TRAIN_KEYS])}")
                name, convert = table[key]
                try:
                    (model if table is MODEL_KEYS else rest)[name] = convert(value)
                except (KeyError, ValueError):
                    raise UsageError(f"bad value {value!r} for {key} in {spec!r}") from None
            try:
                config = dataclasses.replace(LeNetConfig(), **model)
                config.validate()
                tcfg = dataclasses.replace(train, **rest)
                tcfg.validate()
            except ValueError as exc:
                raise UsageError(f"{spec!r}: {exc}") from None
            out.append((spec, config, tcfg))
        else:
            raise UsageError(f"{spec!r} is neither an experiment ({', '.join(EXPERIMENTS)}), a "
                             f"preset ({', '.join(PRESETS)}) nor options like pooling=mean")
    return out


def run(args) -> int:
    if args.epochs < 1:
        raise UsageError("--epochs must be at least 1")
    runs = parse_runs(args.runs, args.epochs, args.seed)
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    from lenet_gui.model import LeNet5
    from lenet_gui.train import Trainer, save_checkpoint

    data = load_data(args.data)
    width = max(len(name) for name, _, _ in runs)
    print(f"{'configuration':<{width}}  test accuracy  test loss  seconds  samples/s")
    best = None
    for name, config, tcfg in runs:
        net = LeNet5(config, seed=tcfg.seed)  # as `train` does
        trainer = Trainer(net, data, tcfg)
        t0, last, samples = time.perf_counter(), None, 0
        for r in trainer.steps():
            if r.diverged:
                raise CliError(f"{name}: {r.diverged}")
            samples += tcfg.batch_size
            if r.test is not None:
                last = r.test
        seconds = time.perf_counter() - t0
        print(f"{name:<{width}}  {last.accuracy * 100:12.2f}%  {last.loss:9.4f}  {seconds:7.1f}  "
              f"{samples / seconds:9,.0f}", flush=True)
        if out_dir is not None:
            save_checkpoint(out_dir / f"{re.sub(r'[^A-Za-z0-9.=-]+', '_', name)}.npz", net,
                            test_accuracy=last.accuracy)
        if best is None or last.accuracy > best[1]:
            best = (name, last.accuracy)
    print(f"best: {best[0]} ({best[1] * 100:.2f}%)")
    return 0
