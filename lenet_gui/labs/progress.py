"""A student's progress through the labs, kept per user in one JSON file in a folder the
caller gives (the app: <AppDataLocation>/labs/). Per lab: the current step, every answer typed
with its time and verdict, the steps passed, the hints seen, the predictions and their truths.
Each change is written at once and atomically; a file that cannot be read is kept as
`progress.json.bad` and progress starts afresh, with one message saying so."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lenet_gui.data.atomic import write_atomic

FILE = "progress.json"
SCHEMA = 1


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_atomic_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) atomically: a reader sees the old file or the new one, never half
    of one; an OSError names `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


@dataclass
class Answer:
    value: object  # what the student typed (str) or picked (list of indices); None: an action
    ok: bool
    time: str
    truth: object = None  # a prediction's revealed truth

    def to_json(self) -> dict:
        d = {"value": self.value, "ok": self.ok, "time": self.time}
        if self.truth is not None:
            d["truth"] = self.truth
        return d


@dataclass
class LabProgress:
    step: int = 0  # the index of the step the student is at
    answers: dict[str, list[Answer]] = field(default_factory=dict)  # step id → answers
    passed: list[str] = field(default_factory=list)  # step ids, in the order passed
    hints: list[str] = field(default_factory=list)  # step ids whose hint was shown
    started: str = ""
    finished: str = ""  # when the last step was passed

    def to_json(self) -> dict:
        return {"step": self.step, "passed": self.passed, "hints": self.hints,
                "started": self.started, "finished": self.finished,
                "answers": {k: [a.to_json() for a in v] for k, v in self.answers.items()}}

    @staticmethod
    def from_json(d: dict) -> "LabProgress":
        if not isinstance(d, dict):
            raise ValueError("a lab's entry is not an object")
        step = d.get("step", 0)
        if not isinstance(step, int) or isinstance(step, bool) or step < 0:
            raise ValueError(f"step {step!r} is not a step index")
        passed, hints = d.get("passed", []), d.get("hints", [])
        if not all(isinstance(s, str) for s in [*passed, *hints]):
            raise ValueError("passed and hints must be lists of step ids")
        answers = {}
        for sid, items in d.get("answers", {}).items():
            answers[sid] = [Answer(a["value"], bool(a["ok"]), str(a["time"]), a.get("truth"))
                            for a in items]
        return LabProgress(step, answers, list(passed), list(hints), str(d.get("started", "")),
                           str(d.get("finished", "")))


class Progress:
    """The progress store of one user. `message` is set (one line) when the file could not be
    read and was set aside; `save_error` when the last write failed (the change stays in
    memory; the next change tries again)."""

    def __init__(self, folder) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE
        self.message: str | None = None
        self.save_error: str | None = None
        self._labs: dict[str, LabProgress] = {}
        self._load()

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as e:
            self._set_aside(str(e))
            return
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("schema") != SCHEMA:
                raise ValueError(f"not a schema-{SCHEMA} progress file")
            labs = data.get("labs", {})
            if not isinstance(labs, dict):
                raise ValueError("labs is not an object")
            self._labs = {k: LabProgress.from_json(v) for k, v in labs.items()}
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            self._set_aside(str(e).splitlines()[0] if str(e) else type(e).__name__)

    def _set_aside(self, why: str) -> None:
        bad = self.path.with_name(FILE + ".bad")
        try:
            os.replace(self.path, bad)
            kept = f"kept as {bad}"
        except OSError:
            kept = "left in place"
        self._labs = {}
        self.message = f"lab progress in {self.path} could not be read ({why}); starting afresh, the old file is {kept}"

    # ------------------------------------------------------------------ reading

    def lab(self, lab_id: str) -> LabProgress:
        """The lab's progress (a fresh one if the student never opened it)."""
        return self._labs.setdefault(lab_id, LabProgress())

    def known(self) -> list[str]:
        return [k for k, v in self._labs.items() if v.started]

    def current_step(self, lab_id: str) -> int:
        return self.lab(lab_id).step

    def answers(self, lab_id: str, step_id: str) -> list[Answer]:
        return list(self.lab(lab_id).answers.get(step_id, []))

    def passed(self, lab_id: str, step_id: str) -> bool:
        return step_id in self.lab(lab_id).passed

    def is_finished(self, lab_id: str) -> bool:
        return bool(self.lab(lab_id).finished)

    # ------------------------------------------------------------------ changing (saved at once)

    def _touch(self, lab_id: str) -> LabProgress:
        p = self.lab(lab_id)
        if not p.started:
            p.started = now()
        return p

    def set_step(self, lab_id: str, index: int) -> None:
        self._touch(lab_id).step = max(0, int(index))
        self.save_quietly()

    def record_answer(self, lab_id: str, step_id: str, value, ok: bool, truth=None,
                      time: str | None = None) -> Answer:
        a = Answer(value, bool(ok), time or now(), truth)
        self._touch(lab_id).answers.setdefault(step_id, []).append(a)
        self.save_quietly()
        return a

    def mark_passed(self, lab_id: str, step_id: str, last: bool = False) -> None:
        """Step `step_id` is done; `last`: it was the lab's last step (the lab is finished)."""
        p = self._touch(lab_id)
        if step_id not in p.passed:
            p.passed.append(step_id)
        if last and not p.finished:
            p.finished = now()
        self.save_quietly()

    def mark_hint(self, lab_id: str, step_id: str) -> None:
        p = self._touch(lab_id)
        if step_id not in p.hints:
            p.hints.append(step_id)
        self.save_quietly()

    def reset(self, lab_id: str) -> None:
        self._labs.pop(lab_id, None)
        self.save_quietly()

    # ------------------------------------------------------------------ writing

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "labs": {k: v.to_json() for k, v in self._labs.items()
                                           if v.started}}

    def save(self) -> None:
        """Write the file atomically; an OSError names it."""
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1, default=str)
        write_atomic_text(self.path, text + "\n")

    def save_quietly(self) -> bool:
        try:
            self.save()
        except OSError as e:
            self.save_error = f"could not save lab progress to {self.path}: {e.strerror or e}"
            return False
        self.save_error = None
        return True
