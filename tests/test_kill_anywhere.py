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

from tests import killing

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
