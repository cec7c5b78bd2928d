"""My digits in the GUI: the canvas's "Add to my digits" (keys 0–9 after real strokes), the
Data explorer's My digits source (relabel with 0–9, delete with Del, undo with Ctrl+Z, other
folders read-only until merged), the evaluation on them, and a fine-tune started from the GUI."""

import os

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lenet_gui.data.folders import MyDigits
from lenet_gui.gui.jobs import pool
from lenet_gui.gui.panels.canvas import CanvasPanel
from lenet_gui.gui.panels.explorer import DataExplorerPanel
from lenet_gui.gui.state import AppState
from lenet_gui.train import evaluate
from tests import helpers
from tests.gui.strokes import SEVEN, drag

SHOTS = os.environ.get("LENET_SCREENSHOT_DIR")

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def snapshot():
    from lenet_gui.train import load_checkpoint

    return load_checkpoint(helpers.weights_path()).to_net().snapshot()


@pytest.fixture
def state(snapshot, tmp_path):
    s = AppState()
    s.set_snapshot(snapshot)
    s.set_my_digits(MyDigits(tmp_path / "my_digits"))
    yield s
    pool("evaluation").waitForDone(10000)
    s.shutdown()


def _show(qtbot, panel, w=700, h=450):
    qtbot.addWidget(panel)
    panel.resize(w, h)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _fill(store, n_per_class=(3, 2, 2, 2, 2, 2, 2, 2, 2, 2)):
    """Real MNIST test digits into the store: their labels, in order."""
    d = helpers.mnist()
    labels = []
    for k, n in enumerate(n_per_class):
        for i in np.flatnonzero(d.test_labels == k)[:n]:
            store.add(d.test_images[i], k)
            labels.append(k)
    return labels


# ----------------------------------------------------------------------- the canvas

def test_a_drawing_is_added_with_its_key_and_taken_back(qtbot, state):
    p = _show(qtbot, CanvasPanel(state), 600, 460)
    store = state.my_digits
    assert not p.add_button.isEnabled()  # nothing drawn, no label
    drag(p.area, SEVEN[0])
    assert p.stages is not None
    want = np.clip(np.rint(p.stages.centred * 255), 0, 255).astype(np.uint8)
    assert not p.add_button.isEnabled()  # drawn, but no label said yet: never the answer's
    p.area.setFocus()
    QTest.keyClick(p.area, Qt.Key.Key_7)
    items = store.items()
    assert [k for _, k in items] == [7]
    stored = 255 - np.asarray(Image.open(items[0][0]))  # kept dark on white, as on paper
    np.testing.assert_array_equal(stored, want)  # the 28×28 image the canvas prepared
    assert p.added_text() == "Added as 7 (1 digits)" == p.status_label.text()
    assert p.area.is_empty() and p.label_box.currentIndex() == 0  # ready for the next one
    # the button, with the label chosen in the box
    drag(p.area, SEVEN[0])
    p.label_box.setCurrentIndex(1 + 1)
    assert p.add_button.isEnabled()
    QTest.mouseClick(p.add_button, Qt.MouseButton.LeftButton)
    assert sorted(k for _, k in store.items()) == [1, 7]
    assert p.added_text() == "Added as 1 (2 digits)" == p.status_label.text()
    if SHOTS:
        p.grab().save(os.path.join(SHOTS, "canvas_added.png"))
    QTest.mouseClick(p.add_undo_button, Qt.MouseButton.LeftButton)
    assert [k for _, k in store.items()] == [7]
    assert p.added_text() == "Taken back (1 digits)" == p.status_label.text()
    # a key on an empty canvas adds nothing and says why
    QTest.keyClick(p.area, Qt.Key.Key_3)
    assert [k for _, k in store.items()] == [7]
    assert p.added_text() == "Draw a digit first." == p.status_label.text()


# ----------------------------------------------------------------------- the explorer

def _explorer_on_mine(qtbot, state):
    p = _show(qtbot, DataExplorerPanel(state), 900, 520)
    p.split_box.setFocus()
    p.split_box.setCurrentIndex(2)  # My digits
    qtbot.waitUntil(lambda: p.mine is not None and not p.busy, timeout=10000)
    return p


