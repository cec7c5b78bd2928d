"""Runs in the window: the first Train starts from random weights beside the read-only shipped
weights, New run keeps the old one, a deleted run comes back with undo, runs survive a restart
and a kill -9 mid-epoch, the Runs panel overlays what is selected, the canvas says its model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from lenet_gui.train import TrainConfig
from lenet_gui.train.runs import RunStore
from tests import helpers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")
ROOT = Path(__file__).resolve().parents[2]
LONG = TrainConfig(batch_size=32, epochs=30, warmup_batches=0, subset_every=0)


def steps(w) -> int:
    return 0 if w.trainer is None else w.trainer.step


def test_the_first_train_starts_from_random_weights(make_window, qtbot):
    w = make_window(weights=None, train_config=LONG)  # the shipped weights, as on first launch
    pretrained = w.state.run
    assert pretrained.read_only and pretrained.name.startswith("pretrained (99.")
    shipped = w.state.snapshot
    w.train_action.trigger()
    run = w.state.run
    assert run is not pretrained and run.start == "random" and run.name == "run 1"
    # The title names the run; the platform adds the application's name once ("run 1 — LeNet-5
    # Studio" on X11; it read "LeNet-5 Studio — run 1 — LeNet-5 Studio").
    assert w.windowTitle() == "run 1"
    assert not np.array_equal(run.params["w1"], shipped.params["w1"])
    qtbot.waitUntil(lambda: w.state.history.n_batches >= 5, timeout=20000)
    first = w.state.history.column("batch", "loss")[0]
    assert 2.0 < first < 2.7  # J ≈ log 10: nothing learnt yet
    assert pretrained in w.state.runs and pretrained.history.n_batches == 0
    w.stop_training()
    assert w.state.canvas_model() is pretrained  # the best model while the run is young
    assert "pretrained" in w.panel("canvas").model_label.text()


def test_new_run_keeps_the_old_one_and_delete_can_be_undone(make_window, qtbot, monkeypatch,
                                                           settings_path):
    w = make_window(train_config=LONG)
    first = w.state.run
    w.train_action.trigger()
    qtbot.waitUntil(lambda: steps(w) >= 5, timeout=20000)
    w.stop_training()
    losses = first.history.column("batch", "loss").copy()
    w.reset_action.trigger()  # New run
    second = w.state.run
    # the old run holds only its values now, the same ones
    assert all(s._a.size == max(s.n, 1) for cols in (*first.history.groups.values(),
                                                      first.history.health) for s in cols.values())
    np.testing.assert_array_equal(first.history.column("batch", "loss"), losses)
    assert second is not first and [r.name for r in w.state.runs] == ["run 1", "run 2"]
    assert not np.array_equal(first.params["w1"], second.params["w1"])
    store = RunStore(settings_path.parent / "runs")
    assert [r.id for r in store.load_all()[0]] == [first.id]  # saved when it stopped
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or
                        QMessageBox.StandardButton.Yes)
    w.state.request_run("delete", first)
    assert len(asked) == 1 and first not in w.state.runs
    assert store.load_all()[0] == []
    w.state.request_run("undo")
    assert first in w.state.runs and [r.id for r in store.load_all()[0]] == [first.id]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w.state.request_run("delete", first)  # the user says no: nothing happens
    assert first in w.state.runs


def test_runs_survive_a_restart(make_window, qtbot):
    w = make_window(train_config=LONG)
    w.train_action.trigger()
    qtbot.waitUntil(lambda: steps(w) >= 8, timeout=20000)
    w.stop_training()
    run = w.state.run
    w.close()
    w2 = make_window()
    (back,) = [r for r in w2.state.runs if r.id == run.id]
    assert back.name == run.name and back.history.n_batches == run.history.n_batches
    for k, a in run.params.items():
        assert back.params[k].tobytes() == a.tobytes()
    w2.state.request_run("continue", back)
    assert w2.state.run is back and w2.state.snapshot.params["w1"].tobytes() == \
        run.params["w1"].tobytes()
    w2.train_action.trigger()  # continues the run: its history goes on
    qtbot.waitUntil(lambda: back.history.n_batches > run.history.n_batches + 3, timeout=20000)
    w2.stop_training()


def test_the_runs_panel_overlays_the_selected_runs(make_window, qtbot):
    w = make_window(train_config=LONG)
    w.dock("runs").raise_()
    panel = w.panel("runs")
    for _ in range(2):
        w.train_action.trigger()
        qtbot.waitUntil(lambda: steps(w) >= 4, timeout=20000)
        w.reset_action.trigger()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3, timeout=5000)
    panel.select(w.state.runs[:2])
    assert len(panel.selected_runs()) == 2
    loss_items = panel.loss_plot.listDataItems()
    assert len(loss_items) == 2
    colours = {item.opts["pen"].color().name() for item in loss_items}
    assert len(colours) == 2  # each run its own colour
    # the legend says only what differs: here the seed of each New run
    assert "seed 0" in panel.legend.text() and "seed 1" in panel.legend.text()
    assert "C3" not in panel.legend.text()
    # The run that trains: new batches give its curves new data, not new plot items.
    panel.select([w.state.run])
    w.train_action.trigger()
    batches = w.state.run.history.column
    qtbot.waitUntil(lambda: w.state.run.history.n_batches >= 2, timeout=20000)
    panel.refresh_now()
    items = panel.loss_plot.listDataItems() + panel.acc_plot.listDataItems()
    assert len(items) == 2
    seen = w.state.run.history.n_batches
    qtbot.waitUntil(lambda: w.state.run.history.n_batches >= seen + 3, timeout=20000)
    panel.refresh_now()
    assert panel.loss_plot.listDataItems() + panel.acc_plot.listDataItems() == items
    x, _ = items[0].getData()
    assert x[-1] == batches("batch", "step")[-1] >= seen + 3
    w.stop_training()


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from lenet_gui.gui.application import create_app
    app = create_app([])
    from PySide6.QtCore import QTimer
    from lenet_gui.gui.window import MainWindow
    from lenet_gui.train import TrainConfig
    w = MainWindow(weights=False, runs_dir={runs!r},
                   train_config=TrainConfig(batch_size=32, epochs=100, warmup_batches=0))
    w.show()
    def train():
        if w.state.data is None:
            QTimer.singleShot(50, train); return
        w.train_action.trigger()
    QTimer.singleShot(0, train)
    app.exec()
""")


