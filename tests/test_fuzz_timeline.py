"""Fuzzing the timeline reader (train/timeline.py read_timeline: a run's side file
`<id>.timeline.npz`, or the timeline inside a run or workspace file).

Every stored snapshot carries a CRC-32 of its own, and the file is a zip whose members carry
zip's: a damaged byte is refused, and a timeline that loads gives exactly the weights recorded,
snapshot by snapshot. The small arrays beside the snapshots (header, batches, keyframes,
lengths) have only zip's CRC: mutated and written back with a correct one (`rezip`), what loads
is what they say (the batch numbers as written), and whatever they say must never make a
snapshot decode to other weights."""

from __future__ import annotations

import io
import json
import zipfile
import zlib

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lenet_gui.model import LeNet5
from lenet_gui.train.timeline import PREFIX, Timeline, TimelineError, read_timeline, save_timeline
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

BATCHES = (0, 1, 2, 5, 8)


class Valid(tuple):
    """(the file's bytes, the batches, each snapshot's weights), shown short."""

    def __repr__(self) -> str:
        return f"<the valid timeline file, {len(self[0])} bytes>"


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    rng = np.random.default_rng(27)
    net = LeNet5(seed=2)
    tl = Timeline(keyframe_every=2)
    params = {k: v.copy() for k, v in net.params.items()}
    recorded = []
    for b in BATCHES:
        for k in ("w1", "b1", "w7", "b7"):  # the others stay: their planes compress well
            params[k] += rng.normal(0, 1e-3, params[k].shape).astype(params[k].dtype)
        assert tl.record(b, params, force=True)
        recorded.append({k: v.copy() for k, v in params.items()})
    path = save_timeline(tmp_path_factory.mktemp("valid") / "valid.timeline.npz", tl)
    return Valid((path.read_bytes(), BATCHES, recorded))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzzed")


def load(path, size: int, decode: bool = True) -> Timeline | None | str:
    """The timeline with every snapshot decoded (unless not `decode`), None when the file holds
    none, or "error" after checking the one error named the file."""
    with bounded_memory(file_bound(size)):
        try:
            tl = read_timeline(path)
            if tl is not None and decode:
                [tl.params(i) for i in range(len(tl))]
            return tl
        except TimelineError as exc:
            assert str(path) in str(exc)
            return "error"


def assert_recorded(tl: Timeline, valid, batches=None) -> None:
    """Every snapshot is exactly the weights recorded (bit for bit)."""
    assert list(tl.batches) == list(valid[1] if batches is None else batches)
    for i, want in enumerate(valid[2]):
        got = tl.params(i)
        assert set(got) == set(want)
        for k in want:
            assert got[k].tobytes() == want[k].tobytes(), f"snapshot {i}, {k}"


def zip_hot_spots(data: bytes) -> tuple[int, ...]:
    spots = []
    for sig in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"PK\x06\x06", b"\x93NUMPY"):
        at = data.find(sig)
        while at >= 0:
            spots += [at + f for f in (0, 8, 10, 14, 18, 22, 26, 30, 40, 60)]
            at = data.find(sig, at + 1)
    return tuple(spots)


@given(data=st.data())
def test_a_damaged_timeline_file_is_refused_or_gives_every_snapshot_exactly(valid, folder, data):
    raw = data.draw(mutated(valid[0], zip_hot_spots(valid[0])))
    path = folder / "damaged.timeline.npz"
    path.write_bytes(raw)
    tl = load(path, len(raw))
    if tl is None:  # only if no member is a timeline's any more (a mutated name, say)
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            assert not any(PREFIX in n for n in zf.namelist())
    elif tl != "error":
        assert_recorded(tl, valid)


SMALL = ("header", "batches", "keyframes", "lengths", "crc32")


def npy_says(body: bytes) -> np.ndarray | None:
    try:
        return np.load(io.BytesIO(body), allow_pickle=False)
    except Exception:
        return None


@given(member=st.sampled_from(SMALL + ("data",)), data=st.data())
def test_a_mutated_member_is_refused_or_read_as_it_says(valid, folder, member, data):
    members = zip_members(valid[0])
    name = PREFIX + member + ".npy"
    members[name] = data.draw(mutated(members[name], (0, 8, 10, 20, 40, 60, 80, 127, 128, 136)))
    raw = rezip(members)
    path = folder / "member.timeline.npz"
    path.write_bytes(raw)
    tl = load(path, len(raw))
    if tl in (None, "error"):
        return
    # the snapshots' bytes are checked by their CRCs: what they decode to never changes
    said = npy_says(members[PREFIX + "batches.npy"])
    assert_recorded(tl, valid, batches=said.tolist())


