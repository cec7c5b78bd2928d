"""The training loop as a Qt-free generator: SGD with momentum on mini-batches, one StepReport
per batch, with pause/step/stop through a RunControl that the GUI (or a test) drives."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from lenet_gui.data.mnist import Dataset
from lenet_gui.data.preprocess import normalise
from lenet_gui.model import LeNet5, _procs, training_step
from lenet_gui.model.lenet5 import INFER_BATCH
from lenet_gui.model.options import LAYERS
from lenet_gui.train.augment import Augmenter
from lenet_gui.train.distributions import DistributionRecorder, DistributionRow
from lenet_gui.train.timeline import Timeline

HEALTH_PARAMS = {"c1": "w1", "c3": "w3", "c5": "w5", "f6": "w6", "f7": "w7"}


@dataclass(frozen=True)
class TrainConfig:
    learning_rate: float = 0.05  # α in θ := θ − α·∂J/∂θ, at the start of the schedule
    momentum: float = 0.9  # μ in v := μ·v − α·∂J/∂θ; θ := θ + v
    batch_size: int = 64
    epochs: int = 10
    # α over the run. "step" (α, then 0.3·α after a third of the run, 0.09·α after two
    # thirds) with α = 0.05 reached 99 % on the test set after 3.5–3.75 epochs where cosine
    # with α = 0.03 took 4.25–4.75 (seeds 0 and 1), and 99.19 % / 99.15 % after 10 epochs
    # (cosine: 99.11 %); docs/PERFORMANCE.md, "Time to 99 %".
    schedule: Literal["cosine", "step", "constant"] = "step"
    warmup_batches: int = 200  # α ramps up linearly over the first batches
    augment: bool = False  # random affine + elastic distortions of the training images
    weight_decay: float = 5e-4  # λ: J + (λ/2)·Σ w², on weights (not biases or a2/a4)
    seed: int = 0  # shuffling and augmentation
    subset_every: int = 300  # batches between checks on a fixed 1,000-image test subset (0: off)
    subset_size: int = 1000
    # Fine-tuning (train/finetune.py); the defaults train on MNIST from scratch, as before.
    freeze: tuple[str, ...] = ()  # layers (c1 s2 c3 s4 c5 f6 f7) whose parameters stay as they are
    mix_mnist: float = 0.0  # share of each batch drawn from MNIST's training set (0 ≤ · < 1)
    images: str = ""  # the folder DIR/0…9 of pictures trained on ("": MNIST's training set)
    holdout: float = 0.0  # share of each class of `images` held out to test on, never trained on
    start_from: str = ""  # the run or weights file the weights started from ("": initialised)
    test_every: int = 1  # epochs between checks on the whole test set (and always the last)

    def validate(self) -> None:
        if not (self.learning_rate > 0 and math.isfinite(self.learning_rate)):
            raise ValueError(f"learning rate must be a positive number, got {self.learning_rate}")
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {self.momentum}")
        if self.batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")
        if self.epochs < 1:
            raise ValueError(f"epochs must be at least 1, got {self.epochs}")
        if not (self.weight_decay >= 0 and math.isfinite(self.weight_decay)):
            raise ValueError(f"weight decay must be ≥ 0, got {self.weight_decay}")
        if self.schedule not in ("cosine", "step", "constant"):
            raise ValueError(f"unknown schedule {self.schedule!r}")
        unknown = [k for k in self.freeze if k not in LAYERS]
        if unknown or len(set(self.freeze)) != len(self.freeze):
            raise ValueError(f"freeze takes distinct layers among {' '.join(LAYERS)}, got "
                             f"{','.join(self.freeze) or 'nothing'}")
        if not 0 <= self.mix_mnist < 1:
            raise ValueError(f"the share of MNIST mixed in must be in [0, 1), got {self.mix_mnist}")
        if self.test_every < 1:
            raise ValueError(f"test_every must be at least 1, got {self.test_every}")
        if not 0 <= self.holdout < 1:
            raise ValueError(f"the share held out must be in [0, 1), got {self.holdout}")

    def mix_per_batch(self) -> int:
        """MNIST images in each batch when training on images with MNIST mixed in."""
        return min(int(round(self.batch_size * self.mix_mnist)), self.batch_size - 1)


def layer_of(param: str) -> str:
    """The layer a parameter belongs to: w1 → c1, a2 → s2, b7 → f7."""
    return LAYERS[int(param[1:]) - 1]


def learning_rate_at(config: TrainConfig, base_lr: float, step: int, total: int) -> float:
    """α for global batch `step` of `total`: warm-up, then the schedule."""
    if config.warmup_batches and step < config.warmup_batches:
        return base_lr * (step + 1) / config.warmup_batches
    frac = step / max(total, 1)
    if config.schedule == "cosine":
        return base_lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
    if config.schedule == "step":
        return base_lr * 0.3 ** int(frac * 3)
    return base_lr


class RunControl:
    """Pause, single steps, stop and live hyper-parameters, shared by the GUI and the worker.

    The worker calls acquire() before each batch; it blocks while paused and returns False once
    stop() was called. Control goes through a Condition, never queued slots: the worker's own
    event loop is blocked while it trains.
    """

    def __init__(self, running: bool = True) -> None:
        self._cv = threading.Condition()
        self._running = running
        self._steps = 0
        self._stop = False
        self.learning_rate: float | None = None  # overrides TrainConfig.learning_rate live
        self.momentum: float | None = None
        self.delay_s = 0.0  # slow motion: pause this long after each batch
        # Called (without the lock, once per acquire) when acquire is about to block: the
        # worker hands on the batches it has not shown yet. A pause that lands after the
        # worker decided not to show its last batch would otherwise hide it while paused.
        self.before_blocking: Callable[[], None] | None = None

    def acquire(self) -> bool:
        with self._cv:
            told = False
            while not (self._stop or self._running or self._steps > 0):
                if self.before_blocking is not None and not told:
                    told = True
                    self._cv.release()
                    try:
                        self.before_blocking()
                    finally:
                        self._cv.acquire()
                    continue  # the state may have changed meanwhile
                self._cv.wait()
            if self._stop:
                return False
            if not self._running:
                self._steps -= 1
            return True

    def wait_delay(self) -> None:
        """Sleep delay_s, waking at once on stop, pause or a change of speed."""
        with self._cv:
            if self.delay_s > 0:
                self._cv.wait(self.delay_s)

    def pause(self) -> None:
        with self._cv:
            self._running = False
            self._steps = 0
            self._cv.notify_all()

    def resume(self) -> None:
        with self._cv:
            self._running = True
            self._cv.notify_all()

    def step(self, n: int = 1) -> None:
        with self._cv:
            self._running = False
            self._steps += n
            self._cv.notify_all()

    def stop(self) -> None:
        with self._cv:
            self._stop = True
            self._cv.notify_all()

    def set_delay(self, seconds: float) -> None:
        with self._cv:
            self.delay_s = max(0.0, seconds)
            self._cv.notify_all()

    @property
    def stopped(self) -> bool:
        return self._stop

    @property
    def running(self) -> bool:
        return self._running and not self._stop

    @property
    def pending_steps(self) -> int:
        return self._steps


@dataclass(frozen=True)
class EvalResult:
    accuracy: float  # fraction correct
    loss: float  # mean cross-entropy
    confusion: np.ndarray  # (10, 10) counts, [true, predicted]
    predictions: np.ndarray  # (N,) argmax
    confidence: np.ndarray  # (N,) max probability

    @property
    def per_class_accuracy(self) -> np.ndarray:
        return np.diag(self.confusion) / np.maximum(self.confusion.sum(axis=1), 1)

    @property
    def per_class_precision(self) -> np.ndarray:
        return np.diag(self.confusion) / np.maximum(self.confusion.sum(axis=0), 1)


def evaluate(net: LeNet5, images: np.ndarray, labels: np.ndarray, batch: int = INFER_BATCH,
             progress=None, should_stop=None, processes: bool = False) -> EvalResult:
    """Accuracy, loss and confusion matrix of uint8 (N, 28, 28) images. processes=True: half
    of the passes in the training helper process (LeNet5.predict says when)."""
    N = len(images)
    preds = np.empty(N, np.intp)
    conf = np.empty(N, np.float32)
    loss_sum = 0.0
    ys = _outputs(net, images, batch, progress, should_stop, processes)
    for s in range(0, N, batch):
        y = ys[s : s + batch]
        preds[s : s + batch] = y.argmax(axis=1)
        conf[s : s + batch] = y.max(axis=1)
        lab = labels[s : s + batch].astype(np.intp)
        loss_sum += float(-np.log(np.maximum(y[np.arange(len(lab)), lab], 1e-30)).sum())
    confusion = np.zeros((10, 10), np.int64)
    np.add.at(confusion, (labels.astype(np.intp), preds), 1)
    return EvalResult(float((preds == labels).mean()), loss_sum / N, confusion, preds, conf)


def _outputs(net: LeNet5, images: np.ndarray, batch: int, progress, should_stop,
             processes: bool) -> np.ndarray:
    """y (N, 10) of uint8 images, normalised pass by pass (never a float copy of the whole
    set): half of the passes in the helper process when it can take them (_procs.predict),
    else every pass here; the same passes either way, so the same y bit for bit."""
    N = len(images)

    def stop_check() -> None:
        if should_stop is not None and should_stop():
            raise InterruptedError("evaluation stopped")

    def fill(start: int, stop: int, out: np.ndarray) -> None:
        normalise(images[start:stop], out=out)

    def on_round(done: int) -> None:
        if progress is not None:
            progress(done, N)
        stop_check()

    stop_check()
    ys = _procs.predict(net, N, fill, batch, on_round) if processes else None
    if ys is not None:
        return ys
    ys = np.empty((N, 10), net.dtype)
    buf = np.empty((min(batch, N), 1, 32, 32), net.dtype)
    for s in range(0, N, batch):
        stop_check()
        x = buf[: min(batch, N - s)]
        fill(s, s + len(x), x)
        ys[s : s + len(x)] = net.forward(x, keep_cols=False, maps=False)["y"]
        if progress is not None:
            progress(min(s + batch, N), N)
    return ys


@dataclass(frozen=True)
class StepReport:
    epoch: int  # 0-based
    batch: int  # 0-based within the epoch
    batches_per_epoch: int
    step: int  # global batch count, 1-based after this batch
    loss: float  # this batch's mean J
    batch_accuracy: float
    learning_rate: float
    samples_per_s: float  # smoothed
    grad_norms: dict[str, float] = field(default_factory=dict)  # ‖δ(w)‖ per layer
    subset_accuracy: float | None = None  # fixed 1,000-image test subset, when checked
    subset_loss: float | None = None
    test: EvalResult | None = None  # after the last batch of an epoch
    diverged: str | None = None  # a message when the loss became NaN or infinite
    distributions: DistributionRow | None = None  # every recorder.every batches (if recording)

    @property
    def epoch_done(self) -> bool:
        return self.batch + 1 == self.batches_per_epoch


class Trainer:
    """Holds the optimiser state, so training can stop and continue where it was.

    With a `timeline`, the weights are recorded into it on its schedule after every update,
    and always when `steps()` starts and ends (the first and the last weights of a session),
    at batch `timeline_offset + step`: the offset is the run's batches before this trainer
    (the history's last step when a run is continued; by default the timeline's last batch)."""

    def __init__(self, net: LeNet5, data: Dataset, config: TrainConfig,
                 timeline: Timeline | None = None, timeline_offset: int | None = None,
                 mix: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """`mix`: (images, labels) that config.mix_per_batch() images of every batch are
        drawn from (MNIST's training set when fine-tuning on a folder); the epoch is the
        pass over `data`'s own training images."""
        config.validate()
        if config.mix_mnist and mix is None:
            raise ValueError("mix_mnist is set but no images to mix in were given")
        self.timeline = timeline
        self._record_pending = False  # the weights after the last update are not recorded yet
        self._row_pending = False  # nor, when due, their distributions' row
        self._row: DistributionRow | None = None  # made during a step, for its report
        if timeline_offset is None:
            timeline_offset = (timeline.last_batch or 0) if timeline is not None else 0
        self.timeline_offset = int(timeline_offset)
        self.net = net
        self.data = data
        self.config = config
        # v of every parameter, as views of one vector laid out as the network's `flat`: the
        # update then runs on the whole vector at once (_update)
        self._v = np.zeros_like(net.flat)
        self.velocity = net.views_of(self._v)
        self.step = 0  # global batch counter
        self.epoch = 0
        self.batch_in_epoch = 0
        self._rng = np.random.default_rng(config.seed)
        self._order = self._rng.permutation(len(data.train_labels))
        self._mix = mix if config.mix_mnist else None
        self._n_mix = config.mix_per_batch() if self._mix is not None else 0
        if self._mix is not None:  # a stream of its own: the own images' order is unchanged
            self._mix_rng = np.random.default_rng([config.seed, 1])
            self._mix_order = self._mix_rng.permutation(len(self._mix[1]))
            self._mix_at = 0
        self.trained = [k for k in net.param_names() if layer_of(k) not in config.freeze]
        subset_rng = np.random.default_rng(12345)
        n = min(config.subset_size, len(data.test_labels))
        self.subset = np.sort(subset_rng.choice(len(data.test_labels), n, replace=False))
        self._augment = Augmenter() if config.augment else None
        self._buffers: dict[int, np.ndarray] = {}
        # Histograms of w, u and δ every few batches (distributions.py); None: not recorded.
        self.recorder: DistributionRecorder | None = None

    @property
    def own_per_batch(self) -> int:
        """Images of `data`'s training set in each batch (all, unless MNIST is mixed in)."""
        return self.config.batch_size - self._n_mix

    @property
    def batches_per_epoch(self) -> int:
        return math.ceil(len(self.data.train_labels) / self.own_per_batch)

    @property
    def total_batches(self) -> int:
        return self.batches_per_epoch * self.config.epochs

    @property
    def finished(self) -> bool:
        return self.epoch >= self.config.epochs

    def record_distributions(self, every: int = 50) -> DistributionRecorder:
        """Record the distributions of w, u and δ every `every` batches, from the first
        PROBE_IMAGES test images; the rows come in StepReport.distributions."""
        self.recorder = DistributionRecorder(self.data.test_images, self.data.test_labels, every)
        return self.recorder

    def reset_velocity(self) -> None:
        self._v.fill(0)

    def _update(self, step, good: np.ndarray, kept: dict[str, np.ndarray], lr: float,
                mu: float) -> bool:
        """v := μ·v − α·δ(θ) (− α·λ·w for the weights), θ := θ + v for every trained parameter,
        θ first kept in `good` (laid out as the network's `flat`; `kept`: its views by name).
        False when δ(θ) is not finite (nothing changed) or θ is not after the update (the
        caller restores `kept`). With nothing frozen and every parameter a view of `flat`, each
        operation runs once on the whole vector, else once per trained parameter: the same
        operations on the same values, so the same numbers bit for bit."""
        net, cfg = self.net, self.config
        flat = net.flat_params() if len(self.trained) == len(self.velocity) else None
        if flat is not None:
            pieces = [(self._v, step.flat_grads(net.param_names()), flat, good)]
            every_g, every_theta = [pieces[0][1]], [flat]
        else:  # a frozen layer's θ is not touched: bit for bit
            pieces = [(self.velocity[k], step.grads[k], net.params[k], kept[k])
                      for k in self.trained]
            every_g, every_theta = step.grads.values(), net.params.values()
        if not all(np.isfinite(g).all() for g in every_g):
            return False
        for v, g, theta, keep in pieces:
            keep[...] = theta
            v *= mu  # v := μ·v − α·δ(θ)
            v -= lr * g
        if cfg.weight_decay:
            for k in self.trained:
                if k[0] == "w":  # δ of (λ/2)·Σ w²
                    self.velocity[k] -= (lr * cfg.weight_decay) * net.params[k]
        for v, _, theta, _ in pieces:
            theta += v  # θ := θ + v
        return all(np.isfinite(t).all() for t in every_theta)

    def _mixed(self) -> np.ndarray:
        """The next config.mix_per_batch() indices into `mix`, a fresh order each pass."""
        out = np.empty(self._n_mix, np.intp)
        got = 0
        while got < self._n_mix:
            take = self._mix_order[self._mix_at : self._mix_at + self._n_mix - got]
            out[got : got + len(take)] = take
            got += len(take)
            self._mix_at += len(take)
            if self._mix_at >= len(self._mix_order):
                self._mix_order = self._mix_rng.permutation(len(self._mix[1]))
                self._mix_at = 0
        return out

    def _batch(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(images (n, 28, 28) uint8, labels (n,) intp) of a batch: the own images `idx`,
        then the mixed-in ones."""
        images = self.data.train_images[idx]
        labels = self.data.train_labels[idx].astype(np.intp)
        if self._mix is not None:
            m = self._mixed()
            images = np.concatenate([images, self._mix[0][m]])
            labels = np.concatenate([labels, self._mix[1][m].astype(np.intp)])
        return images, labels

    def _input(self, images: np.ndarray) -> np.ndarray:
        buf = self._buffers.get(len(images))
        if buf is None:
            buf = self._buffers[len(images)] = np.empty((len(images), 1, 32, 32), self.net.dtype)
        if self._augment is not None:
            out = self._augment(images, self._rng, out=np.empty_like(buf, np.float32))
            buf[...] = out
            return buf
        return normalise(images, out=buf)

    def steps(self, control: RunControl | None = None) -> Iterator[StepReport]:
        """One StepReport per mini-batch until the configured epochs are done or control
        stops. A NaN or infinite loss restores the weights from before that batch, reports
        `diverged` and ends the generator."""
        self._record(force=True)  # the weights this session starts from
        outer = control.before_blocking if control is not None else None
        if control is not None:
            def before_blocking() -> None:  # paused: the timeline holds the last batch
                self._record_due()
                if outer is not None:
                    outer()

            control.before_blocking = before_blocking
        try:
            yield from self._steps(control)
        finally:
            if control is not None and control.before_blocking is before_blocking:
                control.before_blocking = outer
            self._record_due()
            self._record(force=True)  # and where it stopped (finished, stopped or closed)
        # Ended (not failed, not closed): a row due at the last batch is made now, as the next
        # batch, which would have made it, does not come. After a failure or a close it stays
        # pending, for the next batch if this trainer trains again.
        self._row_due()

    def take_row(self) -> DistributionRow | None:
        """The distributions' row made after its batch's report was yielded, once: when the
        run stops between a batch that was due for a row and the next batch, which would have
        made it and carried it (steps() makes it as it ends). None when there is none."""
        row, self._row = self._row, None
        return row

    def _record(self, force: bool = False) -> None:
        if self.timeline is not None:
            self.timeline.record(self.timeline_offset + self.step, self.net.params, force)

    def _meanwhile(self) -> None:
        """During a step (training_step's meanwhile): the timeline's record and the
        distributions' row of the weights after the last update, which the step reads and
        does not change (the update comes after it)."""
        self._record_due()
        self._row_due()

    def _row_due(self) -> None:
        """The distributions' row of the weights after the last update, if it waits (see
        _row_can_wait), into `_row` for the next report (or take_row)."""
        if self._row_pending:
            self._row_pending = False
            self._row = self.recorder.record(self.net, self.step, self.velocity)

    def _row_can_wait(self, control: RunControl | None, bpe: int) -> bool:
        """The distributions' row of the weights after this batch may be made during the next
        one (while the helper takes that whole step: 5-7 ms a row, every 50 batches, off the
        training's path) and come with its report: when a next batch comes at once, and
        needs no row of its own. Else (the run's last batch, a pause, single steps, slow
        motion) it is made now, as the batch's own report needs it."""
        last = self.batch_in_epoch + 1 >= bpe and self.epoch + 1 >= self.config.epochs
        steady = control is None or (control.running and control.delay_s == 0)
        return steady and not last and not self.recorder.due(self.step + 1)

    def _record_due(self) -> None:
        """The timeline's record of the weights after the last update, if not made yet. It
        is made during the next step (`training_step`'s meanwhile: while the helper computes
        its share and this thread would wait), where the weights are still those, or when the
        run pauses or ends. In the window the records took 1.3-1.5 % of the training time on
        the step's path (0.08 ms a batch, more in the first, dense ones)."""
        if self._record_pending:
            self._record_pending = False
            self._record()

    def _steps(self, control: RunControl | None) -> Iterator[StepReport]:
        cfg, net = self.config, self.net
        names = net.param_names()
        good = np.concatenate([net.params[k].reshape(-1) for k in names])  # the last θ that
        kept = net.views_of(good)  # gave a finite loss, laid out as `flat`, and by name
        rate_t, rate_n, rate = time.perf_counter(), 0, 0.0
        while not self.finished:
            if control is not None and not control.acquire():
                return
            bpe = self.batches_per_epoch
            own = self.own_per_batch
            idx = self._order[self.batch_in_epoch * own : (self.batch_in_epoch + 1) * own]
            images, labels = self._batch(idx)
            x = self._input(images)
            base_lr = (control.learning_rate if control is not None
                       and control.learning_rate is not None else cfg.learning_rate)
            mu = (control.momentum if control is not None and control.momentum is not None
                  else cfg.momentum)
            lr = learning_rate_at(cfg, base_lr, self.step, self.total_batches)

            # J, y and δ(θ), on num_threads() processes; meanwhile the last update's timeline
            # record and distributions' row (with a row, the helper takes the whole step)
            row_now = self._row_pending
            step = training_step(net, x, labels, meanwhile=self._meanwhile
                                 if self._record_pending or row_now else None, hand_off=row_now)
            loss, grads = step.loss, step.grads
            row, self._row = self._row, None  # the last batch's, made during this one
            finite = math.isfinite(loss) and self._update(step, good, kept, lr, mu)
            if not finite:
                net.set_params(kept)
                self.reset_velocity()
                yield StepReport(self.epoch, self.batch_in_epoch, bpe, self.step + 1, loss,
                                 0.0, lr, rate, distributions=row, diverged=(
                                     f"training diverged at epoch {self.epoch + 1}, batch "
                                     f"{self.batch_in_epoch + 1}: the loss became {loss} with "
                                     f"learning rate {lr:.4g}; the last weights that gave a "
                                     "finite loss were restored. Lower the learning rate."))
                return

            self.step += 1
            self._record_pending = self.timeline is not None  # made during the next step
            rate_n += len(labels)
            now = time.perf_counter()
            if now - rate_t > 0.5 or rate == 0.0:
                rate = rate_n / max(now - rate_t, 1e-9)
                rate_t, rate_n = now, 0
            batch_acc = float((step.y.argmax(axis=1) == labels).mean())
            if self.recorder is not None:
                self.recorder.observe(loss)
                if self.recorder.due(self.step):  # (then the last batch's row did not wait)
                    if self._row_can_wait(control, bpe):
                        self._row_pending = True  # made during the next batch
                    else:
                        row = self.recorder.record(net, self.step, self.velocity)
            norms = {layer: float(np.linalg.norm(grads[p])) for layer, p in HEALTH_PARAMS.items()}
            subset_acc = subset_loss = test = None
            self.batch_in_epoch += 1
            epoch = self.epoch
            batch = self.batch_in_epoch - 1
            if self.batch_in_epoch >= bpe:
                if (epoch + 1) % cfg.test_every == 0 or epoch + 1 == cfg.epochs:
                    test = evaluate(net, self.data.test_images, self.data.test_labels,
                                    processes=True)
                self.epoch += 1
                self.batch_in_epoch = 0
                self._order = self._rng.permutation(len(self.data.train_labels))
            elif cfg.subset_every and self.step % cfg.subset_every == 0:
                r = evaluate(net, self.data.test_images[self.subset],
                             self.data.test_labels[self.subset], processes=True)
                subset_acc, subset_loss = r.accuracy, r.loss
            yield StepReport(epoch, batch, bpe, self.step, loss, batch_acc, lr, rate, norms,
                             subset_acc, subset_loss, test, distributions=row)
            if control is not None:
                control.wait_delay()


def train_steps(net: LeNet5, data: Dataset, config: TrainConfig,
                control: RunControl | None = None) -> Iterator[StepReport]:
    """SGD, one StepReport per mini-batch (see Trainer.steps)."""
    return Trainer(net, data, config).steps(control)
