"""`lenet-gui backprop`: the walk printed step by step with its finite-difference checks and
the last line, from a test sample or an image file; bad input is a one-line error."""

from __future__ import annotations

import re

import numpy as np
import pytest

from lenet_gui.model import LeNet5
from lenet_gui.train import save_checkpoint
from tests.portable import as_printed

NUMBER = r"\d+(?:\.\d+)?(?:e[-+]\d\d)?"
LAST_LINE = re.compile(rf"^max relative error: \d\.\de[-+]\d\d  J: ({NUMBER}) -> ({NUMBER})$")


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("w") / "w.npz"
    save_checkpoint(path, LeNet5(seed=2))
    return str(path)


def test_cli_prints_the_walk_and_the_last_line(checkpoint, capsys):
    from lenet_gui.commands import main

    assert main(["backprop", "--weights", checkpoint, "--sample", "3"]) == 0
    lines = capsys.readouterr().out.rstrip("\n").splitlines()
    m = LAST_LINE.match(lines[-1])
    assert m, lines[-1]
    assert m.group(1) != m.group(2)  # the update's effect shows in the digits
    text = "\n".join(lines)
    for name in ("δ(f7)", "δ(u_c3)", "δ(w3)", "δ(s2)", "δ(w1)", "δ(x)"):
        assert as_printed(name) in text  # "delta(f7)" on a cp1252 console
    assert "(16, 10, 10)" in text and "norm" in text and "rel. error" in text
    err = float(lines[-1].split()[3])
    assert err < 1e-6
    j0, j1 = (float(v) for v in lines[-1].split("J: ")[1].split(" -> "))
    assert j1 <= j0


def test_cli_image_input(checkpoint, tmp_path, capsys):
    pil = pytest.importorskip("PIL.Image")
    img = np.full((40, 40), 255, np.uint8)
    img[8:32, 18:23] = 0  # a dark "1" on white
    path = tmp_path / "one.png"
    pil.fromarray(img).save(path)
    from lenet_gui.commands import main

    assert main(["backprop", "--weights", checkpoint, "--image", str(path), "--label", "1"]) == 0
    assert LAST_LINE.match(capsys.readouterr().out.rstrip("\n").splitlines()[-1])


@pytest.mark.parametrize("argv, message", [
    (["--sample", "10000"], "--sample must be a test index"),
    (["--sample", "-1"], "--sample must be a test index"),
    (["--label", "10"], "--label must be a digit"),
    (["--image", "/nonexistent.png"], "no such file"),
])
def test_cli_bad_input_is_one_line_error(checkpoint, capsys, argv, message):
    from lenet_gui.commands import main

    assert main(["backprop", "--weights", checkpoint] + argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("lenet-gui backprop: error:")


def test_j_digits_show_the_update_of_a_learned_sample(capsys):
    """Test image 0 is learned by the shipped weights (J ≈ 4e-4): "0.0004 -> 0.0004" hid the
    update; the printed J must differ and read back as the numbers they stand for."""
    from lenet_gui.commands import main
    from lenet_gui.explain.formulas import fmt_J

    assert main(["backprop", "--sample", "0"]) == 0
    out = capsys.readouterr().out
    m = LAST_LINE.match(out.rstrip("\n").splitlines()[-1])
    before, after = float(m.group(1)), float(m.group(2))
    assert before < 1e-3 and after < before
    assert f"J drops from {m.group(1)} to {m.group(2)}" in out
    assert fmt_J(3.9512e-4, 3.9104e-4) == ("3.951e-04", "3.910e-04")
    assert fmt_J(1.9909, 0.2689) == ("1.991", "0.2689")
    assert fmt_J(0.5, 0.5) == ("0.5", "0.5")
