"""Kill at any moment: real child processes — the command line's `train` saving every 0.1 s,
the app (offscreen) autosaving every 0.15 s, writers of a run export, a workspace and a
timeline, and editors of the labs' progress and of My digits — are killed with SIGKILL after a
random, seeded delay; then what they had saved must load, equal to what was saved, with no
temporary file left in the user's folder.

Each child marks its steps in a phase file (lenet_gui/data/phase.py: one appended line per
step of every atomic write, and "committed <file> <version>" after each save), so the kill is
placed in a phase: `write`, `fsync`, `replace`, `sync-dir` of a file, or `between` saves. After
the kill, every file whose save was committed loads (with the check the app itself does on
start: RunStore.load_all, read_workspace, read_timeline) and holds the last committed version
or the one being written (never an older one: at most the last save's interval is lost), and
no `*.tmp` is left once the folder was read (the store's start sweeps what the killed writer
left) or written again.

A new kind of file is one entry in KINDS: a `Kind` whose `argv` starts its child and whose
`check` verifies its folder; a writer in the child is one entry in WRITERS (`write(folder,
version)` and `expect(folder, version)`), and a store the app keeps open and changes one edit at
a time (the labs' progress, My digits: tests/killing_edits.py) one entry in EDITORS.

    python -m tests.killing trials 200 [--seed S] [--kinds K ...]  # on demand, with a histogram
    python -m tests.killing write <writer> <folder>    # a writer child (run by the harness)
    python -m tests.killing edit <editor> <folder>     # an editor child (run by the harness)
    python -m tests.killing app <folder>               # an app child (run by the harness)
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tests.killing_edits import EDITORS

ROOT = Path(__file__).resolve().parents[1]
PHASE_ENV = "LENET_PHASE_FILE"
AUTOSAVE_MS = 150  # the app child's autosave interval
CLI_SAVE_S = 0.1  # the command line's --save-every


# ----------------------------------------------------------------- tiny data

def tiny_mnist(folder: Path, n_train: int = 256, n_test: int = 64) -> Path:
    """Four IDX files of random digit-like images (enough to train on, fast to read)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)

    def idx(path: Path, a: np.ndarray) -> None:
        header = bytes([0, 0, 0x08, a.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in a.shape)
        path.write_bytes(header + a.astype(np.uint8).tobytes())

    for stem, n in (("train", n_train), ("t10k", n_test)):
        images = np.zeros((n, 28, 28), np.uint8)
        labels = rng.integers(0, 10, n)
        for i, k in enumerate(labels):  # a bar whose place says the label
            images[i, 4:24, 2 + 2 * k: 4 + 2 * k] = 255
        idx(folder / f"{stem}-images.idx3-ubyte", images)
        idx(folder / f"{stem}-labels.idx1-ubyte", labels)
    return folder


# ----------------------------------------------------------------- writers (child side)

def _run(version: int):
    """The run of version `version`: weights of LeNet5(seed=version), `version` batches of
    history, a timeline of `version` snapshots; the same in every process."""
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainingHistory
    from lenet_gui.train.runs import Run
    from lenet_gui.train.timeline import Timeline
    from lenet_gui.train.trainer import TrainConfig

    net = LeNet5(seed=version)
    history = TrainingHistory()
    run = Run(id=f"v{version}", name=f"v{version}", config=net.config, train_config=TrainConfig(),
              start="random", params=net.snapshot().params, history=history)
    tl = Timeline()
    params = net.snapshot().params
    for b in range(min(version, 12)):
        tl.record(b, {k: v + np.float32(b) for k, v in params.items()}, force=True)
    run.timeline = tl
    return run


def _write_export(folder: Path, version: int) -> None:
    from lenet_gui.train.runs import save_run

    save_run(_run(version), folder / "export.npz")


def _expect_export(folder: Path, version: int) -> None:
    from lenet_gui.train.runs import load_run

    got, want = load_run(folder / "export.npz"), _run(version)
    assert got.name == want.name, (got.name, want.name)
    for k, a in want.params.items():
        np.testing.assert_array_equal(got.params[k], a)
    assert got.timeline is not None and len(got.timeline) == len(want.timeline)
    for k, a in want.timeline.params(len(want.timeline) - 1).items():
        np.testing.assert_array_equal(got.timeline.params(len(got.timeline) - 1)[k], a)


def _write_workspace(folder: Path, version: int) -> None:
    from lenet_gui.train.checkpoint import save_checkpoint
    from lenet_gui.train.workspace import workspace_arrays

    run = _run(version)
    arrays, meta = workspace_arrays(run.history.arrays(), run.train_config, None)
    save_checkpoint(folder / "workspace.npz", run.to_net(), extra_arrays=arrays, **meta,
                    step=version)


def _expect_workspace(folder: Path, version: int) -> None:
    from lenet_gui.train.workspace import read_workspace

    ws = read_workspace(folder / "workspace.npz")
    assert ws.checkpoint.meta.get("step") == version, (ws.checkpoint.meta.get("step"), version)
    for k, a in _run(version).params.items():
        np.testing.assert_array_equal(ws.checkpoint.params[k], a)


def _write_timeline(folder: Path, version: int) -> None:
    from lenet_gui.train.timeline import save_timeline

    save_timeline(folder / "run.timeline.npz", _run(version).timeline)


def _expect_timeline(folder: Path, version: int) -> None:
    from lenet_gui.train.timeline import read_timeline

    got, want = read_timeline(folder / "run.timeline.npz"), _run(version).timeline
    assert got is not None and len(got) == len(want), (None if got is None else len(got), len(want))
    for k, a in want.params(len(want) - 1).items():
        np.testing.assert_array_equal(got.params(len(got) - 1)[k], a)


@dataclass(frozen=True)
class Writer:
    write: Callable[[Path, int], None]  # write version `version` into the folder
    expect: Callable[[Path, int], None]  # assert the folder holds version `version`
    file: str  # the file it writes (under the folder)


def _write_in_place(folder: Path, version: int) -> None:
    """The negative control: the export written straight into the user's file, as a naive
    save would (truncate, then write, on a slow disk): a kill mid-write leaves it damaged."""
    from lenet_gui.data import phase
    from lenet_gui.train.runs import save_run

    staged = save_run(_run(version), folder / "staged.npz")
    data = staged.read_bytes()
    phase.mark("write", "export.npz")
    with open(folder / "export.npz", "wb") as fh:
        for i in range(0, len(data), 4096):
            fh.write(data[i: i + 4096])
            fh.flush()
            time.sleep(0.002)  # a slow disk: the kills have time to land mid-file
    phase.mark("saved", "export.npz")


WRITERS = {
    "in-place export": Writer(_write_in_place, _expect_export, "export.npz"),
    "export": Writer(_write_export, _expect_export, "export.npz"),
    "workspace": Writer(_write_workspace, _expect_workspace, "workspace.npz"),
    "timeline": Writer(_write_timeline, _expect_timeline, "run.timeline.npz"),
}


def writer_child(name: str, folder: Path) -> None:
    """Save versions 1, 2, 3 … of the writer's file until killed, marking each committed."""
    from lenet_gui.data import phase

    w = WRITERS[name]
    version = 0
    while True:
        version += 1
        w.write(folder, version)
        phase.mark("committed", f"{w.file}@{version}")


def editor_child(name: str, folder: Path) -> None:
    """Open the store once and make edits 1, 2, 3 … until killed, marking each committed."""
    from lenet_gui.data import phase

    e = EDITORS[name]
    store = e.open(folder)
    n = 0
    while True:
        n += 1
        e.edit(store, n)
        phase.mark("committed", f"{e.file}@{n}")


def app_child(folder: Path, data: Path) -> None:
    """The real main window, offscreen, training a new run on the tiny data and autosaving
    into `folder`/runs every AUTOSAVE_MS, until killed."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["LENET_AUTOSAVE_MS"] = str(AUTOSAVE_MS)
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from lenet_gui.data import load_mnist
    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig

    app = QApplication([])
    w = MainWindow(data=load_mnist(data), weights=False, runs_dir=folder / "runs",
                   settings=QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat),
                   train_config=TrainConfig(batch_size=16, epochs=1000, warmup_batches=0,
                                            subset_every=0))
    w.resize(1280, 720)
    w.show()
    QTimer.singleShot(0, w.train_action.trigger)
    app.exec()


# ----------------------------------------------------------------- the phase file

@dataclass
class Phases:
    """The child's phase file, read after the kill."""
    lines: list[tuple[float, str, str]]  # (time, what, file)

    @classmethod
    def read(cls, path: Path) -> Phases:
        lines = []
        if path.exists():
            for raw in path.read_text("utf-8", "replace").splitlines():
                parts = raw.split(" ", 2)
                if len(parts) == 3:  # a line cut by the kill has no end: skipped
                    lines.append((float(parts[0]), parts[1], parts[2]))
        return cls(lines)

    def at_kill(self) -> str:
        """The phase the kill landed in: "<step> <kind of file>", or "between" saves."""
        if not self.lines:
            return "starting"
        _, what, name = self.lines[-1]
        if what in ("saved", "committed"):
            return "between"
        return f"{what} {file_kind(name)}"

    def saved(self, name: str) -> list[float]:
        """When each save of the file `name` was complete (its replace done)."""
        return [t for t, what, n in self.lines if what == "saved" and n == name]

    def started(self, name: str) -> bool:
        return any(n == name for _, what, n in self.lines if what == "write")

    def committed(self, file: str) -> list[int]:
        return [int(n.split("@")[1]) for _, what, n in self.lines
                if what == "committed" and n.split("@")[0] == file]


def file_kind(name: str) -> str:
    if name.startswith("digit-") and name.endswith(".png"):  # My digits: one file per digit
        return "digit"
    for suffix, kind in ((".run.npz", "run"), (".timeline.npz", "timeline")):
        if name.endswith(suffix):
            return kind
    return name.rsplit(".", 1)[0]


# ----------------------------------------------------------------- the kinds of trial

@dataclass(frozen=True)
class Kind:
    """A kind of child: how to start it in a folder, how long it runs before the window of
    random kill delays opens (its first save), that window, and the check of its folder."""
    argv: Callable[[Path, Path], list[str]]  # (folder, tiny data) -> the child's command
    first: str  # the file whose first save opens the kill window
    window_s: float  # kills land uniformly in [0, window_s] after that first save
    check: Callable[[Path, Phases], str]  # -> a note for the report; raises on a fault
    weight: int = 1  # its share of the trials


def _python() -> list[str]:
    return [sys.executable]


def _check_writer(name: str) -> Callable[[Path, Phases], str]:
    def check(folder: Path, phases: Phases) -> str:
        w = WRITERS[name]
        committed = phases.committed(w.file)
        assert phases.saved(w.file), "killed before any save was complete"
        # The file holds the last committed version, or the next one if the kill landed
        # after its replace (or after the first save, before the child marked it committed):
        # never an older one, never a damaged one (exact values).
        last = committed[-1] if committed else 0
        try:
            if not last:
                raise AssertionError("no version committed yet")
            w.expect(folder, last)
        except AssertionError:
            w.expect(folder, last + 1)
            last += 1
        # Written again (as the user saves again): what the killed writer left is swept.
        w.write(folder, last + 2)
        w.expect(folder, last + 2)
        _no_temp_files(folder)
        return f"v{last}"
    return check


def _check_editor(name: str) -> Callable[[Path, Phases], str]:
    def check(folder: Path, phases: Phases) -> str:
        e = EDITORS[name]
        committed = phases.committed(e.file)
        # The store holds every committed edit, and the one in flight whole or not at all.
        last = committed[-1] if committed else 0
        try:
            e.expect(folder, list(range(1, last + 1)))
        except AssertionError as without:
            try:
                e.expect(folder, list(range(1, last + 2)))
            except AssertionError as with_it:
                raise AssertionError(f"not edits 1…{last} ({without}), nor 1…{last + 1} "
                                     f"({with_it})") from None
            last += 1
        # Opened again (the app's next start) and edited: what the killed editor left is swept.
        after = e.after(last)
        e.edit(e.open(folder), after)
        e.expect(folder, [*range(1, last + 1), after])
        _no_temp_files(folder)
        return f"{last} edits"
    return check


def _no_temp_files(folder: Path) -> None:
    left = sorted(p.name for p in folder.rglob("*.tmp"))
    assert not left, f"temporary files left in {folder}: {left}"


def _check_cli(folder: Path, phases: Phases) -> str:
    from lenet_gui.train.runs import load_run

    out = folder / "run.npz"
    saves = phases.saved(out.name)
    assert saves, "killed before the first save"
    from lenet_gui.data.atomic import sweep_temp_files

    run = load_run(out)  # loads (validated), whatever the kill interrupted
    assert run.history.n_batches > 0
    assert run.timeline is not None and len(run.timeline) > 0, run.timeline_error

    sweep_temp_files(folder, out.name)  # what the next `train --out` of that file does first
    _no_temp_files(folder)
    return f"{run.history.n_batches} batches"


def _check_app(folder: Path, phases: Phases) -> str:
    from lenet_gui.train.runs import RunStore

    store = RunStore(folder / "runs")
    runs, errors = store.load_all()  # as the app does on start: sweeps, then reads every run
    assert not errors, errors
    saved = {name for _, what, name in phases.lines if what == "saved" and name.endswith(".run.npz")}
    assert {store.path(r.id).name for r in runs} >= saved, (saved, runs)
    for r in runs:
        assert r.history.n_batches > 0
        if r.timeline_file is not None:
            assert r.timeline is not None, r.timeline_error  # the side file loads too
    _no_temp_files(folder / "runs")
    return f"{sum(r.history.n_batches for r in runs)} batches in {len(runs)} run(s)"


def _cli_argv(folder: Path, data: Path) -> list[str]:
    return [*_python(), str(ROOT / "main.py"), "train", "--data", str(data), "--out",
            str(folder / "run.npz"), "--save-every", str(CLI_SAVE_S), "--epochs", "1000",
            "--batch-size", "16", "--timeline"]


KINDS: dict[str, Kind] = {
    "cli train": Kind(_cli_argv, "run.npz", 0.8, _check_cli, weight=4),
    "app autosave": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "app", str(f), str(d)],
                         ".run.npz", 1.0, _check_app, weight=1),
    "run export": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "write", "export", str(f)],
                       "export.npz", 0.6, _check_writer("export"), weight=3),
    "workspace save": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "write", "workspace",
                                         str(f)], "workspace.npz", 0.4, _check_writer("workspace"),
                           weight=4),
    "timeline": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "write", "timeline", str(f)],
                     "run.timeline.npz", 0.4, _check_writer("timeline"), weight=4),
    "lab progress": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "edit", "lab progress",
                                       str(f)], "progress.json", 0.3, _check_editor("lab progress"),
                         weight=2),
    "my digits": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "edit", "my digits",
                                    str(f)], ".png", 0.3, _check_editor("my digits"), weight=2),
}


