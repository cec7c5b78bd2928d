"""Runs: one training from a starting point with one configuration, kept on disk. A run is a
workspace file (weights, model and training configuration, history; atomic and validated) with
the run's own metadata: its name, where it started, its wall time and speed. The course's
questions (Table 1 or a full C3? max, mean or trainable sub-sampling? which f? f at F7?) are
named experiments: lists of configurations to train one after another with the same seed and
data. A run may carry its timeline (train/timeline.py): in a run store it is kept in a side file
(`<id>.timeline.npz`) and read only when wanted, so the list of runs stays small in memory; an
exported run holds it inside its one file. No Qt here."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lenet_gui.data.atomic import sweep_temp_files
from lenet_gui.model import LeNet5, LeNetConfig, NetworkSnapshot
from lenet_gui.model.options import (
    ACTIVATION,
    C3,
    F7,
    FLOAT32,
    LECUN,
    MAX,
    MEAN,
    POOLING,
    RELU,
    SIGMOID,
    TANH,
    TRAINABLE,
    Choice,
)
from lenet_gui.notation import QT_TRANSLATE_NOOP
from lenet_gui.train.checkpoint import CheckpointError, save_checkpoint
from lenet_gui.train.history import TrainingHistory
from lenet_gui.train.timeline import Timeline, save_timeline
from lenet_gui.train.trainer import TrainConfig
from lenet_gui.train.workspace import (
    WorkspaceError,
    finite_number,
    load_timeline_of,
    read_workspace,
    workspace_arrays,
)

SUFFIX = ".run.npz"
TIMELINE_SUFFIX = ".timeline.npz"  # a stored run's timeline, beside it
TRASH = ".trash"  # deleted runs wait here until the app closes (undo)
TIMELINE_SAVE_S = 60.0  # the store rewrites a growing timeline at most this often (autosave)


@dataclass
class Run:
    """A run in memory: its identity and configuration, its history and its latest weights."""
    id: str  # the file's stem: stable, never shown
    name: str
    config: LeNetConfig
    train_config: TrainConfig
    start: str  # "random" (the course's initialisation, seeded), "pretrained", "continued"
    params: dict[str, np.ndarray]  # the latest weights (read-only copies)
    history: TrainingHistory = field(default_factory=TrainingHistory)
    wall_seconds: float = 0.0  # training time so far
    created: float = field(default_factory=time.time)
    read_only: bool = False  # the shipped weights: never trained further, never deleted
    test_accuracy: float | None = None  # the last whole-test-set accuracy
    samples_per_s: float | None = None
    timeline_file: Path | None = None  # where its saved timeline is read from, when wanted

    def __post_init__(self) -> None:
        self._timeline: Timeline | None = None
        self._timeline_read = self.timeline_file is None
        self.timeline_error: str | None = None  # why a saved timeline was skipped
        self._timeline_saved = (-1, 0.0)  # (snapshots, time) of the last write to the store
        self.save_error: str | None = None  # why its last save to the store failed (None: saved)
        self.saved_batches = self.history.n_batches  # the batches its stored file holds

    @property
    def timeline(self) -> Timeline | None:
        """The run's timeline: read from `timeline_file` the first time it is asked for; None
        (and `timeline_error` set) if that file's timeline is damaged."""
        if not self._timeline_read:
            self._timeline_read = True
            self._timeline, self.timeline_error = load_timeline_of(self.timeline_file,
                                                                   self.config)
            if self._timeline is not None:
                self._timeline_saved = (len(self._timeline), time.monotonic())
        return self._timeline

    @timeline.setter
    def timeline(self, timeline: Timeline | None) -> None:
        self._timeline, self._timeline_read = timeline, True
        self._timeline_saved = (-1, 0.0)

    def release_timeline(self) -> bool:
        """Forget the timeline in memory if its file holds all of it (it is read again when
        asked for); True if it was released."""
        tl = self._timeline
        if tl is None or self.timeline_file is None or self._timeline_saved[0] != len(tl):
            return False
        self._timeline, self._timeline_read = None, False
        return True

    @property
    def epochs(self) -> int:
        return int(self.history.column("test", "step").size)

    @property
    def best_test_accuracy(self) -> float | None:
        acc = self.history.column("test", "acc")
        if acc.size:
            return float(np.max(acc)) / 100
        return self.test_accuracy

    def to_net(self) -> LeNet5:
        return NetworkSnapshot(self.config, self.params).to_net()


