"""The soak's scripted afternoon (gui/soak.py): its table of activities and the reading back of
the files it writes. The afternoon itself is `lenet-gui soak --minutes 120` (a command, not a
test); tests/test_cli.py runs a few seconds of it."""

from __future__ import annotations

import pytest

from lenet_gui.gui.soak import ACTIVITIES, Activity, read_back


def _afternoon(seconds: int, activities=ACTIVITIES) -> dict[str, int]:
    """The activities done in `seconds`, one a turn at one turn a second, as run_soak does."""
    done: dict[str, int] = {}
    for t in range(seconds + 1):
        for a in activities:
            if a.due(t, done.get(a.name, 0)):
                done[a.name] = done.get(a.name, 0) + 1
                break
    return done


def test_three_minutes_do_every_activity_and_two_hours_keep_the_runs_bounded():
    assert set(_afternoon(180)) == {a.name for a in ACTIVITIES}
    two_hours = _afternoon(2 * 3600)
    assert two_hours["train a new run"] == 5 and two_hours["switch the language"] == 1
    assert two_hours["draw a digit"] > 500 and two_hours["export"] >= 25


def test_an_activity_is_due_at_its_first_time_then_at_its_pace_at_most_its_times():
    a = Activity("x", lambda _: None, first=30, every=60, times=2)
    assert not a.due(29.9, 0) and a.due(30, 0)
    assert not a.due(89, 1) and a.due(90, 1)
    assert not a.due(10_000, 2)


def test_read_back_refuses_what_cannot_be_read(tmp_path, qapp):
    from PySide6.QtGui import QImage

    from lenet_gui.gui.export import write_history_csv
    from lenet_gui.model import LeNet5
    from lenet_gui.train import TrainingHistory, save_checkpoint

    good = {"png": tmp_path / "a.png", "csv": tmp_path / "a.csv", "svg": tmp_path / "a.svg",
            "checkpoint": tmp_path / "a.npz"}
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(good["png"]))
    write_history_csv(TrainingHistory(), good["csv"])
    good["svg"].write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    save_checkpoint(good["checkpoint"], LeNet5())
    for kind, path in good.items():
        read_back(kind, path)
        bad = tmp_path / ("bad-" + path.name)
        data = path.read_bytes()
        bad.write_bytes(data[: len(data) // 2] if kind != "csv" else b"a,b\n1\n")
        with pytest.raises(Exception):  # noqa: B017 - whatever the reader raises is reported
            read_back(kind, bad)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # the dock raised
def test_digits_added_and_a_lab_walked_are_read_back_and_a_lost_digit_is_reported(
        make_window, tmp_path):
    """The afternoon's My digits and Labs rows in a real window: digits drawn and added (the
    fourth taken back with Undo add), the architecture lab walked with its typed answers; the
    reading back finds them on disk, and says so when a digit file has gone."""
    from lenet_gui.gui.soak import (
        Afternoon,
        SoakReport,
        _read_everything_back,
        add_digits,
        walk_lab,
    )

    w = make_window(my_digits_dir=tmp_path / "my_digits")
    a = Afternoon(w, SoakReport(1), tmp_path / "files")
    for n in range(4):
        a.report.activities["add a digit to My digits"] = n
        add_digits(a)
    assert a.report.digits_added == 3
    assert sorted(p.parent.name for p in (tmp_path / "my_digits").rglob("*.png")
                  if ".trash" not in p.parts) == ["0", "1", "7"]
    walk_lab(a)
    assert len(a.report.lab_steps) == 6 and not a.report.warnings
    a.report.activities["walk a lab"] = 3  # the same lab again: from its first step
    walk_lab(a)
    assert len(a.report.lab_steps) == 6 and not a.report.warnings, a.report.warnings
    # Table 1 twice: its predict step, revealed in the first walk, stays revealed (its Reveal
    # disabled) when the lab is walked again; the walk takes it as done
    for n in (1, 4):
        a.report.activities["walk a lab"] = n
        walk_lab(a)
        assert not a.report.warnings, a.report.warnings
    assert {lab for lab, _ in a.report.lab_steps} == {"architecture", "table1"}
    a.report.activities["walk a lab"] = 1
    _read_everything_back(a, tmp_path / "runs", tmp_path / "labs", tmp_path / "my_digits")
    assert a.report.unreadable == [] and a.report.files_read_back >= 4

    next(p for p in (tmp_path / "my_digits" / "7").glob("*.png")).unlink()
    a.report.unreadable.clear()
    _read_everything_back(a, tmp_path / "runs", tmp_path / "labs", tmp_path / "my_digits")
    assert a.report.unreadable == ["My digits: 2 read, 3 added"]


def test_the_read_back_holds_one_run_timeline_at_a_time(tmp_path, monkeypatch):
    """The afternoon's last read of the run store checks every run's timeline and lets it go
    before the next is read (a two-hour afternoon's runs kept together had made its largest
    memory); a damaged one is still reported."""
    import gc
    import weakref

    from lenet_gui.gui import soak
    from lenet_gui.model import LeNet5
    from lenet_gui.train import runs as runs_module
    from lenet_gui.train.runs import Run, RunStore, new_id
    from lenet_gui.train.timeline import Timeline

    store = RunStore(tmp_path / "runs")
    for seed in range(3):
        net = LeNet5(seed=seed)
        run = Run(new_id(), f"run {seed}", net.config, runs_module.TrainConfig(seed=seed),
                  "random", net.snapshot().params)
        tl = Timeline()
        for batch in range(3):
            tl.record(batch, LeNet5(seed=seed + batch).snapshot().params)
        run.timeline = tl
        store.save(run, timeline=True)
    damaged = sorted((tmp_path / "runs").glob("*.timeline.npz"))[-1]
    damaged.write_bytes(damaged.read_bytes()[:-200])

    alive_at_each_read, read = [], []
    real = runs_module.load_timeline_of

    def counted(path, config):
        gc.collect()
        alive_at_each_read.append(sum(r() is not None for r in read))
        tl, error = real(path, config)
        if tl is not None:
            read.append(weakref.ref(tl))
        return tl, error

    monkeypatch.setattr(runs_module, "load_timeline_of", counted)
    a = soak.Afternoon(None, soak.SoakReport(1), tmp_path / "files")
    soak._read_everything_back(a, tmp_path / "runs", tmp_path / "labs", tmp_path / "my")
    assert alive_at_each_read == [0, 0, 0] and len(read) == 2
    assert a.report.files_read_back == 6
    assert len(a.report.unreadable) == 1 and damaged.name.split(".")[0] in a.report.unreadable[0]
