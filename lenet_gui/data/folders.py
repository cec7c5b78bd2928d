"""Folders of digit pictures in the one-folder-per-class layout (DIR/0/*.png … DIR/9/*.png),
and "My digits", the user's own set kept in that layout. NumPy, Pillow and files; no Qt.

Reading never changes the folder. Every picture is prepared as the canvas prepares a drawing
(lenet_gui.data.images.load_field: ink found whatever the background or colour, cropped,
fitted into 20×20, centred by mass in 28×28), so a folder holds MNIST's own format and every
function that takes MNIST's uint8 images takes it too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lenet_gui.data.atomic import sweep_temp_files, write_atomic
from lenet_gui.data.images import ImageError, ink_to_field, load_image
from lenet_gui.data.preprocess import normalise

CLASSES = tuple(str(k) for k in range(10))  # the class folders' names
TRASH = ".trash"  # MyDigits: deleted files wait here for undo (hidden, not a class folder)
MAX_LISTED = 3  # files named in a message before "…"


class FolderError(ValueError):
    """A folder that is not a usable set of digits; the message names the folder."""


@dataclass(frozen=True)
class FolderData:
    """The readable pictures of a folder, in class then file-name order."""
    root: Path
    images: np.ndarray  # (N, 28, 28) uint8, MNIST's format: ink 255 on 0, centred by mass
    labels: np.ndarray  # (N,) uint8, the class folder each came from
    paths: tuple[Path, ...]  # (N,) the files, for the gallery, relabel and delete
    skipped: tuple[tuple[Path, str], ...] = ()  # files that could not be read, and why
    empty_classes: tuple[int, ...] = ()  # class folders present but without a readable picture

    def __len__(self) -> int:
        return len(self.labels)

    def counts(self) -> np.ndarray:
        """(10,) images per class."""
        return np.bincount(self.labels, minlength=10)[:10]

    def inputs(self) -> np.ndarray:
        """The network's input. Shapes: -> (N, 1, 32, 32) float32"""
        return normalise(self.images)

    def subset(self, idx: np.ndarray) -> FolderData:
        idx = np.asarray(idx, np.intp)
        return FolderData(self.root, self.images[idx], self.labels[idx],
                          tuple(self.paths[i] for i in idx), self.skipped, self.empty_classes)

    def skipped_message(self) -> str | None:
        """One line for every file skipped, or None: `2 files skipped (not readable
        pictures of a digit): DIR/3/a.txt (not an image file), DIR/7/b.png (blank)`."""
        if not self.skipped:
            return None
        n = len(self.skipped)
        named = ", ".join(f"{p} ({why})" for p, why in self.skipped[:MAX_LISTED])
        more = f", and {n - MAX_LISTED} more" if n > MAX_LISTED else ""
        return (f"{n} file{'s' if n != 1 else ''} skipped (not readable pictures of a digit): "
                f"{named}{more}")


def class_folders(root: str | os.PathLike) -> dict[int, Path]:
    """{label: folder} of `root`'s class folders. Hidden entries (.trash, .DS_Store) and files
    beside the class folders are ignored; any other folder must be named 0…9.
    Raises FolderError: missing, not a folder, no class folders, a folder named 10 or x."""
    root = Path(root)
    if not root.exists():
        raise FolderError(f"{root}: no such folder")
    if not root.is_dir():
        raise FolderError(f"{root}: not a folder (expected {_LAYOUT})")
    try:
        entries = sorted(p for p in root.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise FolderError(f"{root}: cannot list the folder ({exc.strerror or exc})") from None
    folders = {}
    for p in entries:
        if not p.is_dir():
            continue
        if p.name not in CLASSES:
            raise FolderError(f"{root}: the folder {p.name!r} is not a class: class folders are "
                              f"named 0 to 9 (expected {_LAYOUT})")
        folders[int(p.name)] = p
    if not folders:
        raise FolderError(f"{root}: no class folders 0 to 9 (expected {_LAYOUT})")
    return folders


_LAYOUT = "DIR/0/*.png … DIR/9/*.png"


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file())
    except OSError as exc:
        raise FolderError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from None


def read_image_folder(root: str | os.PathLike,
                      decode: Callable[[Path], np.ndarray] = load_image,
                      allow_empty: bool = False) -> FolderData:
    """Every picture in `root`/0 … `root`/9, prepared as the canvas prepares a drawing.

    `decode(path)` gives (H, W) float ink in [0, 1] on 0 or raises ImageError (the default
    reads PNG, JPEG, BMP, … of any size, colour, alpha or background through Pillow). Files it
    cannot read, and blank pictures, are skipped with their reason (FolderData.skipped); an
    empty class folder is allowed and listed in FolderData.empty_classes. Raises FolderError
    for a missing folder, no class folders, a class folder not named 0…9, or — unless
    `allow_empty` — no readable picture at all.
    """
    root = Path(root)
    images, labels, paths, skipped, empty = [], [], [], [], []
    for label, folder in class_folders(root).items():
        found = 0
        for path in _files(folder):
            try:
                field28 = ink_to_field(decode(path))
                if field28 is None:
                    raise ImageError(f"{path}: blank")
            except ImageError as exc:
                skipped.append((path, _reason(exc, path)))
                continue
            except (OSError, ValueError, MemoryError) as exc:  # a decoder given by the caller
                skipped.append((path, str(exc) or type(exc).__name__))
                continue
            images.append(field28)
            labels.append(label)
            paths.append(path)
            found += 1
        if not found:
            empty.append(label)
    if not images and not allow_empty:
        what = (f"; {len(skipped)} file{'s' if len(skipped) != 1 else ''} could not be read"
                if skipped else "")
        raise FolderError(f"{root}: no pictures of digits in the class folders 0 to 9{what}")
    arr = np.stack(images) if images else np.zeros((0, 28, 28), np.uint8)
    return FolderData(root, arr, np.asarray(labels, np.uint8), tuple(paths), tuple(skipped),
                      tuple(empty))


