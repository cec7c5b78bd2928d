"""Checkpoints: round trip, atomic save under a failure mid-write, and the rejection matrix."""

import errno
import json
import os
import zipfile

import numpy as np
import pytest

from lenet_gui.data import atomic
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.train import CheckpointError, load_checkpoint, save_checkpoint
from lenet_gui.train import checkpoint as ckpt_mod


def test_round_trip_keeps_config_params_and_meta(tmp_path):
    net = LeNet5(LeNetConfig(pooling="trainable", activation="tanh"), seed=4)
    path = save_checkpoint(tmp_path / "a.npz", net, extra_arrays={"loss_history": [1.0, 0.5]},
                           epoch=3, test_accuracy=0.99)
    c = load_checkpoint(path)
    assert c.config == net.config
    assert c.meta["epoch"] == 3 and c.meta["test_accuracy"] == 0.99
    np.testing.assert_array_equal(c.meta["extra"]["loss_history"], [1.0, 0.5])
    for k in net.param_names():
        np.testing.assert_array_equal(c.params[k], net.params[k])
    assert sorted(os.listdir(tmp_path)) == ["a.npz"]


def test_suffix_is_added_once(tmp_path):
    assert save_checkpoint(tmp_path / "w", LeNet5()).name == "w.npz"
    assert save_checkpoint(tmp_path / "w.npz", LeNet5()).name == "w.npz"


def test_failed_save_leaves_old_file_byte_identical_and_no_temp(tmp_path, monkeypatch):
    path = save_checkpoint(tmp_path / "c.npz", LeNet5(seed=1))
    before = path.read_bytes()

    def write_that_dies(fh, arrays):
        fh.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(ckpt_mod, "write_npz", write_that_dies)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(path, LeNet5(seed=2))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["c.npz"]


@pytest.mark.posix_only("Unix file modes")
@pytest.mark.posix_only("fcntl's locks")
def test_a_killed_writers_temp_file_is_swept_by_the_next_save_and_a_live_writers_is_kept(tmp_path):
    """A SIGKILL mid-save leaves `.<name>.<random>.tmp` (nothing can remove it then): the next
    save of that name removes it, unless a writer still holds it locked."""
    import fcntl

    dead = tmp_path / ".w.npz.k1ll3d.tmp"
    dead.write_bytes(b"half a file")
    live = tmp_path / ".w.npz.l1v3.tmp"
    other = tmp_path / ".other.npz.x.tmp"  # another file's: not this save's to sweep
    other.write_bytes(b"x")
    with open(live, "wb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        save_checkpoint(tmp_path / "w.npz", LeNet5(seed=0))
        assert not dead.exists() and live.exists() and other.exists()
    load_checkpoint(tmp_path / "w.npz")
    # the run store's start sweeps every unlocked temp file of its folder
    assert sorted(atomic.sweep_temp_files(tmp_path)) == sorted([live, other])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.npz"]


@pytest.mark.posix_only("fcntl's locks")
def test_the_sweep_matches_a_name_as_it_is_not_as_a_pattern(tmp_path):
    """`.<name>.<random>.tmp` of exactly that name: brackets and stars in a name are letters
    (w1.npz's temp file is not w[1].npz's), and a bare `.<name>.tmp` is no writer's."""
    mine = tmp_path / ".w[1]*.npz.abc.tmp"
    for p in (mine, tmp_path / ".w1.npz.abc.tmp", tmp_path / ".w[1]*.npz.tmp",
              tmp_path / "w[1]*.npz.abc.tmp"):
        p.write_bytes(b"x")
    assert atomic.sweep_temp_files(tmp_path, "w[1]*.npz") == [mine]
    # without a name, every unlocked hidden temp file goes (the run store's start)
    assert sorted(p.name for p in atomic.sweep_temp_files(tmp_path)) == [".w1.npz.abc.tmp",
                                                                        ".w[1]*.npz.tmp"]


def test_a_new_file_gets_the_users_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = save_checkpoint(tmp_path / "new.npz", LeNet5())
        assert path.stat().st_mode & 0o777 == 0o644  # 0666 less the umask, not mkstemp's 0600
        os.chmod(path, 0o640)
        save_checkpoint(path, LeNet5(seed=3))
        assert path.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    finally:
        os.umask(old)


def test_a_full_disk_names_the_users_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    path = save_checkpoint(tmp_path / "c.npz", LeNet5(seed=1))
    before = path.read_bytes()

    def write_on_a_full_disk(fh, arrays):
        fh.write(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ckpt_mod, "write_npz", write_on_a_full_disk)
    with pytest.raises(OSError) as info:
        save_checkpoint(path, LeNet5(seed=2))
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(path)
    assert str(path) in str(info.value) and ".tmp" not in str(info.value)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["c.npz"]


def test_a_read_only_folder_names_the_users_file(tmp_path, monkeypatch):
    path = save_checkpoint(tmp_path / "c.npz", LeNet5(seed=1))
    before = path.read_bytes()

    def mkstemp_in_a_read_only_folder(prefix="", suffix="", dir=None):
        raise PermissionError(errno.EROFS, os.strerror(errno.EROFS),
                              os.path.join(dir, f"{prefix}x1y2{suffix}"))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp_in_a_read_only_folder)
    with pytest.raises(OSError) as info:
        save_checkpoint(path, LeNet5(seed=2))
    assert info.value.errno == errno.EROFS and info.value.filename == str(path)
    assert ".tmp" not in str(info.value)
    assert path.read_bytes() == before


