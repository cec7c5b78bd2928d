"""The command line as a user runs it: python main.py …"""

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests import helpers, portable

ROOT = Path(__file__).resolve().parents[1]


def run(*args, timeout=300):
    env = {"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          timeout=timeout, cwd=ROOT, **portable.cli_options(env))


def _idx(arr):
    import struct
    return (struct.pack(">HBB", 0, 8, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
            + arr.astype(np.uint8).tobytes())


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory):
    d = helpers.mnist()
    out = tmp_path_factory.mktemp("mnist_small")
    (out / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(_idx(d.train_images[:640])))
    (out / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(_idx(d.train_labels[:640])))
    (out / "t10k-images-idx3-ubyte").write_bytes(_idx(d.test_images[:300]))
    (out / "t10k-labels-idx1-ubyte").write_bytes(_idx(d.test_labels[:300]))
    return out


def test_train_then_evaluate(small_dir, tmp_path):
    ckpt = tmp_path / "w.npz"
    r = run("train", "--epochs", "1", "--batch-size", "32", "--data", str(small_dir), "--out",
            str(ckpt))
    assert r.returncode == 0, r.stderr
    last = r.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"test accuracy: \d+\.\d\d%", last), last
    assert "samples/s" in r.stdout and "ETA" in r.stdout
    r = run("evaluate", "--weights", str(ckpt), "--data", str(small_dir))
    assert r.returncode == 0, r.stderr
    assert "confusion matrix" in r.stdout and "per-class accuracy" in r.stdout
    assert re.fullmatch(r"test accuracy: \d+\.\d\d%", r.stdout.strip().splitlines()[-1])


def test_train_records_a_timeline(small_dir, tmp_path):
    """`train --timeline --out F`: F is a run (a workspace) holding the timeline, every batch of
    the first 50 and the last, the last equal to the saved weights; `replay` reads F."""
    from lenet_gui.train.runs import load_run

    out = tmp_path / "run.npz"
    r = run("train", "--epochs", "1", "--batch-size", "32", "--data", str(small_dir),
            "--timeline", "--out", str(out))
    assert r.returncode == 0, r.stderr
    m = re.search(r"timeline: (\d+) snapshots of batches 0\.\.20, [\d.]+ MB \((\d+) kB a "
                  r"snapshot\)", r.stdout)
    assert m and int(m.group(1)) == 21, r.stdout
    saved = load_run(out)
    assert saved.timeline_error is None and list(saved.timeline.batches) == list(range(21))
    last = saved.timeline.params(-1)
    assert all(last[k].tobytes() == saved.params[k].tobytes() for k in saved.params)
    assert saved.history.n_batches == 20 and saved.train_config.batch_size == 32
    plain = tmp_path / "plain.npz"
    r = run("train", "--epochs", "1", "--batch-size", "32", "--data", str(small_dir),
            "--out", str(plain))
    assert r.returncode == 0 and "timeline:" not in r.stdout
    assert load_run(plain).timeline is None


@pytest.mark.parametrize("args, message", [
    (["train", "--data", "/nonexistent"], "not a directory"),
    (["train", "--lr", "-1"], "learning rate must be a positive number"),
    (["train", "--epochs", "x"], "invalid int value"),
    (["train", "--pooling", "median"], "invalid choice"),
    (["train", "--out", "/nonexistent/dir/w.npz"], "no such directory"),
    (["evaluate", "--weights", "/nonexistent.npz"], "no such file"),
    (["nonsense"], "invalid choice"),
])
def test_bad_input_is_one_line_and_nonzero(args, message):
    r = run(*args)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert message in lines[0]
    assert "Traceback" not in r.stderr


def test_corrupt_data_and_checkpoint(tmp_path, small_dir):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip at all")
    r = run("evaluate", "--weights", str(bad))
    assert r.returncode == 1 and "not a valid .npz" in r.stderr and len(r.stderr.splitlines()) == 1
    broken = tmp_path / "data"
    broken.mkdir()
    for f in small_dir.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "t10k-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03garbage")
    r = run("train", "--data", str(broken), "--out", str(tmp_path / "x.npz"))
    assert r.returncode == 1 and "t10k-images-idx3-ubyte" in r.stderr
    assert "Traceback" not in r.stderr


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("lenet-gui ")


