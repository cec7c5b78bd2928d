"""A short recorded run for the timeline tests: 60 batches of 32 on the small data set, its
weights recorded into a real Timeline on the recording schedule (56 snapshots)."""

from __future__ import annotations

import pytest

from lenet_gui.model import LeNet5
from lenet_gui.train import TrainConfig, Trainer, TrainingHistory
from lenet_gui.train.runs import Run, new_id
from lenet_gui.train.timeline import Timeline

BATCHES = 60


def record_run(data, batches: int = BATCHES, seed: int = 0) -> Run:
    net = LeNet5(seed=seed)
    cfg = TrainConfig(batch_size=32, epochs=1, warmup_batches=0, subset_every=0, seed=seed)
    trainer = Trainer(net, data, cfg)
    tl = Timeline()
    tl.record(0, net.snapshot().params)
    history = TrainingHistory()
    for r in trainer.steps():
        history.extend([r])
        tl.record(r.step, net.snapshot().params)
        if r.step >= batches:
            break
    run = Run(new_id(), "recorded", net.config, cfg, "random", net.snapshot().params, history)
    run.timeline = tl
    return run


@pytest.fixture(scope="module")
def recorded_run(small_data) -> Run:
    return record_run(small_data)