def _npz(tmp_path, name, arrays):
    p = tmp_path / name
    with open(p, "wb") as fh:
        np.savez(fh, **arrays)
    return p


def _good_arrays():
    net = LeNet5()
    arrays = {k: net.params[k].copy() for k in net.param_names()}
    meta = {"format_version": 1, "config": net.config.to_dict()}
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    return arrays


def _make(tmp_path, case):
    a = _good_arrays()
    if case == "truncated":
        p = _npz(tmp_path, "t.npz", a)
        p.write_bytes(p.read_bytes()[:300])
        return p, "not a valid .npz"
    if case == "garbage":
        p = tmp_path / "g.npz"
        p.write_bytes(os.urandom(2000))
        return p, "not a valid .npz"
    if case == "empty":
        p = tmp_path / "e.npz"
        p.write_bytes(b"")
        return p, "not a valid .npz"
    if case == "missing":
        return tmp_path / "nope.npz", "no such file"
    if case == "object array":
        a["w1"] = np.array([object()] * 3, dtype=object)
        return _npz(tmp_path, "o.npz", a), "not a valid .npz"
    if case == "wrong shape":
        a["w6"] = np.zeros((84, 121), np.float32)
        return _npz(tmp_path, "s.npz", a), "w6 has shape (84, 121), expected (84, 120)"
    if case == "nan":
        a["b5"][3] = np.nan
        return _npz(tmp_path, "n.npz", a), "b5 holds NaN"
    if case == "int dtype":
        a["b7"] = np.zeros(10, np.int32)
        return _npz(tmp_path, "i.npz", a), "b7 has dtype int32"
    if case == "missing key":
        del a["w3"]
        return _npz(tmp_path, "k.npz", a), "missing ['w3']"
    if case == "no meta":
        del a["__meta__"]
        return _npz(tmp_path, "m.npz", a), "no __meta__"
    if case == "bad version":
        a["__meta__"] = np.frombuffer(json.dumps({"format_version": 99}).encode(), np.uint8)
        return _npz(tmp_path, "v.npz", a), "format version 99"
    if case == "bad config":
        meta = {"format_version": 1, "config": {"pooling": "median"}}
        a["__meta__"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
        return _npz(tmp_path, "b.npz", a), "unknown pooling"
    if case == "table violated":
        a["w3"][0, 3] = 1.0  # C3 map 0 does not read S2 map 3 in Table 1
        return _npz(tmp_path, "x.npz", a), "outside Table 1"
    if case == "oversize":
        p = tmp_path / "big.npz"
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("w1.npy", b"\x00" * (65 * 1024 * 1024))
        return p, "declares"
    if case == "directory":
        d = tmp_path / "dir.npz"
        d.mkdir()
        return d, "is a directory"
    raise AssertionError(case)


CASES = ["truncated", "garbage", "empty", "missing", "object array", "wrong shape", "nan",
         "int dtype", "missing key", "no meta", "bad version", "bad config", "table violated",
         "oversize", "directory"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_checkpoints_raise_one_clear_error(tmp_path, case):
    path, expected = _make(tmp_path, case)
    with pytest.raises(CheckpointError) as err:
        load_checkpoint(path)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_write_npz_writes_what_np_savez_writes_and_streams_pieces(tmp_path):
    """The same bytes as np.savez for plain arrays; a StreamedBytes member reads back as the
    array of its pieces; a stream that gives fewer bytes than announced raises."""
    from lenet_gui.train.checkpoint import StreamedBytes, write_npz

    arrays = {"a": np.arange(12, dtype=np.float32).reshape(3, 4), "b": np.array([True, False]),
              "c": np.asfortranarray(np.ones((2, 3)))}
    with open(tmp_path / "ours.npz", "wb") as fh:
        write_npz(fh, arrays)
    with open(tmp_path / "numpy.npz", "wb") as fh:
        np.savez(fh, **arrays)
    with np.load(tmp_path / "ours.npz") as ours, np.load(tmp_path / "numpy.npz") as theirs:
        assert ours.files == theirs.files
        for k in ours.files:
            assert ours[k].dtype == theirs[k].dtype and np.array_equal(ours[k], theirs[k])
    pieces = [bytes(range(i, i + 7)) for i in range(5)]
    with open(tmp_path / "s.npz", "wb") as fh:
        write_npz(fh, {"s": StreamedBytes(35, pieces)})
    with np.load(tmp_path / "s.npz") as z:
        assert z["s"].dtype == np.uint8 and z["s"].tobytes() == b"".join(pieces)
    with open(tmp_path / "short.npz", "wb") as fh, pytest.raises(ValueError, match="36 announced"):
        write_npz(fh, {"s": StreamedBytes(36, pieces)})
