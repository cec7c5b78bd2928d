"""A lab: a TOML file of steps, each saying what to do and why and carrying a task the app
checks by itself (docs/LABS.md describes the format for teachers). This module holds what a
lab is once read (Lab, Step, Task, Text, Move, Quantity) and LabError, whose str is one line
naming the file, the line and the field; loader.py reads and checks a file into them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = 1
LANGUAGES = ("en", "zh")
KINDS = ("read", "number", "choice", "action", "predict")
CHECKED = ("number", "choice", "action", "predict")
ID = re.compile(r"[a-z0-9_]+\Z")


class LabError(ValueError):
    """A fault in a lab file: `path:line: field: message`, one line."""

    def __init__(self, path, line: int | None, field: str | None, message: str) -> None:
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


# ----------------------------------------------------------------------------- the dataclasses


@dataclass(frozen=True)
class Text:
    """A text in each of the labs' languages."""

    en: str
    zh: str

    def get(self, language: str) -> str:
        """The text in `language` ("en", "zh", "zh_CN", …): Chinese for zh*, else English."""
        return self.zh if language.lower().startswith("zh") else self.en


@dataclass(frozen=True)
class Move:
    """One thing the app can do by itself (vocabulary.MOVES): a step of a reference answer."""

    name: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Quantity:
    """A value computed from the app's state: `probe.delta_f7[3]` is name "probe.delta_f7",
    indices (3,). An index may be "label" or "predicted" (the probe's)."""

    name: str
    indices: tuple[int | str, ...] = ()

    def __str__(self) -> str:
        return self.name + (f"[{', '.join(str(i) for i in self.indices)}]" if self.indices else "")


@dataclass(frozen=True)
class Task:
    kind: str  # read | number | choice | action | predict
    answer: Any = None  # number: float; choice: tuple of indices; action: tuple of Moves;
    #                     predict: the truth (a float or a tuple of indices)
    compute: Quantity | None = None  # number/choice: the answer, computed when checked
    reveal: Quantity | None = None  # predict: the truth, computed after the prediction
    tolerance: float | None = None  # absolute
    rel_tolerance: float | None = None  # relative to the answer
    unit: str = ""
    ask: str | None = None  # predict: "number" or "choice"
    options: tuple[Text, ...] = ()  # choice: the options' texts…
    options_range: tuple[int, int] | None = None  # …or the integers first…last
    multiple: bool = False  # choice: several options may be right
    condition: str | None = None  # action (and predict): a name of vocabulary.CONDITIONS
    args: dict[str, Any] = field(default_factory=dict, hash=False)
    moves: tuple[Move, ...] = ()  # predict: the reference moves that meet its condition

    @property
    def checked(self) -> bool:
        return self.kind in CHECKED

    @property
    def asks(self) -> str | None:
        """What the student types or picks: "number", "choice", or None (read, action)."""
        if self.kind in ("number", "choice"):
            return self.kind
        return self.ask if self.kind == "predict" else None

    @property
    def choices(self) -> int:
        """How many options a choice offers."""
        if self.options_range is not None:
            return self.options_range[1] - self.options_range[0] + 1
        return len(self.options)

    def option_label(self, i: int, language: str = "en") -> str:
        """The text of option i (0-based): its Text, or the integer of options_range."""
        if self.options_range is not None:
            return str(self.options_range[0] + i)
        return self.options[i].get(language)

    @property
    def reference_moves(self) -> tuple[Move, ...]:
        """The moves `lab verify` performs: an action's answer, a predict's moves."""
        if self.kind == "action":
            return tuple(self.answer or ())
        return self.moves

    @property
    def has_reference(self) -> bool:
        """Whether the file carries what `lab verify` needs to pass this task."""
        if self.kind == "action":
            return bool(self.answer)
        if self.kind == "predict" and self.condition is not None and not self.moves:
            return False
        return True


@dataclass(frozen=True)
class Step:
    id: str
    title: Text
    text: Text
    task: Task
    perspective: str | None = None
    panel: str | None = None
    hint: Text | None = None
    line: int = 0  # the line of its [[step]]


@dataclass(frozen=True)
class Lab:
    id: str
    order: int
    title: Text
    summary: Text
    steps: tuple[Step, ...]
    course: str = ""
    path: Path | None = None
    source: str = field(default="", repr=False, compare=False)

    @property
    def checked_tasks(self) -> int:
        return sum(s.task.checked for s in self.steps)

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)