def test_a_kill_mid_epoch_loses_at_most_the_last_seconds(tmp_path):
    """The window trains and autosaves; SIGKILL between two saves (perhaps during one) leaves
    the last saved run, whole with its timeline, and nothing but run, timeline and temporary
    files. The autosave runs every second here instead of every 5 (LENET_AUTOSAVE_MS, as in
    tests/killing.py): the same timer and writer, two saves reached in 2 s of training
    instead of 10."""
    runs = tmp_path / "runs"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path), LENET_AUTOSAVE_MS="1000")
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT.format(root=str(ROOT),
                                                                       runs=str(runs))],
                            env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        saves = 0
        last = None
        while time.monotonic() < deadline and saves < 2:  # two autosaves: it keeps saving
            files = list(runs.glob("*.run.npz")) if runs.is_dir() else []
            if files and files[0].stat().st_mtime_ns != last:
                last, saves = files[0].stat().st_mtime_ns, saves + 1
            time.sleep(0.2)
        assert saves == 2, "the run was not saved while it trained"
        time.sleep(0.5)  # between two saves
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # mid-epoch, perhaps mid-save
        proc.wait(30)
    loaded, errors = RunStore(runs).load_all()
    assert not errors and len(loaded) == 1  # the last saved state loads
    run = loaded[0]
    assert run.history.n_batches > 0 and run.start == "random"
    assert all(p.name.endswith((".run.npz", ".timeline.npz", ".tmp")) for p in runs.iterdir())
    assert run.timeline is not None and run.timeline_error is None  # its side file, whole


def test_an_experiment_trains_its_runs_one_after_another(make_window, qtbot):
    """An experiment (F7 linear, then f at F7) trains its runs one after another, each for the
    configured epoch, with the same seed and data, each evaluated on the test set. On the
    first 640 training and 200 test images: an epoch of 20 batches proves the same order as
    one of 63."""
    w = make_window(data=helpers.subset(640, 200),
                    train_config=TrainConfig(batch_size=32, epochs=1, warmup_batches=0,
                                             subset_every=0, seed=5))
    w.state.request_run("experiment", "f7")
    qtbot.waitUntil(lambda: sum(r.epochs == 1 for r in w.state.runs) == 2
                    and w.session is None, timeout=60000)
    runs = [r for r in w.state.runs if r.name in ("F7 linear", "f at F7")]
    assert [r.name for r in runs] == ["F7 linear", "f at F7"]
    assert [r.config.f7_activation for r in runs] == [False, True]
    assert {r.train_config.seed for r in runs} == {5}  # the same seed and data
    assert all(r.best_test_accuracy is not None for r in runs)
