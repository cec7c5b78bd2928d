"""Fine-tuning: a run that starts from another run's weights and trains on a folder of digit
pictures (data.folders), with a share of MNIST mixed into every batch so that the network does
not forget, and optionally some layers frozen (C1…C5: the course's features kept, only the
classifier taught). Part of each class of the folder is held out, never trained on; the result
is measured before → after on those held-out pictures and on MNIST's test set. No Qt here."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from lenet_gui.data.folders import FolderData, split_holdout
from lenet_gui.data.mnist import Dataset
from lenet_gui.model import LeNet5
from lenet_gui.train.checkpoint import load_checkpoint
from lenet_gui.train.timeline import Timeline
from lenet_gui.train.trainer import EvalResult, TrainConfig, Trainer, evaluate

FEATURES = ("c1", "s2", "c3", "s4", "c5")  # the feature layers: `--freeze features`
# The recommended fine-tuning (docs/MY_DIGITS.md measures it): features frozen, three quarters
# of every batch from MNIST (half let MNIST's test accuracy fall below 99 %), a constant α with
# no warm-up on a tiny set. An epoch is a pass over the folder's few pictures, so MNIST's test
# set is checked every 10th only.
RECOMMENDED = dict(freeze=FEATURES, mix_mnist=0.75, learning_rate=0.01, momentum=0.9,
                   batch_size=32, epochs=30, schedule="constant", warmup_batches=0,
                   weight_decay=5e-4, subset_every=0, test_every=10)


def fine_tune_config(base: TrainConfig | None = None, **changes) -> TrainConfig:
    """RECOMMENDED, then `changes`, over `base` (default TrainConfig())."""
    return dataclasses.replace(base or TrainConfig(), **{**RECOMMENDED, **changes})


def parse_freeze(text: str) -> tuple[str, ...]:
    """"c1,c3,c5" → ("c1", "c3", "c5"); "features" is c1 s2 c3 s4 c5; "" or "none" nothing.
    ValueError for a name that is not a layer."""
    from lenet_gui.model.options import LAYERS

    out: list[str] = []
    for word in (w.strip().lower() for w in text.split(",")):
        if word in ("", "none"):
            continue
        names = FEATURES if word == "features" else (word,)
        for name in names:
            if name not in LAYERS:
                raise ValueError(f"--freeze: {word!r} is not a layer (choose among "
                                 f"{', '.join(LAYERS)}, or 'features')")
            if name not in out:
                out.append(name)
    return tuple(sorted(out, key=LAYERS.index))


def load_start(path: str | os.PathLike) -> LeNet5:
    """The network a fine-tune starts from: the weights of a run file, a workspace or a
    checkpoint (CheckpointError naming the file if it is not one)."""
    return load_checkpoint(Path(path)).to_net()


@dataclass(frozen=True)
class Split:
    """A folder split per class: trained on, and held out."""
    train: FolderData
    held: FolderData


def split(folder: FolderData, holdout: float, seed: int = 0) -> Split:
    """Stratified: round(n·holdout) of each class held out, chosen with `seed`."""
    tr, he = split_holdout(folder.labels, holdout, seed)
    if not len(tr):
        raise ValueError(f"{folder.root}: nothing left to train on with {holdout:.0%} held out")
    return Split(folder.subset(tr), folder.subset(he))


def trainer_for(net: LeNet5, part: Split, mnist: Dataset, config: TrainConfig,
                timeline: Timeline | None = None) -> Trainer:
    """A Trainer on the folder's training part (MNIST mixed in as config.mix_mnist says); its
    test set is MNIST's, so a fine-tuned run's history shows what it kept of MNIST."""
    data = Dataset(part.train.images, part.train.labels, mnist.test_images, mnist.test_labels,
                   str(part.train.root))
    return Trainer(net, data, config, timeline=timeline,
                   mix=(mnist.train_images, mnist.train_labels) if config.mix_mnist else None)


@dataclass(frozen=True)
class Measure:
    """One network on the two test sets."""
    held: EvalResult | None  # the folder's held-out pictures (None: nothing held out)
    mnist: EvalResult  # MNIST's test set


def measure(net: LeNet5, part: Split, mnist: Dataset) -> Measure:
    held = evaluate(net, part.held.images, part.held.labels) if len(part.held) else None
    return Measure(held, evaluate(net, mnist.test_images, mnist.test_labels))


def summary(before: Measure, after: Measure) -> list[str]:
    """Lines for the CLI: held-out and MNIST accuracy before → after."""
    def pct(r: EvalResult | None) -> str:
        return "n/a" if r is None else f"{r.accuracy * 100:.2f}%"

    n_held = 0 if before.held is None else len(before.held.predictions)
    return [f"my digits, held out ({n_held} images): {pct(before.held)} -> {pct(after.held)}",
            f"MNIST test ({len(before.mnist.predictions):,} images): {pct(before.mnist)} -> "
            f"{pct(after.mnist)}"]
