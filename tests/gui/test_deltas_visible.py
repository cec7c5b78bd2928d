"""The δ panel shows something: by default the hardest of the first test images for the
current weights (its δ are large), with colour levels per frame or tracked per layer as the
user chooses; a learned sample (J ≈ 0) is said so in words instead of blank tiles; the F7
note follows the configuration (F7 linear: δ = y − z; f at F7: (y − z)·f′)."""

from __future__ import annotations

import copy
import time

import numpy as np
import pytest

from lenet_gui.explain.hard import LEARNED_J, N_SEARCH, hardest
from lenet_gui.gui.panels.deltas import DeltasPanel
from lenet_gui.gui.state import AppState, Probe
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import load_checkpoint
from tests import helpers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


@pytest.fixture(scope="module")
def data():
    return helpers.mnist()


@pytest.fixture(scope="module")
def shipped():
    from lenet_gui.commands._common import default_weights
    return load_checkpoint(default_weights()).to_net().snapshot()


def make(qtbot, data, snapshot):
    s = AppState()
    s.set_data(data)
    s.set_snapshot(snapshot)
    assert s.wait_for_trace()
    p = DeltasPanel(s)
    qtbot.addWidget(p)
    p.resize(600, 700)
    p.show()
    qtbot.waitExposed(p)
    return s, p


def test_default_is_the_hardest_test_image_and_not_blank(qtbot, data, shipped):
    s, p = make(qtbot, data, shipped)
    assert p.source == "hard" and p.wait_for_frame()
    pick = hardest(shipped.to_net(), data.test_images, data.test_labels, N_SEARCH)
    assert p.shown.probe.index == pick.index and p.shown.J > LEARNED_J
    assert p.pick.searched == N_SEARCH
    assert f"#{pick.index}" in p.header.text() and str(N_SEARCH) in p.header.text()
    assert not p.learned_note.isVisible()
    for key in ("u_c1", "u_c3", "u_f6"):  # colours used: the maps reach their levels
        v = p.views[key]
        assert np.abs(v.image.image).max() >= 0.99 * v.current_levels[1] > 0
    # test image #0, once drawn blank in this panel, is learned by these weights
    assert s.trace.J < LEARNED_J
    p.shutdown()


def test_a_learned_probe_is_said_in_words(qtbot, data, shipped):
    s, p = make(qtbot, data, shipped)
    p.set_source("probe")
    assert p.wait_for_frame() and p.shown is s.trace and s.trace.J < LEARNED_J
    qtbot.waitUntil(p.learned_note.isVisible, timeout=2000)
    assert "learned" in p.learned_note.text()
    assert all(not sec.isVisible() for sec in p.delta_sections)
    assert p.health_section.isVisible()
    p.set_source("hard")  # back to a hard image: the maps come back
    assert p.wait_for_frame()
    qtbot.waitUntil(lambda: all(sec.isVisible() for sec in p.delta_sections), timeout=2000)
    assert not p.learned_note.isVisible()
    p.shutdown()


def test_levels_per_frame_or_tracked(qtbot, data, shipped):
    s, p = make(qtbot, data, shipped)
    p.set_source("probe")
    p.set_levels_mode("frame")
    from lenet_gui.data import normalise
    y = shipped.to_net().predict(normalise(data.test_images[:300])).astype(np.float64)
    J = -np.log(y[np.arange(300), data.test_labels[:300]])
    big = int(np.argmax(J))  # a hard sample, then an easy one that is not yet learned
    small = int(np.argmin(np.where(J > 3 * LEARNED_J, J, np.inf)))
    s.set_probe(Probe.from_test(data, big))
    assert p.wait_for_frame()
    s.set_probe(Probe.from_test(data, small))
    assert p.wait_for_frame()
    d = np.abs(s.trace.grads["delta_u_c1"][0])
    per_frame = p.views["u_c1"].current_levels[1]
    assert per_frame == pytest.approx(np.percentile(d, 99), rel=1e-5)  # this frame's own
    assert "per frame" in p.levels_note.text().lower()
    p.set_levels_mode("tracked")
    s.set_probe(Probe.from_test(data, big))
    assert p.wait_for_frame()
    s.set_probe(Probe.from_test(data, small))
    assert p.wait_for_frame()
    assert p.views["u_c1"].current_levels[1] > 10 * per_frame  # kept from the hard frame
    assert "tracked" in p.levels_note.text()
    p.shutdown()