def new_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


# ----------------------------------------------------------------- the course's words

# Every word goes through `tr` (the GUI passes its translator; the default keeps English).
# One word per option of options.py's choices, keyed by the option's key.
ACTIVATION_WORDS = {LECUN: QT_TRANSLATE_NOOP("Runs", "f: 1.7159·tanh(2u/3)"),
                    TANH: QT_TRANSLATE_NOOP("Runs", "f: tanh"),
                    SIGMOID: QT_TRANSLATE_NOOP("Runs", "f: sigmoid"),
                    RELU: QT_TRANSLATE_NOOP("Runs", "f: ReLU")}
POOLING_WORDS = {MAX: QT_TRANSLATE_NOOP("Runs", "S2/S4: max"),
                 MEAN: QT_TRANSLATE_NOOP("Runs", "S2/S4: mean"),
                 TRAINABLE: QT_TRANSLATE_NOOP("Runs", "S2/S4: trainable")}
C3_WORDS = {True: QT_TRANSLATE_NOOP("Runs", "C3: Table 1"), False: QT_TRANSLATE_NOOP("Runs", "C3: full")}
F7_WORDS = {True: QT_TRANSLATE_NOOP("Runs", "f at F7"), False: QT_TRANSLATE_NOOP("Runs", "F7 linear")}


def _same(text: str) -> str:
    return text


def config_words(config: LeNetConfig, train: TrainConfig | None = None,
                 tr: Callable[[str], str] = _same) -> dict[str, str]:
    """The configuration in the course's words, one entry per choice: {"C3": "C3: Table 1", …}."""
    words = {"f": tr(ACTIVATION_WORDS[config.activation]),
             "pooling": tr(POOLING_WORDS[config.pooling]),
             "C3": tr(C3_WORDS[config.c3_table]),
             "F7": tr(F7_WORDS[config.f7_activation])}
    if config.dtype != FLOAT32:
        words["dtype"] = config.dtype
    if train is not None:
        words.update({
            "α": tr(QT_TRANSLATE_NOOP("Runs", "α {0:g}")).format(train.learning_rate),
            "batch": tr(QT_TRANSLATE_NOOP("Runs", "batch {0}")).format(train.batch_size),
            "augment": tr(QT_TRANSLATE_NOOP("Runs", "augmented")) if train.augment else
            tr(QT_TRANSLATE_NOOP("Runs", "no augmentation")),
            "seed": tr(QT_TRANSLATE_NOOP("Runs", "seed {0}")).format(train.seed)})
    return words


def config_short(config: LeNetConfig, tr: Callable[[str], str] = _same) -> str:
    """The configuration in a few words: "tanh · max · Table 1 · F7 linear"."""
    return " · ".join((ACTIVATION[config.activation].name, config.pooling,
                       tr(QT_TRANSLATE_NOOP("Runs", "Table 1")) if config.c3_table else
                       tr(QT_TRANSLATE_NOOP("Runs", "full C3")),
                       tr(F7_WORDS[config.f7_activation])))


def differences(runs: list[Run], tr: Callable[[str], str] = _same) -> list[str]:
    """For each run, only what differs among the runs ("C3: full" vs "C3: Table 1"); a run's
    name where nothing differs."""
    words = [config_words(r.config, r.train_config, tr) for r in runs]
    keys = [k for k in words[0] if len({w.get(k) for w in words}) > 1] if words else []
    return [", ".join(w[k] for k in keys) or r.name for w, r in zip(words, runs)]