def test_peak_memory_counts_the_whole_process_tree():
    """A parent holding 40 MB and a child holding 60 MB at the same time: the tree's peak is
    at least their sum, and each process's own high-water mark is listed."""
    child = ("import time; b = bytearray(60 * 2**20); b[::4096] = b'x' * len(b[::4096]); "
             "time.sleep(1.0)")
    parent = ("import subprocess, sys, time; a = bytearray(40 * 2**20); "
              "a[::4096] = b'x' * len(a[::4096]); "
              f"p = subprocess.Popen([sys.executable, '-c', {child!r}]); p.wait()")
    r = subprocess.run([sys.executable, "main.py", "peak-memory", "--", sys.executable, "-c",
                        parent], cwd=ROOT, capture_output=True, timeout=60, **portable.cli_options())
    assert r.returncode == 0, r.stderr
    m = re.search(r"process tree: (\d+) MB", r.stderr)
    assert m and int(m.group(1)) >= 100, r.stderr
    highs = [int(v) for v in re.findall(r"high-water mark (\d+) MB", r.stderr)]
    assert len(highs) == 2 and max(highs) >= 60, r.stderr


def test_peak_memory_passes_on_the_exit_code():
    r = subprocess.run([sys.executable, "main.py", "peak-memory", "--", sys.executable, "-c",
                        "raise SystemExit(3)"], cwd=ROOT, capture_output=True, timeout=60,
                       **portable.cli_options())
    assert r.returncode == 3


# ----------------------------------------------------------------------- the commands package

