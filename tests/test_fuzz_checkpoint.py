"""Fuzzing the readers of .npz files: checkpoints (train/checkpoint.py load_checkpoint), workspaces
(train/workspace.py read_workspace, what File ▸ Open workspace calls) and runs (train/runs.py
RunStore.load, what the app reads from its runs folder at start).

A checkpoint is a zip: every member carries zip's CRC-32, so a damaged byte anywhere in the
file is refused, and a load that succeeds gives exactly the values written. Mutations inside a
member, written back with correct CRCs (`rezip`), reach the .npy and JSON readers: a load that
succeeds then gives exactly what the mutated member says (`npy_says`), and that must fit the
model (shapes, float dtypes, finite values, a valid configuration)."""

from __future__ import annotations

import io
import json
import math
import tokenize

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lenet_gui.model import PARAM_SHAPES, LeNet5, LeNetConfig
from lenet_gui.train import CheckpointError, TrainConfig, TrainingHistory, load_checkpoint
from lenet_gui.train.checkpoint import META_KEY
from lenet_gui.train.runs import Run, RunStore, save_run
from lenet_gui.train.workspace import WorkspaceError, read_workspace
from tests.fuzzing import (
    bounded_memory,
    claimed_descrs,
    claimed_shapes,
    file_bound,
    mutated,
    npy,
    npy_with_header,
    rezip,
    zip_members,
)

pytestmark = pytest.mark.fuzz

READERS = {
    "checkpoint": (load_checkpoint, (CheckpointError,)),
    "workspace": (read_workspace, (CheckpointError, WorkspaceError)),
    "run": (lambda path: RunStore(path.parent).load(path), (CheckpointError, WorkspaceError)),
}


def _run() -> Run:
    net = LeNet5(LeNetConfig(pooling="trainable"), seed=3)
    history = TrainingHistory()
    history.load({"batch_step": np.arange(1.0, 6.0), "batch_loss": np.linspace(2.3, 1.1, 5),
                  "batch_loss_smooth": np.linspace(2.3, 1.5, 5),
                  "batch_acc_smooth": np.linspace(10, 60, 5), "test_step": np.array([5.0]),
                  "test_loss": np.array([1.2]), "test_acc": np.array([61.5])})
    params = {k: v.copy() for k, v in net.params.items()}
    return Run(id="fuzz", name="fuzzed run", config=net.config,
               train_config=TrainConfig(batch_size=16, seed=5), start="random", params=params,
               history=history, wall_seconds=12.5, created=1.7e9, test_accuracy=0.615,
               samples_per_s=900.0)


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    """The valid run file's bytes and what each reader makes of them."""
    folder = tmp_path_factory.mktemp("ckpt")
    path = save_run(_run(), folder / "valid.run.npz", timeline=False)
    data = path.read_bytes()
    return Valid((data, {what: summary(read(path)) for what, (read, _) in READERS.items()}))


class Valid(tuple):
    """(the file's bytes, each reader's summary), shown short in a failing example."""

    def __repr__(self) -> str:
        return f"<the valid run file, {len(self[0])} bytes>"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzzed")


def summary(loaded) -> dict:
    """What a reader gave, as plain values to compare: parameters, configurations, history,
    metadata."""
    if isinstance(loaded, Run):
        return {"params": loaded.params, "config": loaded.config, "train": loaded.train_config,
                "history": loaded.history.arrays(), "name": loaded.name, "start": loaded.start,
                "numbers": (loaded.wall_seconds, loaded.created, loaded.test_accuracy,
                            loaded.samples_per_s)}
    if hasattr(loaded, "checkpoint"):  # a Workspace
        return {**summary(loaded.checkpoint), "train": loaded.train_config,
                "history": loaded.history, "acc": loaded.test_accuracy,
                "probe": loaded.probe_index}
    meta = {k: v for k, v in loaded.meta.items() if k != "extra"}
    return {"params": loaded.params, "config": loaded.config, "meta": json.dumps(meta),
            "extra": loaded.meta["extra"]}


def assert_same(a, b, where="") -> None:
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), where
        for k in a:
            assert_same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        assert np.array_equal(a, b, equal_nan=True), where
    else:
        assert a == b or (a != a and b != b), where  # NaN equals NaN here


