"""Timing a trainer headless: the `screenshot` command's reference for the window's training
speed. The samples trained and the clock after each batch (timed_batches), the rate over a span
of them (rate_between), and both over the span the window counted (measure_samples_per_s)."""

from __future__ import annotations

import time

from lenet_gui.train.trainer import Trainer


def measure_samples_per_s(trainer: Trainer, start: int, stop: int) -> float:
    """Training samples per second of `trainer.steps()` over the batches that take it from
    `start` to `stop` samples trained (the batches before `start` are not counted: the helper
    process starting, the allocator settling); 0.0 if the run ends or diverges first. The
    window's screenshot times its own trainer over a span and this one over the same span:
    the same batches, and the same checks of the test set among them. It trains `trainer`'s
    net."""
    return rate_between(timed_batches(trainer, stop=stop), start, stop)


def timed_batches(trainer: Trainer, stop: int | None = None,
                  seconds: float | None = None) -> list[tuple[int, float]]:
    """(samples trained, time.perf_counter()) after each batch of `trainer.steps()`, until
    `stop` samples are trained or `seconds` have passed (whichever comes first), the run ends,
    or a batch diverges (then nothing after it is kept). It trains `trainer`'s net."""
    batch = trainer.config.batch_size
    marks: list[tuple[int, float]] = []
    samples = 0
    t0 = time.perf_counter()
    for report in trainer.steps():
        if report.diverged:
            break
        samples += batch
        now = time.perf_counter()
        marks.append((samples, now))
        if (stop is not None and samples >= stop) or \
                (seconds is not None and now - t0 >= seconds):
            break
    return marks


def rate_between(marks: list[tuple[int, float]], start: int, stop: int) -> float:
    """Samples per second over the batches from the first at which `start` samples were
    trained (counting begins after it) to the first at which `stop` were; 0.0 when `marks`
    (timed_batches) does not reach `stop`."""
    first = next(((n, t) for n, t in marks if n >= start), None)
    last = next(((n, t) for n, t in marks if n >= stop), None)
    if first is None or last is None or last[1] <= first[1]:
        return 0.0
    return (last[0] - first[0]) / (last[1] - first[1])
