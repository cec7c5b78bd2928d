"""The evaluation docks through a real AppState: the results arrive from a pool thread; cells,
gallery images and scatter points are clicked with real mouse events."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt, QThread, Slot
from PySide6.QtTest import QTest

from lenet_gui.data import normalise
from lenet_gui.data.mnist import Dataset
from lenet_gui.gui.jobs import Job, pool, shutdown_jobs
from lenet_gui.gui.panels.confusion import ConfusionPanel
from lenet_gui.gui.panels.explorer import DataExplorerPanel
from lenet_gui.gui.panels.feature_space import FeatureSpacePanel
from lenet_gui.gui.panels.robustness import RobustnessPanel
from lenet_gui.gui.state import AppState
from lenet_gui.model import LeNet5
from lenet_gui.train import TrainConfig, Trainer, evaluate
from lenet_gui.train import analysis as an
from tests import helpers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def small():
    """1,500 test images and 3,000 training images: every panel's job stays under a second."""
    return helpers.subset(3000, 1500, "small")


@pytest.fixture(scope="module")
def snapshot(small):
    """Weights after 40 SGD steps: a net that is right often but not always."""
    net = LeNet5(seed=0)
    trainer = Trainer(net, small, TrainConfig(batch_size=32, epochs=1, subset_every=0))
    for i, _ in enumerate(trainer.steps()):
        if i == 39:
            break
    return net.snapshot()


@pytest.fixture
def state(small, snapshot):
    s = AppState()
    s.set_data(small)
    s.set_snapshot(snapshot)
    yield s
    s.shutdown()


def _panel(qtbot, cls, state, show=True):
    p = cls(state)
    qtbot.addWidget(p)
    p.resize(700, 450)
    if show:
        p.show()
        qtbot.waitExposed(p)
    return p


def _finish(qtbot, panel, timeout=20000):
    qtbot.waitUntil(lambda: panel.result is not None and not panel.busy, timeout=timeout)


@pytest.fixture(autouse=True)
def _drain_pool():
    yield
    pool("evaluation").waitForDone(10000)


def _click_scene(qtbot, view, scene_pos):
    pos = view.mapFromScene(scene_pos)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos)


# ----------------------------------------------------------------------- confusion

def test_confusion_sums_to_test_size_and_matches_evaluate(qtbot, state, small, snapshot):
    p = _panel(qtbot, ConfusionPanel, state)
    assert p.run()
    _finish(qtbot, p)
    net = LeNet5(snapshot.config)
    net.set_params(snapshot.params)
    ref = evaluate(net, small.test_images, small.test_labels)
    m = p.result.confusion
    assert m.sum() == len(small.test_labels)
    np.testing.assert_array_equal(m, ref.confusion)
    for t in range(10):  # the numbers drawn in the cells
        for q in range(10):
            text = p.cell_text[t][q].textItem.toPlainText()
            assert text == ("" if m[t, q] == 0 and t != q else str(m[t, q]))
    assert p.acc_text[3].textItem.toPlainText() == f"{ref.per_class_accuracy[3] * 100:.1f}"
    assert p.prec_text[7].textItem.toPlainText() == f"{ref.per_class_precision[7] * 100:.1f}"
    p.shutdown()


def test_clicking_a_cell_shows_exactly_its_images_and_an_image_becomes_the_probe(
        qtbot, state, small):
    p = _panel(qtbot, ConfusionPanel, state)
    p.run()
    _finish(qtbot, p)
    r = p.result
    off = r.confusion.copy()
    np.fill_diagonal(off, 0)
    t, q = np.unravel_index(off.argmax(), off.shape)
    assert off[t, q] >= 2
    _click_scene(qtbot, p.plot, p.cell_centre(int(t), int(q)))
    expected = np.flatnonzero((small.test_labels == t) & (r.predictions == q))
    assert p.cell == (t, q)
    assert sorted(p.model.indices.tolist()) == expected.tolist()
    assert p.model.rowCount() == len(expected) == r.confusion[t, q]
    conf = r.confidence[p.model.indices]
    assert np.all(np.diff(conf) <= 0)  # most confident first
    caption = p.model.data(p.model.index(0))
    assert caption.startswith(f"{t} → {q}")
    # a diagonal cell too
    _click_scene(qtbot, p.plot, p.cell_centre(1, 1))
    assert p.model.rowCount() == r.confusion[1, 1]
    # click the first gallery image: it becomes the probe of the other panels
    _click_scene(qtbot, p.plot, p.cell_centre(int(t), int(q)))
    qtbot.wait(50)
    first = p.model.index(0)
    rect = p.gallery.visualRect(first)
    assert rect.isValid() and not rect.isEmpty()
    with qtbot.waitSignal(state.changed, timeout=2000,
                          check_params_cb=lambda topic: topic == "probe"):
        QTest.mouseClick(p.gallery.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, rect.center())
    i = state.probe.index
    assert i == p.model.indices[0]
    np.testing.assert_array_equal(state.probe.x, normalise(small.test_images[i:i + 1]))
    p.shutdown()


