"""No visible string of the Chinese interface is left in English.

The real main window is built in Chinese; every panel's dock is shown in turn (generically, so
panels added later are walked too), the stepper goes through every one of its steps, and the
walk reads every text a user can see: labels, buttons, group boxes, tabs, combo items, table
and tree headers and cells, menus and their actions, the toolbar, tooltips and What's This
texts, the pyqtgraph plots' titles, axis labels, legends and text items, the window title.
A Latin word of three letters or more is English unless it is on ALLOWED, the explicit list of
names and formula symbols the Chinese interface keeps on purpose."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from lenet_gui.gui import i18n
from lenet_gui.gui.panels import registry
from tests.gui.window_texts import visible_texts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

WORD = re.compile(r"[A-Za-z]{3,}")

# Words the Chinese interface keeps, each a name or a piece of a formula, never a sentence.
ALLOWED = {
    # names of the network, the data, the course's source and the libraries
    "LeNet", "MNIST", "LeCun", "HHCV", "Studio", "PyTorch", "NumPy", "OpenBLAS", "PySide",
    "Qt", "Fashion",
    # the course's layer names and symbols (C1 … F7 are short; these are longer)
    "INPUT", "OUTPUT", "Softmax", "softmax", "Cbn", "msk", "RBF",
    # activation functions and maths written as in formulas
    "tanh", "sigmoid", "ReLU", "max", "min", "log", "exp", "argmax", "sqrt", "clip", "sign",
    # the colour map's name (matplotlib's and pyqtgraph's)
    "viridis",
    # the course's Chinese text itself writes "max-pooling 算法" and "mean-pooling"
    "pooling", "mean",
    # file formats and methods named by their abbreviation
    "PNG", "CSV", "SVG", "GIF", "APNG", "JSON", "IDX", "FGSM", "PCA", "SGD", "NaN", "npz", "JPEG", "gz",
    "TOML", "HTML",
    # the language menu names each language in its own language
    "English",
    # number formats and dtypes
    "float", "int",
    # keys named on the keyboard (shortcut hints: Ctrl+R, Shift+F1, Alt+Left …)
    "Ctrl", "Shift", "Alt", "Esc", "Space", "Home", "End", "Left", "Right", "Del", "Delete",
    "PgUp", "PgDown", "Escape", "Enter", "Return",
}


# The course's own section headings, quoted as the course writes them (the course is Chinese with
# English headings: "Layer C3", "Gradient in Layer C1", "Cost function" …): titles, cited as a
# Chinese text cites an English book, never sentences of the interface.
COURSE_HEADING = re.compile(
    r"(Gradient in )?Layer (INPUT|Output|Softmax|[CSF][1-7])|Gradient in Softmax Net|"
    r"Architecture of this Course|Cost function|Cross Entropy Loss Function|Gradient Descent|"
    r"神经元 Neuron")


def _plain(text: str) -> str:
    text = COURSE_HEADING.sub(" ", text)
    text = re.sub(r"\$[^$]*\$", " ", text)  # a formula in mathtext: symbols, not words
    text = re.sub(r"<[^>]+>", " ", text)  # rich text tags
    return re.sub(r"&[a-z]+;", " ", text)  # and entities


def english_words(text: str) -> list[str]:
    """The Latin words of `text` (3+ letters) not on ALLOWED. Keyboard accelerators ("&F")
    and rich-text tags are not words."""
    plain = _plain(text)
    return [w for w in WORD.findall(plain) if w not in ALLOWED]


def english_left(texts) -> list[tuple[str, str, list[str]]]:
    return [(where, text, words) for where, text in texts if (words := english_words(text))]


def collect_everything(w, qtbot) -> list[tuple[str, str]]:
    """Show every panel's dock in turn (and every step of the stepper) and gather its texts."""
    texts = []
    for cls in registry.PANELS:
        dock = w.dock(cls.name)
        dock.show()
        dock.raise_()
        panel = w.panel(cls.name)
        qtbot.wait(30)
        w.state.wait_for_trace(10000)
        qtbot.wait(30)
        if cls.name == "stepper":
            qtbot.waitUntil(lambda p=panel: p.walk is not None, timeout=10000)
            for i in range(len(panel.walk.steps)):
                panel.show_step(i)
                qtbot.wait(10)
                texts += visible_texts(w)
                for q, _view in list(panel.views):  # each quantity's largest entry, its terms
                    a = np.abs(np.asarray(q.maps, np.float64))
                    t, r, c = np.unravel_index(int(np.argmax(a)), a.shape)
                    panel.select(q, q.locate(int(t), int(r), int(c)))
                    if panel.check_button.isEnabled():
                        panel.run_check()
                    texts += visible_texts(w)
        texts += visible_texts(w)
    return texts


def test_allow_list_is_names_only():
    """The checker itself: English is found, names and formulas are not."""
    assert english_words("← winner") == ["winner"]
    assert english_words("LeNet-5 on MNIST, f = tanh, max-pooling, run 1") == ["run"]
    assert english_words("$\\delta(u_{f7_i}) = \\delta(f7_i)$ (no f at F7)") == []
    assert english_words("特征图 C1 · 6@28×28, δ(u_c3) = 0.1") == []
    assert english_words("<b>参数</b> &amp; 文件(&F)") == []
    # a cited course heading is a title; the words around it still count
    assert english_words("（课程：Layer C3；Gradient in Layer C1；Cost function）") == []
    assert english_words("Layer C3 is a convolutional layer") == ["convolutional", "layer"]
    assert english_words("Layer of the net") == ["Layer", "the", "net"]


def test_chinese_window_shows_no_english_word(make_window, qtbot, settings_path):
    # A Chinese user: the language is saved, so the window (and its first run) starts in it.
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue(i18n.SETTINGS_KEY, "zh_CN")
    s.sync()
    w = make_window()
    try:
        assert i18n.current_language() == "zh_CN"
        qtbot.wait(50)
        texts = collect_everything(w, qtbot)
        assert len(texts) > 300
        bad = english_left(texts)
        distinct = {re.sub(r"\d+", "#", text): (where, text, words) for where, text, words in bad}
        report = "\n".join(f"{where}: {text!r} -> {words}" for where, text, words in
                           sorted(distinct.values()))
        assert not bad, f"{len(bad)} texts with English words:\n{report[:20000]}"
    finally:
        i18n.set_language("en")
    # a negative control: the same walk in English finds English
    qtbot.wait(50)
    assert len(english_left(visible_texts(w))) > 50
