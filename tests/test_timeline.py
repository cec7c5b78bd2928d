"""The timeline of a run (train/timeline.py): the schedule, bit-exact snapshots of what the
trainer had, saving with runs and workspaces, damaged timelines skipped while the rest loads,
and one writer with a reader on another thread."""

import threading
import zipfile

import numpy as np
import pytest

from lenet_gui.model import PARAM_SHAPES, LeNet5, LeNetConfig
from lenet_gui.train import TrainConfig, Trainer, save_checkpoint
from lenet_gui.train.history import TrainingHistory
from lenet_gui.train.runs import Run, RunStore, load_run, new_id, save_run
from lenet_gui.train.timeline import (
    Timeline,
    TimelineError,
    read_timeline,
    recording_gap,
    recording_schedule,
    scheduled_batches,
)
from lenet_gui.train.workspace import read_workspace, workspace_arrays
from tests import helpers


@pytest.fixture(scope="module")
def small():
    return helpers.subset(2560, 200, "subset")


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        a[k].dtype == b[k].dtype and a[k].shape == b[k].shape
        and a[k].tobytes() == b[k].tobytes() for k in a)


def _trained_timeline(data, epochs=1, config=None, **kw):
    """Train with a timeline; the weights after every report, copied as the trainer had them."""
    net = LeNet5(config or LeNetConfig(), seed=3)
    tl = Timeline(**kw)
    trainer = Trainer(net, data, TrainConfig(epochs=epochs, batch_size=32, seed=3,
                                             subset_every=0), timeline=tl)
    seen = {0: {k: v.copy() for k, v in net.params.items()}}
    for r in trainer.steps():
        seen[r.step] = {k: v.copy() for k, v in net.params.items()}
    return tl, seen, net


# ----------------------------------------------------------------- the schedule


def test_schedule_is_dense_first_then_sparse():
    assert all(recording_schedule(b) for b in range(51))
    assert not recording_schedule(-1)
    kept = scheduled_batches(18_760)  # 20 epochs of 60,000 images at batch 64
    assert 200 <= kept.size <= 500, kept.size
    assert 100 <= scheduled_batches(938).size <= 200  # one epoch
    gaps = np.diff(kept)
    assert np.all(gaps[:50] == 1) and np.all(np.diff(gaps) >= 0)  # the gap only grows
    assert set(gaps[kept[1:] > 2_100]) == {100}  # then regularly
    assert recording_gap(100_000) > 100  # a run of hours stays bounded


# ----------------------------------------------------------------- exactness


def test_scrubbed_snapshot_is_what_the_trainer_had(small):
    tl, seen, net = _trained_timeline(small)  # 80 batches
    batches = tl.batches
    assert batches.dtype == np.int64 and batches[0] == 0 and batches[-1] == 80
    expected = [b for b in range(81) if recording_schedule(b)] + [80]
    assert list(batches) == sorted(set(expected))
    for b in (0, 1, 17, 50, 52, 64, 80):
        i = tl.index_at(b)
        assert tl.batches[i] == b
        assert _same(tl.params(i), seen[b]), b
    assert tl.index_at(51) == tl.index_at(50)  # the last snapshot at or before
    snap = tl.snapshot(tl.index_at(64), net.config)
    assert snap.config == net.config and _same(snap.params, seen[64])
    assert not tl.params(3)["w1"].flags.writeable
    assert _same(tl.params(-1), net.params)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_any_bits_come_back(dtype, rng):
    """Arbitrary bit patterns (signs flipping, subnormals, -0.0, large jumps) are exact."""
    names = LeNet5(LeNetConfig(pooling="trainable")).param_names()
    tl, kept = Timeline(keyframe_every=4), []
    for b in range(12):
        p = {k: rng.normal(0, 10.0 ** rng.integers(-40, 5), PARAM_SHAPES[k]).astype(dtype)
             for k in names}
        p["w1"].flat[:3] = [-0.0, np.finfo(dtype).tiny / 3, -np.finfo(dtype).max]
        assert tl.record(b, p)
        kept.append(p)
    for i in (11, 0, 5, 4, 7, 3):  # out of order: the cache must not confuse them
        assert _same(tl.params(i), kept[i]), i


