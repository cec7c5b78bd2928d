"""Labs: the course step by step, each step checked by the app itself. Pure Python (no Qt):
the lab format (lab.py) and its loader (loader.py), the words a lab may use (vocabulary.py),
checking typed answers (answers.py), the student's progress (progress.py) and the lab report
(report.py). The Labs dock in gui/ shows them and implements the vocabulary against the
application's state."""

from __future__ import annotations

from pathlib import Path

from lenet_gui.labs.answers import check_choice, check_number, parse_number, within
from lenet_gui.labs.lab import Lab, LabError, Move, Quantity, Step, Task, Text
from lenet_gui.labs.loader import load_lab, parse_lab, parse_quantity, validate
from lenet_gui.labs.progress import Answer, LabProgress, Progress

__all__ = ["Answer", "Lab", "LabError", "LabProgress", "Move", "Progress", "Quantity", "Step",
           "Task", "Text", "check_choice", "check_number", "load_lab", "parse_lab",
           "parse_number", "parse_quantity", "shipped_labs", "validate", "within"]


def shipped_labs() -> list[Path]:
    """The labs that come with the app, in their order (file names begin with it)."""
    from lenet_gui.resources import resource_path

    return sorted(resource_path("labs").glob("*.toml"))