@pytest.mark.parametrize("f7", [False, True])
def test_f7_note_follows_the_configuration(qtbot, data, f7):
    from lenet_gui.model import LeNet5
    s, p = make(qtbot, data, LeNet5(LeNetConfig(f7_activation=f7), seed=0).snapshot())
    assert p.wait_for_frame()
    note = p.f7_section.note.text()
    assert ("f′" in note and "(y − z)·f′(u_f7)" in note) == f7
    assert ("no f′" in note) == (not f7)
    p.shutdown()


def test_no_catch_up_search_runs_between_snapshots_that_keep_coming(qtbot, data, monkeypatch):
    """While snapshots keep coming, the search after the gap starts with the next request (in
    the window: inside a frame), never from the catch-up timer in between; once they stop, the
    catch-up searches the last one after CATCH_UP_QUIET_S."""
    from lenet_gui.gui.panels import _hard_probe as H

    monkeypatch.setattr(H, "RESEARCH_S", 0.3)
    monkeypatch.setattr(H, "SEARCH_DUTY", 1.0)  # the gap: RESEARCH_S
    monkeypatch.setattr(H, "CATCH_UP_QUIET_S", 0.8)
    finder = H.HardProbeFinder()
    by_timer, on_catch_up = [], finder._on_catch_up

    def noted_catch_up():
        searches = finder.searches
        on_catch_up()
        by_timer.append(finder.searches - searches)

    finder._catch_up.timeout.disconnect()
    finder._catch_up.timeout.connect(noted_catch_up)
    nets = [LeNet5(LeNetConfig(), seed=s) for s in range(15)]
    for net in nets:  # a snapshot every 0.2 s for 3 s: the gap ends between two of them
        finder.request(net.snapshot(), data)
        qtbot.wait(200)
    assert finder.searches >= 3
    assert by_timer == [], "a catch-up search ran while the snapshots came"
    # Then they stop just after a search (another data set forces one now): the last one
    # comes within the gap, so only the catch-up searches it, once quiet for long enough.
    other = copy.copy(data)
    finder.request(nets[0].snapshot(), other)
    assert finder.wait()
    asked = time.monotonic()
    finder.request(nets[-1].snapshot(), other)
    qtbot.waitUntil(lambda: by_timer == [1], timeout=5000)
    assert time.monotonic() - asked >= 0.75  # 0.8 s less a coarse timer's 5 % of slack
    assert finder.wait()
    assert finder.last.trace.snapshot.params["w1"].tobytes() == nets[-1].params["w1"].tobytes()
    finder.shutdown()


def test_searches_are_paced_by_their_cost_and_the_last_weights_are_searched(qtbot, data,
                                                                            monkeypatch):
    """While snapshots stream in, a search for the hardest image starts only once the last one's
    cost / SEARCH_DUTY has passed (in between, the chosen image's trace follows the weights);
    when they stop, the last snapshot is searched once the pause is over."""
    from lenet_gui.gui.panels import _hard_probe as H

    duty = 0.25  # a gap of 4 searches
    monkeypatch.setattr(H, "RESEARCH_S", 0.0)
    monkeypatch.setattr(H, "SEARCH_DUTY", duty)
    durations, real = [], H.hardest

    def timed(*args, **kwargs):
        t0 = time.monotonic()
        pick = real(*args, **kwargs)
        durations.append(time.monotonic() - t0)
        return pick

    monkeypatch.setattr(H, "hardest", timed)
    finder = H.HardProbeFinder()
    starts, start = [], finder._start  # when the GUI thread decided to search (not the pool)

    def noted_start(snapshot, data):
        searches = finder.searches
        start(snapshot, data)
        if finder.searches > searches:
            starts.append(finder._searched_at)

    monkeypatch.setattr(finder, "_start", noted_start)
    nets = [LeNet5(LeNetConfig(), seed=s) for s in range(40)]
    for net in nets:
        finder.request(net.snapshot(), data)
        qtbot.wait(20)
    assert 2 <= len(starts) < len(nets)
    for a, b, cost in zip(starts, starts[1:], durations):
        assert b - a >= cost / duty, (starts, durations)
    # Then the snapshots stop just after a search: another data set forces one now, and the
    # last snapshot comes before the gap is over, so only the catch-up can search it.
    other = copy.copy(data)
    finder.request(nets[0].snapshot(), other)
    assert finder.wait()
    searched = finder.searches
    finder.request(nets[-1].snapshot(), other)
    assert finder.wait() and finder.searches == searched  # the earlier pick, for now
    qtbot.waitUntil(lambda: finder.searches == searched + 1, timeout=10000)
    assert finder.wait()
    assert finder.last.trace.snapshot.params["w1"].tobytes() == nets[-1].params["w1"].tobytes()
    assert finder.last.pick == real(nets[-1], data.test_images, data.test_labels, N_SEARCH)
    finder.shutdown()
