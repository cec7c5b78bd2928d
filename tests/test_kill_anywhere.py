"""Kill at any moment (tests/killing.py): the command line's training, the app's autosave, a
run export, a workspace save, a timeline, the labs' progress and My digits are each killed
with SIGKILL at random, seeded moments; after each kill what was saved loads, equal to what was
saved, nothing older comes back, and no temporary file is left once the folder is read or
written again.

The suite runs LENET_KILL_TRIALS trials (20 by default: one app, the others command-line,
writer and editor children); the on-demand profile runs 200:

    LENET_KILL_TRIALS=200 python -m pytest -q -s -m kill tests/test_kill_anywhere.py
    python -m tests.killing trials 200 --seed 1       # the same, without pytest
    python -m tests.killing trials 200 --kinds "lab progress" "my digits"   # some kinds only

LENET_KILL_SEED picks another seed (each trial's delay is derived from it and printed)."""

from __future__ import annotations

import os

import pytest

from tests import killing, killing_edits

pytestmark = [pytest.mark.kill, pytest.mark.posix_only("SIGKILL")]


@pytest.mark.parametrize("kind", sorted(killing.KINDS))
def test_a_kill_at_any_moment_loses_nothing_that_was_saved(kind, tmp_path, capsys):
    """Each kind its share of the trials (killing.plan), one test per kind so that the suite's
    workers share them."""
    n = int(os.environ.get("LENET_KILL_TRIALS", "20"))
    seed = int(os.environ.get("LENET_KILL_SEED", "0"))
    share = killing.plan(n, killing.KINDS).count(kind)
    lines = []
    trials = killing.run_trials(share, seed, tmp_path, kinds={kind: killing.KINDS[kind]},
                                log=lines.append)
    report = "\n".join(lines) + "\n" + killing.histogram(trials)
    with capsys.disabled():  # the histogram of where the kills landed, in every run
        print("\n" + killing.histogram(trials))
    faults = [t for t in trials if t.error is not None]
    assert not faults, report
    assert len(trials) == share >= 1


@pytest.mark.parametrize("name", sorted(killing_edits.EDITORS))
def test_an_editors_check_sees_a_lost_edit_and_a_damaged_file(name, tmp_path):
    """The checks the kills rely on can fail: after edits 1…8 made in this process, the store
    is not taken for edits 1…7 or 1…9, and a file cut short is a fault."""
    e = killing_edits.EDITORS[name]
    store = e.open(tmp_path)
    for n in range(1, 9):
        e.edit(store, n)
    e.expect(tmp_path, list(range(1, 9)))
    for wrong in (7, 9):
        with pytest.raises(AssertionError):
            e.expect(tmp_path, list(range(1, wrong + 1)))
    victim = max((p for p in tmp_path.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    with pytest.raises(AssertionError):
        e.expect(tmp_path, list(range(1, 9)))