# ----------------------------------------------------------------- experiments

def _option_runs(choice: Choice, words: dict, keys: tuple = ()) -> list[tuple[str, dict]]:
    """One run per option of `choice` (or per key of `keys`); the default's run changes
    nothing."""
    return [(words[key], {} if key == choice.default.key else {choice.field: key})
            for key in keys or choice.keys]


EXPERIMENTS: dict[str, list[tuple[str, dict]]] = {
    # name -> [(the run's name, changes to the course's LeNetConfig or the TrainConfig)]
    "c3": _option_runs(C3, C3_WORDS),
    "pooling": _option_runs(POOLING, POOLING_WORDS),
    # LeCun's f against the course's sigmoid and ReLU
    "activation": _option_runs(ACTIVATION, ACTIVATION_WORDS, (LECUN, SIGMOID, RELU)),
    "f7": _option_runs(F7, F7_WORDS),
    "lr": [(f"α {a:g}", {"learning_rate": a}) for a in (0.003, 0.01, 0.03, 0.1)],
}


def experiment(name: str, base: LeNetConfig | None = None, train: TrainConfig | None = None,
               tr: Callable[[str], str] = _same) -> list[tuple[str, LeNetConfig, TrainConfig]]:
    """The named experiment's configurations: [(run name, model config, training config)];
    the run names go through `tr` (the GUI names them in the interface's language)."""
    if name not in EXPERIMENTS:
        raise KeyError(f"unknown experiment {name!r}; choose one of {', '.join(EXPERIMENTS)}")
    base, train = base or LeNetConfig(), train or TrainConfig()
    model_fields = {f.name for f in dataclasses.fields(LeNetConfig)}
    out = []
    for run_name, changes in EXPERIMENTS[name]:
        model = {k: v for k, v in changes.items() if k in model_fields}
        rest = {k: v for k, v in changes.items() if k not in model_fields}
        out.append((tr(run_name), dataclasses.replace(base, **model),
                    dataclasses.replace(train, **rest)))
    return out


# ----------------------------------------------------------------- on disk