def test_every_subcommand_is_listed_once_and_has_help():
    import pkgutil

    import lenet_gui.commands as commands

    modules = {m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")}
    listed = [m.__name__.rsplit(".", 1)[1] for m in commands.COMMANDS]
    assert sorted(listed) == sorted(modules) and len(set(listed)) == len(listed)
    names = list(commands.build_parser()._subparsers._group_actions[0].choices)
    assert len(names) == len(set(names)) == len(listed)
    for name in names:
        r = run(name, "--help", timeout=60)
        assert r.returncode == 0, (name, r.stderr)
        assert r.stdout.startswith(f"usage: lenet-gui {name}"), (name, r.stdout)


def test_commands_import_no_qt():
    code = ("import sys, pkgutil, importlib, lenet_gui.commands as c\n"
            "for m in pkgutil.iter_modules(c.__path__):\n"
            "    importlib.import_module('lenet_gui.commands.' + m.name)\n"
            "c.build_parser()\n"
            "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'pyqtgraph',"
            " 'shiboken6'))\n"
            "print(bad)\n"
            "sys.exit(1 if bad else 0)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


SHOT_FIRST = re.compile(r"^ready: \d+\.\d s \(empty window: (\d+\.\d s, ratio \d+\.\d|n/a)\)$")
SHOT_LAST = re.compile(r"^ui ticks: \d+%  p99 lateness: \d+ ms  training samples/s: \d+  "
                       r"headless: \d+ \((before \d+, after \d+|after \d+ only)\)  "
                       r"gui/headless: \d+%$")


SHOT_FRAMES = re.compile(r"^frames: (\d+) in (\d+\.\d) s \((\d+\.\d) a second\)$")
SHOT_RUN = re.compile(r"^run: run 1 from random weights, loss (\d+\.\d\d) -> (\d+\.\d\d), "
                      r"test accuracy \d+\.\d%( \(99\.0% after \d+ s of training\))?$")


@pytest.mark.slow
def test_screenshot_prints_ready_first_and_the_speeds_last(tmp_path):
    """The format only: speeds depend on the machine and its load. By default the shipped
    weights are a read-only run and Train starts a new run from random weights. One second
    of training (it was two): every line is printed after any amount of training, and the
    first loss is the first batch's."""
    out = tmp_path / "shot.png"
    r = run("screenshot", "--train-seconds", "1", "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert SHOT_FIRST.match(lines[0]), lines
    assert SHOT_LAST.match(lines[-1]), lines
    assert SHOT_FRAMES.match(lines[-2]), lines
    first = SHOT_RUN.match(lines[-3])
    assert first, lines
    assert 1.5 < float(first.group(1)) < 4.0  # the course's initialisation: J ≈ log 10 = 2.30
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize("args, code, message", [
    (["--train-seconds", "-1"], 2, "--train-seconds must be >= 0"),
    (["--size", "big"], 2, "--size must be WxH"),
    (["--data", "/nonexistent"], 1, "not a directory"),
])
def test_screenshot_bad_input_is_one_line(tmp_path, args, code, message):
    r = run("screenshot", "--out", str(tmp_path / "shot.png"), *args)
    assert r.returncode == code
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], r.stderr
    assert lines[0].startswith("lenet-gui screenshot: error:")


def test_compare_rows_match_separate_train_runs_bit_for_bit(small_dir, tmp_path):
    """`compare c3` trains Table 1 and full C3 exactly as two `train` runs with the same seed."""
    out = tmp_path / "runs"
    r = run("compare", "c3", "--epochs", "1", "--seed", "3", "--data", str(small_dir),
            "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0].split() == ["configuration", "test", "accuracy", "test", "loss", "seconds",
                                "samples/s"]
    rows = {ln[:12].strip(): ln for ln in lines[1:3]}
    assert set(rows) == {"C3: Table 1", "C3: full"}
    best = re.fullmatch(r"best: (C3: (?:Table 1|full)) \((\d+\.\d\d)%\)", lines[-1])
    assert best, lines[-1]
    from lenet_gui.train import load_checkpoint

    for c3, name in (("table", "C3_Table_1"), ("full", "C3_full")):
        ckpt = tmp_path / f"train-{c3}.npz"
        t = run("train", "--epochs", "1", "--seed", "3", "--c3", c3, "--data", str(small_dir),
                "--out", str(ckpt))
        assert t.returncode == 0, t.stderr
        alone, compared = load_checkpoint(ckpt), load_checkpoint(out / f"{name}.npz")
        for k, a in alone.params.items():
            assert a.tobytes() == compared.params[k].tobytes(), (c3, k)
        acc = t.stdout.strip().splitlines()[-1].split()[-1]  # "test accuracy: 91.33%"
        row = rows["C3: Table 1" if c3 == "table" else "C3: full"]
        assert acc in row.replace(" %", "%"), (acc, row)


@pytest.mark.parametrize("args, message", [
    (["compare", "median-pooling"], "neither an experiment"),
    (["compare", "pooling=median"], "'pooling=median'"),
    (["compare", "colour=red"], "unknown option 'colour'"),
    (["compare", "lr=fast"], "bad value 'fast'"),
    (["compare", "c3", "--epochs", "0"], "--epochs must be at least 1"),
])
def test_compare_bad_input_is_one_line(args, message):
    r = run(*args, timeout=60)
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and message in r.stderr, r.stderr


@pytest.mark.slow
def test_soak_reports_memory_and_warnings(tmp_path):
    """A few seconds of the soak: the window trains, digits are drawn, memory is sampled."""
    r = run("soak", "--minutes", "0.2", "--warm-up", "0.05", "--sample-every", "0.5", timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.strip().splitlines()
    memory = [line for line in lines if line.startswith("memory of the process tree")]
    assert len(memory) == 1 and re.fullmatch(
        r"memory of the process tree: after 0\.05 min \d+ MB, at the end \d+ MB, "
        r"growth [+-]\d+ MB, peak \d+ MB", memory[0]), lines
    parts = lines[lines.index(memory[0]) + 1]
    if os.path.isdir("/proc") and not portable.active():
        assert re.fullmatch(r"  of which: anonymous \d+ -> \d+ MB, files \d+ -> \d+ MB, "
                            r"shared \d+ -> \d+ MB", parts), parts
    else:  # the parts of the resident memory are Linux's
        assert parts == "  of which: no parts on this system (Linux's /proc tells them)", parts
    halves, fit = lines[lines.index(memory[0]) + 2:lines.index(memory[0]) + 4]
    assert re.fullmatch(r"growth per half after warm-up: ([+-]\d+ MB in min \d+–\d+, "
                        r"[+-]\d+ MB in min \d+–\d+|too few samples \(sample more often\))",
                        halves), halves
    assert re.fullmatch(r"trend after warm-up: (too few samples \(sample more often\)|[+-]\d+\.\d\d MB "
                        r"a minute \(least squares, \d+ samples\); mean of the first third \d+ MB, "
                        r"of the last third \d+ MB)", fit), fit
    # What the memory is made of, in each sample (the heap's figures are glibc's), and the
    # object types that grew between the census at warm-up and the latest (ten samples on).
    samples = [line for line in lines if re.match(r" *\d+\.\d min ", line)]
    assert len(samples) >= 11
    for line in samples:
        assert re.search(r"\[(heap in use \d+, free \d+; )?python blocks \d+k; threads \d+\]$",
                         line), line
    if sys.platform.startswith("linux") and not portable.active():
        assert "heap in use" in samples[0]
    grown = [line for line in lines if line.startswith("        grown since warm-up: ")]
    assert grown and all(re.fullmatch(  # each census after the first, as it is taken
        r" +grown since warm-up: (none|[\w.<>]+ \+[\d,]+(, [\w.<>]+ \+[\d,]+)*)", g)
        for g in grown), grown
    census = lines[lines.index(fit) + 1:]
    assert len(census) == 1 and re.fullmatch(
        r"objects grown since warm-up \(gc census\): (none|[\w.<>]+ \+[\d,]+(, [\w.<>]+ "
        r"\+[\d,]+)*)", census[0]), census
    assert "warnings: 0" in lines
    drawn = re.search(r"([\d,]+) batches, [\d,]+ frames, (\d+) drawings", r.stdout)
    assert drawn and int(drawn.group(2)) >= 1 and int(drawn.group(1).replace(",", "")) > 0


def test_soak_trend_tells_a_slope_from_a_swing():
    """The soak's trend: a least-squares slope in MB a minute and the means of the thirds."""
    from lenet_gui.commands.soak import MB, trend

    minutes = np.arange(3, 31)
    swing = np.where(minutes % 2 == 0, 8, -8)  # ±8 MB from sample to sample, no trend
    flat = trend([(60.0 * t, int((340 + d) * MB)) for t, d in zip(minutes, swing)])
    assert abs(flat[0]) < 0.1 and abs(flat[1] - flat[2]) < 2
    growing = trend([(60.0 * t, int((340 + 0.5 * t + d) * MB)) for t, d in zip(minutes, swing)])
    assert growing[0] == pytest.approx(0.5, abs=0.1) and growing[2] - growing[1] > 8
    assert trend([(60.0 * t, 340 * MB) for t in range(5)]) is None



def test_soak_stretches_between_new_runs_tell_steps_from_a_trend():
    """Memory that steps up at each new run and is flat in between has flat stretches; a
    growth that goes on shows in every stretch. A stretch begins SETTLE_S after its new run;
    runs begun before the warm-up's end start no stretch of their own."""
    from lenet_gui.commands.soak import MB, SETTLE_S, stretches

    runs = [40.0, 1240.0, 2440.0, 3640.0, 4840.0]
    t = np.arange(0.0, 7200.0, 60.0)
    step = 10 * np.searchsorted(runs, t, side="right")  # +10 MB at each new run
    swing = np.where(np.arange(t.size) % 2 == 0, 3, -3)
    for growth, want in ((0.0, 0.0), (0.5, 0.5)):
        mb = 400 + step + swing + growth * t / 60
        got = stretches([(s, int(m * MB)) for s, m in zip(t, mb)], runs, after=600.0)
        assert [(lo, hi) for lo, hi, _ in got] == [
            (600.0, 1200.0), (1440.0, 2400.0), (2640.0, 3600.0), (3840.0, 4800.0),
            (5040.0, 7140.0)]
        assert all(lo >= 600 and all(not (r < lo < r + SETTLE_S) for r in runs)
                   for lo, _, _ in got)
        for _, _, fit in got:
            assert fit[0] == pytest.approx(want, abs=0.1)
    assert stretches([(s, 400 * MB) for s in t[:15]], runs, after=600.0)[-1][2] is None  # 5