def test_mistakes_first_and_next_mistake(qtbot, state, small):
    p = _panel(qtbot, ConfusionPanel, state)
    p.run()
    _finish(qtbot, p)
    r = p.result
    wrong = np.flatnonzero(small.test_labels != r.predictions)
    p.mistakes_button.click()
    assert sorted(p.model.indices.tolist()) == wrong.tolist()
    assert np.all(np.diff(r.confidence[p.model.indices]) <= 0)
    most = wrong[np.argmax(r.confidence[wrong])]
    p.next_button.click()
    assert state.probe.index == most
    assert p.cell == (small.test_labels[most], r.predictions[most])
    assert p.gallery.currentIndex().row() == 0
    p.next_button.click()
    second = p.mistake_order[1]
    assert state.probe.index == second
    assert p.model.indices[p.gallery.currentIndex().row()] == second
    p.shutdown()


def test_reevaluates_once_per_burst_and_never_while_hidden(qtbot, state, snapshot):
    hidden = _panel(qtbot, ConfusionPanel, state, show=False)
    shown = _panel(qtbot, ConfusionPanel, state)
    for panel in (hidden, shown):
        panel._debounce.setInterval(100)
    for _ in range(30):  # a training burst: 20×/s in the app
        state.set_snapshot(snapshot)
    qtbot.waitUntil(lambda: shown.run_count == 1, timeout=3000)
    _finish(qtbot, shown)
    qtbot.wait(300)
    assert shown.run_count == 1
    assert hidden.run_count == 0 and hidden.refresh_count == 0
    hidden.show()  # shown later: it catches up once
    qtbot.waitUntil(lambda: hidden.run_count == 1, timeout=3000)
    _finish(qtbot, hidden)
    hidden.shutdown()
    shown.shutdown()


def test_result_for_a_replaced_data_set_is_never_painted(qtbot, state, small):
    p = _panel(qtbot, ConfusionPanel, state)
    assert p.run()
    other = Dataset(train_images=small.train_images[:500], train_labels=small.train_labels[:500],
                    test_images=small.test_images[:700], test_labels=small.test_labels[:700],
                    source="smaller")
    state.set_data(other)  # the running job computes on the old data: cancelled, not painted
    qtbot.waitUntil(lambda: not p.busy, timeout=10000)
    assert p.result is None
    p._debounce.setInterval(50)
    _finish(qtbot, p)  # the new data set is evaluated by itself
    assert p.result.confusion.sum() == 700
    p.shutdown()


@pytest.mark.parametrize("cls", [ConfusionPanel, DataExplorerPanel, RobustnessPanel,
                                 FeatureSpacePanel])
def test_language_change_retranslates_every_text_live(qtbot, state, cls):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

    from lenet_gui.gui import i18n

    def texts():
        out = [w.text() for w in p.findChildren(QLabel) + p.findChildren(QAbstractButton)]
        out += [w.toolTip() for w in p.findChildren(QAbstractButton)]
        out += [b.itemText(i) for b in p.findChildren(QComboBox) for i in range(b.count())]
        return out

    p = _panel(qtbot, cls, state)
    if cls is not DataExplorerPanel:
        if cls is RobustnessPanel:
            p.count_box.setValue(100)
        p.run()
        _finish(qtbot, p)
    else:
        qtbot.waitUntil(lambda: "test" in p.stats and not p.busy, timeout=10000)
    english = texts()
    status = p.status.text()
    try:
        assert i18n.set_language("zh_CN")
        qtbot.waitUntil(lambda: p.status.text() != status, timeout=2000)
        chinese = texts()
        assert sum(a != b for a, b in zip(english, chinese)) >= 3
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: p.status.text() == status, timeout=2000)
    assert texts() == english
    p.shutdown()