@given(member=st.sampled_from(SMALL + ("data",)), descr=claimed_descrs, shape=claimed_shapes,
       keep=st.integers(0, 2000))
@example(member="data", descr="|u1", shape=(2**40,), keep=100)
def test_a_member_claiming_any_shape_and_dtype_is_refused_before_allocating(valid, folder, member,
                                                                            descr, shape, keep):
    members = zip_members(valid[0])
    name = PREFIX + member + ".npy"
    body = members[name]
    members[name] = npy_with_header({"descr": descr, "fortran_order": False, "shape": shape},
                                    (body * (1 + keep // len(body)))[:keep])
    raw = rezip(members)
    path = folder / "claim.timeline.npz"
    path.write_bytes(raw)
    tl = load(path, len(raw))
    if tl not in (None, "error"):
        assert_recorded(tl, valid, batches=npy_says(members[PREFIX + "batches.npy"]).tolist())


def _blobs(members) -> list[bytes]:
    lengths = npy_says(members[PREFIX + "lengths.npy"])
    data = npy_says(members[PREFIX + "data.npy"]).tobytes()
    ends = np.cumsum(lengths)
    return [data[e - n : e] for e, n in zip(ends.tolist(), lengths.tolist())]


@given(data=st.data())
def test_a_snapshot_with_a_matching_crc_decodes_or_is_one_error(valid, folder, data):
    """Past the CRCs: a snapshot's bytes changed and its CRC made to match (a writer's bug, not
    damage on disk), so the snapshot decoder itself meets it. It may decode to other weights
    (nothing can tell), but never to another shape or dtype. The loader decodes only the last
    snapshot's chain (the writer continues from it); another snapshot that does not decode is
    a TimelineError when it is shown (the message says which snapshot, not the file: the
    timeline is in memory then), never another exception."""
    members = zip_members(valid[0])
    blobs = _blobs(members)
    i = data.draw(st.integers(0, len(blobs) - 1))
    blobs[i] = data.draw(mutated(blobs[i], (0, 1, 2, len(blobs[i]) // 2, len(blobs[i]) - 1)))
    members[PREFIX + "lengths.npy"] = npy(np.array([len(b) for b in blobs], np.int64))
    members[PREFIX + "crc32.npy"] = npy(np.array([zlib.crc32(b) for b in blobs], np.uint32))
    members[PREFIX + "data.npy"] = npy(np.frombuffer(b"".join(blobs), np.uint8))
    raw = rezip(members)
    path = folder / "blob.timeline.npz"
    path.write_bytes(raw)
    tl = load(path, len(raw), decode=False)
    if tl in (None, "error"):
        return
    for j in range(len(tl)):
        try:
            p = tl.params(j)
        except TimelineError:
            continue
        assert {k: (v.shape, v.dtype) for k, v in p.items()} == \
            {k: (v.shape, v.dtype) for k, v in valid[2][j].items()}


@given(key=st.sampled_from(("format", "keyframe_every", "dtype", "layout")),
       value=st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6)
       | st.lists(st.lists(st.text(max_size=3) | st.integers(-1, 200) | st.floats(), max_size=3),
                  max_size=16))
@example(key="keyframe_every", value=1)  # every snapshot a keyframe: deltas read as weights
@example(key="keyframe_every", value=10**30)  # beyond int64
@example(key="layout", value=[["w1", [float("inf")]]])  # int(inf): OverflowError
@example(key="dtype", value="01")  # np.dtype's repeat count: ast's SyntaxError (long profile)
def test_any_header_value_is_refused_or_changes_no_weight(valid, folder, key, value):
    members = zip_members(valid[0])
    header = json.loads(npy_says(members[PREFIX + "header.npy"]).tobytes())
    header[key] = value
    members[PREFIX + "header.npy"] = npy(np.frombuffer(json.dumps(header).encode(), np.uint8))
    raw = rezip(members)
    path = folder / "header.timeline.npz"
    path.write_bytes(raw)
    tl = load(path, len(raw))
    if tl not in (None, "error"):
        assert_recorded(tl, valid)


def test_keyframe_flags_that_do_not_follow_keyframe_every_are_refused(valid, folder):
    """Regression (fuzzing): the keyframe flags carry no checksum; a flag flipped made a delta
    decode as whole weights (or a keyframe as a delta), silently other weights."""
    members = zip_members(valid[0])
    keys = npy_says(members[PREFIX + "keyframes.npy"]).copy()
    keys[1] = True
    members[PREFIX + "keyframes.npy"] = npy(keys)
    path = folder / "keys.timeline.npz"
    path.write_bytes(rezip(members))
    with pytest.raises(TimelineError, match="keys.timeline.npz: the timeline's keyframes"):
        read_timeline(path)
