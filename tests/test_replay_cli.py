"""`lenet-gui replay RUN --panel kernels --out k.gif`: a run recorded with its timeline (a short
one here: 60 batches on a small subset, saved as `train --timeline --out` saves it) becomes a
GIF with one frame per snapshot, most of them distinct; bad inputs are one-line errors."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PIL import Image

from lenet_gui.commands import main
from lenet_gui.train.runs import load_run, save_run
from tests import helpers
from tests.gui.timeline_fixtures import record_run

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    small = helpers.subset(2000, 500, "small")
    path = tmp_path_factory.mktemp("replay") / "run.npz"
    save_run(record_run(small, batches=40), path)
    return path


def test_replay_writes_a_gif_of_distinct_frames(run_file, tmp_path, capsys):
    out = tmp_path / "k.gif"
    assert main(["replay", str(run_file), "--panel", "kernels", "--layer", "c1", "--no-caption",
                 "--size", "420x300", "--out", str(out), "--fps", "12"]) == 0
    text = capsys.readouterr().out
    tl = load_run(run_file).timeline
    n = len(tl)
    assert n >= 40
    assert f"{n} frames (" in text
    distinct = int(text.split(f"{n} frames (")[1].split(" distinct")[0])
    assert distinct >= 30
    with Image.open(out) as im:
        assert im.format == "GIF" and im.info.get("duration") == 80  # 1/12 s, in 1/100 s
        frames = []
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(np.asarray(im.convert("RGB")).tobytes())
    assert len(set(frames)) >= 30
    assert not list(tmp_path.glob(".*tmp"))  # written atomically: no temp file left


def test_replay_range_apng_and_frames(run_file, tmp_path, capsys):
    out = tmp_path / "k.png"
    assert main(["replay", str(run_file), "--panel", "kernels", "--from", "10", "--to", "19",
                 "--size", "300x240", "--layer", "c1", "--out", str(out)]) == 0
    assert "10 frames (10 distinct)" in capsys.readouterr().out
    with Image.open(out) as im:
        assert im.format == "PNG" and getattr(im, "n_frames", 1) == 10
    folder = tmp_path / "frames"
    assert main(["replay", str(run_file), "--panel", "feature_maps", "--to", "2",
                 "--size", "500x400", "--out", str(folder), "--format", "frames"]) == 0
    files = sorted(folder.glob("frame_*.png"))
    assert [f.name for f in files] == ["frame_0000_batch_0.png", "frame_0001_batch_1.png",
                                      "frame_0002_batch_2.png"]


@pytest.mark.parametrize("argv, message", [
    (["--panel", "nope"], "no panel 'nope'"),
    (["--from", "100000"], "no recorded snapshot"),
    (["--fps", "0"], "--fps must be positive"),
    (["--layer", "q9"], "no section of layer 'q9'"),
])
def test_replay_errors(run_file, tmp_path, capsys, argv, message):
    assert main(["replay", str(run_file), "--out", str(tmp_path / "x.gif"), *argv]) != 0
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.gif").exists()


def test_replay_of_a_run_without_timeline_or_damaged(tmp_path, capsys):
    from lenet_gui.model import LeNet5
    from lenet_gui.train import save_checkpoint

    plain = save_checkpoint(tmp_path / "plain.npz", LeNet5(seed=0))  # weights, no timeline
    assert main(["replay", str(plain), "--out", str(tmp_path / "x.gif")]) == 1
    assert "no timeline" in capsys.readouterr().err
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    assert main(["replay", str(bad), "--out", str(tmp_path / "x.gif")]) == 1
    assert "bad.npz" in capsys.readouterr().err