# ----------------------------------------------------------------------- data explorer

def test_data_explorer_counts_means_and_input(qtbot, state, small):
    p = _panel(qtbot, DataExplorerPanel, state)
    qtbot.waitUntil(lambda: "test" in p.stats and not p.busy, timeout=10000)
    stats = p.stats["test"]
    np.testing.assert_array_equal(stats.counts, an.class_counts(small.test_labels))
    np.testing.assert_array_equal(p.bars.opts["height"], stats.counts)
    np.testing.assert_allclose(p.means.maps[4], small.test_images[small.test_labels == 4].mean(0),
                               rtol=1e-5)
    p.class_box.setCurrentIndex(6)
    shown = p.page_indices()
    assert len(shown) == p.PAGE and np.all(small.test_labels[shown] == 6)
    i = int(shown[0])
    np.testing.assert_array_equal(p.raw.maps[0], small.test_images[i])
    np.testing.assert_allclose(p.net_input.maps[0], normalise(small.test_images[i:i + 1])[0, 0])
    assert p.net_input.maps.shape == (1, 32, 32) and p.raw.maps.shape == (1, 28, 28)
    p.next_button.click()
    assert p.page == 1 and np.all(small.test_labels[p.page_indices()] == 6)
    p.split_box.setCurrentIndex(1)  # the training set
    qtbot.waitUntil(lambda: "train" in p.stats and not p.busy, timeout=10000)
    np.testing.assert_array_equal(p.stats["train"].counts, an.class_counts(small.train_labels))
    assert np.all(small.train_labels[p.page_indices()] == 6)
    p.use_as_probe()
    assert state.probe.source == f"train #{p.selected}"
    p.shutdown()


# ----------------------------------------------------------------------- robustness

def test_robustness_runs_in_background_and_cancels(qtbot, state, small):
    p = _panel(qtbot, RobustnessPanel, state)
    p.count_box.setValue(2000)
    assert p.run()
    p.cancel_button.click()
    qtbot.waitUntil(lambda: not p.busy, timeout=10000)
    assert p.result is None and "Cancel" in p.status.text()
    p.count_box.setValue(150)
    p.run()
    assert p.progress.isVisible()
    _finish(qtbot, p)
    assert not p.progress.isVisible()
    r = p.result
    assert r.n_images == 150
    for c in r.curves:
        x, y = p.curves[c.perturbation.key].getData()
        np.testing.assert_allclose(y, c.accuracy * 100)
    p.slider.setValue(800)
    answered, acc = r.threshold.at(0.8)
    assert f"{answered * 100:.1f} %" in p.threshold_label.text()
    assert p.threshold_line.value() == pytest.approx(0.8)
    p.shutdown()


# ----------------------------------------------------------------------- feature space

def test_feature_space_scatter_hover_and_click(qtbot, state, small):
    p = _panel(qtbot, FeatureSpacePanel, state)
    p.count_box.setValue(400)  # starts a run
    _finish(qtbot, p)
    fs = p.result
    assert len(fs.indices) == 400 and fs.layer == "c5"
    x, y = p.points.getData()
    np.testing.assert_allclose(x, fs.pca.projected[:, 0])
    wrong = fs.labels != fs.predictions
    assert len(p.rings.getData()[0]) == wrong.sum()
    # hover the outermost point (nothing else is near it), then click it
    j = int(np.argmax(np.abs(fs.pca.projected[:, 0])))
    assert p.point_at(p.point_scene_pos(j)) == j

    def hovered() -> bool:
        # moved again at each try: on a loaded machine the view may still settle (its range,
        # its layout) after the first move, which then pointed at nothing
        QTest.mouseMove(p.plot.viewport(), p.plot.mapFromScene(p.point_scene_pos(j)))
        return p.hover_index == fs.indices[j]

    qtbot.waitUntil(hovered, timeout=10000)
    scene = p.point_scene_pos(j)
    assert f"test #{fs.indices[j]}" in p.inset_text.text()
    assert not p.inset.pixmap().isNull()
    _click_scene(qtbot, p.plot, scene)
    assert state.probe.index == fs.indices[j]
    assert len(p.probe_mark.getData()[0]) == 1
    for item in (p.probe_mark, p.probe_ring):  # the star and its ring at the probe's point
        px, py = item.getData()
        np.testing.assert_allclose([px[0], py[0]], fs.pca.projected[j, :2], rtol=1e-6)
    p.layer_box.setCurrentIndex(1)  # F6 recomputes
    qtbot.waitUntil(lambda: p.result is not None and p.result.layer == "f6" and not p.busy,
                    timeout=10000)
    assert p.result.pca.components.shape == (2, 84)
    p.shutdown()


