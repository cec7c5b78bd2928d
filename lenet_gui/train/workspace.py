"""A workspace: the weights and model configuration, the training configuration and the loss
history, in one checkpoint file (lenet_gui.train.checkpoint: atomic save, validated load). The
history (and the run's timeline, if it has one) travels as extra arrays, the training
configuration as JSON metadata. Reading validates everything before the window changes
anything; a damaged timeline is skipped with a message, the rest still loads. No Qt here.
"""

from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lenet_gui.model import LeNet5
from lenet_gui.train.checkpoint import Checkpoint, StreamedBytes, load_checkpoint
from lenet_gui.train.history import COLUMNS, empty_arrays
from lenet_gui.train.timeline import Timeline, TimelineError, read_timeline
from lenet_gui.train.trainer import TrainConfig

KIND = "lenet_gui workspace"
WORKSPACE_VERSION = 1
MAX_HISTORY = 10_000_000


class WorkspaceError(ValueError):
    """A workspace file is not valid; the message names the file and the problem."""


@dataclass(frozen=True)
class Workspace:
    checkpoint: Checkpoint
    train_config: TrainConfig | None
    history: dict[str, np.ndarray]  # "batch_step", "batch_loss", … (see COLUMNS)
    test_accuracy: float | None
    probe_index: int | None
    timeline: Timeline | None = None  # the run's recorded weights, if saved with it
    timeline_error: str | None = None  # why a saved timeline was skipped (it was damaged)


def workspace_arrays(history: dict[str, np.ndarray], train: TrainConfig,
                     timeline: Timeline | None = None
                     ) -> tuple[dict[str, np.ndarray | StreamedBytes], dict]:
    """(extra arrays, JSON metadata) for save_checkpoint; the timeline too when given (its
    snapshots streamed into the file when it is written)."""
    arrays: dict[str, np.ndarray | StreamedBytes] = {
        "history_" + k: np.asarray(history[k], np.float64) for k in empty_arrays()}
    if timeline is not None and len(timeline):
        arrays.update(timeline.to_streamed())
    meta = {"kind": KIND, "workspace_version": WORKSPACE_VERSION,
            "train_config": dataclasses.asdict(train)}
    return arrays, meta


def finite_number(v) -> float | None:
    """A JSON number as a finite float; None for anything else (text, true, NaN, or an integer
    too large for a float: math.isfinite(10**400) raises OverflowError)."""
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return None
    try:
        v = float(v)
    except OverflowError:
        return None
    return v if math.isfinite(v) else None


def _train_config(name: str, raw) -> TrainConfig | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise WorkspaceError(f"{name}: train_config is not a JSON object")
    fields = {f.name: f for f in dataclasses.fields(TrainConfig)}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise WorkspaceError(f"{name}: train_config has unknown fields {unknown}")
    default = TrainConfig()
    values = {}
    for key, value in raw.items():
        want = type(getattr(default, key))
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if want is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = tuple(value)  # JSON has no tuples (TrainConfig.freeze)
        if type(value) is not want:
            raise WorkspaceError(f"{name}: train_config.{key} is {value!r}, expected a "
                                 f"{want.__name__}")
        values[key] = value
    config = TrainConfig(**values)
    try:
        config.validate()
    except ValueError as exc:
        raise WorkspaceError(f"{name}: train_config: {exc}") from None
    return config


def _history(name: str, extra: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    history = empty_arrays()
    present = {k[len("history_"):] for k in extra if k.startswith("history_")}
    if not present:
        return history  # a plain checkpoint: no history
    missing = sorted(set(history) - present)
    unexpected = sorted(present - set(history))
    if missing or unexpected:
        raise WorkspaceError(f"{name}: history columns do not match: missing "
                             f"{missing or 'none'}, unexpected {unexpected or 'none'}")
    for group, cols in COLUMNS.items():
        n = None
        for c in cols:
            key = f"{group}_{c}"
            a = extra["history_" + key]
            if a.ndim != 1 or a.dtype.kind not in "fiu":
                raise WorkspaceError(f"{name}: history {key} must be a 1-D numeric array, "
                                     f"found {a.dtype} of shape {a.shape}")
            if a.size > MAX_HISTORY:
                raise WorkspaceError(f"{name}: history {key} has {a.size} entries, more "
                                     f"than {MAX_HISTORY}")
            if n is not None and a.size != n:
                raise WorkspaceError(f"{name}: history {group} columns differ in length "
                                     f"({n} and {a.size})")
            n = a.size
            history[key] = a.astype(np.float64)
        steps = history[f"{group}_step"]
        if not np.all(np.isfinite(steps)) or np.any(np.diff(steps) < 0) or np.any(steps < 0):
            raise WorkspaceError(f"{name}: history {group}_step must be finite, ≥ 0 and "
                                 "never decreasing")
    return history


def read_workspace(path: str | os.PathLike, timeline: bool = True) -> Workspace:
    """Load and validate; raises CheckpointError (the file) or WorkspaceError (its content).
    A plain weights checkpoint reads as a workspace without history or training settings.
    A saved timeline is read too (unless `timeline` is False); if it is damaged, or not of
    this model, the workspace has none and `timeline_error` says why."""
    name = str(Path(path))
    ckpt = load_checkpoint(path)
    meta = ckpt.meta
    if meta.get("kind") not in (None, KIND):
        raise WorkspaceError(f"{name}: kind {meta.get('kind')!r}, expected {KIND!r}")
    if meta.get("kind") == KIND and meta.get("workspace_version") != WORKSPACE_VERSION:
        raise WorkspaceError(f"{name}: workspace version {meta.get('workspace_version')!r}, "
                             f"expected {WORKSPACE_VERSION}")
    train = _train_config(name, meta.get("train_config"))
    history = _history(name, meta.get("extra", {}))
    acc = finite_number(meta.get("test_accuracy"))
    acc = acc if acc is not None and 0 <= acc <= 1 else None
    probe = meta.get("probe_index")
    probe = probe if isinstance(probe, int) and not isinstance(probe, bool) and probe >= 0 \
        else None
    tl, tl_error = None, None
    if timeline and meta.get("has_timeline"):
        tl, tl_error = load_timeline_of(path, ckpt.config)
    return Workspace(ckpt, train, history, acc, probe, tl, tl_error)


def load_timeline_of(path: str | os.PathLike, config) -> tuple[Timeline | None, str | None]:
    """(the timeline saved in `path`, None) or (None, the message saying why it was skipped);
    `config` is the model's LeNetConfig, whose parameters and dtype it must have."""
    try:
        tl = read_timeline(path)
        if tl is not None and len(tl):
            want = LeNet5(config)
            if set(tl.names) != set(want.param_names()) or tl.dtype != want.dtype:
                raise TimelineError(f"{path}: the timeline's parameters are not those of "
                                    "the run's model")
        return tl, None
    except TimelineError as exc:
        return None, f"{exc}. The timeline is damaged and was skipped; the rest was loaded."
