"""What Windows and macOS lack, each checked on its own here (the portable mode, portable.py,
runs the whole suite that way): saving without os.fchmod or Unix modes, the command line on a
cp1252 console, memory and process trees through psutil, Qt's platform for the replay, and the
portable mode itself in a child process."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lenet_gui.commands import _common, _console
from lenet_gui.data import atomic
from tests import portable

ROOT = Path(__file__).resolve().parents[1]


def _no_proc(monkeypatch) -> None:
    """/proc and /dev/shm are not there for lenet_gui's open() (as on Windows and macOS)."""
    monkeypatch.setattr(builtins, "open", portable.hiding(builtins.open))


# ----------------------------------------------------------------- saving


def test_write_atomic_without_fchmod_writes_and_replaces(tmp_path, monkeypatch):
    """Windows' Python 3.10-3.12 has no os.fchmod: every save failed with AttributeError."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    path = tmp_path / "w.bin"
    assert atomic.write_atomic(path, lambda fh: fh.write(b"one")) == path
    atomic.write_atomic(path, lambda fh: fh.write(b"two"))
    assert path.read_bytes() == b"two" and os.listdir(tmp_path) == ["w.bin"]


@pytest.mark.posix_only("Unix file modes")
def test_without_fchmod_the_mode_is_still_the_users(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "fchmod", raising=False)
    old = os.umask(0o027)
    try:
        path = atomic.write_atomic(tmp_path / "new.bin", lambda fh: fh.write(b"x"))
        assert path.stat().st_mode & 0o777 == 0o640  # 0666 less the umask, not mkstemp's 0600
        os.chmod(path, 0o604)
        atomic.write_atomic(path, lambda fh: fh.write(b"y"))
        assert path.stat().st_mode & 0o777 == 0o604  # a replaced file keeps its mode
    finally:
        os.umask(old)


def test_where_files_have_no_unix_modes_none_is_set(tmp_path, monkeypatch):
    """Windows: a file has a read-only flag, no mode; write_atomic neither reads a umask nor
    calls chmod."""
    def refuse(*_args):
        raise AssertionError("no chmod where files have no Unix modes")

    monkeypatch.setattr(atomic, "os", portable.OsOfWindows())
    monkeypatch.setattr(os, "chmod", refuse)
    monkeypatch.setattr(os, "fchmod", refuse, raising=False)
    monkeypatch.setattr(atomic, "_umask", refuse)
    path = atomic.write_atomic(tmp_path / "w.bin", lambda fh: fh.write(b"data"))
    assert path.read_bytes() == b"data"


def test_the_umask_without_proc(monkeypatch):
    _no_proc(monkeypatch)
    mask = os.umask(0o022)
    os.umask(mask)
    assert atomic._umask() == mask
    assert os.umask(mask) == mask  # put back as it was


# ----------------------------------------------------------------- the console


@pytest.mark.parametrize("text, ascii_", [
    ("δ(u) = δ(f) · f′(u)", "delta(u) = delta(f) * f'(u)"),
    ("J = −Σ zᵢ log yᵢ", "J = -sum z_i log y_i"),
    ("10⁻⁵, w⁽⁵⁾", "10^-5, w^(5)"),
    ("α → θ ≥ 0", "alpha -> theta >= 0"),
    ("⌊i/2⌋, ĝ", "floor(i/2), g"),
    ("中", "\\u4e2d"),
])
def test_spell_writes_the_courses_symbols_in_ascii(text, ascii_):
    assert _console.spell(text) == ascii_


def test_a_cp1252_stream_keeps_what_it_has_and_spells_the_rest():
    import io

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    _console.make_readable(stream, None)
    stream.write("5×5 δ(f7) → y · 0–9 中\n")
    stream.flush()
    assert raw.getvalue().decode("cp1252") == "5×5 delta(f7) -> y · 0–9 \\u4e2d\n"
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    _console.make_readable(utf8)
    assert utf8.errors == "strict"  # UTF-8 shows everything: left as it is


def test_train_help_and_backprop_on_a_cp1252_console(capsys):
    """`train --help` (α in it) and `backprop` (δ, →) crashed with UnicodeEncodeError when the
    output went to a cp1252 pipe; now every line is printed, the symbols spelled out."""
    from lenet_gui.commands import main

    with portable.console():
        with pytest.raises(SystemExit) as done:
            main(["train", "--help"])
        assert done.value.code == 0
        assert main(["backprop", "--sample", "0"]) == 0
    out = capsys.readouterr().out
    assert "learning rate alpha" in out and "delta(f7)" in out and "max relative error" in out


def test_train_help_in_a_cp1252_child():
    env = portable.child_env() if portable.active() else dict(os.environ)
    env["PYTHONIOENCODING"] = "cp1252"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", "--help"], env=env,
                       capture_output=True, encoding="cp1252", timeout=60, cwd=ROOT)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "learning rate alpha" in r.stdout


# ----------------------------------------------------------------- processes and memory


def test_memory_and_the_process_tree_through_psutil():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        while child.pid not in _common.process_tree(os.getpid()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.pid in _common.process_tree(os.getpid())
        assert _common.process_tree(os.getpid())[0] == os.getpid()
        mine = _common.memory_of(os.getpid())
        assert mine["rss"] > 10 * 2**20
    finally:
        child.kill()
        child.wait(10)
    assert _common.memory_of(child.pid) == {} and _common.process_tree(child.pid) == []
    assert 0 < _common.process_age() < 24 * 3600


def test_memory_without_proc_is_the_resident_memory_alone(monkeypatch):
    _no_proc(monkeypatch)
    m = _common.memory_of(os.getpid())
    assert m["rss"] > 0 and not {"anon", "file", "shmem"} & set(m)
    from lenet_gui.commands.soak import tree_memory

    assert set(tree_memory()) == {"rss"}


# ----------------------------------------------------------------- Qt's platform


@pytest.mark.parametrize("env, platform, offscreen", [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({}, "freebsd14", True),
    ({}, "win32", False),  # Windows and macOS always have their own platform
    ({}, "darwin", False),
])
def test_replay_draws_offscreen_only_without_a_display_server(env, platform, offscreen):
    assert _common.needs_offscreen(env, platform) is offscreen


# ----------------------------------------------------------------- the portable mode


def test_the_portable_mode_hides_what_it_says_from_lenet_gui_alone():
    """A child with LENET_PORTABLE=1: lenet_gui finds no fchmod, /proc, /dev/shm, glibc or
    helper process and a cp1252 console; psutil and code outside lenet_gui still see /proc."""
    code = (
        "import os, sys, psutil\n"
        "from lenet_gui.model import _alloc, _procs\n"
        "from lenet_gui.commands import _common\n"
        "from lenet_gui.data import atomic\n"
        "assert not hasattr(os, 'fchmod') and not hasattr(os, 'pread')\n"
        "assert _alloc._libc() is None and not _alloc.release_free_memory()\n"
        "assert not _procs.platform_has_helper() and os.name == 'posix'\n"
        "assert set(_common.memory_of(os.getpid())) == {'rss'}\n"
        "mask = os.umask(0o022); os.umask(mask); assert atomic._umask() == mask\n"
        "app = {'__name__': 'lenet_gui.probe'}  # code that lenet_gui runs\n"
        "exec('import os; seen = os.path.isdir(\"/proc\"), os.path.exists(\"/dev/shm\")', app)\n"
        "assert app['seen'] == (False, False), app['seen']\n"
        "assert os.path.isdir('/proc') and psutil.Process().memory_info().rss > 0\n"
        "print(sys.stdout.encoding)\n")
    env = portable.child_env()
    env["PYTHONIOENCODING"] = "cp1252"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "cp1252"


@pytest.mark.skipif(not portable.active(), reason="only under --portable")
def test_this_process_runs_in_the_portable_mode():
    assert not hasattr(os, "fchmod") and not hasattr(os, "pread")
    assert sys.stdout.encoding == "cp1252" and sys.stdout.errors == "strict"
    from lenet_gui.model import _procs

    assert not _procs.platform_has_helper()