# ----------------------------------------------------------------------- screenshots

@pytest.mark.parametrize("cls", [ConfusionPanel, DataExplorerPanel, RobustnessPanel,
                                 FeatureSpacePanel])
def test_grab_is_not_blank(qtbot, state, cls):
    p = _panel(qtbot, cls, state)
    if cls is RobustnessPanel:
        p.count_box.setValue(100)
    if cls is DataExplorerPanel:
        qtbot.waitUntil(lambda: "test" in p.stats and not p.busy, timeout=10000)
    else:
        p.run()
        _finish(qtbot, p)
    img = p.grab().toImage()
    assert img.width() == 700 and img.height() == 450
    colours = {img.pixel(x, y) for x in range(0, 700, 7) for y in range(0, 450, 7)}
    assert len(colours) > 20
    p.shutdown()


# ----------------------------------------------------------------------- jobs

class _Recorder(QObject):
    """Lives in the GUI thread; records which thread each report arrived in."""

    def __init__(self):
        super().__init__()
        self.events = []

    @Slot(int, object)
    def on_succeeded(self, job_id, result):
        self.events.append(("succeeded", result, QThread.currentThread()))

    @Slot(int, str)
    def on_failed(self, job_id, message):
        self.events.append(("failed", message, QThread.currentThread()))

    @Slot(int)
    def on_cancelled(self, job_id):
        self.events.append(("cancelled", None, QThread.currentThread()))

    @Slot(int)
    def on_finished(self, job_id):
        self.events.append(("finished", None, QThread.currentThread()))


def _job(fn, rec):
    job = Job(fn)
    job.signals.succeeded.connect(rec.on_succeeded)
    job.signals.failed.connect(rec.on_failed)
    job.signals.cancelled.connect(rec.on_cancelled)
    job.signals.finished.connect(rec.on_finished)
    return job


def _boom(progress, should_stop):
    raise ValueError("bad input")


def _slow(progress, should_stop):
    while not should_stop():
        time.sleep(0.005)
    raise InterruptedError


def test_jobs_report_in_the_gui_thread_and_finish_last(qtbot, capsys):
    rec = _Recorder()
    gui = QThread.currentThread()
    jobs = [_job(lambda progress, should_stop: 42, rec), _job(_boom, rec), _job(_slow, rec)]
    for job in jobs:
        job.start()
    jobs[2].cancel()
    qtbot.waitUntil(lambda: sum(e[0] == "finished" for e in rec.events) == 3, timeout=5000)
    kinds = [e[0] for e in rec.events]
    assert kinds == ["succeeded", "finished", "failed", "finished", "cancelled", "finished"]
    assert rec.events[0][1] == 42 and rec.events[2][1] == "ValueError: bad input"
    assert all(e[2] is gui for e in rec.events)
    assert shutdown_jobs(1000)
    capsys.readouterr()  # the failed job's traceback


class _Weights:
    """Stands for the snapshot a job's closure holds (weakly referenceable)."""


def test_finished_jobs_and_their_closures_are_freed(qtbot):
    """A job, once finished, is released with what its function holds (a snapshot of the
    weights): a job kept by the pool leaked ~10 MB a minute in the soak."""
    import gc
    import weakref

    rec = _Recorder()
    refs = []
    for _ in range(5):
        weights = _Weights()
        refs.append(weakref.ref(weights))
        job = _job(lambda progress, should_stop, w=weights: 1, rec)
        job.start()
        refs.append(weakref.ref(job.signals))
        del job, weights
    qtbot.waitUntil(lambda: sum(e[0] == "finished" for e in rec.events) == 5, timeout=5000)
    pool("evaluation").waitForDone(5000)
    gc.collect()
    assert [r() for r in refs] == [None] * len(refs)