def test_record_refuses_what_it_cannot_keep(rng):
    net = LeNet5()
    tl = Timeline()
    assert tl.record(0, net.params) and not tl.record(0, net.params, force=True)
    assert not tl.record(51, net.params)  # not on the schedule
    assert tl.record(51, net.params, force=True)
    with pytest.raises(ValueError, match="changed"):
        tl.record(52, {k: v.astype(np.float64) for k, v in net.params.items()})
    with pytest.raises(IndexError):
        Timeline().index_at(3)


def test_a_continued_trainer_records_on_the_runs_batch_axis(small):
    tl, seen, net = _trained_timeline(small)
    trainer = Trainer(net, small, TrainConfig(epochs=1, batch_size=32, seed=4, subset_every=0),
                      timeline=tl, timeline_offset=80)
    steps = trainer.steps()
    for _ in range(5):
        next(steps)
    steps.close()  # stopped: the weights where it stopped are kept
    b = tl.batches
    assert list(b[b >= 80]) == [80, 82, 84, 85]  # on the schedule, then where it stopped
    assert _same(tl.params(-1), net.params)


# ----------------------------------------------------------------- saving


def _run_with_timeline(data) -> Run:
    tl, _, net = _trained_timeline(data)
    history = TrainingHistory()
    run = Run(new_id(), "with timeline", net.config, TrainConfig(), "random",
              net.snapshot().params, history)
    run.timeline = tl
    return run


def test_runs_keep_their_timeline(small, tmp_path):
    run = _run_with_timeline(small)
    store = RunStore(tmp_path)
    store.save(run)
    assert store.timeline_path(run.id).exists()
    (back,), errors = store.load_all()
    assert not errors and back._timeline is None  # not read until asked for
    tl = back.timeline
    np.testing.assert_array_equal(tl.batches, run.timeline.batches)
    for i in (0, 40, len(tl) - 1):
        assert _same(tl.params(i), run.timeline.params(i))
    assert back.release_timeline() and back._timeline is None and len(back.timeline) == len(tl)
    store.delete(run.id)
    assert not store.timeline_path(run.id).exists()
    store.restore(run.id)
    assert store.timeline_path(run.id).exists()
    # an exported run, and a workspace, hold it inside their one file
    exported = load_run(save_run(run, tmp_path / "export.npz"))
    assert exported.name == "with timeline" and _same(exported.timeline.params(7),
                                                      run.timeline.params(7))
    arrays, meta = workspace_arrays(run.history.arrays(), run.train_config, run.timeline)
    save_checkpoint(tmp_path / "ws.npz", run.to_net(), extra_arrays=arrays, **meta)
    ws = read_workspace(tmp_path / "ws.npz")
    assert ws.timeline_error is None and _same(ws.timeline.params(-1), run.timeline.params(-1))
    assert read_workspace(tmp_path / "ws.npz", timeline=False).timeline is None


def test_the_store_rewrites_a_growing_timeline_at_most_once_a_minute(small, tmp_path):
    run = _run_with_timeline(small)
    store = RunStore(tmp_path)
    store.save(run)
    side = store.timeline_path(run.id)
    first = side.stat().st_mtime_ns
    run.timeline.record(1_000, run.params, force=True)
    store.save(run)  # autosave: not yet
    assert side.stat().st_mtime_ns == first
    store.save(run, timeline=True)  # when training stops
    assert len(read_timeline(side)) == len(run.timeline)