def load(path, what: str, size: int):
    """The reader's result, or None after checking it raised its one error naming the file."""
    read, errors = READERS[what]
    with bounded_memory(file_bound(size)):
        try:
            return read(path)
        except errors as exc:
            assert str(path) in str(exc)
            return None


# ----------------------------------------------------------------- bytes of the whole file


def zip_hot_spots(data: bytes) -> tuple[int, ...]:
    """The fields of every local and central header: method, CRC, sizes, name length."""
    spots = []
    for sig, fields in ((b"PK\x03\x04", (0, 6, 8, 14, 18, 22, 26, 30)),
                        (b"PK\x01\x02", (0, 8, 10, 16, 20, 24, 28, 42, 46)),
                        (b"PK\x05\x06", (0, 10, 12, 16, 20))):
        at = data.find(sig)
        while at >= 0:
            spots += [at + f for f in fields]
            at = data.find(sig, at + 1)
    return tuple(spots)


@pytest.mark.parametrize("what", READERS)
@given(data=st.data())
def test_a_damaged_file_is_refused_or_gives_exactly_the_values_written(valid, folder, what, data):
    raw, expected = valid
    fuzzed = data.draw(mutated(raw, zip_hot_spots(raw)))
    path = folder / "damaged.run.npz"
    path.write_bytes(fuzzed)
    got = load(path, what, len(fuzzed))
    if got is not None:  # zip's CRC-32 covers every byte of every member
        assert_same(summary(got), expected[what])


# ----------------------------------------------------------------- inside the members


def npy_says(body: bytes) -> np.ndarray | None:
    """An .npy member decoded from its specification: the array if the header is readable,
    of numbers, and says exactly the member's size; else None."""
    f = io.BytesIO(body)
    try:
        version = np.lib.format.read_magic(f)
        read = {(1, 0): np.lib.format.read_array_header_1_0,
                (2, 0): np.lib.format.read_array_header_2_0}[version]
        shape, fortran, dtype = read(f)
    except Exception:  # NumPy's parser of old headers lets tokenize.TokenError out
        return None
    if dtype.kind not in "biuf" or dtype.fields or dtype.subdtype:
        return None
    if len(body) - f.tell() != math.prod(shape) * dtype.itemsize:
        return None
    return np.frombuffer(body, dtype, math.prod(shape), f.tell()).reshape(
        shape, order="F" if fortran else "C")


def model_accepts(config: LeNetConfig, arrays: dict[str, np.ndarray | None]) -> bool:
    """Whether these parameter arrays are a valid network of `config` (what the checkpoint
    reader must check)."""
    net = LeNet5(config)
    for k in net.param_names():
        a = arrays.get(k)
        if a is None or a.shape != PARAM_SHAPES[k] or a.dtype.kind != "f":
            return False
        with np.errstate(over="ignore"):
            if not np.all(np.isfinite(a.astype(net.dtype))):
                return False
    return not (config.c3_table and np.any(arrays["w3"][~net.table] != 0))


def check_members(members: dict[str, bytes], changed: str, what: str, folder, expected) -> None:
    """Write the members as a valid zip, load, and check the property against what the
    changed member says."""
    path = folder / "members.run.npz"
    data = rezip(members)
    path.write_bytes(data)
    got = load(path, what, len(data))
    key = changed[:-4] if changed.endswith(".npy") else changed
    said = npy_says(members[changed]) if changed.endswith(".npy") else None
    if key in PARAM_SHAPES or key == META_KEY:
        arrays = {k[:-4]: npy_says(b) for k, b in members.items()}
        meta_ok = arrays[META_KEY] is not None and arrays[META_KEY].dtype == np.uint8 \
            and arrays[META_KEY].ndim == 1
        if key in PARAM_SHAPES and not model_accepts(LeNetConfig(pooling="trainable"), arrays):
            assert got is None, f"{key} as {said!r} was accepted"
        if key == META_KEY and not meta_ok:
            assert got is None, "unreadable metadata was accepted"
    if got is None:
        return
    s, e = summary(got), expected[what]
    if key in PARAM_SHAPES:  # exactly what the member says, in the model's dtype
        np.testing.assert_array_equal(s["params"][key], said.astype(np.float32))
        s["params"] = {k: v for k, v in s["params"].items() if k != key}
        e = {**e, "params": {k: v for k, v in e["params"].items() if k != key}}
    if key == META_KEY or key.startswith("extra_"):
        return  # checked by the metadata and history tests below
    assert_same(s, e)


