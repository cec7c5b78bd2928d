"""Folders of digit pictures (DIR/0 … DIR/9) and the My digits store: every bad input gives one
clear error or a counted skip, every picture format gives the same prepared image, reading
never changes the folder, and relabel, delete and undo move files as they say."""

import hashlib

import numpy as np
import pytest
from PIL import Image

from lenet_gui.data.folders import FolderError, MyDigits, read_image_folder, split_holdout
from lenet_gui.data.images import ink_to_field, load_image
from tests import helpers


@pytest.fixture(scope="module")
def digits():
    """Eight MNIST test digits at 3× (84×84, light on dark) and their labels."""
    d = helpers.mnist()
    return np.kron(d.test_images[:8], np.ones((3, 3), np.uint8)), d.test_labels[:8]


def save(path, array, **kw):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path, **kw)
    return path


def folder_of(root, digits, n=8):
    images, labels = digits
    for i in range(n):
        save(root / str(labels[i]) / f"{i}.png", images[i])
    return root


def snapshot(root):
    """Every file's path, bytes' hash and modification time."""
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_folder_reads_in_class_then_name_order_as_mnist_bytes(tmp_path, digits):
    data = read_image_folder(folder_of(tmp_path, digits))
    images, labels = digits
    order = np.lexsort((np.arange(8), labels))  # the files are named by their index
    assert data.images.shape == (8, 28, 28) and data.images.dtype == np.uint8
    np.testing.assert_array_equal(data.labels, labels[order])
    assert [p.name for p in data.paths] == [f"{i}.png" for i in order]
    assert data.skipped == () and data.skipped_message() is None
    assert data.counts().sum() == 8 and data.inputs().shape == (8, 1, 32, 32)
    # the same bytes as each file prepared alone
    for image, path in zip(data.images, data.paths):
        np.testing.assert_array_equal(image, ink_to_field(load_image(path)))


@pytest.mark.parametrize("make, message", [
    (lambda root: root / "nope", "no such folder"),
    (lambda root: (root / "f.png").write_bytes(b"x") and root / "f.png", "not a folder"),
    (lambda root: root, "no class folders"),
    (lambda root: (root / "10").mkdir() or root, "'10' is not a class"),
    (lambda root: (root / "x").mkdir() or root, "'x' is not a class"),
    (lambda root: [(root / str(k)).mkdir() for k in (0, 3)] and root, "no pictures"),
])
def test_every_bad_folder_is_one_clear_error_naming_it(tmp_path, make, message):
    root = tmp_path / "set"
    root.mkdir()
    target = make(root)
    with pytest.raises(FolderError, match=message) as err:
        read_image_folder(target)
    assert str(target) in str(err.value) and "\n" not in str(err.value)


def test_a_class_folder_named_10_is_refused_beside_good_ones(tmp_path, digits):
    root = folder_of(tmp_path, digits)
    (root / "10").mkdir()
    with pytest.raises(FolderError, match="'10'"):
        read_image_folder(root)


def test_unreadable_files_are_skipped_and_counted_in_one_message(tmp_path, digits):
    root = folder_of(tmp_path, digits)
    good = root / "7" / "0.png"
    (root / "7" / "cut.png").write_bytes(good.read_bytes()[:60])  # truncated
    (root / "2" / "notes.txt").write_text("not a picture")
    save(root / "2" / "blank.png", np.zeros((30, 30), np.uint8))
    (root / "5").mkdir()  # an empty class folder: allowed, reported
    (root / "2" / ".hidden.png").write_bytes(b"ignored")
    data = read_image_folder(root)
    assert len(data) == 8 and len(data.skipped) == 3
    assert {p.name for p, _ in data.skipped} == {"cut.png", "notes.txt", "blank.png"}
    assert 5 in data.empty_classes
    msg = data.skipped_message()
    assert msg.startswith("3 files skipped") and "\n" not in msg and "blank" in msg


