"""Export and workspaces on the real window: every panel to a valid PNG and SVG, the loss
history to CSV, a workspace round trip, and a corrupt workspace that changes nothing."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lenet_gui.gui.export import CSV_COLUMNS, export_widget, write_history_csv
from lenet_gui.model import LeNet5
from lenet_gui.train import StepReport, save_checkpoint
from lenet_gui.train.workspace import WorkspaceError, read_workspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def fake_reports(n: int, start: int = 1) -> list[StepReport]:
    """Reports as the trainer sends them (only the fields the loss panel reads matter)."""
    import dataclasses

    fields = {f.name for f in dataclasses.fields(StepReport)}
    out = []
    for step in range(start, start + n):
        kw = dict(step=step, epoch=0, batch=step - 1, batches_per_epoch=100, loss=1.0 / step,
                  batch_accuracy=min(1.0, 0.5 + step / 100), samples_per_s=1000.0,
                  subset_accuracy=0.8 if step % 5 == 0 else None,
                  subset_loss=0.4 if step % 5 == 0 else None, test=None, diverged=None)
        out.append(StepReport(**{k: v for k, v in kw.items() if k in fields},
                              **{k: None for k in fields - set(kw)}))
    return out


def assert_png(path):
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    img = QImage(str(path))
    assert not img.isNull() and img.width() > 20 and img.height() > 20
    assert len({img.pixel(x, y) for x in range(0, img.width(), 7)
                for y in range(0, img.height(), 7)}) > 3  # not a blank picture


def assert_svg(path):
    root = ET.parse(path).getroot()  # well-formed XML
    assert root.tag.endswith("svg")
    assert len(list(root.iter())) > 5


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_every_panel_exports(shared_window, tmp_path, qtbot, fmt, monkeypatch):
    w = shared_window
    for name in w.docks:
        out = w.export_panel(name, tmp_path / f"{name}.{fmt}")
        assert out is not None and out.name == f"{name}.{fmt}", name
        (assert_png if fmt == "png" else assert_svg)(out)
    assert not list(tmp_path.glob(".*tmp"))  # no temporary files left


def test_export_through_the_menu(shared_window, tmp_path, monkeypatch):
    w = shared_window
    target = tmp_path / "loss.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    png, svg = w.export_actions["loss"]
    assert svg in w.export_menu.actions()
    svg.trigger()
    assert_svg(target)
    menu = w.dock_menu("kernels")  # the dock's context menu
    assert w.export_actions["kernels"][0] in menu.actions()
    assert w.help_actions["kernels"] in menu.actions()
    menu.close()


def test_window_export_shortcut(shared_window, tmp_path, monkeypatch):
    w = shared_window
    target = tmp_path / "window.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PNG image (*.png)"))
    QTest.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert_png(target)


def test_pyqtgraph_view_exports_as_vectors(qtbot, tmp_path):
    import pyqtgraph as pg

    view = pg.PlotWidget()
    qtbot.addWidget(view)
    view.plot([0, 1, 2], [2, 0, 1])
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    out = export_widget(view, tmp_path / "plot.svg")
    text = out.read_text()
    assert "<svg" in text and ("polyline" in text or "<path" in text)  # vectors


def test_loss_history_csv(make_window, tmp_path):
    w = make_window()
    w.state.add_reports(fake_reports(12))
    out = w.export_history_csv(tmp_path / "hist.csv")
    rows = list(csv.reader(out.read_text().splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 13
    assert rows[1][0] == "1" and float(rows[1][1]) == pytest.approx(1.0)
    assert rows[5][4] == "0.4" and float(rows[5][5]) == pytest.approx(80.0)  # step 5: subset
    assert rows[1][4] == "" and rows[1][6] == ""  # not measured at step 1


def test_workspace_round_trip(make_window, tmp_path, qtbot):
    from dataclasses import replace

    w = make_window()
    w.state.add_reports(fake_reports(20))
    cfg = replace(w.state.train_config, learning_rate=0.0123, batch_size=48,
                  epochs=7)
    w.state.set_train_config(cfg)
    w.probe_spin.setValue(5)
    history = w.state.history.arrays()
    saved = w.state.snapshot
    path = w.save_workspace(tmp_path / "ws.npz")
    assert path is not None and path.is_file()

    w2 = make_window()
    assert w2.open_workspace(path)
    for k, a in saved.params.items():
        np.testing.assert_array_equal(w2.state.snapshot.params[k], a)
    assert w2.state.train_config == cfg
    qtbot.waitUntil(lambda: w2.panel("settings").lr.value() == pytest.approx(0.0123),
                    timeout=30000)  # on its next turn (a bound only: 2 s failed under load)
    for k, a in history.items():
        np.testing.assert_array_equal(w2.state.history.arrays()[k], a)
    assert w2.probe_spin.value() == 5
    w2.state.add_reports(fake_reports(3))  # a new run continues after the history
    steps = w2.state.history.arrays()["batch_step"]
    assert list(steps[-3:]) == [21, 22, 23]


def test_corrupt_workspace_changes_nothing(make_window, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: calls.append(a))
    w = make_window()
    w.state.add_reports(fake_reports(4))
    snap, cfg, hist = w.state.snapshot, w.state.train_config, w.state.history.arrays()
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    QTest.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(calls) == 1 and str(bad) in calls[0][2] and "Nothing was changed" in calls[0][2]
    # a valid checkpoint with a bad history: also refused whole
    net = LeNet5()
    bad2 = save_checkpoint(tmp_path / "bad2.npz", net,
                           extra_arrays={"history_batch_step": np.array([3.0, 1.0])},
                           kind="lenet_gui workspace", workspace_version=1)
    with pytest.raises(WorkspaceError, match="history"):
        read_workspace(bad2)
    assert not w.open_workspace(bad2)
    assert len(calls) == 2
    assert w.state.snapshot is snap
    assert w.state.train_config == cfg
    for k, a in hist.items():
        np.testing.assert_array_equal(w.state.history.arrays()[k], a)


def test_bad_train_config_in_workspace(tmp_path):
    bad = save_checkpoint(tmp_path / "b.npz", LeNet5(), kind="lenet_gui workspace",
                          workspace_version=1, train_config={"learning_rate": -1.0})
    with pytest.raises(WorkspaceError, match="learning rate"):
        read_workspace(bad)
    bad = save_checkpoint(tmp_path / "c.npz", LeNet5(), kind="lenet_gui workspace",
                          workspace_version=1, train_config={"batch_size": "many"})
    with pytest.raises(WorkspaceError, match="batch_size"):
        read_workspace(bad)


def test_csv_of_empty_history(tmp_path):
    from lenet_gui.train.history import TrainingHistory

    out = write_history_csv(TrainingHistory(), tmp_path / "e")
    assert out.name == "e.csv" and out.read_text().strip() == ",".join(CSV_COLUMNS)