class RunStore:
    """The runs of the user's data folder, one file each (`<id>.run.npz`, a workspace with the
    run's metadata). Writes are atomic, so a crash or a kill leaves the last saved state."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path(self, run_id: str) -> Path:
        return self.root / f"{run_id}{SUFFIX}"

    def timeline_path(self, run_id: str) -> Path:
        return self.root / f"{run_id}{TIMELINE_SUFFIX}"

    def save(self, run: Run, timeline: bool | None = None) -> Path:
        """The run's file, and its timeline's side file if the timeline grew since it was last
        written: always when `timeline` is True, never when False, and when None (autosave) at
        most every TIMELINE_SAVE_S seconds (a 20-epoch run's timeline is ~50 MB)."""
        if run.read_only:
            raise ValueError(f"run {run.name!r} is read-only")
        tl = run.timeline  # read first: it may be inside the file about to be rewritten
        side = self.timeline_path(run.id)
        path = save_run(run, self.path(run.id), timeline=False)
        if tl is None or not len(tl) or timeline is False:
            return path
        saved_len, saved_t = run._timeline_saved
        moved = run.timeline_file != side  # new, or still only inside another file
        due = timeline is True or time.monotonic() - saved_t >= TIMELINE_SAVE_S
        if moved or (len(tl) != saved_len and due):
            n = len(tl)  # what is written holds at least these
            run.timeline_file = save_timeline(side, tl)
            run._timeline_saved = (n, time.monotonic())
        return path

    def load(self, path: str | os.PathLike) -> Run:
        """One run; WorkspaceError or CheckpointError (naming the file) if it is not valid.
        Its timeline is read when first asked for (Run.timeline), from the side file."""
        path = Path(path)
        side = path.with_name(path.name[: -len(SUFFIX)] + TIMELINE_SUFFIX) \
            if path.name.endswith(SUFFIX) else None
        run = load_run(path, require_run=True)
        if side is not None and side.exists():
            run.timeline_file = side
            run._timeline_read = False
        return run

    def load_all(self) -> tuple[list[Run], list[str]]:
        """Every valid run, oldest first, and one message per file that is not."""
        runs, errors = [], []
        if not self.root.is_dir():
            return runs, errors
        sweep_temp_files(self.root)  # what a killed save left
        for path in sorted(self.root.glob(f"*{SUFFIX}")):
            try:
                runs.append(self.load(path))
            except (CheckpointError, WorkspaceError, OSError) as exc:
                errors.append(str(exc))
        runs.sort(key=lambda r: r.created)
        return runs, errors

    def delete(self, run_id: str) -> None:
        """Into the trash: `restore` brings it back, `empty_trash` (at exit) removes it."""
        trash = self.root / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        for src in (self.path(run_id), self.timeline_path(run_id)):
            if src.exists():
                os.replace(src, trash / src.name)

    def restore(self, run_id: str) -> None:
        for dst in (self.path(run_id), self.timeline_path(run_id)):
            src = self.root / TRASH / dst.name
            if src.exists():
                os.replace(src, dst)

    def empty_trash(self) -> None:
        shutil.rmtree(self.root / TRASH, ignore_errors=True)


def load_run(path: str | os.PathLike, require_run: bool = False) -> Run:
    """A run from any workspace file (a run store's, an export, `train --out`); a workspace
    without a run's metadata becomes a run named after the file, unless `require_run`.
    A timeline inside the file is read when first asked for (Run.timeline; if it is damaged,
    Run.timeline is None and Run.timeline_error says why). WorkspaceError or CheckpointError
    (naming the file) if the rest is not valid."""
    path = Path(path)
    ws = read_workspace(path, timeline=False)
    info = ws.checkpoint.meta.get("run")
    if not isinstance(info, dict) or not isinstance(info.get("name"), str):
        if require_run:
            raise WorkspaceError(f"{path}: not a run (no run name in its metadata)")
        info = {"name": path.name[: -len(".npz")] if path.name.endswith(".npz") else path.name,
                "start": "continued"}
    history = TrainingHistory()
    history.load(ws.history)
    params = {k: _read_only(v) for k, v in ws.checkpoint.params.items()}
    run_id = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    return Run(id=run_id, name=info["name"], config=ws.checkpoint.config,
               train_config=ws.train_config or TrainConfig(), start=str(info.get("start")),
               params=params, history=history,
               wall_seconds=_number(info.get("wall_seconds"), 0.0),
               created=_number(info.get("created"), path.stat().st_mtime),
               test_accuracy=ws.test_accuracy,
               samples_per_s=_number(info.get("samples_per_s"), None),
               timeline_file=path if ws.checkpoint.meta.get("has_timeline") else None)


def save_run(run: Run, path: str | os.PathLike, timeline: bool = True, **extra_meta) -> Path:
    """The run as one workspace file with its metadata (atomic; the store's format, and the
    export's: a workspace that `RunStore.load` and Open workspace both read), with its
    timeline inside unless `timeline` is False (the store keeps it in a side file)."""
    arrays, meta = workspace_arrays(run.history.arrays(), run.train_config,
                                    run.timeline if timeline else None)
    return save_checkpoint(
        path, run.to_net(), extra_arrays=arrays, **meta, **extra_meta,
        test_accuracy=run.test_accuracy, step=run.history.last_step,
        run={"name": run.name, "start": run.start, "wall_seconds": run.wall_seconds,
             "created": run.created, "samples_per_s": run.samples_per_s})


def _read_only(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


def _number(v, default):
    v = finite_number(v)
    return default if v is None else v
