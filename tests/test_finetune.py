"""Fine-tuning (train/finetune.py and the Trainer's freeze and MNIST mix): frozen layers stay
bit for bit, the others learn; every batch holds the asked share of MNIST and each own picture
once an epoch; a fine-tuned run saves and loads as any run."""

import numpy as np
import pytest

from lenet_gui.data.folders import FolderData
from lenet_gui.data.mnist import Dataset
from lenet_gui.model.options import LAYERS
from lenet_gui.train import TrainConfig, Trainer, finetune
from lenet_gui.train.runs import Run, load_run, save_run
from lenet_gui.train.trainer import layer_of
from tests import helpers


@pytest.fixture(scope="module")
def parts():
    """24 MNIST test digits as "my digits" (12 trained on, 12 held out), 50 more as the test
    set, and 200 training images to mix in."""
    d = helpers.mnist()
    folder = FolderData(None, d.test_images[:24], d.test_labels[:24],
                        tuple(f"{i}.png" for i in range(24)))
    mnist = Dataset(d.train_images[:200], d.train_labels[:200], d.test_images[100:150],
                    d.test_labels[100:150], "subset")
    return finetune.split(folder, 0.5, seed=0), mnist


def shipped():
    return finetune.load_start(helpers.weights_path())


@pytest.mark.parametrize("freeze", [finetune.FEATURES, ("c1", "c3", "c5"), ("f6",)])
def test_frozen_layers_stay_bit_for_bit_and_the_others_learn(parts, freeze):
    part, mnist = parts
    net = shipped()
    before = {k: v.copy() for k, v in net.params.items()}
    cfg = finetune.fine_tune_config(freeze=freeze, epochs=2, batch_size=8, mix_mnist=0.5)
    reports = list(finetune.trainer_for(net, part, mnist, cfg).steps())
    assert len(reports) == 2 * 3 and not any(r.diverged for r in reports)  # 11 own, 4 a batch
    assert [r.epoch for r in reports if r.test is not None] == [1]  # test_every 10: the last
    for k in net.param_names():
        if layer_of(k) in freeze:
            assert net.params[k].tobytes() == before[k].tobytes(), k
        else:
            assert not np.array_equal(net.params[k], before[k]), k


def test_every_batch_holds_the_share_of_mnist_and_each_own_picture_once_an_epoch():
    own = np.zeros((10, 28, 28), np.uint8)  # own pictures: ink 0..9, one each
    own[:, 0, 0] = np.arange(10)
    mix = np.full((7, 28, 28), 200, np.uint8)
    data = Dataset(own, np.arange(10, dtype=np.uint8), own[:2], np.zeros(2, np.uint8), "t")
    cfg = TrainConfig(batch_size=8, mix_mnist=0.25, seed=5, subset_every=0)
    trainer = Trainer(shipped(), data, cfg, mix=(mix, np.full(7, 3, np.uint8)))
    assert cfg.mix_per_batch() == 2 and trainer.own_per_batch == 6
    assert trainer.batches_per_epoch == 2  # the epoch is a pass over the own pictures
    seen = []
    for b in range(trainer.batches_per_epoch):
        idx = trainer._order[b * 6 : (b + 1) * 6]
        images, labels = trainer._batch(idx)
        assert (images[: len(idx), 0, 0] == idx).all() and (images[: len(idx)] != 200).any()
        assert (images[len(idx) :] == 200).all() and (labels[len(idx) :] == 3).all()
        assert len(images) - len(idx) == 2
        seen += list(idx)
    assert sorted(seen) == list(range(10))
    with pytest.raises(ValueError, match="no images to mix in"):
        Trainer(shipped(), data, cfg)
    for bad in (dict(mix_mnist=1.0), dict(freeze=("c2",)), dict(freeze=("c1", "c1")),
                dict(holdout=1.0)):
        with pytest.raises(ValueError):
            TrainConfig(**bad).validate()


def test_the_defaults_train_on_everything_without_mixing():
    cfg = TrainConfig()
    assert cfg.freeze == () and cfg.mix_mnist == 0 and cfg.mix_per_batch() == 0
    assert [layer_of(k) for k in ("w1", "a2", "b4", "w5", "b7")] == ["c1", "s2", "s4", "c5", "f7"]


def test_parse_freeze_words():
    assert finetune.parse_freeze("features") == finetune.FEATURES
    assert finetune.parse_freeze("c5, C1 ,c3") == ("c1", "c3", "c5")
    assert finetune.parse_freeze("none") == () == finetune.parse_freeze("")
    assert set(finetune.FEATURES) < set(LAYERS)
    with pytest.raises(ValueError, match="'c2' is not a layer"):
        finetune.parse_freeze("c1,c2")


def test_a_fine_tuned_run_saves_and_loads_with_its_settings(parts, tmp_path):
    part, mnist = parts
    net = shipped()
    cfg = finetune.fine_tune_config(epochs=1, batch_size=8, images="/somewhere", holdout=0.5,
                                    start_from="lenet5.npz")
    trainer = finetune.trainer_for(net, part, mnist, cfg)
    reports = list(trainer.steps())
    before, after = finetune.measure(shipped(), part, mnist), finetune.measure(net, part, mnist)
    assert len(before.held.predictions) == len(part.held) > 0
    assert len(after.mnist.predictions) == 50
    lines = finetune.summary(before, after)
    assert lines[0].startswith(f"my digits, held out ({len(part.held)} images): ")
    assert " -> " in lines[0]
    from lenet_gui.train import TrainingHistory

    history = TrainingHistory()
    history.extend(reports)
    run = Run("ft", "ft", net.config, cfg, "fine-tuned", net.snapshot().params, history)
    loaded = load_run(save_run(run, tmp_path / "ft.npz"))
    assert loaded.train_config == cfg and loaded.train_config.freeze == finetune.FEATURES
    assert loaded.start == "fine-tuned" and loaded.epochs == 1
    for k in net.param_names():
        assert np.array_equal(loaded.params[k], net.params[k])
