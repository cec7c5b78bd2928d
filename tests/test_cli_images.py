"""The command line on folders of pictures: `evaluate --images DIR`, `classify DIR` and
`train --images DIR` (fine-tuning), as a user runs them, in process."""

import gzip
import re
import struct

import numpy as np
import pytest
from PIL import Image

from lenet_gui.commands import main as cli_main
from lenet_gui.train import load_checkpoint
from lenet_gui.train.finetune import FEATURES
from lenet_gui.train.runs import load_run
from lenet_gui.train.trainer import layer_of
from tests import helpers

LAST = re.compile(r"^accuracy: (?P<pct>\d+\.\d\d)% \((?P<right>\d+) of (?P<n>\d+) images\)$")
FILE_LINE = re.compile(r"^(?P<file>.+): (?P<digit>\d) \((?P<pct>\d+\.\d)%\)$")


def cli(capsys, *argv):
    code = cli_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """20 MNIST test digits at 2×, dark on light, in DIR/<label>/; three of them filed under a
    wrong label (so the confusion matrix has off-diagonal cells), and one unreadable file."""
    d = helpers.mnist()
    root = tmp_path_factory.mktemp("pictures")
    labels = d.test_labels[:20].copy()
    labels[[3, 8, 15]] = (labels[[3, 8, 15]] + 1) % 10
    for i in range(20):
        (root / str(labels[i])).mkdir(exist_ok=True)
        big = np.kron(255 - d.test_images[i], np.ones((2, 2), np.uint8))
        Image.fromarray(big).save(root / str(labels[i]) / f"d{i:02d}.png")
    (root / str(labels[0]) / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    return root


@pytest.fixture(scope="module")
def small_mnist(tmp_path_factory):
    """A small MNIST in the IDX layout (320 training, 200 test images)."""
    d = helpers.mnist()
    out = tmp_path_factory.mktemp("mnist_small")

    def idx(a):
        return struct.pack(">HBB", 0, 8, a.ndim) + struct.pack(f">{a.ndim}I", *a.shape) + \
            a.astype(np.uint8).tobytes()

    for name, arr in {"train-images-idx3-ubyte": d.train_images[:320],
                      "train-labels-idx1-ubyte": d.train_labels[:320],
                      "t10k-images-idx3-ubyte": d.test_images[:200],
                      "t10k-labels-idx1-ubyte": d.test_labels[:200]}.items():
        (out / f"{name}.gz").write_bytes(gzip.compress(idx(arr)))
    return out


def test_evaluate_on_a_folder_equals_classifying_its_files_one_by_one(folder, capsys):
    code, out, err = cli(capsys, "evaluate", "--images", str(folder))
    assert code == 0, err
    lines = out.strip().splitlines()
    m = LAST.match(lines[-1])
    assert m, lines[-1]
    assert "1 file skipped" in out and "broken.png" in out
    rows = lines.index("confusion matrix (rows: true, columns: predicted):")
    confusion = np.array([[int(v) for v in ln.split()[1:]] for ln in lines[rows + 2 : rows + 12]])
    # one by one, as `classify FILE` prepares each file alone
    mine = np.zeros((10, 10), int)
    for path in sorted(folder.glob("*/d*.png")):
        code, fout, _ = cli(capsys, "classify", str(path))
        assert code == 0
        mine[int(path.parent.name), int(FILE_LINE.match(fout.strip().splitlines()[-1])["digit"])] += 1
    np.testing.assert_array_equal(confusion, mine)
    assert int(m["right"]) == np.trace(mine) and int(m["n"]) == 20
    assert float(m["pct"]) == pytest.approx(100 * np.trace(mine) / 20, abs=0.005)
    assert 0 < np.trace(mine) < 20  # the mislabelled ones are wrong


def test_classify_a_folder_gives_one_line_per_file(folder, tmp_path, capsys):
    code, out, err = cli(capsys, "classify", str(folder))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 20 and all(FILE_LINE.match(ln) for ln in lines)
    assert err.count("\n") == 1 and "1 file skipped" in err
    flat = tmp_path / "flat"  # a plain folder of pictures, no class folders
    flat.mkdir()
    for p in sorted(folder.glob("*/d0*.png"))[:3]:
        (flat / p.name).write_bytes(p.read_bytes())
    code, out, _ = cli(capsys, "classify", str(flat))
    assert code == 0 and [FILE_LINE.match(ln)["file"] for ln in out.strip().splitlines()] == \
        [str(p) for p in sorted(flat.iterdir())]


def test_fine_tuning_from_the_command_line(folder, small_mnist, tmp_path, capsys):
    out_file = tmp_path / "mine.npz"
    code, out, err = cli(capsys, "train", "--images", str(folder), "--data", str(small_mnist),
                         "--epochs", "2", "--batch-size", "8", "--out", str(out_file))
    assert code == 0, err
    lines = out.strip().splitlines()
    assert re.match(r"^my digits, held out \(\d+ images\): \d+\.\d\d% -> \d+\.\d\d%$", lines[-2])
    assert re.match(r"^MNIST test \(200 images\): \d+\.\d\d% -> \d+\.\d\d%$", lines[-1])
    assert "1 file skipped" in out
    run = load_run(out_file)
    assert run.start == "fine-tuned" and run.train_config.freeze == FEATURES
    assert run.train_config.images == str(folder) and run.train_config.holdout == 0.5
    start = load_checkpoint(helpers.weights_path())
    for k, v in run.params.items():  # c1…c5 kept bit for bit; f6 and f7 taught
        assert np.array_equal(v, start.params[k]) == (layer_of(k) in FEATURES), k


@pytest.mark.parametrize("argv, message", [
    (["evaluate", "--images", "{tmp}/nope"], "no such folder"),
    (["evaluate", "--images", "{tmp}/bad10"], "'10' is not a class"),
    (["evaluate", "--images", "{tmp}/empty"], "no class folders"),
    (["evaluate", "--images", "{tmp}/noimages"], "no pictures"),
    (["evaluate", "--images", "{folder}", "--data", "{tmp}"], "cannot be combined"),
    (["train", "--images", "{folder}", "--freeze", "c2", "--out", "{tmp}/o.npz"], "not a layer"),
    (["train", "--images", "{folder}", "--mix-mnist", "1.5", "--out", "{tmp}/o.npz"], "[0, 1)"),
    (["train", "--images", "{folder}", "--holdout", "1", "--out", "{tmp}/o.npz"], "[0, 1)"),
    (["train", "--images", "{folder}", "--from", "{tmp}/none.npz", "--out", "{tmp}/o.npz"],
     "none.npz"),
    (["train", "--images", "{folder}", "--pooling", "mean", "--out", "{tmp}/o.npz"],
     "cannot be combined with --images"),
    (["train", "--freeze", "c1", "--out", "{tmp}/o.npz"], "needs --images"),
    (["classify", "{tmp}/empty"], "no pictures"),
])
def test_bad_input_is_one_line_and_a_nonzero_exit(argv, message, folder, tmp_path, capsys):
    (tmp_path / "bad10" / "10").mkdir(parents=True)
    (tmp_path / "empty").mkdir()
    (tmp_path / "noimages" / "4").mkdir(parents=True)
    (tmp_path / "noimages" / "4" / "a.txt").write_text("x")
    code, out, err = cli(capsys, *[a.format(tmp=tmp_path, folder=folder) for a in argv])
    assert code != 0
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err