def _damage(arrays: dict, how: str) -> dict:
    a = dict(arrays)
    if how == "truncated":
        a["timeline_data"] = a["timeline_data"][:-1000]
    elif how == "garbled":
        d = a["timeline_data"].copy()
        d[len(d) // 2] ^= 0x10
        a["timeline_data"] = d
    elif how == "not monotone":
        b = a["timeline_batches"].copy()
        b[5], b[6] = b[6], b[5]
        a["timeline_batches"] = b
    elif how == "wrong shapes":
        a["timeline_header"] = np.frombuffer(bytes(a["timeline_header"]).replace(
            b'"w1", [6, 1, 5, 5]', b'"w1", [6, 1, 3, 3]'), np.uint8)
    elif how == "header":
        a["timeline_header"] = np.frombuffer(b"{not json", np.uint8)
    elif how == "missing":
        del a["timeline_lengths"]
    return a


@pytest.mark.parametrize("how", ["truncated", "garbled", "not monotone", "wrong shapes",
                                 "header", "missing"])
def test_a_damaged_timeline_is_rejected_and_the_rest_loads(small, tmp_path, how):
    run = _run_with_timeline(small)
    good = run.timeline.to_arrays()
    assert _same(Timeline.from_arrays(good).params(9), run.timeline.params(9))
    bad = _damage(good, how)
    with pytest.raises(TimelineError):
        Timeline.from_arrays(bad)
    # in a run file: the weights and the rest load, the timeline is skipped with a message
    arrays, meta = workspace_arrays(run.history.arrays(), run.train_config)
    arrays.update(bad)
    path = save_checkpoint(tmp_path / "damaged.npz", run.to_net(), extra_arrays=arrays, **meta)
    back = load_run(path)
    assert _same(back.params, run.params)
    assert back.timeline is None
    assert "damaged" in back.timeline_error and str(path) in back.timeline_error
    ws = read_workspace(path)
    assert ws.timeline is None and "was skipped" in ws.timeline_error


def test_a_file_cut_short_is_a_clear_error(small, tmp_path):
    run = _run_with_timeline(small)
    path = save_run(run, tmp_path / "r.npz")
    raw = path.read_bytes()
    cut = tmp_path / "cut.npz"
    cut.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(TimelineError, match="cut.npz"):
        read_timeline(cut)
    with zipfile.ZipFile(path) as zf:
        assert any(n.startswith("extra_timeline_") for n in zf.namelist())


# ----------------------------------------------------------------- threads


def test_one_writer_and_a_reader(rng):
    names = LeNet5().param_names()
    states = [{k: rng.normal(0, 1, PARAM_SHAPES[k]).astype(np.float32) for k in names}
              for _ in range(8)]
    tl, errors, reads = Timeline(keyframe_every=5), [], [0]

    def write():
        for b in range(300):
            tl.record(b, states[b % 8], force=True)

    def read():
        try:
            while len(tl) < 300:
                n = len(tl)
                if n:
                    i = int(rng.integers(n))
                    b = int(tl.batches[i])
                    assert _same(tl.params(i), states[b % 8])
                    reads[0] += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and reads[0] > 0 and len(tl) == 300


def test_a_timeline_over_its_byte_budget_thins_its_later_half_and_stays_exact(rng):
    """A run without end (the soak) keeps a bounded timeline: past max_bytes, every second
    snapshot after REGULAR_FROM goes; the dense start, the last snapshot and the exact bits of
    every kept one stay."""
    from lenet_gui.train.timeline import REGULAR_FROM

    net = LeNet5()
    p = {k: v.copy() for k, v in net.params.items()}
    recorded = {}
    tl = Timeline(keyframe_every=4, max_bytes=60 * 250_000)  # about 60 float32 snapshots
    batches = list(range(0, 40)) + list(range(REGULAR_FROM - 400, REGULAR_FROM + 30_000, 100))
    for b in batches:
        for v in p.values():
            v += rng.normal(0, 1e-3, v.shape).astype(v.dtype)
        assert tl.record(b, p, force=True)
        recorded[b] = {k: v.copy() for k, v in p.items()}
    assert tl.thinned >= 2 and tl.stored_bytes <= tl.max_bytes
    kept = tl.batches.tolist()
    assert kept[:40] == list(range(40))  # the dense start stays whole
    assert [b for b in batches if b <= REGULAR_FROM] == [b for b in kept if b <= REGULAR_FROM]
    assert kept[-1] == batches[-1] and len(kept) < len(batches)
    for i in (len(kept) - 1, 0, len(kept) // 2, 41, len(kept) - 2):
        assert _same(tl.params(i), recorded[kept[i]]), kept[i]
    # it goes on recording after a thinning, still exact
    for v in p.values():
        v += 1e-3
    assert tl.record(batches[-1] + 100, p, force=True)
    assert _same(tl.params(-1), p) and _same(tl.params(-2), recorded[batches[-1]])


def test_the_snapshots_live_in_a_temporary_file_not_in_memory(small):
    """The coded snapshots go to an unlinked temporary file: what the app holds in memory is
    the writer's last vector and one decoded snapshot, however long the timeline."""
    tl, _ = _trained_timeline(small)[:2]
    assert len(tl) > 20 and tl._store.file_bytes >= tl.stored_bytes > 0 and not tl._store._mem
    tl.params(len(tl) // 2)
    flat = tl.dtype.itemsize * sum(int(np.prod(PARAM_SHAPES[k])) for k in tl.names)
    assert tl.nbytes <= 2 * flat < tl.stored_bytes


def test_without_pread_the_store_reads_its_file_under_a_lock(monkeypatch):
    """Windows has no os.pread or os.pwrite: the snapshots still go to the temporary file, and
    readers on other threads read them whole while the writer appends."""
    import os

    from lenet_gui.train.timeline_store import SnapshotStore

    for name in ("pread", "pwrite", "posix_fallocate"):
        monkeypatch.delattr(os, name, raising=False)
    store = SnapshotStore()
    blobs = [bytes([i % 251]) * (1000 + 37 * i) for i in range(200)]
    store.append(blobs[0])
    bad = []

    def reader():
        for _ in range(300):
            i = len(store.spans) - 1
            if store.read(store.spans[i]) != blobs[i]:
                bad.append(i)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for b in blobs[1:]:
        store.append(b)
    for t in threads:
        t.join()
    assert not bad and not store.in_memory and not store._mem
    assert store.file_bytes == sum(map(len, blobs))
    assert [store.read(span) for span in store.spans] == blobs


# ----------------------------------------------------------------- the coding


def _format1_arrays(states: list[dict], every: int) -> dict:
    """A timeline as format 1 saved it (before each snapshot led with its count of raw
    planes): the low half of the byte planes raw, the high half in one zlib stream."""
    import json
    import zlib

    flats = [np.concatenate([s[k].ravel() for k in s]).view(np.uint32) for s in states]
    blobs = []
    for i, cur in enumerate(flats):
        if i % every == 0:
            z = cur
        else:
            d = (cur - flats[i - 1]).view(np.int32)
            z = ((d << 1) ^ (d >> 31)).view(np.uint32)
        planes = z.view(np.uint8).reshape(-1, 4).T
        blobs.append(planes[:2].tobytes() + zlib.compress(planes[2:].tobytes(), 1))
    header = {"format": 1, "keyframe_every": every, "dtype": "<f4",
              "layout": [[k, list(v.shape)] for k, v in states[0].items()]}
    return {"timeline_header": np.frombuffer(json.dumps(header).encode(), np.uint8),
            "timeline_batches": np.arange(len(blobs), dtype=np.int64),
            "timeline_keyframes": np.arange(len(blobs)) % every == 0,
            "timeline_lengths": np.array([len(b) for b in blobs], np.int64),
            "timeline_crc32": np.array([zlib.crc32(b) for b in blobs], np.uint32),
            "timeline_data": np.frombuffer(b"".join(blobs), np.uint8)}


def test_a_timeline_saved_in_format_1_still_loads_and_goes_on(rng):
    names = LeNet5().param_names()
    states = [{k: rng.normal(0, 1, PARAM_SHAPES[k]).astype(np.float32) for k in names}]
    for _ in range(9):
        states.append({k: (v + rng.normal(0, 1e-3, v.shape)).astype(np.float32)
                       for k, v in states[-1].items()})
    tl = Timeline.from_arrays(_format1_arrays(states, every=4))
    for i in (9, 0, 5, 3):
        assert _same(tl.params(i), states[i]), i
    nxt = {k: v + np.float32(1e-3) for k, v in states[-1].items()}
    assert tl.record(10, nxt, force=True)  # continued in format 2, after a format 1 past
    again = Timeline.from_arrays(tl.to_arrays())
    assert _same(again.params(-1), nxt) and _same(again.params(4), states[4])
    assert '"format": 2' in bytes(tl.to_arrays()["timeline_header"]).decode()


def test_a_plane_mostly_not_zeros_is_stored_raw_and_a_sparse_one_compressed(rng):
    """The first epoch's large updates change the third byte of most weights: that plane is
    stored as it is (compressing it cost most of the recording's time); small later updates
    leave it mostly zeros, and it is compressed. Both come back exactly."""
    names = LeNet5().param_names()
    p0 = {k: rng.normal(0, 0.1, PARAM_SHAPES[k]).astype(np.float32) for k in names}
    big = {k: (v * (1 + rng.normal(0, 0.05, v.shape))).astype(np.float32) for k, v in p0.items()}
    small = {k: np.nextafter(v, np.float32(np.inf)) for k, v in big.items()}
    tl = Timeline()
    for b, p in enumerate((p0, big, small)):
        assert tl.record(b, p)
    spans = tl._store.spans
    leads = [tl._store.read(s)[0] for s in spans]
    assert leads[1] == 3 and leads[2] == 2, leads  # float32: 2 planes always raw
    assert spans[2][1] < spans[1][1] - 50_000  # the sparse plane compressed to almost nothing
    for i, p in enumerate((p0, big, small)):
        assert _same(tl.params(i), p), i


def test_reading_a_timeline_streams_its_snapshots(tmp_path):
    """A timeline file is read into the store's temporary file snapshot by snapshot, straight
    from the file's member: never the data as bytes plus each snapshot copied out of it (three
    times the timeline at once: 680 MB for a workspace whose timeline had filled its 96 MB
    budget), nor the member whole."""
    import tracemalloc

    from lenet_gui.train.timeline import save_timeline

    rng = np.random.default_rng(0)
    tl = Timeline(keyframe_every=1)  # random weights: every snapshot a keyframe, incompressible
    for b in range(40):
        tl.record(b, {k: rng.standard_normal(s).astype(np.float32)
                      for k, s in PARAM_SHAPES.items()}, force=True)
    path = save_timeline(tmp_path / "t.timeline.npz", tl)
    size = tl.stored_bytes
    assert size > 8_000_000
    tracemalloc.start()
    try:
        got = read_timeline(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert all(_same(got.params(i), tl.params(i)) for i in range(len(tl)))
    assert peak < 0.3 * size, (peak, size)


def test_saving_a_run_with_its_timeline_streams_the_snapshots(tmp_path):
    """A run saved with its timeline inside (an export, a workspace) never gathers the
    snapshots in one array: to_arrays' copy was the timeline's size again while saving."""
    import tracemalloc

    rng = np.random.default_rng(1)
    config = LeNetConfig(c3_table=False)  # random weights everywhere in C3
    shapes = {k: v.shape for k, v in LeNet5(config).params.items()}
    tl = Timeline(keyframe_every=1)
    for b in range(40):
        tl.record(b, {k: rng.standard_normal(s).astype(np.float32)
                      for k, s in shapes.items()}, force=True)
    run = Run(new_id(), "r", config, TrainConfig(), "random", tl.params(-1))
    run.timeline = tl
    tracemalloc.start()
    try:
        path = save_run(run, tmp_path / "r.run.npz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 0.5 * tl.stored_bytes, (peak, tl.stored_bytes)
    back = load_run(path)
    assert back.timeline is not None and len(back.timeline) == len(tl)
    assert _same(back.timeline.params(13), tl.params(13))
