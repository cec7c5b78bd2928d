"""A lab file changed at random, cut short or spliced with bytes either loads or raises LabError
(one line) — never another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lenet_gui.labs import LabError, parse_lab, shipped_labs, validate
from tests.test_labs import PANELS, PERSPECTIVES

pytestmark = pytest.mark.fuzz

SOURCES = [p.read_text(encoding="utf-8") for p in shipped_labs()[:3]]
# Pieces a teacher's slip might leave in a file: a wrong type, a bracket, a name, a digit.
PIECES = ['"', "'", "[", "]", "{", "}", "=", ",", "\n", "[[step]]", "[step.task]", "true",
          "-1", "1e999", "nan", '"x"', "[]", "{}", 'kind = "predict"', 'ask = "choice"',
          'condition = "trained"', 'move = "train"', "answer = [", "options_range = [9, 0]",
          "compute = \"probe.y[99]\"", "args = { panel = 3 }", "é", "\x00", "表"]


def load_or_lab_error(text: str) -> None:
    try:
        lab = parse_lab(text, "fuzz.toml")
        validate(lab, panels=PANELS, perspectives=PERSPECTIVES)
    except LabError as e:
        assert "\n" not in str(e) and str(e).startswith("fuzz.toml")


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["cut", "delete", "insert", "replace_value"]))
        if how == "cut":
            text = text[:i]
        elif how == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 40)):]
        elif how == "insert":
            piece = draw(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)))
            text = text[:i] + piece + text[i:]
        else:  # the value after an "=" of some line becomes another value
            lines = text.splitlines()
            if lines:
                n = draw(st.integers(0, len(lines) - 1))
                if "=" in lines[n]:
                    key = lines[n].split("=", 1)[0]
                    lines[n] = key + "= " + draw(st.sampled_from(PIECES[12:]))
                text = "\n".join(lines)
    return text


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_lab_loads_or_gives_one_lab_error(text):
    load_or_lab_error(text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SOURCES), st.data())
def test_a_truncated_lab_loads_or_gives_one_lab_error(text, data):
    load_or_lab_error(text[:data.draw(st.integers(0, len(text)))])
