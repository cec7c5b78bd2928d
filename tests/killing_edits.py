"""The kill harness's stores that the app keeps open and changes one edit at a time
(tests/killing.py): the labs' progress (`Progress`, called as the Labs dock calls it) and My
digits (`MyDigits`, called as the gallery calls it, undo included). Edit n (1, 2, 3 …) is the
same in every process, and each store's model says what its folder holds after a list of
edits without the store's code, so a check compares the store with an account of its own.

A child opens the store once, makes edits 1, 2, 3 … until it is killed, and marks each one
"committed" when the store's call has returned (a phase-file line, as the writers mark theirs).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lenet_gui.data import phase


@dataclass(frozen=True)
class Editor:
    """A store changed one edit at a time, as the app changes it."""
    open: Callable[[Path], object]  # the store of a folder, opened as the app opens it
    edit: Callable[[object, int], None]  # make edit n in the open store (saved when it returns)
    expect: Callable[[Path, list[int]], None]  # a fresh store of the folder holds these edits
    after: Callable[[int], int]  # after edits 1…n, the edit a freshly opened store can make next
    file: str  # the name its "committed" marks carry


# ----------------------------------------------------------------- the labs' progress

LABS = "labs"  # the progress folder, under the trial's folder


@functools.cache
def lab_steps() -> tuple[tuple[str, int, str, bool], ...]:
    """(lab id, step index, step id, last step of its lab) of every step of the shipped labs."""
    from lenet_gui.labs import load_lab, shipped_labs

    steps = []
    for path in shipped_labs():
        lab = load_lab(path)
        steps += [(lab.id, i, s.id, i == len(lab.steps) - 1) for i, s in enumerate(lab.steps)]
    return tuple(steps)


def _lab_edit(n: int) -> tuple[str, tuple[str, int, str, bool]]:
    """Edit n: the dock's four calls in turn, each step of each shipped lab in turn."""
    steps = lab_steps()
    return ("set_step", "record_answer", "mark_hint", "mark_passed")[(n - 1) % 4], \
        steps[(n - 1) // 4 % len(steps)]


def _answer(n: int) -> tuple[str, bool, str, int | None]:
    """(value, ok, time, truth) of edit n's answer: typed text (not ASCII), a fixed time."""
    return (f"answer {n}: δ(u) = δ(f) · f'(u)", n % 3 == 0,
            f"2026-12-06T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}+00:00",
            n if n % 5 == 0 else None)


def _open_progress(folder: Path):
    from lenet_gui.labs.progress import Progress

    return Progress(folder / LABS)


def _edit_progress(progress, n: int) -> None:
    what, (lab_id, index, step_id, last) = _lab_edit(n)
    if what == "set_step":
        progress.set_step(lab_id, index)
    elif what == "record_answer":
        value, ok, time, truth = _answer(n)
        progress.record_answer(lab_id, step_id, value, ok, truth=truth, time=time)
    elif what == "mark_hint":
        progress.mark_hint(lab_id, step_id)
    else:
        progress.mark_passed(lab_id, step_id, last=last)
    assert progress.save_error is None, progress.save_error


def _progress_model(edits: list[int]) -> dict[str, dict]:
    """{lab id: {step, answers, passed, hints, finished}} after the edits."""
    labs: dict[str, dict] = {}
    for n in edits:
        what, (lab_id, index, step_id, last) = _lab_edit(n)
        lab = labs.setdefault(lab_id, {"step": 0, "answers": {}, "passed": [], "hints": [],
                                       "finished": False})
        if what == "set_step":
            lab["step"] = index
        elif what == "record_answer":
            lab["answers"].setdefault(step_id, []).append(_answer(n))
        elif what == "mark_hint" and step_id not in lab["hints"]:
            lab["hints"].append(step_id)
        elif what == "mark_passed":
            if step_id not in lab["passed"]:
                lab["passed"].append(step_id)
            lab["finished"] |= last
    return labs


def _expect_progress(folder: Path, edits: list[int]) -> None:
    """A fresh Progress reads the file (nothing set aside) and holds exactly the edits."""
    progress = _open_progress(folder)
    assert progress.message is None, progress.message
    assert not (folder / LABS / "progress.json.bad").exists()
    want = _progress_model(edits)
    assert sorted(progress.known()) == sorted(want), (progress.known(), sorted(want))
    for lab_id, w in want.items():
        got = progress.lab(lab_id)
        answers = {sid: [(a.value, a.ok, a.time, a.truth) for a in items]
                   for sid, items in got.answers.items()}
        assert (got.step, answers, got.passed, got.hints, bool(got.finished)) == \
            (w["step"], w["answers"], w["passed"], w["hints"], w["finished"]), (lab_id, edits[-1:])


# ----------------------------------------------------------------- My digits

DIGITS = "my-digits"  # the store's folder, under the trial's folder


@functools.cache
def digit_images() -> np.ndarray:
    """(100, 28, 28) uint8: the first 100 MNIST test images, ink 255 (the test file alone: the
    children start faster)."""
    from lenet_gui.data.idx import read_images
    from lenet_gui.data.mnist import default_data_dir, find_file

    return np.ascontiguousarray(read_images(find_file(default_data_dir(), "t10k-images", "images"))[:100])


def _digit_edit(n: int) -> tuple[str, int]:
    """Edit n: cycle c = (n-1) // 4 adds MNIST test image c as a c % 10, relabels it, deletes
    it, and undoes the delete."""
    return ("add", "relabel", "delete", "undo")[(n - 1) % 4], (n - 1) // 4


def _relabel_to(c: int) -> int:
    return (c % 10 + 1 + c % 9) % 10  # never the label it has


@dataclass
class DigitsSession:
    """The open store and where cycle c's digit is now (the gallery knows its files' paths)."""
    store: object
    path: Path | None = None
    cycle: int = -1  # the cycle whose digit `path` is


def _open_digits(folder: Path) -> DigitsSession:
    from lenet_gui.data.folders import MyDigits

    return DigitsSession(MyDigits(folder / DIGITS))


def _edit_digits(session: DigitsSession, n: int) -> None:
    what, c = _digit_edit(n)
    store = session.store
    if what == "add":
        session.path, session.cycle = store.add(digit_images()[c % 100], c % 10), c
        return
    assert session.cycle == c, f"edit {n} ({what}) in a session that did not add digit {c}"
    phase.mark(what, "digit")  # a move: no atomic write marks it
    if what == "relabel":
        session.path = store.relabel(session.path, _relabel_to(c))
    elif what == "delete":
        store.delete(session.path)
        session.path = None
    else:
        session.path = store.undo()


def _digits_model(edits: list[int]) -> dict[str, tuple[int, int]]:
    """{file name: (label, image index)} in the class folders after the edits (a delete whose
    undo never came is gone: the next opening of the store empties the trash)."""
    files: dict[str, tuple[int, int]] = {}
    name = deleted = None
    for n in edits:
        what, c = _digit_edit(n)
        if what == "add":
            number = max((int(f[6:11]) for f in files), default=0) + 1  # MyDigits._next_number
            name = f"digit-{number:05d}.png"
            files[name] = (c % 10, c % 100)
        elif what == "relabel":
            files[name] = (_relabel_to(c), c % 100)
        elif what == "delete":
            deleted = files.pop(name)
        else:
            files[name] = deleted
    return files


def _expect_digits(folder: Path, edits: list[int]) -> None:
    """The folder reads (read_image_folder, as training on it does), nothing half-written (every
    PNG decodes, to exactly the ink added), every file with the label of the edits; a fresh
    MyDigits opens, lists the same, and leaves no temp file."""
    from PIL import Image

    from lenet_gui.data.folders import MyDigits, read_image_folder

    root = folder / DIGITS
    data = read_image_folder(root, allow_empty=True)
    assert not data.skipped, data.skipped_message()
    got = {p.name: int(k) for p, k in zip(data.paths, data.labels)}
    want = _digits_model(edits)
    assert got == {name: label for name, (label, _) in want.items()}, (got, want, edits[-1:])
    for p in data.paths:
        with Image.open(p) as im:
            np.testing.assert_array_equal(np.asarray(im), 255 - digit_images()[want[p.name][1]])
    store = MyDigits(root)
    assert {p.name: k for p, k in store.items()} == got
    assert not store.trash.exists()
    # A killed add's temp file is the store's to sweep when it opens: the next add may go to
    # another class folder, and nothing else writes that name again.
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*.tmp"))
    assert not left, f"temporary files left in {root} after it was opened: {left}"


def _digits_after(n: int) -> int:
    """A fresh store has no undo history: it goes on with the next cycle's add."""
    return n + 1 if _digit_edit(n + 1)[0] == "add" else 4 * ((n - 1) // 4 + 1) + 1


EDITORS: dict[str, Editor] = {
    "lab progress": Editor(_open_progress, _edit_progress, _expect_progress, lambda n: n + 1,
                           "progress.json"),
    "my digits": Editor(_open_digits, _edit_digits, _expect_digits, _digits_after, "my-digits"),
}
