"""`lenet-gui lab verify`: every lab walked in a real offscreen window, as a student would,
twice. First with its reference answers: the number typed into the Labs dock's answer field,
the options clicked, the moves done through the window's widgets (gui/labs_moves.py), the
prediction entered before Reveal; each step must pass and the lab must finish. Then with no
answers, in a fresh window: Check (or Reveal) on every checked step with nothing entered and
nothing done must not pass — a task that passes by itself checks nothing.

Each lab gets a window of its own (the shipped weights, the embedded MNIST, a throw-away
settings file and data folder), so no lab sees what another did."""

from __future__ import annotations

import tempfile
from pathlib import Path

from lenet_gui.labs import Lab, LabError, load_lab, shipped_labs


class StepFailed(Exception):  # noqa: N818 - a verdict, not an error of the program
    def __init__(self, step: str, why: str) -> None:
        super().__init__(f"step {step}: {why}")


def _number_text(value: float) -> str:
    """A number as a student would type it, exact enough for any tolerance."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


class Walker:
    """Walks one lab in one window's Labs dock."""

    def __init__(self, window, lab: Lab) -> None:
        from lenet_gui.gui.labs_conditions import LabContext

        self.window = window
        self.panel = window.labs.panel
        self.ctx = LabContext(window)
        self.lab = lab

    def _click(self, button) -> None:
        from lenet_gui.gui.labs_moves import _click

        _click(button)

    def _feedback(self) -> str:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.panel.feedback_label.text())
        return " ".join(doc.toPlainText().split()) or "no feedback"

    def _enter(self, task, value) -> None:
        """Type a number into the answer field, or click the options `value` (indices)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        p = self.panel
        if task.asks == "number":
            p.answer_edit.setFocus()
            p.answer_edit.selectAll()
            QTest.keyClick(p.answer_edit, Qt.Key.Key_Delete)
            QTest.keyClicks(p.answer_edit, _number_text(value))
        else:
            from lenet_gui.gui.labs_moves import _shown, wait_until

            for i, b in enumerate(p.choice_buttons):
                if b.isChecked() != (i in value):
                    wait_until(lambda b=b: _shown(b), 10, "the options to show")
                    self._click(b)

    def _expected(self, task, what):
        from lenet_gui.gui.labs_conditions import UnavailableError, quantity
        from lenet_gui.gui.labs_moves import wait_until

        if what is None:
            return task.answer
        found = []

        def computed() -> bool:  # a quantity of the probe waits for its trace (off the GUI
            try:  # thread, and later still while the window trains)
                found.append(quantity(self.ctx, what))
            except UnavailableError:
                return False
            return True

        wait_until(computed, 30, f"{what} to be known")
        value = found[-1]
        if task.asks == "choice":
            first = task.options_range[0] if task.options_range is not None else 0
            return (int(round(value)) - first,)
        return value

    def _moves(self, task) -> None:
        from lenet_gui.gui.labs_moves import perform

        for move in task.reference_moves:
            perform(self.ctx, move, task.args)

    def with_answers(self) -> None:
        from lenet_gui.gui.labs_moves import MoveError, wait_until

        p = self.panel
        p.open_lab(self.lab)
        for i, step in enumerate(self.lab.steps):
            if p.index != i:
                raise StepFailed(step.id, f"the dock shows step {p.index + 1}, not {i + 1}")
            task = step.task
            try:
                if task.kind == "action":
                    self._moves(task)
                    if not p.passed():  # else the dock saw it by itself
                        self._click(p.check_button)
                    try:
                        wait_until(p.passed, 20, "the action to be seen")
                    except MoveError:
                        holds = p._action_holds()
                        raise StepFailed(step.id, f"the moves were done, but {task.condition}"
                                         f"{task.args} {'holds' if holds else 'does not hold'}"
                                         f" and the dock shows {self._feedback()}") from None
                elif task.kind in ("number", "choice"):
                    self._enter(task, self._expected(task, task.compute))
                    self._click(p.check_button)
                elif task.kind == "predict":
                    self._moves(task)
                    if p.revealed() is None:  # a lab walked again shows its revealed step
                        self._enter(task, self._expected(task, task.reveal))
                        self._click(p.reveal_button)
                    revealed = p.revealed()
                    if revealed is None or not revealed[2]:
                        raise StepFailed(step.id, f"the reference prediction was not right: "
                                         f"{self._feedback()}")
            except MoveError as e:
                raise StepFailed(step.id, str(e)) from None
            except LookupError as e:
                raise StepFailed(step.id, f"cannot compute the answer: {e}") from None
            if not p.can_go_on():
                raise StepFailed(step.id, f"not passed: {self._feedback()}")
            if i < len(self.lab.steps) - 1 or not p.finished:  # a checked last step,
                self._click(p.next_button)  # once passed, has finished the lab
        if not p.finished:
            raise StepFailed(self.lab.steps[-1].id, "the lab is not finished after its last step")

    def without_answers(self) -> list[str]:
        """The checked steps that pass with nothing entered and nothing done."""
        p = self.panel
        p.open_lab(self.lab)
        passing = []
        for i, step in enumerate(self.lab.steps):
            if not step.task.checked:
                continue
            p.go_to(i)
            button = p.reveal_button if step.task.kind == "predict" else p.check_button
            self._click(button)
            if p.passed() or (p.revealed() is not None and p.revealed()[2]):
                passing.append(step.id)
        return passing


def _window(data, language: str, tmp: Path):
    from PySide6.QtCore import QSettings

    from lenet_gui.gui.window import MainWindow

    w = MainWindow(data=data, weights=None,
                   settings=QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat),
                   runs_dir=tmp / "runs", labs_dir=tmp / "labs")
    w.resize(1280, 720)
    w.show()
    w.state.wait_for_trace()
    return w


def _close(window) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def verify(paths: list[Path] | None = None, language: str = "en",
           with_answers: bool = True, data=None, out=print) -> int:
    """Walk each lab (default: the shipped ones) with its reference answers, then without
    answers; one line per lab and the count last. 0 only when every lab passes with its answers
    and none passes without (with_answers=False: only the run without answers)."""
    from lenet_gui.gui.application import apply_language, create_app
    from lenet_gui.gui.panels.registry import names
    from lenet_gui.gui.window.perspectives import PERSPECTIVES

    create_app([])
    apply_language(language=language)
    if data is None:
        from lenet_gui.data import load_mnist

        data = load_mnist()
    labs: list[Lab] = []
    failed_to_load = 0
    for path in paths or shipped_labs():
        try:
            labs.append(load_lab(path, panels=names(),
                                 perspectives=[p.name for p in PERSPECTIVES]))
        except LabError as e:
            out(f"FAIL {Path(path).name}: {e}")
            failed_to_load += 1
    n = len(labs) + failed_to_load
    passed = 0
    if with_answers:
        for lab in labs:
            with tempfile.TemporaryDirectory(prefix="lenet-lab-verify-") as tmp:
                w = _window(data, language, Path(tmp))
                try:
                    Walker(w, lab).with_answers()
                except StepFailed as e:
                    out(f"FAIL {lab.id} {e}")
                except Exception as e:  # noqa: BLE001 - one lab's fault must not stop the others
                    out(f"FAIL {lab.id}: {type(e).__name__}: {e}")
                else:
                    passed += 1
                    out(f"ok   {lab.id}  {len(lab.steps)} steps")
                finally:
                    _close(w)
    empty_passing = 0
    for lab in labs:
        with tempfile.TemporaryDirectory(prefix="lenet-lab-verify-") as tmp:
            w = _window(data, language, Path(tmp))
            try:
                passing = Walker(w, lab).without_answers()
            finally:
                _close(w)
        if passing:
            empty_passing += 1
            out(f"FAIL {lab.id} passes with no answers at step {', '.join(passing)}")
    if with_answers:
        out(f"{passed} of {n} labs pass with their reference answers; "
            f"{empty_passing} of {n} pass with no answers")
        return 0 if passed == n and empty_passing == 0 else 1
    out(f"{empty_passing} of {n} pass with no answers")
    return 0 if empty_passing == 0 and failed_to_load == 0 else 1