def _click_row(qtbot, p, row, modifier=Qt.KeyboardModifier.NoModifier):
    index = p.gallery_model.index(row)
    p.mine_list.scrollTo(index)
    rect = p.mine_list.visualRect(index)
    assert rect.isValid() and not rect.isEmpty()
    QTest.mouseClick(p.mine_list.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _reread(qtbot, p, before):
    qtbot.waitUntil(lambda: p.mine is not before and not p.busy, timeout=10000)


def test_explorer_relabels_deletes_and_undoes_with_keys(qtbot, state, snapshot):
    store = state.my_digits
    labels = _fill(store)
    p = _explorer_on_mine(qtbot, state)
    f = p.mine.folder
    assert len(f) == len(labels) == p.gallery_model.rowCount()
    np.testing.assert_array_equal(p.stats["mine"].counts, np.bincount(labels, minlength=10))
    np.testing.assert_array_equal(p.bars.opts["height"], np.bincount(labels, minlength=10))
    # the captions are "label → the current network's answer"
    ref = evaluate(snapshot.to_net(), f.images, f.labels)
    np.testing.assert_array_equal(p.mine.answers.predictions, ref.predictions)
    assert p.gallery_model.data(p.gallery_model.index(0)).startswith(
        f"{f.labels[0]} → {ref.predictions[0]}")
    # select the first two (a click, a shift-click) and press 5: both relabelled
    _click_row(qtbot, p, 0)
    _click_row(qtbot, p, 1, Qt.KeyboardModifier.ShiftModifier)
    chosen = p.selected_paths()
    assert len(chosen) == 2 and all(c.parent.name == "0" for c in chosen)
    before = p.mine
    QTest.keyClick(p.mine_list, Qt.Key.Key_5)
    _reread(qtbot, p, before)
    assert sorted(k for _, k in store.items()) == sorted([5, 5] + labels[2:])
    assert p.stats["mine"].counts[0] == 1 and p.stats["mine"].counts[5] == 4
    # Del deletes the selected one
    _click_row(qtbot, p, 0)
    gone = p.selected_paths()[0]
    before = p.mine
    QTest.keyClick(p.mine_list, Qt.Key.Key_Delete)
    _reread(qtbot, p, before)
    assert not gone.exists() and len(store.items()) == len(labels) - 1
    # Ctrl+Z: back, then the relabels too
    before = p.mine
    QTest.keyClick(p.mine_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _reread(qtbot, p, before)
    assert gone.exists() and len(store.items()) == len(labels)
    for _ in range(2):
        before = p.mine
        QTest.keyClick(p.mine_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        _reread(qtbot, p, before)
    assert [k for _, k in store.items()] == labels
    if SHOTS:
        p.grab().save(os.path.join(SHOTS, "explorer_mine.png"))
    p.shutdown()


def test_another_folder_is_read_only_until_merged_and_bad_ones_say_why(qtbot, state, tmp_path):
    other = MyDigits(tmp_path / "teacher")
    labels = _fill(other, (1,) * 10)
    (tmp_path / "teacher" / "3" / "notes.txt").write_text("not a picture")
    store = state.my_digits
    p = _explorer_on_mine(qtbot, state)
    assert len(p.mine.folder) == 0
    p.open_folder(tmp_path / "teacher")
    qtbot.waitUntil(lambda: p.mine is not None and not p.busy, timeout=10000)
    assert len(p.mine.folder) == 10 and p.mine.read_only
    assert "1 file(s) could not be read and were skipped: notes.txt" in p.mine_label.text()
    _click_row(qtbot, p, 0)
    QTest.keyClick(p.mine_list, Qt.Key.Key_5)  # read-only: nothing changes
    QTest.keyClick(p.mine_list, Qt.Key.Key_Delete)
    assert sorted(k for f, k in other.items() if f.suffix == ".png") == labels
    assert not p.relabel_button.isEnabled() and not p.delete_button.isEnabled()
    QTest.mouseClick(p.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.mine is not None and not p.busy and not p.mine.read_only,
                    timeout=10000)
    assert sorted(k for _, k in store.items()) == labels
    assert "10 digit(s) merged into My digits." in p.mine_label.text()
    # a folder that is not DIR/0 … DIR/9: one message, the core's reason in it
    (tmp_path / "bad" / "x").mkdir(parents=True)
    p.open_folder(tmp_path / "bad")
    qtbot.waitUntil(lambda: not p.busy and "Cannot open the folder" in p.mine_label.text(),
                    timeout=10000)
    assert "not a class" in p.mine_label.text()
    assert p.gallery_model.rowCount() == 0 and p.mine is None
    p.shutdown()


# ----------------------------------------------------------------------- evaluation

def test_the_confusion_matrix_on_my_digits_is_the_core_evaluation(qtbot, state, snapshot):
    from lenet_gui.gui.panels.confusion import ConfusionPanel

    store = state.my_digits
    _fill(store, (3,) * 10)
    state.set_data(helpers.subset(10, 200))
    p = _show(qtbot, ConfusionPanel(state), 800, 480)
    p.source_box.setCurrentIndex(1)  # My digits: evaluated at once
    qtbot.waitUntil(lambda: p.result is not None and not p.busy
                    and p.evaluated.kind == "mine", timeout=10000)
    folder = store.read()
    ref = evaluate(snapshot.to_net(), folder.images, folder.labels)
    np.testing.assert_array_equal(p.result.confusion, ref.confusion)
    assert p.result.accuracy == ref.accuracy and p.result.confusion.sum() == 30
    np.testing.assert_array_equal(p.result.per_class_accuracy, ref.per_class_accuracy)
    assert "on 30 of my digits" in p.status.text()
    # a cell opens the gallery of exactly its images; a click on one makes it the probe
    view = p.plot
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(p.cell_centre(4, 4)))
    assert p.cell == (4, 4) and p.model.rowCount() == ref.confusion[4, 4]
    rect = p.gallery.visualRect(p.model.index(0))
    QTest.mouseClick(p.gallery.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    i = int(p.model.indices[0])
    assert state.probe.label == 4 and state.probe.source == folder.paths[i].name
    p.shutdown()


# ----------------------------------------------------------------------- fine-tuning

def test_a_fine_tune_from_the_gui_keeps_frozen_layers_and_shows_before_after(
        qtbot, make_window, tmp_path):
    from PySide6.QtWidgets import QApplication

    from lenet_gui.gui.window.finetune import FineTuneDialog

    w = make_window(weights=helpers.weights_path(), my_digits_dir=tmp_path / "mine")
    store = w.state.my_digits
    assert store.root == tmp_path / "mine"
    _fill(store, (4,) * 10)
    base = w.state.run
    start = {k: np.array(v) for k, v in base.params.items()}
    panel = w.panel("finetune")
    w.dock("finetune").show()
    w.dock("finetune").raise_()
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=5000)
    QTest.mouseClick(panel.finetune_button, Qt.MouseButton.LeftButton)
    dialog = w.findChild(FineTuneDialog)
    assert dialog is not None and dialog.isVisible()
    QTest.mouseClick(dialog.features_button, Qt.MouseButton.LeftButton)  # C1…C5 frozen
    assert [k for k, b in dialog.freeze_checks.items() if b.isChecked()] == \
        ["c1", "s2", "c3", "s4", "c5"]
    dialog.epochs_spin.setValue(3)
    dialog.mix_spin.setValue(50)
    dialog.holdout_spin.setValue(30)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert w.finetune_action in w.train_menu.actions()  # the Training menu offers it too
    run = w.state.run
    assert run is not base and run.train_config.images == str(store.root)
    assert run.train_config.freeze == ("c1", "s2", "c3", "s4", "c5")
    qtbot.waitUntil(lambda: w.training_state in ("stopped", "idle") and w.session is None
                    and run.history.n_batches > 0, timeout=60000)
    qtbot.waitUntil(lambda: panel.result is not None and not panel.busy
                    and panel.result.run is run, timeout=30000)
    for k in ("w1", "b1", "w3", "b3", "w5", "b5"):  # frozen: bit for bit
        assert np.array_equal(run.params[k], start[k]), k
    assert not np.array_equal(run.params["w7"], start["w7"])  # F7 learned
    numbers = panel.numbers()
    assert len(numbers) == 2 and all(b is not None and a is not None for b, a in numbers)
    # the four numbers on screen, each as the table shows it
    for row, (b, a) in enumerate(numbers):
        assert panel.table.item(row, 0).text() == f"{b * 100:.1f} %"
        assert panel.table.item(row, 1).text() == f"{a * 100:.1f} %"
        assert panel.table.item(row, 2).text()[0] in "▲▼="
    # the before is the base run's weights on the same held-out digits
    from lenet_gui.gui.session import fine_tune_split
    part = fine_tune_split(run.train_config)
    ref = evaluate(base.to_net(), part.held.images, part.held.labels)
    assert numbers[0][0] == ref.accuracy and 10 <= len(part.held) < 40  # ≥ 1 per class
    assert not set(part.held.paths) & set(part.train.paths)
    # digits added afterwards never move a trained one into the held-out set
    _fill(store, (2,) * 10)
    later = fine_tune_split(run.train_config)
    assert not set(later.held.paths) & set(part.train.paths)
    assert run in w.state.runs and run.timeline is not None and len(run.timeline) >= 2
    if SHOTS:
        w.resize(1280, 720)
        QApplication.processEvents()
        panel.grab().save(os.path.join(SHOTS, "finetune_before_after.png"))