def test_a_folder_of_only_unreadable_files_is_an_error_that_counts_them(tmp_path):
    (tmp_path / "3").mkdir()
    (tmp_path / "3" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    with pytest.raises(FolderError, match="no pictures.*1 file could not be read"):
        read_image_folder(tmp_path)


def test_every_format_colour_alpha_background_and_size_prepares_the_same(tmp_path, digits):
    big = digits[0][0]  # light ink on dark, 84×84
    ref = ink_to_field(load_image(save(tmp_path / "ref.png", big)))
    blue_on_white = np.stack([255 - big, 255 - big, np.full_like(big, 255)], -1)
    black_with_alpha = np.zeros(big.shape + (4,), np.uint8)
    black_with_alpha[..., 3] = big
    same = {"dark_on_light.png": 255 - big, "dark_on_light.bmp": 255 - big,
            "black_ink_alpha.png": black_with_alpha,
            "ten_times.png": np.kron(digits[0][0][::3, ::3], np.ones((10, 10), np.uint8))}
    for name, arr in same.items():
        got = ink_to_field(load_image(save(tmp_path / name, arr)))
        np.testing.assert_array_equal(got, ref, err_msg=name)
    near = {"blue_on_white.png": (blue_on_white, {}), "colour.bmp": (blue_on_white, {}),
            "light_on_dark.jpg": (big, {"quality": 95}),
            "dark_on_light.jpg": (255 - big, {"quality": 95})}
    for name, (arr, kw) in near.items():
        got = ink_to_field(load_image(save(tmp_path / name, arr, **kw))).astype(int)
        assert np.abs(got - ref).max() <= 8 and np.abs(got - ref).mean() < 0.5, name


def test_reading_never_changes_the_users_folder(tmp_path, digits):
    root = folder_of(tmp_path / "set", digits)
    (root / "7" / "junk.txt").write_text("x")
    before = snapshot(root)
    read_image_folder(root)
    MyDigits(tmp_path / "mine").merge_from(root)
    assert snapshot(root) == before


def test_split_holdout_is_stratified_disjoint_and_fixed_by_seed():
    labels = np.repeat(np.arange(10), 40)[np.random.default_rng(0).permutation(400)]
    train, held = split_holdout(labels, 0.75, seed=3)
    assert np.intersect1d(train, held).size == 0
    np.testing.assert_array_equal(np.sort(np.concatenate([train, held])), np.arange(400))
    assert (np.bincount(labels[train], minlength=10) == 10).all()
    assert (np.bincount(labels[held], minlength=10) == 30).all()
    again = split_holdout(labels, 0.75, seed=3)
    assert np.array_equal(again[0], train) and np.array_equal(again[1], held)
    assert not np.array_equal(split_holdout(labels, 0.75, seed=4)[0], train)
    # a class of two keeps one on each side; nothing held out keeps everything
    t, h = split_holdout(np.array([1, 1, 2]), 0.9)
    assert sorted(t) == [0, 2] or sorted(t) == [1, 2]
    assert split_holdout(labels, 0.0)[1].size == 0
    with pytest.raises(ValueError):
        split_holdout(labels, 1.5)


# ------------------------------------------------------------------------------ My digits


def test_add_saves_a_png_in_its_class_folder_that_reads_back_as_drawn(tmp_path, digits):
    store = MyDigits(tmp_path / "mine")  # not created until the first add
    assert store.items() == [] and len(store.read()) == 0
    images, labels = digits
    paths = [store.add(images[i], int(labels[i])) for i in range(4)]
    assert [p.parent.name for p in paths] == [str(k) for k in labels[:4]]
    assert len(set(paths)) == 4 and all(p.suffix == ".png" for p in paths)
    with Image.open(paths[0]) as im:
        assert im.mode == "L"
        assert np.asarray(im)[0, 0] == 255  # dark ink on white, as on paper
    # it reads back as the same drawing saved in any other way
    back = ink_to_field(load_image(paths[0]))
    np.testing.assert_array_equal(back, ink_to_field(load_image(save(tmp_path / "d.png",
                                                                      images[0]))))
    assert store.counts().sum() == 4
    float_path = store.add(images[1] / 255.0, 9)  # floats in [0, 1] too
    assert float_path.parent.name == "9"
    with pytest.raises(ValueError, match="blank"):
        store.add(np.zeros((28, 28), np.uint8), 3)
    with pytest.raises(ValueError, match="0 to 9"):
        store.add(images[0], 10)
    assert not list(tmp_path.glob("mine/**/*.tmp"))  # atomic: no temp files left


def test_relabel_delete_and_undo(tmp_path, digits):
    store = MyDigits(tmp_path / "mine")
    images, labels = digits
    a = store.add(images[0], 7)
    b = store.add(images[1], 2)
    content = a.read_bytes()
    moved = store.relabel(a, 1)
    assert moved.parent.name == "1" and not a.exists() and moved.read_bytes() == content
    store.delete(b)
    assert not b.exists() and store.counts().sum() == 1
    assert store.undo() == b and b.exists()  # the delete
    assert store.undo() == a and a.exists() and not moved.exists()  # the relabel
    store.undo()  # the add of b: removed
    assert not b.exists()
    store.undo()
    assert store.items() == [] and not store.can_undo
    with pytest.raises(LookupError):
        store.undo()
    with pytest.raises(ValueError, match="not in my digits"):
        store.relabel(tmp_path / "elsewhere.png", 3)


def test_the_trash_is_emptied_on_close_and_when_a_store_opens(tmp_path, digits):
    store = MyDigits(tmp_path / "mine")
    store.delete(store.add(digits[0][0], 7))
    assert any(store.trash.iterdir())
    assert len(store.read()) == 0  # the trash is not a class
    store.close()
    assert not store.trash.exists() and not store.can_undo
    store.delete(store.add(digits[0][0], 7))
    MyDigits(tmp_path / "mine")  # a crash left a trash behind
    assert not store.trash.exists()


@pytest.mark.posix_only("fcntl's locks")
def test_a_killed_adds_temp_file_is_swept_when_a_store_opens(tmp_path, digits):
    """A SIGKILL mid-add leaves `.digit-00002.png.<random>.tmp` in its class folder (found by
    the kill harness, tests/killing_edits.py): the next add, of another class, never wrote that
    name again, so the temp file stayed; opening the store sweeps it, unless a writer holds it."""
    import fcntl

    store = MyDigits(tmp_path / "mine")
    kept = store.add(digits[0][0], 7)
    dead = store.folder(4) / ".digit-00002.png.k1ll3d.tmp"
    dead.parent.mkdir()
    dead.write_bytes(b"half a png")
    live = store.folder(7) / ".digit-00003.png.l1v3.tmp"
    with open(live, "wb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        store = MyDigits(tmp_path / "mine")
        assert not dead.exists() and live.exists()
    assert [p for p, _ in store.items()] == [kept]
    MyDigits(tmp_path / "mine")
    assert sorted(p.name for p in (tmp_path / "mine").rglob("*")) == ["4", "7", kept.name]


def test_merge_copies_another_folder_and_export_copies_out(tmp_path, digits):
    other = folder_of(tmp_path / "teacher", digits, n=5)
    store = MyDigits(tmp_path / "mine")
    store.add(digits[0][0], int(digits[1][0]))
    merged = store.merge_from(other)
    assert len(merged) == 5 and store.counts().sum() == 6
    store.merge_from(other)  # the same names again: unique names, nothing overwritten
    assert store.counts().sum() == 11
    out = tmp_path / "export"
    assert store.export_to(out) == 11
    assert snapshot(out).keys() == {out / p.relative_to(store.root) for p, _ in store.items()}
    np.testing.assert_array_equal(read_image_folder(out).images, store.read().images)
    with pytest.raises(FolderError, match="new or empty"):
        store.export_to(out)
