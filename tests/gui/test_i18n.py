"""Translations: every visible string of the sources has a finished Chinese translation in the
shipped .ts, the shipped .qm is the compiled .ts, the real window in Chinese shows no English
text (test_no_english.py walks it word by word), and switching the language changes the
visible text live and back."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from lenet_gui.gui import i18n
from tests.gui.window_texts import visible_texts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

TS = i18n.ts_path("zh_CN")
QM = i18n.qm_path("zh_CN")


@pytest.fixture
def english():
    """Whatever a test does, the process goes back to English afterwards."""
    yield
    i18n.set_language("en")


def test_every_source_string_has_a_finished_translation(tmp_path):
    fresh = tmp_path / "fresh_zh_CN.ts"
    i18n.lupdate(fresh)  # the strings of the current sources
    current = set(i18n.read_ts(fresh))
    shipped = i18n.read_ts(TS)
    missing = sorted(current - set(shipped))
    assert not missing, f"not in {TS.name} (run python main.py i18n update): {missing[:10]}"
    unfinished = [k for k in current if shipped[k][1] or not shipped[k][0].strip()]
    assert not unfinished, f"untranslated in {TS.name}: {sorted(unfinished)[:10]}"
    assert not i18n.untranslated(TS)
    assert len(current) > 400


def test_translations_keep_their_placeholders():
    ph = re.compile(r"\{[^{}]*\}|%\d|%n")
    for (ctx, src), (text, _) in i18n.read_ts(TS).items():
        assert sorted(ph.findall(src)) == sorted(ph.findall(text)), (ctx, src, text)


def test_shipped_qm_is_the_compiled_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    i18n.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), \
        f"{QM.name} is out of date: run python main.py i18n release"


def test_course_terms_in_the_translation():
    values = " ".join(t for t, _ in i18n.read_ts(TS).values())
    for term in ("特征图", "卷积核", "敏感值", "池化", "下采样", "权值", "偏差", "学习速率",
                 "代价函数", "交叉熵", "反向传播算法", "激活函数"):
        assert term in values, term


def test_i18n_module_imports_no_qt():
    code = ("import sys, lenet_gui.gui.i18n; "
            "sys.exit(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))")
    assert subprocess.run([shutil.which("python") or "python", "-c", code]).returncode == 0


def untranslated(texts, sources: set[str]) -> list[tuple[str, str]]:
    """The texts that are a source string whose shipped translation differs: shown in English
    although Chinese exists (a text set once and not again on a language change). English
    words in general are test_no_english.py's rule, over the same walk."""
    return [(where, text) for where, text in texts
            if re.sub(r"<[^>]+>", " ", text).strip() in sources]


def test_chinese_window_shows_no_untranslated_source(make_window, qtbot, english):
    w = make_window()
    assert w.set_language("zh_CN")
    qtbot.wait(50)  # the LanguageChange events
    shipped = i18n.read_ts(TS)
    # the layer names stay the course's in both languages ("C3" is also the settings row
    # "C3 连接")
    kept = {"C1", "S2", "C3", "S4", "C5", "F6", "F7"}
    sources = {src for (_, src), (text, _) in shipped.items() if text != src} - kept
    for name in w.docks:  # every tab in turn, so that each panel is shown
        w.dock(name).raise_()
    qtbot.wait(50)
    texts = visible_texts(w)
    assert len(texts) > 150
    bad = untranslated(texts, sources)
    assert not bad, bad[:15]
    # The walk sees English: a negative control
    i18n.set_language("en")
    qtbot.wait(50)
    assert len(untranslated(visible_texts(w), sources)) > 100


def test_switching_language_changes_visible_text_and_back(make_window, qtbot, english,
                                                          settings_path):
    w = make_window()
    train, dock = w.train_action, w.dock("feature_maps")
    settings_box = w.panel("settings").model_box
    assert (train.text(), dock.windowTitle(), settings_box.title()) == \
        ("Train", "Feature maps", "Model")
    w.language_actions["zh_CN"].trigger()  # View ▸ Language ▸ 简体中文, as a click would
    qtbot.waitUntil(lambda: train.text() == "训练", timeout=2000)
    assert dock.windowTitle() == "特征图"
    assert settings_box.title() == "模型"
    assert w.menuBar().actions()[0].text() == "文件(&F)"
    assert w.language_actions["zh_CN"].isChecked()
    fm = w.panel("feature_maps")  # rebuilt in Chinese, still showing the network
    qtbot.waitUntil(lambda: "特征图" in fm.sections[1].caption.text(), timeout=2000)
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(
        i18n.SETTINGS_KEY) == "zh_CN"
    w.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: train.text() == "Train", timeout=2000)
    assert dock.windowTitle() == "Feature maps"
    assert settings_box.title() == "Model"
    assert w.menuBar().actions()[0].text() == "&File"
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(
        i18n.SETTINGS_KEY) == "en"


def test_language_is_remembered(make_window, qtbot, english, settings_path):
    s = QSettings(str(settings_path), QSettings.Format.IniFormat)
    s.setValue(i18n.SETTINGS_KEY, "zh_CN")
    s.sync()
    w = make_window()
    qtbot.wait(20)
    assert i18n.current_language() == "zh_CN"
    assert w.train_action.text() == "训练"
    assert w.language_actions["zh_CN"].isChecked()


def test_backprop_walk_texts_translate(qapp, english):
    """The walk's messages are translated by the application's translators (no window needed:
    the window's set_language installs the same ones, test_switching_language_… shows it)."""
    from lenet_gui.explain.messages import QT_TRANSLATE_NOOP, Msg
    from lenet_gui.gui.panels.stepper import translate_msg

    m = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Update: θ := θ − α·δ(θ)"))
    assert m == "Update: θ := θ − α·δ(θ)" and translate_msg(m) == m
    assert i18n.set_language("zh_CN")
    assert translate_msg(m) == "更新：θ := θ − α·δ(θ)"
    n = Msg(QT_TRANSLATE_NOOP("BackpropWalk", "Table 1 connects S2 map {k} to C3 maps {ms}"),
            k=2, ms="0, 1")
    assert translate_msg(n) == "表 1 把 S2 特征图 2 连到 C3 特征图 0, 1"


def test_probe_names_follow_the_language(make_window, qtbot, english):
    """"test #3" is data in the code but text on screen: the toolbar, the feature maps' and
    the δ panel's headers name the probe in the interface's language."""
    from lenet_gui.gui.state import Probe
    w = make_window()
    assert w.set_language("zh_CN")
    w.state.set_probe(Probe.from_test(w.state.data, 3))
    # Generous timeouts, only to bound a failure: the trace of the new probe and the two
    # panels' rebuild run behind other work on a loaded machine (5 s failed there).
    qtbot.waitUntil(lambda: "测试 #3" in w.probe_text.text(), timeout=30000)
    # the two panels are built again in the new language (rebuild_to_retranslate)
    # (the δ panel names its own sample, the hardest test image, in the language too)
    qtbot.waitUntil(lambda: "测试 #3" in w.panel("feature_maps").header.text()
                    and "测试 #" in w.panel("deltas").header.text(), timeout=30000)
    assert "test #" not in w.probe_text.text() + w.panel("feature_maps").header.text() + \
        w.panel("deltas").header.text()
    drawn = Probe.from_input(np.zeros((1, 1, 32, 32)), None, "drawing")
    assert drawn.name == "手写数字" and drawn.source == "drawing"
    i18n.set_language("en")
    assert Probe.from_test(w.state.data, 3).name == "test #3"
