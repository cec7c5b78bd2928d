"""The app points to the course by section and formula, never by line number: a student reads
the course as a document, not as a numbered text file. Checked over every translatable text
in both languages (the shipped .ts: help, diagnoses, What's This …) and over the texts built
from the untranslated parts (the panel help's sections, the diagnoses' course references),
rendered in English and in Chinese. test_whats_this.py checks the real window's What's This
texts with the same pattern."""

from __future__ import annotations

import re

import pytest

from lenet_gui.gui import help as app_help
from lenet_gui.gui import i18n
from lenet_gui.gui.panels import registry
from lenet_gui.gui.panels.distributions import DIAGNOSIS_TEXTS, diagnosis_html
from lenet_gui.train import diagnose as dg
from tests.helpers import COURSE_HEADINGS, course_lines


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


def test_the_pattern_finds_line_numbers_and_only_them():
    for bad in ("Course section: Cost function (lines 428, 460)", "Course, line 575: «δ»",
                "Course, line {0}", "lines {0}", "课程第 575 行", "课程第 {0} 行", "第575行"):
        assert course_lines(bad), bad
    for good in ("Course section: Cost function; Cross Entropy Loss Function",
                 "the dashed red lines mark |u| = 2", "每 {0} 批一行", "{2} 行，批次 {3:,}",
                 "第 {0}/{1} 页", "第 {0} 批", "Gradient in Layer F7"):
        assert not course_lines(good), good


def test_no_translatable_text_names_a_course_line():
    """Every source string of the app and its Chinese translation. 第 N 行 is also a matrix's
    row ("w6 row {0}": "w6 第 {0} 行"); those keep it."""
    found = [(ctx, src, text) for (ctx, src), (text, _) in i18n.read_ts(i18n.ts_path("zh_CN")).items()
             if course_lines(src) or (course_lines(text) and not re.search(r"\brows?\b", src))]
    assert not found, found


def test_sections_are_the_course_headings():
    for name, h in ((cls.name, cls.help) for cls in registry.PANELS):
        named = {s.strip() for part in h.section.split(";") for s in part.split("…")}
        assert named <= COURSE_HEADINGS, (name, named - COURSE_HEADINGS)
    for key, q in dg.QUOTES.items():
        assert q.section in COURSE_HEADINGS, key
        # a formula or a term, not a sentence of the course
        assert len(q.quote) < 40 and not re.search(r"[，。；]", q.quote), key


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_help_and_diagnoses_name_sections_not_lines(qapp, english, language):
    assert i18n.set_language(language)
    for name, h in ((cls.name, cls.help) for cls in registry.PANELS):
        text = app_help.panel_help_html(h, name)
        assert h.section in text and not course_lines(text), (name, text)
    codes = [*DIAGNOSIS_TEXTS, "lr_too_high_nan"]
    for code in codes:
        d = (dg.Diagnosis("lr_too_high", True, None, float("nan"), tuple(dg.QUOTES))
             if code == "lr_too_high_nan" else dg.Diagnosis(code, True, "c3", 0.5, tuple(dg.QUOTES)))
        text = diagnosis_html(d)
        assert not course_lines(text), (code, text)
        for q in dg.QUOTES.values():
            assert q.section in text and q.quote.replace(">", "&gt;") in text, (code, q)
    chain = diagnosis_html(dg.Diagnosis("saturated", True, "c3", 0.6, ("chain",)))
    assert ("课程章节“Gradient in Layer F7”" if language == "zh_CN"
            else "Course section “Gradient in Layer F7”") in chain
