"""The training history of a session, Qt-free: loss per batch (raw and smoothed), the test
subset and whole-test-set checks, ‖δ(w)‖ per layer, learning rate and speed. One schema
(COLUMNS) serves the loss curves, the layer-health plot, workspaces and the CSV export."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from lenet_gui.train.trainer import HEALTH_PARAMS, StepReport

SMOOTHING = 0.95  # EMA factor of the smoothed curves (≈ the last 20 batches)
# Batches kept per run at full resolution: past this, the older half is thinned to every
# second batch, so that a run of hours holds a bounded history (a 10-epoch run, 9,380 batches
# at batch 64, is never thinned). Memory: about 250 bytes a batch with the curves drawn.
MAX_BATCHES = 20_000
# (group, column): every column of a group has the same length; steps never decrease.
COLUMNS: dict[str, tuple[str, ...]] = {
    "batch": ("step", "loss", "loss_smooth", "acc_smooth"),
    "subset": ("step", "loss", "acc"),
    "test": ("step", "loss", "acc"),
}
CSV_COLUMNS = ("step", "loss", "loss_smoothed", "accuracy_smoothed_pct", "subset_loss",
               "subset_accuracy_pct", "test_loss", "test_accuracy_pct")


class _Series:
    """A growable float64 column (amortised O(1) append, views for drawing)."""

    def __init__(self) -> None:
        self._a = np.empty(1024, np.float64)
        self.n = 0

    def append(self, v: float) -> None:
        if self.n == len(self._a):
            self._a = np.resize(self._a, 2 * len(self._a))
        self._a[self.n] = v
        self.n += 1

    def clear(self) -> None:
        self.n = 0

    def compact(self) -> None:
        """Let go of the room kept for appends (up to half the array): for a column that is
        done growing."""
        if len(self._a) > max(self.n, 1):
            self._a = self._a[: max(self.n, 1)].copy()

    def thin(self, older: int) -> None:
        """Keep every second of the first `older` values (the later of each pair)."""
        a = self._a
        kept = a[1:older:2].copy()
        rest = a[older : self.n].copy()
        a[: kept.size] = kept
        a[kept.size : kept.size + rest.size] = rest
        self.n = kept.size + rest.size

    @property
    def values(self) -> np.ndarray:
        return self._a[: self.n]


class TrainingHistory:
    """Every report of the session's runs, on one step axis: a run that restarts its step
    count (Stop, then a new Train) continues after the previous run's last batch."""

    def __init__(self) -> None:
        self.groups = {g: {c: _Series() for c in cols} for g, cols in COLUMNS.items()}
        self.health = {k: _Series() for k in ("step", *HEALTH_PARAMS)}  # ‖δ(w)‖ per layer
        self.clear()

    def clear(self) -> None:
        for cols in (*self.groups.values(), self.health):
            for s in cols.values():
                s.clear()
        self._ema_loss = self._ema_acc = math.nan
        self._offset = 0  # steps of earlier runs
        self.last_step = 0
        self.diverged_step: int | None = None
        self.learning_rate = math.nan
        self.samples_per_s = math.nan

    def compact(self) -> None:
        """Hold only the values: for a run that is no longer trained (a run kept for
        comparison held up to twice its columns' size, ~1–2 MB at MAX_BATCHES). Appending
        later still works."""
        for cols in (*self.groups.values(), self.health):
            for s in cols.values():
                s.compact()

    @property
    def nbytes(self) -> int:
        """Bytes of the columns' arrays (the values and the room kept for appends)."""
        return sum(s._a.nbytes for cols in (*self.groups.values(), self.health)
                   for s in cols.values())

    def column(self, group: str, name: str) -> np.ndarray:
        """A view of one column (valid until the next extend)."""
        return self.groups[group][name].values

    @property
    def n_batches(self) -> int:
        return self.groups["batch"]["step"].n

    def extend(self, reports: Iterable[StepReport]) -> None:
        reports = list(reports)
        if reports and reports[0].step <= self.last_step - self._offset:
            self._offset = self.last_step  # a new run restarted the step count
        b = self.groups["batch"]
        for r in reports:
            step = r.step + self._offset
            self.last_step = step
            b["step"].append(step)
            self.learning_rate, self.samples_per_s = r.learning_rate, r.samples_per_s
            if r.diverged:
                for k in ("loss", "loss_smooth", "acc_smooth"):
                    b[k].append(math.nan)  # a gap in the curve
                self.diverged_step = step
                continue
            self._ema_loss = r.loss if math.isnan(self._ema_loss) else (
                SMOOTHING * self._ema_loss + (1 - SMOOTHING) * r.loss)
            acc = r.batch_accuracy * 100
            self._ema_acc = acc if math.isnan(self._ema_acc) else (
                SMOOTHING * self._ema_acc + (1 - SMOOTHING) * acc)
            b["loss"].append(r.loss)
            b["loss_smooth"].append(self._ema_loss)
            b["acc_smooth"].append(self._ema_acc)
            if r.subset_accuracy is not None:
                self._append("subset", step, r.subset_loss, r.subset_accuracy)
            if r.test is not None:
                self._append("test", step, r.test.loss, r.test.accuracy)
            self.health["step"].append(step)
            norms = r.grad_norms or {}
            for layer in HEALTH_PARAMS:
                x = norms.get(layer)
                self.health[layer].append(float(x) if x is not None and x > 0 else math.nan)
        for cols in (b, self.health):
            n = cols["step"].n
            if n > MAX_BATCHES:
                older = n // 4 * 2  # the older half, in whole pairs
                for s in cols.values():
                    s.thin(older)

    def _append(self, group: str, step: int, loss: float, acc: float) -> None:
        cols = self.groups[group]
        cols["step"].append(step)
        cols["loss"].append(loss)
        cols["acc"].append(acc * 100)

    # ----------------------------------------------------------------- saved form

    def arrays(self) -> dict[str, np.ndarray]:
        """Copies of every column as "group_column" (accuracies in %)."""
        return {f"{g}_{c}": s.values.copy() for g, cols in self.groups.items()
                for c, s in cols.items()}

    def load(self, arrays: dict[str, np.ndarray]) -> None:
        """Replace the history by saved columns (a workspace); new runs continue after it."""
        self.clear()
        for g, cols in self.groups.items():
            for c, s in cols.items():
                for v in np.asarray(arrays.get(f"{g}_{c}", ()), np.float64):
                    s.append(float(v))
        steps = self.column("batch", "step")
        self.last_step = self._offset = int(steps[-1]) if steps.size else 0
        smooth = self.column("batch", "loss_smooth")
        fin = np.flatnonzero(np.isfinite(smooth))
        if fin.size:
            self._ema_loss = float(smooth[fin[-1]])
            self._ema_acc = float(self.column("batch", "acc_smooth")[fin[-1]])

    def csv_rows(self) -> list[tuple]:
        """One row per batch (CSV_COLUMNS); the subset and whole-test-set columns are filled
        on the batches where they were measured, NaN elsewhere."""
        def by_step(group):
            c = self.groups[group]
            return {int(s): (float(l), float(a)) for s, l, a in
                    zip(c["step"].values, c["loss"].values, c["acc"].values)}

        subset, test = by_step("subset"), by_step("test")
        b = self.groups["batch"]
        rows = []
        for s, loss, smooth, acc in zip(b["step"].values, b["loss"].values,
                                        b["loss_smooth"].values, b["acc_smooth"].values):
            s = int(s)
            rows.append((s, float(loss), float(smooth), float(acc),
                         *subset.get(s, (math.nan, math.nan)), *test.get(s, (math.nan, math.nan))))
        return rows


def empty_arrays() -> dict[str, np.ndarray]:
    return {f"{g}_{c}": np.zeros(0, np.float64) for g, cols in COLUMNS.items() for c in cols}
