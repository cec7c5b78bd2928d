"""The Labs dock: the course one step at a time. A lab (lenet_gui/labs: a TOML file of steps)
is chosen in the list; each step says what to do and why, in the course's words and
formulas, asks the window to show the panel it is about (the window arranges itself), and
checks the task by itself: a number typed, options picked, an action done in the window, or
a prediction entered before the window reveals the truth. A wrong answer gets the step's
hint, never the answer. Progress is kept per user (lenet_gui.labs.Progress) and a finished
lab offers its report.

The panel checks through a LabContext (gui/labs_conditions.py), which the window hands it
(`attach`): the conditions and quantities read the window's other parts, which a panel does
not reach by itself."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.explain import typeset
from lenet_gui.gui import i18n, whats_this
from lenet_gui.gui.help import PanelHelp
from lenet_gui.gui.labs_conditions import LabContext, UnavailableError, holds, quantity
from lenet_gui.gui.panels._base import Panel
from lenet_gui.gui.state import AppState
from lenet_gui.gui.widgets.scroll import VerticalScroll
from lenet_gui.labs import Lab, Progress, Step, check_choice, check_number, parse_number

translate = QCoreApplication.translate
FORMULA = re.compile(r"\$[^$]+\$")
CHECK_MS = 300  # an action's condition is checked this often while its step is shown
OK_COLOUR, WRONG_COLOUR = "#1e8449", "#b03a2e"


def lab_language() -> str:
    return i18n.current_language()


class LabsPanel(Panel):
    name = "labs"
    title = QT_TRANSLATE_NOOP("MainWindow", "Labs")
    help = PanelHelp(
        "LeNet-5 基本概念 … Gradient in Layer C1",
        "J = −Σᵢ zᵢ·log yᵢ;  θ := θ − α·δ(θ)",
        QT_TRANSLATE_NOOP("Help", "The course, one step at a time: each step of a lab says what "
                          "to do and why, shows the panel it is about, and checks your answer "
                          "by itself — a number you type, options you pick, something you do "
                          "in the window, or a prediction the window then reveals. A wrong "
                          "answer gets a hint from the course, never the answer."))
    reads = frozenset({"snapshot", "trace", "history", "train_config", "probe", "runs"})
    default_area = "left"
    default_place = ("tab", "settings")
    whats_this = {
        "lab_combo": QT_TRANSLATE_NOOP(
            "WhatsThis", "The labs: the course's labs in order, and any lab you opened (File ▸ "
            "Open lab…). ✓ marks a finished lab; the numbers say how many steps you passed."),
        "progress_bar": QT_TRANSLATE_NOOP("WhatsThis", "How far you are in this lab."),
        "step_title": QT_TRANSLATE_NOOP("WhatsThis", "The step you are at."),
        "text_view": QT_TRANSLATE_NOOP(
            "WhatsThis", "What to do and why, in the course's words, with its formulas."),
        "answer_edit": QT_TRANSLATE_NOOP(
            "WhatsThis", "Type your answer: a number as you write it (1,516 or 1516; 0.25 or "
            "2.5e-1), then Check (Enter)."),
        "choice_box": QT_TRANSLATE_NOOP(
            "WhatsThis", "Pick your answer (several where the step says so), then Check."),
        "check_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Check your answer. A wrong one shows a hint from the course; a right "
            "one lets you go on."),
        "reveal_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Enter your prediction first, then reveal what the network does: both "
            "are shown side by side."),
        "action_label": QT_TRANSLATE_NOOP(
            "WhatsThis", "Whether the window shows what this step asks you to do: it turns ✓ by "
            "itself once you have done it."),
        "feedback_label": QT_TRANSLATE_NOOP(
            "WhatsThis", "Right, or a hint from the course after a wrong answer (never the "
            "answer)."),
        "back_button": QT_TRANSLATE_NOOP("WhatsThis", "The step before (Page Up in the "
                                         "presentation)."),
        "next_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "The next step, once this one is done (Page Down in the presentation)."),
        "report_button": QT_TRANSLATE_NOOP(
            "WhatsThis", "Save this lab's report: one HTML file with your answers, the "
            "figures, and the run's configuration and seed."),
    }

    arrange_requested = Signal(str, str)  # (perspective or "", panel or ""): the window does it
    report_requested = Signal()
    step_shown = Signal()

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(state, parent)
        self.context: LabContext | None = None
        self.progress: Progress | None = None
        self.labs: list[Lab] = []
        self.lab: Lab | None = None
        self.index = 0
        self.message = ""  # a one-line message of the panel (a lab that could not be read)
        self._formula_images: list[QImage] = []
        self.scale = 1.0  # the presentation's scale of the text and formulas

        self.lab_combo = QComboBox()
        self.lab_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lab_combo.setMinimumContentsLength(12)
        self.lab_combo.activated.connect(self._on_lab_chosen)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.step_title = QLabel()
        self.step_title.setWordWrap(True)
        self.step_title.setTextFormat(Qt.TextFormat.RichText)
        self.text_view = QTextBrowser()
        self.text_view.setOpenExternalLinks(False)
        self.text_view.setMinimumHeight(80)

        self.answer_edit = QLineEdit()
        self.answer_edit.setObjectName("lab_answer")
        self.answer_edit.returnPressed.connect(self._on_check)
        self.unit_label = QLabel()
        self.choice_box = QWidget()
        self.choice_layout = QGridLayout(self.choice_box)
        self.choice_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: list[QAbstractButton] = []
        self.action_label = QLabel()
        self.action_label.setWordWrap(True)
        self.check_button = QPushButton()
        self.check_button.setObjectName("lab_check")
        self.check_button.clicked.connect(self._on_check)
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("lab_reveal")
        self.reveal_button.clicked.connect(self._on_reveal)
        self.feedback_label = QLabel()
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)
        self.feedback_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                          QSizePolicy.Policy.Preferred)
        self.back_button = QPushButton()
        self.back_button.setObjectName("lab_back")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("lab_next")
        self.next_button.clicked.connect(self.next)
        self.report_button = QPushButton()
        self.report_button.setObjectName("lab_report")
        self.report_button.clicked.connect(self.report_requested)

        # All of it scrolls in a short dock, instead of making the window taller than the
        # screen (the first layout puts the dock in a tab beside the settings).
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(6)
        column.addWidget(self.lab_combo)
        column.addWidget(self.progress_bar)
        column.addWidget(self.step_title)
        column.addWidget(self.text_view, 1)
        column.addWidget(self.choice_box)
        column.addWidget(self.action_label)
        answer = QHBoxLayout()
        answer.addWidget(self.answer_edit, 1)
        answer.addWidget(self.unit_label)
        answer.addWidget(self.check_button)
        answer.addWidget(self.reveal_button)
        column.addLayout(answer)
        column.addWidget(self.feedback_label)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.report_button)
        nav.addWidget(self.next_button)
        column.addLayout(nav)
        self.body_scroll = VerticalScroll(body)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.body_scroll)

        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._recheck_action)
        self.retranslate()
        self._show()

    # ----------------------------------------------------------------- wiring

    def attach(self, context: LabContext, progress: Progress, labs: list[Lab]) -> None:
        """The window hands the panel what it checks against, where progress is kept and the
        labs to offer; the panel shows the lab the student was last in."""
        self.context, self.progress, self.labs = context, progress, list(labs)
        self._fill_combo()
        if self.progress.message:
            self.say(self.progress.message, error=True)
        last = next((lab for lab in self.labs if lab.id in self.progress.known()
                     and not self.progress.is_finished(lab.id)), None)
        # not arranged: the window opens as the user left it
        self.open_lab(last or (self.labs[0] if self.labs else None), arrange=False)

    def add_lab(self, lab: Lab) -> None:
        """A lab the teacher opened: it joins the list (replacing one of the same id) and
        is shown."""
        self.labs = [x for x in self.labs if x.id != lab.id] + [lab]
        self._fill_combo()
        self.open_lab(lab)

    def open_lab(self, lab: Lab | None, arrange: bool = True) -> None:
        self.lab = lab
        self.index = 0
        if lab is not None and self.progress is not None:
            self.index = min(self.progress.current_step(lab.id), len(lab.steps) - 1)
        self._fill_combo()
        self._show(arrange=arrange)

    # ----------------------------------------------------------------- the steps

    @property
    def step(self) -> Step | None:
        return None if self.lab is None else self.lab.steps[self.index]

    def passed(self, step: Step | None = None) -> bool:
        step = step or self.step
        if step is None or self.progress is None:
            return False
        return self.progress.passed(self.lab.id, step.id)

    def revealed(self) -> tuple | None:
        """(prediction, truth, ok) of the current predict step, once revealed."""
        step = self.step
        if step is None or step.task.kind != "predict" or self.progress is None:
            return None
        for a in reversed(self.progress.answers(self.lab.id, step.id)):
            if a.truth is not None:
                return a.value, a.truth, a.ok
        return None

    def can_go_on(self) -> bool:
        step = self.step
        if step is None:
            return False
        return (not step.task.checked or self.passed() or self.revealed() is not None)

    @property
    def finished(self) -> bool:
        return (self.lab is not None and self.progress is not None
                and self.progress.is_finished(self.lab.id))

    @Slot()
    def next(self) -> bool:
        """The next step (a read-only last step finishes the lab); False if not allowed."""
        if not self.can_go_on():
            return False
        step = self.step
        last = self.index == len(self.lab.steps) - 1
        if not step.task.checked or last:
            self.progress.mark_passed(self.lab.id, step.id, last=last and self._all_done())
        if last:
            self._fill_combo()
            self._show()
            return True
        self.go_to(self.index + 1)
        return True

    def _all_done(self) -> bool:
        """Every checked step passed or revealed (the last one included)."""
        lab = self.lab
        for s in lab.steps:
            if not s.task.checked or self.progress.passed(lab.id, s.id):
                continue
            if s.task.kind == "predict" and any(a.truth is not None for a in
                                                self.progress.answers(lab.id, s.id)):
                continue
            return False
        return True

    @Slot()
    def back(self) -> bool:
        if self.lab is None or self.index == 0:
            return False
        self.go_to(self.index - 1)
        return True

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.lab.steps) - 1))
        self.progress.set_step(self.lab.id, self.index)
        self._fill_combo()
        self._show(arrange=True)

    # ----------------------------------------------------------------- checking

    def _expected(self, task, what) -> float | tuple[int, ...]:
        """The task's answer: literal, or its quantity now (UnavailableError if none yet)."""
        if what is None:
            return task.answer
        value = quantity(self.context, what)
        if task.asks == "choice" or task.kind == "choice":
            first = task.options_range[0] if task.options_range is not None else 0
            return (int(round(value)) - first,)
        return value

    def _typed(self):
        """What the student entered: the text of the field, or the picked option indices."""
        task = self.step.task
        if task.asks == "choice":
            return [i for i, b in enumerate(self.choice_buttons) if b.isChecked()]
        return self.answer_edit.text().strip()

    @Slot()
    def _on_check(self) -> None:
        step = self.step
        if step is None or self.context is None:
            return
        task = step.task
        if task.kind == "predict":
            self._on_reveal()
            return
        if task.kind == "read":
            self.next()
            return
        if task.kind == "action":
            ok = self._action_holds()
            self._judge(ok, None)
            return
        typed = self._typed()
        if typed in ("", []):
            self.say(translate("Labs", "Enter an answer first."), error=True)
            return
        if task.kind == "number" and parse_number(typed, task.unit) is None:
            self.say(translate("Labs", "“{0}” is not a number.").format(html.escape(typed)),
                     error=True)
            return
        try:
            expected = self._expected(task, task.compute)
        except UnavailableError:
            self.say(self._unavailable(), error=True)
            return
        ok = (check_number(task, typed, expected) if task.kind == "number"
              else check_choice(task, typed, expected))
        self._judge(ok, typed)

    def _unavailable(self) -> str:
        return translate("Labs", "The window has nothing to compare with yet: do what the step "
                         "says first (a sample to trace, a run to train).")

    def _judge(self, ok: bool, typed) -> None:
        step = self.step
        self.progress.record_answer(self.lab.id, step.id, typed, ok)
        if ok:
            self.progress.mark_passed(self.lab.id, step.id,
                                      last=self.index == len(self.lab.steps) - 1
                                      and self._all_done_but(step))
            self._fill_combo()
            self._show()
            return
        self.progress.mark_hint(self.lab.id, step.id)
        self._show_hint()

    def _all_done_but(self, step: Step) -> bool:
        lab = self.lab
        return all(s.id == step.id or not s.task.checked or self.progress.passed(lab.id, s.id)
                   or any(a.truth is not None for a in self.progress.answers(lab.id, s.id))
                   for s in lab.steps)

    def _show_hint(self) -> None:
        step = self.step
        hint = step.hint.get(lab_language()) if step.hint is not None else ""
        head = translate("Labs", "Not yet.")
        text = f"<b>{html.escape(head)}</b> " + (
            translate("Labs", "Hint: {0}").format(self._rich(hint)) if hint else
            html.escape(translate("Labs", "Read the step again and try once more.")))
        self._set_feedback(text, WRONG_COLOUR)

    def _action_holds(self) -> bool:
        task = self.step.task
        try:
            return holds(self.context, task.condition, task.args)
        except (UnavailableError, LookupError):
            return False

    @Slot()
    def _recheck_action(self) -> None:
        step = self.step
        if step is None or self.context is None or step.task.kind != "action" or self.passed():
            self._timer.stop()
            return
        if self._action_holds():
            self._judge(True, None)

    @Slot()
    def _on_reveal(self) -> None:
        step = self.step
        if step is None or step.task.kind != "predict" or self.context is None:
            return
        task = step.task
        if self.revealed() is not None:
            return
        typed = self._typed()
        if typed in ("", []):
            self.say(translate("Labs", "Enter your prediction first."), error=True)
            return
        if task.ask == "number" and parse_number(typed, task.unit) is None:
            self.say(translate("Labs", "“{0}” is not a number.").format(html.escape(typed)),
                     error=True)
            return
        if task.condition is not None and not self._action_holds():
            self.say(translate("Labs", "Your prediction is noted. Now do the experiment the "
                               "step describes; then Reveal shows what happened."), error=True)
            return
        try:
            truth = self._expected(task, task.reveal)
        except UnavailableError:
            self.say(self._unavailable(), error=True)
            return
        if task.ask == "number":
            ok = check_number(task, typed, float(truth))
            shown_truth = float(truth)
        else:
            ok = check_choice(task, typed, truth)
            shown_truth = list(truth) if isinstance(truth, (tuple, list)) else [int(truth)]
        self.progress.record_answer(self.lab.id, step.id, typed, ok, truth=shown_truth)
        if ok:
            self.progress.mark_passed(self.lab.id, step.id)
        elif step.hint is not None:
            self.progress.mark_hint(self.lab.id, step.id)
        if self.index == len(self.lab.steps) - 1 and self._all_done():
            self.progress.mark_passed(self.lab.id, step.id, last=True)
        self._fill_combo()
        self._show()

    # ----------------------------------------------------------------- showing

    def say(self, text: str, error: bool = False) -> None:
        """A one-line message under the answer (a lab that could not be read, a typo)."""
        self.message = text
        self._set_feedback(html.escape(text), WRONG_COLOUR if error else "")

    def _set_feedback(self, rich: str, colour: str) -> None:
        style = f"color: {colour};" if colour else ""
        self.feedback_label.setStyleSheet(style)
        self.feedback_label.setText(rich)

    def _fill_combo(self) -> None:
        lang = lab_language()
        self.lab_combo.blockSignals(True)
        self.lab_combo.clear()
        for lab in self.labs:
            done = ""
            if self.progress is not None:
                passed = len(self.progress.lab(lab.id).passed) if lab.id in \
                    self.progress.known() else 0
                done = "✓ " if self.progress.is_finished(lab.id) else ""
                count = f" ({passed}/{len(lab.steps)})" if passed and not done else ""
            else:
                count = ""
            self.lab_combo.addItem(f"{done}{lab.order}. {lab.title.get(lang)}{count}", lab.id)
        if self.lab is not None:
            self.lab_combo.setCurrentIndex(self.lab_combo.findData(self.lab.id))
        self.lab_combo.blockSignals(False)

    @Slot(int)
    def _on_lab_chosen(self, i: int) -> None:
        lab_id = self.lab_combo.itemData(i)
        lab = next((x for x in self.labs if x.id == lab_id), None)
        if lab is not None:  # the same lab again: its step, and the window arranged for it
            self.open_lab(lab)

    def _rich(self, text: str) -> str:
        """`text` as rich text, each $formula$ typeset (mathtext) as an image of the text
        view's document."""
        out, pos = [], 0
        doc = self.text_view.document()
        # the application's font: the presentation sets it before this panel has heard of it
        pt = QApplication.font().pointSizeF() * 1.05
        c = self.palette().color(QPalette.ColorRole.WindowText)
        dpr = self.devicePixelRatioF() or 1.0
        for m in FORMULA.finditer(text):
            out.append(html.escape(text[pos:m.start()]))
            try:
                rgba = typeset.render(m.group(0), pt, 100.0 * dpr, (c.red(), c.green(), c.blue()))
            except ValueError:
                out.append(html.escape(m.group(0)))
            else:
                h, w = rgba.shape[:2]
                img = QImage(bytes(rgba.tobytes()), w, h, 4 * w,
                             QImage.Format.Format_RGBA8888).copy()
                img.setDevicePixelRatio(dpr)
                self._formula_images.append(img)
                url = f"formula:{len(self._formula_images)}"
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), img)
                out.append(f'<img src="{url}" style="vertical-align: middle" '
                           f'width="{round(w / dpr)}" height="{round(h / dpr)}">')
            pos = m.end()
        out.append(html.escape(text[pos:]))
        return "".join(out)

    def _show(self, arrange: bool = False) -> None:
        lab, step, lang = self.lab, self.step, lab_language()
        self._timer.stop()
        self._formula_images = []
        for w in (self.answer_edit, self.unit_label, self.check_button, self.reveal_button,
                  self.choice_box, self.action_label):
            w.hide()
        if lab is None:
            self.step_title.setText(html.escape(translate("Labs", "No lab: open one (File ▸ "
                                                          "Open lab…).")))
            self.text_view.clear()
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            for b in (self.back_button, self.next_button, self.report_button):
                b.setEnabled(False)
            self.report_button.hide()
            return
        n = len(lab.steps)
        self.progress_bar.setRange(0, n)
        self.progress_bar.setValue(len([s for s in lab.steps if self.passed(s)]))
        self.progress_bar.setFormat(translate("Labs", "step {0} of {1}").format(self.index + 1,
                                                                                 n))
        self.step_title.setText(f"<b>{html.escape(step.title.get(lang))}</b>")
        self.text_view.document().clear()
        body = self._rich(step.text.get(lang))
        if self.index == 0:  # the lab's summary and its place in the course come first
            course = translate("Labs", "Course: {0}").format(lab.course) if lab.course else ""
            body = (f"<p><i>{self._rich(lab.summary.get(lang))}</i></p><p>{body}</p>"
                    + (f"<p><small>{html.escape(course)}</small></p>" if course else ""))
        self.text_view.setHtml(body)
        self._show_task()
        self.back_button.setEnabled(self.index > 0)
        last = self.index == n - 1
        self.next_button.setText(translate("Labs", "Finish") if last else translate("Labs",
                                                                                     "Next"))
        self.next_button.setEnabled(self.can_go_on() and not (last and self.finished))
        self.report_button.setVisible(self.finished)
        self.report_button.setEnabled(self.finished)
        if arrange:
            self.arrange_requested.emit(step.perspective or "", step.panel or "")
        self.apply_whats_this()
        self.step_shown.emit()

    def _show_task(self) -> None:
        step, lang = self.step, lab_language()
        task = step.task
        self.message = ""
        self._set_feedback("", "")
        self.answer_edit.setReadOnly(False)
        self.reveal_button.setEnabled(True)
        if task.asks == "number":
            self.answer_edit.clear()
            self.answer_edit.show()
            self.unit_label.setText(task.unit)
            self.unit_label.setVisible(bool(task.unit))
        elif task.asks == "choice":
            self._build_choices(task, lang)
            self.choice_box.show()
        if task.kind in ("number", "choice", "action"):
            self.check_button.show()
        if task.kind == "predict":
            self.reveal_button.show()
        if task.kind == "action":
            self.action_label.show()
            self._show_action_state()
            if not self.passed():
                self._timer.start()
        previous = self.progress.answers(self.lab.id, step.id) if self.progress else []
        if self.passed() and task.kind in ("number", "choice"):
            last_ok = next((a for a in reversed(previous) if a.ok), None)
            if last_ok is not None:
                self._restore_input(last_ok.value)
            self._set_feedback(f"<b>✓ {html.escape(translate('Labs', 'Right.'))}</b>",
                               OK_COLOUR)
        revealed = self.revealed()
        if revealed is not None:
            self._restore_input(revealed[0])
            self._show_comparison(*revealed)

    def _restore_input(self, value) -> None:
        if isinstance(value, list):
            for i, b in enumerate(self.choice_buttons):
                b.setChecked(i in value)
        elif isinstance(value, str):
            self.answer_edit.setText(value)

    def _build_choices(self, task, lang: str) -> None:
        for b in self.choice_buttons:
            self.choice_group.removeButton(b)
            b.deleteLater()
        self.choice_buttons = []
        self.choice_group.setExclusive(not task.multiple)
        cols = 5 if task.options_range is not None else 2
        for i in range(task.choices):
            text = task.option_label(i, lang)
            b = QCheckBox(text) if task.multiple else QRadioButton(text)
            b.setObjectName(f"lab_option_{i}")
            self.choice_group.addButton(b, i)
            self.choice_layout.addWidget(b, i // cols, i % cols)
            self.choice_buttons.append(b)

    def _show_action_state(self) -> None:
        if self.passed():
            self.action_label.setText(f"<b style='color:{OK_COLOUR}'>✓ "
                                      f"{html.escape(translate('Labs', 'Done.'))}</b>")
        else:
            self.action_label.setText(html.escape(translate(
                "Labs", "Not done yet: do it in the window; this turns ✓ by itself.")))
        self.check_button.setVisible(True)

    def _show_comparison(self, prediction, truth, ok: bool) -> None:
        task = self.step.task
        lang = lab_language()
        if task.ask == "choice":
            def names(v):
                return ", ".join(task.option_label(i, lang) for i in v)
            mine, real = names(prediction), names(truth)
        else:
            mine, real = str(prediction), f"{float(truth):.6g}"
        text = translate("Labs", "Your prediction: <b>{0}</b> · the network: <b>{1}</b>").format(
            html.escape(mine), html.escape(real))
        if ok:
            self._set_feedback(f"✓ {text}", OK_COLOUR)
        else:
            hint = self.step.hint.get(lang) if self.step.hint is not None else ""
            more = ("<br>" + translate("Labs", "Hint: {0}").format(self._rich(hint))) if hint \
                else ""
            self._set_feedback(f"{text}{more}", WRONG_COLOUR)
        self.reveal_button.setEnabled(False)
        self.answer_edit.setReadOnly(True)

    # ----------------------------------------------------------------- the Panel

    def refresh(self) -> None:
        """The state changed: an action step may hold now."""
        self._recheck_action()

    def retranslate(self) -> None:
        self.check_button.setText(translate("Labs", "Check"))
        self.reveal_button.setText(translate("Labs", "Reveal"))
        self.back_button.setText(translate("Labs", "Back"))
        self.report_button.setText(translate("Labs", "Export report…"))
        self.answer_edit.setPlaceholderText(translate("Labs", "your answer"))
        self.progress_bar.setAccessibleName(translate("Labs", "Steps of the lab done"))
        for path in ("lab_combo", "back_button", "next_button", "check_button",
                     "reveal_button", "report_button", "answer_edit"):
            getattr(self, path).setToolTip(whats_this.text(self, path))
        if hasattr(self, "_timer"):
            self._fill_combo()
            message = self.message
            self._show()
            if message:
                self.say(message, error=True)

    def set_scale(self, scale: float) -> None:
        """The presentation's scale: formulas are typeset again at the new font size."""
        self.scale = scale
        self._show()

    def shutdown(self) -> None:
        self._timer.stop()
