"""The command line: `lenet-gui [COMMAND …]` = `python main.py [COMMAND …]`.

With no command the GUI opens. Every bad input ends in a one-line error and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

from lenet_gui import __version__

EXIT_USAGE = 2
EXIT_ERROR = 1


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, as argparse does, without the usage block
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def default_weights() -> Path:
    from lenet_gui.resources import resource_path

    return resource_path("weights", "lenet5.npz")


def add_model_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("model options")
    g.add_argument("--activation", choices=["lecun", "tanh", "sigmoid", "relu"], default=None,
                   help="f of every layer (default: lecun, 1.7159·tanh(2u/3))")
    g.add_argument("--pooling", choices=["max", "mean", "trainable"], default=None,
                   help="S2/S4 sub-sampling (default: max, as the course)")
    g.add_argument("--c3", choices=["table", "full"], default=None,
                   help="C3 connections: the course's Table 1 (default) or all 96 pairs")
    g.add_argument("--f7-activation", action="store_true",
                   help="apply f at F7 before the softmax, literally as the course writes it")
    g.add_argument("--float64", action="store_true", help="compute in float64")
    g.add_argument("--preset", default=None, help="a named configuration (see --list-presets)")


def model_config(args):
    from lenet_gui.model import PRESETS, LeNetConfig

    if args.preset is not None:
        if args.preset not in PRESETS:
            raise CliError(f"unknown preset {args.preset!r}; choose one of "
                           f"{', '.join(repr(k) for k in PRESETS)}")
        base = PRESETS[args.preset]
    else:
        base = LeNetConfig()
    changes = {}
    if args.activation:
        changes["activation"] = args.activation
    if args.pooling:
        changes["pooling"] = args.pooling
    if args.c3:
        changes["c3_table"] = args.c3 == "table"
    if args.f7_activation:
        changes["f7_activation"] = True
    if args.float64:
        changes["dtype"] = "float64"
    return LeNetConfig(**{**base.to_dict(), **changes})


def load_data(directory):
    from lenet_gui.data import load_mnist

    return load_mnist(directory)


def load_weights(path):
    from lenet_gui.train import load_checkpoint

    return load_checkpoint(Path(path) if path else default_weights())


def _fmt_time(s: float) -> str:
    s = max(0, int(s))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def cmd_train(args) -> int:
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainConfig, Trainer, save_checkpoint

    try:
        tcfg = TrainConfig(learning_rate=args.lr, momentum=args.momentum,
                           batch_size=args.batch_size, epochs=args.epochs, seed=args.seed,
                           augment=args.augment, schedule=args.schedule,
                           weight_decay=args.weight_decay)
        tcfg.validate()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    config = model_config(args)
    out = Path(args.out)
    _check_writable(out)  # fail now, not after an hour of training
    data = load_data(args.data)
    net = LeNet5(config, seed=args.seed)
    trainer = Trainer(net, data, tcfg)
    print(f"LeNet-5 ({config.activation}, {config.pooling}-pooling, "
          f"C3 {'Table 1' if config.c3_table else 'full'}, "
          f"{'f at F7' if config.f7_activation else 'linear F7'}, {config.dtype}), "
          f"{net.n_params():,} parameters; {len(data.train_labels):,} training images from "
          f"{data.source}")
    print(f"SGD lr {tcfg.learning_rate} ({tcfg.schedule}), momentum {tcfg.momentum}, "
          f"batch {tcfg.batch_size}, {tcfg.epochs} epochs"
          f"{', augmented' if tcfg.augment else ''}, seed {tcfg.seed}")
    tty = sys.stdout.isatty()
    t0 = time.perf_counter()
    epoch_t0 = t0
    best = None
    history = []
    losses = []
    last_print = 0.0
    for r in trainer.steps():
        if r.diverged:
            raise CliError(r.diverged)
        losses.append(r.loss)
        now = time.perf_counter()
        if now - last_print > (0.2 if tty else 10.0) or r.test is not None:
            last_print = now
            done = r.batch + 1
            frac = done / r.batches_per_epoch
            elapsed = now - t0
            total_frac = (r.step) / trainer.total_batches
            eta = elapsed / max(total_frac, 1e-9) * (1 - total_frac)
            bar = "#" * int(frac * 30)
            line = (f"epoch {r.epoch + 1}/{tcfg.epochs} [{bar:<30}] {done}/{r.batches_per_epoch} "
                    f"loss {np.mean(losses[-100:]):.4f}  {r.samples_per_s:,.0f} samples/s  "
                    f"ETA {_fmt_time(eta)}")
            print(("\r" + line) if tty else line, end="" if tty else "\n", flush=True)
        if r.test is not None:
            if tty:
                print()
            acc = r.test.accuracy
            history.append(acc)
            print(f"epoch {r.epoch + 1}: test accuracy {acc * 100:.2f}%  test loss "
                  f"{r.test.loss:.4f}  ({now - epoch_t0:.1f} s)", flush=True)
            epoch_t0 = now
            best = acc
    elapsed = time.perf_counter() - t0
    save_checkpoint(out, net, extra_arrays={"loss_history": np.asarray(losses, np.float32)},
                    epoch=trainer.epoch, test_accuracy=best, test_history=history,
                    train_config={k: v for k, v in vars(args).items()
                                  if isinstance(v, (str, int, float, bool, type(None)))}
                    | {"data": str(data.source)},
                    seconds=round(elapsed, 1))
    print(f"saved {out} ({elapsed:.0f} s)")
    print(f"test accuracy: {best * 100:.2f}%")
    return 0


def _check_writable(out: Path) -> None:
    directory = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise CliError(f"{out}: is a directory; --out takes a file name")
    if not directory.is_dir():
        raise CliError(f"{directory}: no such directory for --out")
    if not os.access(directory, os.W_OK):
        raise CliError(f"{directory}: not writable")


def cmd_evaluate(args) -> int:
    from lenet_gui.train import evaluate

    ckpt = load_weights(args.weights)
    data = load_data(args.data)
    net = ckpt.to_net()
    r = evaluate(net, data.test_images, data.test_labels)
    print(f"weights: {args.weights or default_weights()}  (recorded test accuracy: "
          f"{_pct(ckpt.meta.get('test_accuracy'))})")
    print(f"test images: {len(data.test_labels):,} from {data.source}")
    print(f"test loss: {r.loss:.4f}")
    print("per-class accuracy:")
    for k in range(10):
        print(f"  {k}: {r.per_class_accuracy[k] * 100:6.2f}%  (precision "
              f"{r.per_class_precision[k] * 100:6.2f}%, {int(r.confusion[k].sum())} images)")
    print("confusion matrix (rows: true, columns: predicted):")
    print("      " + "".join(f"{k:>6}" for k in range(10)))
    for k in range(10):
        print(f"  {k:>2}  " + "".join(f"{v:>6}" for v in r.confusion[k]))
    print(f"test accuracy: {r.accuracy * 100:.2f}%")
    return 0


def _pct(v) -> str:
    return "n/a" if v is None else f"{v * 100:.2f}%"


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lenet-gui", description="LeNet-5 Studio: watch the course's LeNet-5 "
                "learn. Without a command, the application window opens.")
    p.add_argument("--version", action="version", version=f"lenet-gui {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    t = sub.add_parser("train", help="train on MNIST from the command line")
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--batch-size", type=int, default=64)
    t.add_argument("--lr", type=float, default=0.03, help="learning rate α (default 0.03)")
    t.add_argument("--momentum", type=float, default=0.9)
    t.add_argument("--schedule", choices=["cosine", "step", "constant"], default="cosine")
    t.add_argument("--weight-decay", type=float, default=5e-4,
                   help="L2 penalty λ on the weights (default 5e-4)")
    t.add_argument("--augment", action="store_true",
                   help="random affine moves and elastic distortions")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--data", default=None, help="directory of the four IDX files "
                   "(default: the embedded MNIST)")
    t.add_argument("--out", default="lenet5.npz", help="checkpoint to write")
    add_model_options(t)
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="accuracy, per-class accuracy, confusion matrix")
    e.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    e.add_argument("--data", default=None)
    e.set_defaults(func=cmd_evaluate)

    b = sub.add_parser("bench", help="training and inference speed against PyTorch",
                       add_help=False)
    b.set_defaults(func=None, passthrough="bench")

    for name, help_ in (("classify", "classify image files as drawn digits"),
                        ("backprop", "print one sample's backpropagation, step by step"),
                        ("robustness", "test accuracy under perturbations"),
                        ("screenshot", "start the window, train, save a screenshot"),
                        ("peak-memory", "peak resident memory of a command and its helpers")):
        s = sub.add_parser(name, help=help_, add_help=False)
        s.set_defaults(func=None, passthrough=name)
    return p


PASSTHROUGH = {
    "bench": "lenet_gui.bench",
    "classify": "lenet_gui.classify",
    "backprop": "lenet_gui.backprop_cli",
    "robustness": "lenet_gui.robustness_cli",
    "screenshot": "lenet_gui.gui.screenshot",
    "peak-memory": "lenet_gui.memory_cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("--version", "-h", "--help"):
        from lenet_gui.app import run_gui

        return run_gui(argv)
    if argv[0] in PASSTHROUGH:
        import importlib

        try:
            module = importlib.import_module(PASSTHROUGH[argv[0]])
        except ImportError as exc:
            print(f"lenet-gui {argv[0]}: not available ({exc})", file=sys.stderr)
            return EXIT_ERROR
        return _guard(lambda: module.main(argv[1:]), argv[0])
    args = build_parser().parse_args(argv)
    if args.command is None:
        from lenet_gui.app import run_gui

        return run_gui([])
    return _guard(lambda: args.func(args), args.command)


def _guard(fn, command: str) -> int:
    from lenet_gui.data import IdxFormatError
    from lenet_gui.train import CheckpointError

    try:
        return int(fn() or 0)
    except (CliError, IdxFormatError, CheckpointError, ValueError, OSError) as exc:
        print(f"lenet-gui {command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"lenet-gui {command}: interrupted", file=sys.stderr)
        return 130