def test_panel_jobs_are_freed_after_they_finish(qtbot, state, snapshot):
    """A panel re-running its job (a new snapshot every 2 s while training) keeps none of the
    finished ones."""
    import gc
    import weakref

    p = _panel(qtbot, ConfusionPanel, state)
    refs = []
    for _ in range(3):
        assert p.run()
        refs.append(weakref.ref(p.job))
        _finish(qtbot, p)
    pool("evaluation").waitForDone(5000)
    gc.collect()
    assert [r() for r in refs] == [None] * 3


def test_confusion_numbers_fit_their_cells(qtbot, state):
    """At the dock's default width the precision row ran together ("99.799.6…"): each number
    is now no wider than its cell, and the size grows back when the panel widens."""
    from PySide6.QtGui import QFontMetricsF

    p = _panel(qtbot, ConfusionPanel, state)
    p.resize(560, 380)  # the Evaluate tab's default size
    assert p.run()
    _finish(qtbot, p)
    qtbot.wait(50)

    def fits() -> bool:
        x0, x1 = p.view.viewRange()[0]
        cell = p.view.width() / (x1 - x0)
        return all(QFontMetricsF(t.textItem.font()).horizontalAdvance(t.textItem.toPlainText())
                   <= cell for t in p.prec_text)

    assert fits() and p.text_pt < 9
    small_pt = p.text_pt
    p.resize(1300, 800)
    qtbot.waitUntil(lambda: p.text_pt > small_pt, timeout=3000)
    assert fits()


def test_feature_space_marks_a_probe_outside_the_sample_and_a_drawing(qtbot, state, small, snapshot):
    """The probe's star also shows when the probe is not one of the projected test images (a
    test image outside the sample, or a drawing): its own C5 output on the same PCA axes."""
    from lenet_gui.gui.state import Probe

    p = _panel(qtbot, FeatureSpacePanel, state)
    p.count_box.setValue(300)
    _finish(qtbot, p)
    fs = p.result
    outside = next(i for i in range(len(small.test_labels)) if i not in set(fs.indices.tolist()))
    net = snapshot.to_net()
    for probe in (Probe.from_test(small, outside),
                  Probe.from_input(Probe.from_test(small, 3).x[::-1].copy(), None, "canvas")):
        state.set_probe(probe)
        assert state.wait_for_trace()
        qtbot.waitUntil(lambda: len(p.probe_mark.getData()[0]) == 1 and not p.stale, timeout=5000)
        f = net.forward(probe.x.reshape(1, 1, 32, 32).astype(net.dtype), keep_cols=False)["c5"]
        want = (f.reshape(-1).astype(np.float64) - fs.pca.mean) @ fs.pca.components.T
        px, py = p.probe_mark.getData()
        np.testing.assert_allclose([px[0], py[0]], want, rtol=1e-4, atol=1e-4)
    p.shutdown()


@pytest.mark.parametrize("width", [560, 700, 1100])
def test_robustness_tick_labels_never_run_together(qtbot, state, width):
    """At any width each small plot labels as many of its levels as fit: neighbouring labels
    never overlap ("0.050.1…", "-30-15" at the Evaluate perspective's size), 0 always shown."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFontMetricsF

    from lenet_gui.gui.widgets.plots import font

    p = _panel(qtbot, RobustnessPanel, state)
    p.resize(width, 420)
    qtbot.wait(50)
    p._fit_ticks()
    metrics = QFontMetricsF(font(9))
    for key, levels in p._levels.items():
        plot = p.plots[key]
        ticks = plot.getAxis("bottom")._tickLevels[0]
        assert any(v == 0 for v, _ in ticks) or 0 not in levels
        xs = [plot.getViewBox().mapViewToScene(QPointF(v, 0)).x() for v, _ in ticks]
        ws = [metrics.horizontalAdvance(t) for _, t in ticks]
        for i in range(len(ticks) - 1):
            assert xs[i + 1] - xs[i] >= (ws[i] + ws[i + 1]) / 2 + 2, (key, width, ticks)
    p.shutdown()