MEMBER_NAMES = ("w1.npy", "b7.npy", "a2.npy", "w3.npy", META_KEY + ".npy",
                "extra_history_batch_step.npy", "extra_history_test_acc.npy")


@pytest.mark.parametrize("what", READERS)
@given(data=st.data())
def test_a_mutated_member_gives_what_it_says_or_is_refused(valid, folder, what, data):
    members = zip_members(valid[0])
    name = data.draw(st.sampled_from(MEMBER_NAMES))
    members[name] = data.draw(mutated(members[name], (0, 6, 8, 10, 20, 30, 40, 50, 60, 70, 127)))
    check_members(members, name, what, folder, valid[1])


@given(name=st.sampled_from(MEMBER_NAMES), descr=claimed_descrs, shape=claimed_shapes,
       fortran=st.booleans(), keep=st.integers(0, 4000))
@example(name="w1.npy", descr="<f8", shape=(10**8,), fortran=False, keep=100)  # np.load: 800 MB
def test_a_member_claiming_any_shape_and_dtype_is_refused_before_allocating(valid, folder, name,
                                                                             descr, shape, fortran,
                                                                             keep):
    members = zip_members(valid[0])
    payload = (members[name] * (1 + keep // len(members[name])))[:keep]
    members[name] = npy_with_header({"descr": descr, "fortran_order": fortran, "shape": shape},
                                    payload)
    check_members(members, name, "checkpoint", folder, valid[1])


finite_or_not = st.floats(allow_nan=True, allow_infinity=True, width=64)


@given(data=st.data(), name=st.sampled_from(("w1", "b1", "a2", "w3", "w6", "b7")),
       dtype=st.sampled_from(("<f4", "<f8", ">f8", "<f2", "<i4", "|u1", "|b1", "<c8")),
       wrong_shape=st.booleans())
def test_a_parameter_with_nan_inf_huge_values_or_another_dtype_is_refused(valid, folder, data,
                                                                            name, dtype,
                                                                            wrong_shape):
    members = zip_members(valid[0])
    shape = PARAM_SHAPES[name]
    if wrong_shape:
        shape = data.draw(st.lists(st.integers(0, 7), max_size=3).map(tuple))
    a = np.asarray(data.draw(st.lists(finite_or_not | st.sampled_from((1e39, -1e39, 0.0)),
                                      min_size=1, max_size=4)))
    with np.errstate(all="ignore"):
        values = np.resize(a, shape).astype(dtype)
    members[name + ".npy"] = npy(values)
    check_members(members, name + ".npy", "workspace", folder, valid[1])


def test_a_float64_beyond_float32_is_refused_not_made_infinite(valid, folder):
    """Regression (fuzzing): 1e39 in a float64 parameter passed the finiteness check and became
    inf in the float32 model (with a RuntimeWarning)."""
    members = zip_members(valid[0])
    members["b7.npy"] = npy(np.full(10, 1e39))
    path = folder / "beyond.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(CheckpointError, match="beyond.npz: b7 holds NaN or infinite values"):
        load_checkpoint(path)


def test_a_weight_outside_table_1_that_float32_makes_zero_is_refused(valid, folder):
    """Regression (fuzzing, long profile): a float64 w3 of 8.4e-300 everywhere has weights
    outside Table 1; the table was checked after the cast to float32, which made them 0, so the
    file loaded with those weights silently zero."""
    members = zip_members(valid[0])
    members["w3.npy"] = npy(np.full(PARAM_SHAPES["w3"], 8.395248545667076e-300))
    path = folder / "tiny-w3.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(CheckpointError, match="tiny-w3.npz: w3 has weights outside Table 1"):
        load_checkpoint(path)


def test_a_member_that_is_not_an_npy_array_is_refused(valid, folder):
    """Regression (fuzzing): np.load hands back a member without the .npy magic as raw bytes,
    and the checkpoint reader then failed on bytes.shape (AttributeError)."""
    members = zip_members(valid[0])
    members["w1.npy"] = b"PK?" + members["w1.npy"][3:]
    path = folder / "not-npy.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(CheckpointError, match="not-npy.npz: not a valid .npz checkpoint"):
        load_checkpoint(path)


def test_a_tiny_member_claiming_a_huge_array_allocates_nothing(valid, folder):
    """Regression (fuzzing): np.load allocated what an .npy header claimed (800 MB for this
    file of a few kilobytes) before finding the data missing."""
    members = zip_members(valid[0])
    members["w1.npy"] = npy_with_header({"descr": "<f8", "fortran_order": False,
                                         "shape": (10**8,)}, b"\0" * 100)
    path = folder / "huge.npz"
    path.write_bytes(rezip(members))
    with bounded_memory(file_bound(path.stat().st_size)), pytest.raises(CheckpointError):
        load_checkpoint(path)


# ----------------------------------------------------------------- metadata


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
META_PATHS = (("config",), ("config", "pooling"), ("config", "activation"), ("config", "dtype"),
              ("config", "c3_table"), ("format_version",), ("kind",), ("workspace_version",),
              ("train_config",), ("train_config", "learning_rate"), ("train_config", "batch_size"),
              ("train_config", "schedule"), ("train_config", "momentum"), ("test_accuracy",),
              ("probe_index",), ("run",), ("run", "name"), ("run", "wall_seconds"),
              ("run", "created"), ("run", "samples_per_s"), ("run", "start"))


def _as_field(name: str, value):
    """A JSON value as the TrainConfig field `name` holds it: a float, or a tuple (JSON has no
    tuples: `freeze` is written as a list)."""
    default = getattr(TrainConfig(), name)
    if isinstance(default, float):
        return float(value)
    return tuple(value) if isinstance(default, tuple) and isinstance(value, list) else value


def meta_member(meta) -> bytes:
    return npy(np.frombuffer(json.dumps(meta).encode(), np.uint8))


@pytest.mark.parametrize("what", READERS)
@given(path=st.sampled_from(META_PATHS), value=json_values)
@example(path=("test_accuracy",), value=10**400)  # math.isfinite(int) overflowed
@example(path=("run", "wall_seconds"), value=10**400)
@example(path=("config", "pooling"), value=["max"])  # unhashable
@example(path=("train_config", "learning_rate"), value=1)  # read back: freeze a tuple, as JSON []
def test_any_metadata_value_is_read_as_written_or_refused(valid, folder, what, path, value):
    members = zip_members(valid[0])
    meta = json.loads(npy_says(members[META_KEY + ".npy"]).tobytes())
    node = meta
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    members[META_KEY + ".npy"] = meta_member(meta)
    file = folder / "meta.run.npz"
    data = rezip(members)
    file.write_bytes(data)
    got = load(file, what, len(data))
    if got is None:
        return
    s = summary(got)
    # what the reader kept of the changed value is the value written (or, for numbers the
    # run shows, its default when the value is not a finite number)
    if path[0] == "config":
        assert s["config"] == LeNetConfig.from_dict(meta["config"])
    if what != "checkpoint" and path[0] == "train_config" and isinstance(meta["train_config"], dict):
        assert s["train"] == TrainConfig(**{k: _as_field(k, v)
                                             for k, v in meta["train_config"].items()})
    if what == "run" and path[-1] == "name":
        assert s["name"] == value
    if what == "run" and path[-1] in ("wall_seconds", "created", "samples_per_s"):
        i = ("wall_seconds", "created", "samples_per_s").index(path[-1])
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if number and abs(value) < 1e308 and math.isfinite(value):
            assert s["numbers"][i + (i == 2)] == float(value)


@given(text=st.binary(max_size=64) | st.sampled_from((b"[" * 100_000, b'{"a":' * 50_000)))
def test_metadata_that_is_not_json_is_refused(valid, folder, text):
    members = zip_members(valid[0])
    members[META_KEY + ".npy"] = npy(np.frombuffer(text, np.uint8))
    path = folder / "text.npz"
    path.write_bytes(rezip(members))
    try:
        meta = json.loads(text)
    except (ValueError, RecursionError):
        meta = None
    got = load(path, "checkpoint", path.stat().st_size)
    assert got is None or (isinstance(meta, dict) and meta.get("format_version") == 1)


def test_metadata_nested_too_deep_is_one_error(valid, folder):
    """Regression (fuzzing): JSON nested 100,000 deep raised RecursionError from json.loads."""
    members = zip_members(valid[0])
    members[META_KEY + ".npy"] = npy(np.frombuffer(b"[" * 100_000, np.uint8))
    path = folder / "deep.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(CheckpointError, match="deep.npz: unreadable metadata"):
        load_checkpoint(path)


def test_a_huge_integer_where_a_number_is_read_is_one_error_or_ignored(valid, folder):
    """Regression (fuzzing): math.isfinite(10**400) raises OverflowError; read_workspace and
    load_run raised it for such a test_accuracy or wall_seconds."""
    members = zip_members(valid[0])
    meta = json.loads(npy_says(members[META_KEY + ".npy"]).tobytes())
    meta["test_accuracy"] = 10**400
    meta["run"]["wall_seconds"] = 10**400
    members[META_KEY + ".npy"] = meta_member(meta)
    path = folder / "big.run.npz"
    path.write_bytes(rezip(members))
    run = RunStore(folder).load(path)
    assert run.test_accuracy is None and run.wall_seconds == 0.0


def test_npy_says_is_strict(valid):
    members = zip_members(valid[0])
    assert npy_says(members["w1.npy"]).shape == PARAM_SHAPES["w1"]
    assert npy_says(members["w1.npy"] + b"\0") is None and npy_says(members["w1.npy"][:-1]) is None


@pytest.mark.parametrize("field, value", [(6, b"\x40"), (8, b"\x40")])  # version 6.4; bit 6
def test_a_zip_feature_zipfile_does_not_read_is_one_error(valid, folder, field, value):
    """Regression (the long profile): zipfile raises NotImplementedError for a member of zip
    version 6.4 or with strong encryption (flag bit 6); it escaped load_checkpoint."""
    raw = bytearray(valid[0])
    at = raw.find(b"PK\x01\x02") + field  # the first central header: version needed, or flags
    raw[at : at + 1] = value
    path = folder / "feature.npz"
    path.write_bytes(bytes(raw))
    with pytest.raises(CheckpointError, match="feature.npz: not a valid .npz checkpoint"):
        load_checkpoint(path)


def test_a_damaged_npy_header_is_one_error(valid, folder):
    """Regression (fuzzing): NumPy's parser of old-style .npy headers let tokenize.TokenError
    out of np.load for this damaged header (a quote where 'descr' was)."""
    members = zip_members(valid[0])
    text = ("{', 'fortran_order': False, 'shape': (607,), }" + " " * 12 + "\xd9" + " " * 18
            + "\xa0" + " " * 27 + '\n{"format_ver')  # as the fuzzer left it: 118 bytes
    members[META_KEY + ".npy"] = (b"\x93NUMPY\x01\x00" + len(text).to_bytes(2, "little")
                                  + text.encode("latin1") + b"{}" * 300)
    with pytest.raises(tokenize.TokenError):  # what np.load does with it
        np.load(io.BytesIO(members[META_KEY + ".npy"]), allow_pickle=False)
    path = folder / "header.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(CheckpointError, match="header.npz: not a valid .npz checkpoint"):
        load_checkpoint(path)


def test_an_npy_version_that_does_not_exist_is_refused(valid, folder):
    """Regression (the long profile): the reader read an .npy of version 1.1 (no such version;
    NumPy refuses it) as 1.0."""
    members = zip_members(valid[0])
    members["w1.npy"] = members["w1.npy"][:7] + b"\x01" + members["w1.npy"][8:]
    path = folder / "version.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(CheckpointError, match="version.npz: not a valid .npz checkpoint"):
        load_checkpoint(path)
