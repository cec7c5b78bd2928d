"""Checking what a student typed or picked against the expected answer: numbers as people
write them ("1,516", "1516", "1.516e3", "１，５１６", "−0.25"), within the task's tolerance."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

from lenet_gui.labs.lab import Task

_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?\Z")
_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_SPACES = re.compile(r"[\s_'\u2009\u202f\u00a0]")


def parse_number(typed: str, unit: str = "") -> float | None:
    """The number in `typed`, or None. Full-width digits and punctuation count as ASCII, the
    minus sign as "-", commas as thousands separators (in groups of three), a trailing unit
    (the task's, or %) is dropped."""
    s = unicodedata.normalize("NFKC", typed).strip()
    s = s.replace("\u2212", "-").replace("\u3002", ".").replace("\u00b7", ".")
    s = _SPACES.sub("", s)
    for suffix in (unit.strip(), "%"):
        if suffix and s.endswith(suffix):
            s = s[: -len(suffix)]
    if _GROUPED.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def within(task: Task, value: float, expected: float) -> bool:
    """|value − expected| within the task's tolerance: absolute, relative, either if both are
    given; without one the answer must be exact (to float precision)."""
    diff = abs(value - expected)
    slack = 1e-9 * max(1.0, abs(expected))  # what a decimal typed from a float loses
    if task.tolerance is None and task.rel_tolerance is None:
        return diff <= slack
    ok = False
    if task.tolerance is not None:
        ok |= diff <= task.tolerance + slack
    if task.rel_tolerance is not None:
        ok |= diff <= task.rel_tolerance * abs(expected) + slack
    return ok


def check_number(task: Task, typed: str, expected: float) -> bool:
    """Whether `typed` is a number within the task's tolerance of `expected`."""
    value = parse_number(typed, task.unit)
    return value is not None and math.isfinite(expected) and within(task, value, expected)


def check_choice(task: Task, selected: Iterable[int], expected: Iterable[int]) -> bool:
    """Whether the picked option indices are exactly the expected ones (one for a single
    choice)."""
    picked, right = set(selected), set(expected)
    if not task.multiple and len(picked) != 1:
        return False
    return picked == right