def _reason(exc: ImageError, path: Path) -> str:
    """ImageError's message without the file name it starts with."""
    msg = str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


def split_holdout(labels: np.ndarray, holdout: float,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(train_idx, held_idx): per class, round(n·holdout) images held out, chosen with a fixed
    seed; when 0 < holdout < 1 a class keeps at least one on each side (a class of one
    is trained on).
    Disjoint, sorted, and together every index once."""
    if not 0 <= holdout <= 1:
        raise ValueError(f"holdout must be a fraction in [0, 1], got {holdout}")
    labels = np.asarray(labels)
    train, held = [], []
    for k in range(10):
        idx = np.flatnonzero(labels == k)
        if not idx.size:
            continue
        # one stream per class: a class's split does not depend on the other classes
        idx = np.random.default_rng([seed, k]).permutation(idx)
        n = idx.size
        h = int(round(n * holdout))
        if 0 < holdout < 1:
            h = min(max(h, 1), n - 1)  # a class of one is trained on
        held.append(idx[:h])
        train.append(idx[h:])
    cat = lambda parts: np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.intp)  # noqa: E731
    return cat(train), cat(held)


# ---------------------------------------------------------------------------------- writing


def _write_atomic(path: Path, data: bytes) -> Path:
    """`data` as the file `path`, with the app's one atomic writer (data.atomic.write_atomic):
    never a half-written file, and a killed writer's temp file swept."""
    return write_atomic(path, lambda fh: fh.write(data))


def png_bytes(image: np.ndarray) -> bytes:
    """An 8-bit grey PNG of (H, W) uint8."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image, np.uint8), mode="L").save(buf, format="PNG")
    return buf.getvalue()


def _as_ink_bytes(image: np.ndarray) -> np.ndarray:
    """(H, W) uint8 0…255 or float 0…1, ink high → (H, W) uint8, ink 255."""
    a = np.asarray(image)
    if a.ndim != 2 or a.shape[0] < 1 or a.shape[1] < 1:
        raise ValueError(f"a digit must be an (H, W) image, got shape {a.shape}")
    if a.dtype == np.uint8:
        return a
    a = np.clip(np.nan_to_num(a.astype(np.float64)), 0.0, 1.0)
    return np.round(a * 255).astype(np.uint8)


def _unique(folder: Path, name: str) -> Path:
    """folder/name, or folder/stem-2.suffix, -3, … when taken."""
    p = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while p.exists():
        p = folder / f"{stem}-{n}{suffix}"
        n += 1
    return p


def _copy_atomic(src: Path, dst: Path) -> Path:
    return _write_atomic(dst, src.read_bytes())


@dataclass
class _Undo:
    kind: str  # "add", "relabel", "delete"
    now: Path  # where the file is now (in a class folder, or in the trash)
    was: Path | None  # where undo puts it back (None: undoing an add deletes it)


@dataclass
class MyDigits:
    """The user's own digits: `root`/0 … `root`/9, 8-bit grey PNGs, dark ink on white.

    Relabel moves a file to another class folder; delete moves it into `root`/.trash. undo()
    takes back the last add, relabel or delete, then the one before, for as long as the store
    is open (any depth). close() empties the trash; so does opening a store, for a trash that
    a crash left behind (an undo does not outlive the session that could undo it). Opening
    also sweeps the temp files of an add that was killed mid-write from the class folders. Merging
    copies another folder in and is not undone; export copies out. Nothing outside `root` is
    ever changed, except the folder exported to.
    """
    root: Path
    _undo: list[_Undo] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._empty_trash()
        for k in CLASSES:  # the next add may go to another folder: nothing else would sweep them
            sweep_temp_files(self.root / k)

    @property
    def trash(self) -> Path:
        return self.root / TRASH

    def folder(self, label: int) -> Path:
        return self.root / CLASSES[_check_label(label)]

    # ------------------------------------------------------------------ reading

    def items(self) -> list[tuple[Path, int]]:
        """(file, label) of every file in the class folders, in class then name order."""
        if not self.root.is_dir():
            return []
        out = []
        for k in range(10):
            folder = self.root / CLASSES[k]
            if folder.is_dir():
                out.extend((p, k) for p in _files(folder))
        return out

    def counts(self) -> np.ndarray:
        """(10,) files per class."""
        c = np.zeros(10, np.int64)
        for _, k in self.items():
            c[k] += 1
        return c

    def read(self, decode: Callable[[Path], np.ndarray] = load_image) -> FolderData:
        """The store as a FolderData (empty when nothing was added yet)."""
        if not self.root.is_dir() or not any(self.root.iterdir()):
            return FolderData(self.root, np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.uint8),
                              ())
        try:
            return read_image_folder(self.root, decode, allow_empty=True)
        except FolderError:
            if not self.items():
                return FolderData(self.root, np.zeros((0, 28, 28), np.uint8),
                                  np.zeros(0, np.uint8), ())
            raise

    # ------------------------------------------------------------------ changing

    def add(self, image: np.ndarray, label: int) -> Path:
        """Save a drawing as a new PNG in class `label`'s folder; returns its path.

        `image`: (H, W) uint8 0…255 or float 0…1 with ink high (the canvas's pixels, or a
        prepared 28×28 or 32×32 field). It is saved dark on white, as on paper."""
        ink = _as_ink_bytes(image)
        if not ink.any():
            raise ValueError("the drawing is blank: nothing to add")
        folder = self.folder(label)
        folder.mkdir(parents=True, exist_ok=True)
        path = _unique(folder, f"digit-{self._next_number():05d}.png")
        _write_atomic(path, png_bytes(255 - ink))
        self._undo.append(_Undo("add", path, None))
        return path

    def relabel(self, path: str | os.PathLike, label: int) -> Path:
        """Move a file of the store to class `label`'s folder; returns its new path."""
        path = self._own(path)
        target = self.folder(label)
        if path.parent == target:
            return path
        target.mkdir(parents=True, exist_ok=True)
        new = _unique(target, path.name)
        os.replace(path, new)
        self._undo.append(_Undo("relabel", new, path))
        return new

    def delete(self, path: str | os.PathLike) -> None:
        """Move a file of the store into the trash (undo() brings it back)."""
        path = self._own(path)
        self.trash.mkdir(exist_ok=True)
        parked = _unique(self.trash, f"{path.parent.name}-{path.name}")
        os.replace(path, parked)
        self._undo.append(_Undo("delete", parked, path))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Path | None:
        """Take back the last add, relabel or delete. Returns where the file is now (None for
        an add, whose file is removed); raises LookupError when there is nothing to undo."""
        if not self._undo:
            raise LookupError("nothing to undo")
        u = self._undo.pop()
        if u.was is None:
            u.now.unlink(missing_ok=True)
            return None
        u.was.parent.mkdir(parents=True, exist_ok=True)
        back = _unique(u.was.parent, u.was.name)
        os.replace(u.now, back)
        return back

    def close(self) -> None:
        """Forget the undo history and empty the trash."""
        self._undo.clear()
        self._empty_trash()

    def merge_from(self, other: str | os.PathLike,
                   decode: Callable[[Path], np.ndarray] = load_image) -> FolderData:
        """Copy every readable picture of another folder (DIR/0 … DIR/9) into the store, each
        file as it is (same bytes and format), under a unique name. The other folder is never
        changed. Returns what was read there (its `skipped` were not copied)."""
        data = read_image_folder(other, decode)
        for path, label in zip(data.paths, data.labels):
            folder = self.folder(int(label))
            folder.mkdir(parents=True, exist_ok=True)
            _copy_atomic(path, _unique(folder, path.name))
        return data

    def export_to(self, target: str | os.PathLike) -> int:
        """Copy the store into `target`/0 … `target`/9 (created; it must be empty or new).
        Returns the number of files copied."""
        target = Path(target)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise FolderError(f"{target}: export needs a new or empty folder")
        items = self.items()
        if not items:
            raise FolderError(f"{self.root}: no digits to export")
        for path, label in items:
            folder = target / CLASSES[label]
            folder.mkdir(parents=True, exist_ok=True)
            _copy_atomic(path, folder / path.name)
        return len(items)

    # ------------------------------------------------------------------ helpers

    def _own(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        try:
            rel = path.resolve().relative_to(self.root.resolve())
        except ValueError:
            raise ValueError(f"{path}: not in my digits ({self.root})") from None
        if len(rel.parts) != 2 or rel.parts[0] not in CLASSES or not path.is_file():
            raise ValueError(f"{path}: not a digit of my digits ({self.root})")
        return self.root / rel

    def _next_number(self) -> int:
        n = 0
        for p, _ in self.items():
            stem = p.stem
            if stem.startswith("digit-"):
                digits = stem[6:].split("-")[0]
                if digits.isdigit():
                    n = max(n, int(digits))
        return n + 1

    def _empty_trash(self) -> None:
        shutil.rmtree(self.trash, ignore_errors=True)


def _check_label(label: int) -> int:
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label <= 9:
        raise ValueError(f"a label is a digit 0 to 9, got {label!r}")
    return int(label)

