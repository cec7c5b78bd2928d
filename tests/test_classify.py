"""`python main.py classify IMAGE... [--weights FILE]`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

PIL = pytest.importorskip("PIL")
from PIL import Image  # noqa: E402

from lenet_gui.commands import main as cli_main  # noqa: E402
from lenet_gui.commands.classify import format_result  # noqa: E402
from lenet_gui.data.images import load_image  # noqa: E402
from tests import (
    helpers,  # noqa: E402
    portable,  # noqa: E402
)
from tests.helpers import weights_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LAST_LINE = re.compile(r"^(?P<file>.+): (?P<digit>\d) \((?P<pct>\d+\.\d)%\)$")


@pytest.fixture(scope="module")
def digits():
    data = helpers.mnist()
    return data.test_images[:3], data.test_labels[:3]  # 7, 2, 1


def run(argv, capsys):
    code = cli_main(["classify", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_png_dark_on_light_and_jpg_light_on_dark(tmp_path, digits, capsys):
    images, labels = digits
    # dark ink on white, enlarged, as someone would draw it in a paint program
    png = tmp_path / "seven.png"
    Image.fromarray(255 - images[0]).resize((200, 200), Image.BILINEAR).save(png)
    # light ink on black, MNIST's own look, as JPEG
    jpg = tmp_path / "two.jpg"
    Image.fromarray(images[1]).resize((84, 84), Image.BILINEAR).convert("RGB").save(jpg)
    # black strokes on a transparent sheet
    rgba = np.zeros((112, 112, 4), np.uint8)
    rgba[..., 3] = np.kron(images[2], np.ones((4, 4), np.uint8))
    alpha_png = tmp_path / "one.png"
    Image.fromarray(rgba, "RGBA").save(alpha_png)

    code, out, err = run([str(png), str(jpg), str(alpha_png), "--weights", weights_path()],
                         capsys)
    assert code == 0, err
    assert err == ""
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 3
    for block, path, label in zip(blocks, (png, jpg, alpha_png), labels):
        lines = block.splitlines()
        assert lines[0] == str(path)
        probs = [float(re.match(r"\s+(\d)\s+([\d.]+)%", ln).group(2)) for ln in lines[1:11]]
        assert [int(ln.split()[0]) for ln in lines[1:11]] == list(range(10))
        assert abs(sum(probs) - 100) < 0.1
        m = LAST_LINE.match(lines[-1])  # the last line: `FILE: 7 (98.6%)`
        assert m, lines[-1]
        assert m["file"] == str(path) and int(m["digit"]) == label
        assert float(m["pct"]) > 50


def test_large_picture(tmp_path, digits, capsys):
    big = tmp_path / "big.png"
    Image.fromarray(255 - digits[0][0]).resize((3000, 2000), Image.NEAREST).save(big)
    code, out, err = run([str(big), "--weights", weights_path()], capsys)
    assert code == 0, err
    assert out.strip().splitlines()[-1].startswith(f"{big}: 7 (")


def test_corrupt_file(tmp_path, digits, capsys):
    good = tmp_path / "good.png"
    Image.fromarray(digits[0][0]).save(good)
    bad = tmp_path / "broken.png"
    bad.write_bytes(good.read_bytes()[:60])  # a PNG header and a truncated chunk
    code, out, err = run([str(bad), "--weights", weights_path()], capsys)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and "corrupt" in lines[0]
    assert "Traceback" not in err and out == ""


def test_non_image_file(tmp_path, capsys):
    text = tmp_path / "notes.png"
    text.write_text("this is not a picture\n")
    code, out, err = run([str(text), "--weights", weights_path()], capsys)
    assert code != 0
    assert err.count("\n") == 1
    assert str(text) in err and "not an image" in err


def test_missing_file_and_directory(tmp_path, capsys):
    code, _, err = run([str(tmp_path / "nope.png"), "--weights", weights_path()], capsys)
    assert code != 0 and "no such file" in err and err.count("\n") == 1
    code, _, err = run([str(tmp_path), "--weights", weights_path()], capsys)  # an empty folder
    assert code != 0 and "no pictures" in err and err.count("\n") == 1


def test_blank_picture_is_an_error(tmp_path, capsys):
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    code, out, err = run([str(blank), "--weights", weights_path()], capsys)
    assert code != 0 and "blank" in err and out == ""


def test_good_files_still_classified_when_one_is_bad(tmp_path, digits, capsys):
    good = tmp_path / "seven.png"
    Image.fromarray(digits[0][0]).save(good)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0garbage")
    code, out, err = run([str(bad), str(good), "--weights", weights_path()], capsys)
    assert code != 0
    assert out.strip().splitlines()[-1].startswith(f"{good}: 7 (")
    assert str(bad) in err and err.count("\n") == 1


def test_bad_weights_file(tmp_path, digits, capsys):
    good = tmp_path / "seven.png"
    Image.fromarray(digits[0][0]).save(good)
    junk = tmp_path / "w.npz"
    junk.write_bytes(b"junk")
    code, out, err = run([str(good), "--weights", str(junk)], capsys)
    assert code != 0 and str(junk) in err and err.count("\n") == 1


def test_no_files_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as e:
        cli_main(["classify"])
    assert e.value.code == 2


def test_format_result_last_line():
    probs = np.full(10, 0.014 / 9)
    probs[7] = 0.986
    lines = format_result("a.png", probs)
    assert lines[-1] == "a.png: 7 (98.6%)"
    assert len(lines) == 12


def test_load_image_polarity_agrees(tmp_path, digits):
    img = digits[0][0]
    Image.fromarray(img).save(tmp_path / "light.png")
    Image.fromarray(255 - img).save(tmp_path / "dark.png")
    np.testing.assert_allclose(load_image(tmp_path / "light.png"),
                               load_image(tmp_path / "dark.png"), atol=1e-6)


def test_through_main_py(tmp_path, digits):
    """The real entry point, in a subprocess: the output and the exit code."""
    good = tmp_path / "seven.png"
    Image.fromarray(255 - digits[0][0]).resize((112, 112)).save(good)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "classify", str(good),
                        "--weights", weights_path()], capture_output=True, timeout=60,
                       **portable.cli_options(env))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1].startswith(f"{good}: 7 (")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "classify", str(bad),
                        "--weights", weights_path()], capture_output=True, timeout=60,
                       **portable.cli_options(env))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and str(bad) in r.stderr