# The negative control (not in KINDS): the harness must find faults in a naive save.
NEGATIVE = {"in-place export": Kind(lambda f, d: [*_python(), "-m", "tests.killing", "write",
                                                 "in-place export", str(f)], "export.npz", 0.6,
                                    _check_writer("in-place export"))}


def plan(n: int, kinds: dict[str, Kind] = KINDS) -> list[str]:
    """`n` trials shared among the kinds by weight (each kind at least once when n allows)."""
    names = [k for k, kind in kinds.items() for _ in range(kind.weight)]
    return [names[i % len(names)] for i in range(n)]


# ----------------------------------------------------------------- one trial

@dataclass
class Trial:
    kind: str
    seed: int
    delay_s: float = 0.0
    phase: str = ""
    since_save_s: float | None = None  # from the last complete save to the kill
    note: str = ""
    error: str | None = None
    extra: dict = field(default_factory=dict)


def child_env(phase_file: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[PHASE_ENV] = str(phase_file)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["OPENBLAS_NUM_THREADS"] = "1"
    env["LENET_THREADS"] = "1"
    env["XDG_DATA_HOME"] = str(phase_file.parent / "data-home")  # never the user's own
    env["XDG_CONFIG_HOME"] = str(phase_file.parent / "config-home")
    return env


def run_trial(kind_name: str, seed: int, folder: Path, data: Path,
              kinds: dict[str, Kind] = KINDS, first_save_timeout_s: float = 60.0) -> Trial:
    """Start the child, wait for its first save, sleep a random (seeded) delay, SIGKILL it,
    then check its folder."""
    kind = kinds[kind_name]
    trial = Trial(kind_name, seed, delay_s=random.Random(seed).uniform(0.0, kind.window_s))
    folder.mkdir(parents=True, exist_ok=True)
    phase_file = folder / "phases.log"
    proc = subprocess.Popen(kind.argv(folder, data), cwd=folder, env=child_env(phase_file),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + first_save_timeout_s
        while not any(what == "saved" and name.endswith(kind.first)
                      for _, what, name in Phases.read(phase_file).lines):
            if proc.poll() is not None:
                raise RuntimeError(f"{kind_name}: the child ended ({proc.returncode}) before "
                                   f"its first save: {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind_name}: no first save in {first_save_timeout_s} s")
            time.sleep(0.01)
        time.sleep(trial.delay_s)  # the random moment: what this harness is about
        proc.send_signal(signal.SIGKILL)
        t_kill = time.monotonic()
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    phases = Phases.read(phase_file)
    trial.phase = phases.at_kill()
    saves = [t for t, what, _ in phases.lines if what in ("saved", "committed")]
    trial.since_save_s = t_kill - saves[-1] if saves else None
    phase_file.unlink()
    if proc.returncode != -signal.SIGKILL:  # it ended by itself: its changes stopped early
        trial.error = f"the child ended by itself ({proc.returncode}) before the kill"
        return trial
    try:
        trial.note = kind.check(folder, phases)
    except Exception as exc:  # noqa: BLE001 - a fault of any kind is the trial's result
        trial.error = f"{type(exc).__name__}: {exc}"
    return trial


def run_trials(n: int, seed: int, root: Path, kinds: dict[str, Kind] = KINDS,
               log: Callable[[str], None] | None = None) -> list[Trial]:
    data = tiny_mnist(root / "tiny-mnist")
    trials = []
    for i, kind_name in enumerate(plan(n, kinds)):
        t = run_trial(kind_name, seed * 100_003 + i, root / f"trial-{i:04d}", data, kinds)
        trials.append(t)
        if log is not None:
            log(f"{i:4d} {t.kind:15s} delay {t.delay_s:5.3f} s  {t.phase:22s} "
                f"{'OK ' + t.note if t.error is None else 'FAULT ' + t.error}")
    return trials


def histogram(trials: list[Trial]) -> str:
    """Where the kills landed: one line per (kind, phase), with a bar."""
    counts = collections.Counter((t.kind, t.phase) for t in trials)
    width = max((len(f"{k} / {p}") for k, p in counts), default=10)
    lines = [f"{f'{k} / {p}':<{width}} {n:4d} {'#' * n}" for (k, p), n in sorted(counts.items())]
    faults = sum(t.error is not None for t in trials)
    gaps = [t.since_save_s for t in trials if t.since_save_s is not None]
    lines.append(f"{len(trials)} trials, {faults} faults; from the last complete save to the kill: "
                 f"at most {max(gaps, default=0):.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.killing")
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("trials")
    t.add_argument("n", type=int, nargs="?", default=200)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--dir", default=None, help="where the trials' folders go (default: a temp dir)")
    t.add_argument("--negative", action="store_true",
                   help="the negative control: a naive in-place save, which must show faults")
    t.add_argument("--kinds", nargs="+", choices=sorted(KINDS), metavar="KIND",
                   help=f"only these kinds, shared by weight (of: {', '.join(KINDS)})")
    w = sub.add_parser("write")
    w.add_argument("writer", choices=sorted(WRITERS))
    w.add_argument("folder")
    e = sub.add_parser("edit")
    e.add_argument("editor", choices=sorted(EDITORS))
    e.add_argument("folder")
    a = sub.add_parser("app")
    a.add_argument("folder")
    a.add_argument("data")
    args = p.parse_args(argv)
    if args.cmd == "write":
        writer_child(args.writer, Path(args.folder))
        return 0
    if args.cmd == "edit":
        editor_child(args.editor, Path(args.folder))
        return 0
    if args.cmd == "app":
        app_child(Path(args.folder), Path(args.data))
        return 0
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lenet-kill-", dir=args.dir) as root:
        kinds = NEGATIVE if args.negative else {k: KINDS[k] for k in args.kinds or KINDS}
        trials = run_trials(args.n, args.seed, Path(root), kinds, log=print)
        print(histogram(trials))
    return 1 if any(t.error for t in trials) != args.negative else 0


if __name__ == "__main__":
    raise SystemExit(main())
