"""The course's points, each on the Qt-free side: every forward formula in the stepper,
the first-maximum mask (掩膜矩阵) beside the course's, δ(s2)'s zero padding, Cbn and its typo,
f′ at each layer step, the weight decay at the update, the Check's five-point stencil, the
hardest-probe search, the runs' words translatable, and the README's formula table."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from lenet_gui.data import normalise
from lenet_gui.explain.formulas import F_C3_PADDING, fmt_J
from lenet_gui.explain.hard import LEARNED_J, hardest, is_learned
from lenet_gui.explain.walk import BackpropWalk
from lenet_gui.model import TABLE_C3, LeNet5, LeNetConfig
from lenet_gui.train.runs import config_short, config_words, experiment
from tests import helpers

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data():
    return helpers.mnist()


def walk_for(config=None, **kw):
    data = helpers.mnist()
    net = LeNet5(config or LeNetConfig(), seed=0)
    return BackpropWalk(net, normalise(data.test_images[:1]), int(data.test_labels[0]), **kw)


@pytest.mark.parametrize("f7", [False, True])
@pytest.mark.parametrize("pooling", ["max", "mean", "trainable"])
def test_stepper_shows_every_forward_formula(f7, pooling):
    w = walk_for(LeNetConfig(pooling=pooling, f7_activation=f7))
    forward = " ".join(f for s in w.steps for f in s.formulas)
    for lhs in ("c1_{ij}^{(k)} =", "s2_{ij}^{(k)} =", "c3_{ij}^{(m)} =", "s4_{ij}^{(k)} =",
                "c5_{00}^{(l)} =", "f6_i =", "f7_i =", "y_i =", "J(\\theta) ="):
        assert lhs in forward, lhs
    f7_formula = next(f for f in w.step("forward-output").formulas if f.startswith("$f7_i"))
    assert f7_formula.startswith("$f7_i = f\\left(") == f7  # f at F7 only when configured
    assert w.step("c3").formulas[0].startswith("$w3_{u,v}^{(k,m)} = 0")  # C3's forward: Cbn
    assert w.step("s4").formulas[0].startswith("$s4_{ij}^{(k)} =")  # S4's forward, then δ


def test_msk_is_the_first_maximum_rule_and_the_course_rule_is_noted():
    w = walk_for()
    for s, msk in (("s4", "msk3"), ("s2", "msk1")):
        step = w.step(s)
        rule = " ".join(step.formulas)
        assert "\\min" in rule and "2u+v" in rule  # the first maximum in row-major order
        assert msk in step.title or msk in rule
        notes = " ".join(step.notes)
        assert "掩膜矩阵" in notes and msk in notes and "first maximum" in notes
        assert "every tied maximum" in notes.lower() or "EVERY element" in notes
        # the course's tie-copying msk is shown beside, not as the rule
        assert len(step.formula_notes) == 1 and "\\max\\left" in step.formula_notes[0]
        assert step.formula_notes[0] not in step.formulas
    # and the rule shown is the model's: one winner per window, even on ties
    m = w.masks["s2"]
    assert m.reshape(6, 14, 2, 14, 2).sum(axis=(2, 4)).max() == 1


def test_c3_step_notes_zero_padding_and_cbn_typo():
    w = walk_for()
    c3 = w.step("c3")
    assert F_C3_PADDING in c3.formulas
    notes = " ".join(c3.notes)
    assert "Zero padding" in notes and "−4…15" in notes
    assert "(5,14) twice" in notes and "(5,13)" in notes and "Table 1 is the authority" in notes
    assert "Cbn is the set of the 60 pairs" in notes
    # the padding is real: δ(s2) at the border equals the sum over in-range terms only
    b = w.terms("delta_s2", (0, 0, 0))
    assert len(b.terms) < 16 * 25 and np.isclose(b.total, w.g["delta_s2"][0, 0, 0], atol=1e-6)
    assert TABLE_C3[13, 5] and int(TABLE_C3.sum()) == 60  # Table 1 has (5,13)


@pytest.mark.parametrize("activation", ["lecun", "relu"])
def test_f_prime_at_every_layer_step_that_uses_it(activation):
    w = walk_for(LeNetConfig(activation=activation))
    df = w.df_formula
    for sid in ("f6", "c5", "c3", "c1"):
        assert df in w.step(sid).formulas, sid
    assert df not in w.step("f7").formulas  # F7 is linear by default: no f′
    assert df in walk_for(LeNetConfig(activation=activation, f7_activation=True)).step(
        "f7").formulas


def test_f7_step_says_why_f_at_f7_is_off():
    w = walk_for()
    for sid in ("f7", "forward-output"):
        note = " ".join(w.step(sid).notes)
        assert "0.775" in note and "0.255" in note
    assert not any("no f at F7" in f for f in w.step("f7").formulas)  # no English in formulas


def test_update_step_mentions_the_weight_decay():
    assert walk_for().step("update").notes == ()
    w = walk_for(weight_decay=5e-4, momentum=0.9)
    note = " ".join(w.step("update").notes)
    assert "λ = 0.0005" in note and "μ = 0.9" in note


def test_update_prints_j_with_digits_that_differ():
    assert fmt_J(3.95e-4, 3.91e-4) == ("3.950e-04", "3.910e-04")
    a, b = fmt_J(0.123456789, 0.123456)
    assert a != b and float(a) == pytest.approx(0.123456789, rel=1e-5)


def test_check_reports_its_stencil():
    w = walk_for()
    idx = w.check_candidates("delta_u_f6", 1)[0]
    assert w.check("delta_u_f6", idx).points == 5
    r = walk_for(LeNetConfig(activation="relu"))
    assert r.check("delta_u_f6", r.check_candidates("delta_u_f6", 1)[0]).points == 2


def test_hardest_probe_is_the_highest_loss(data):
    net = LeNet5(LeNetConfig(), seed=0)
    pick = hardest(net, data.test_images, data.test_labels, 200)
    y = net.predict(normalise(data.test_images[:200])).astype(np.float64)
    J = -np.log(y[np.arange(200), data.test_labels[:200]])
    assert pick.index == int(np.argmax(J)) and pick.J == pytest.approx(J.max(), rel=1e-6)
    assert pick.searched == 200
    assert pick.wrong == int(np.sum(np.argmax(y, 1) != data.test_labels[:200]))
    assert is_learned(LEARNED_J / 2) and not is_learned(LEARNED_J * 2)
    assert not is_learned(float("nan"))


def test_run_words_and_experiment_names_go_through_the_translator():
    seen = []

    def tr(text):
        seen.append(text)
        return f"<{text}>"

    words = config_words(LeNetConfig(), None, tr)
    assert words["C3"] == "<C3: Table 1>" and words["F7"] == "<F7 linear>"
    assert "<F7 linear>" in config_short(LeNetConfig(), tr)
    names = [n for n, _, _ in experiment("c3", tr=tr)]
    assert names == ["<C3: Table 1>", "<C3: full>"]


def test_readme_formula_table_names_functions_the_model_calls():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## The course's formulas in the code"):]
    table = table[: table.index("\n## ", 10)]
    model = (ROOT / "lenet_gui/model/lenet5.py").read_text(encoding="utf-8")
    functional = (ROOT / "lenet_gui/model/functional.py").read_text(encoding="utf-8")
    rows = [r for r in table.splitlines() if r.startswith("| ")]
    assert any(r.startswith("| Layer C1") for r in rows) and any(r.startswith("| Layer C3")
                                                               for r in rows)
    checked = 0
    for row in rows:
        for name in re.findall(r"functional\.py: ([\w, ]+)", row):
            for fn_name in (n.strip() for n in name.split(",")):
                assert re.search(rf"^def {fn_name}\(", functional, re.M), fn_name
                assert f"fn.{fn_name}(" in model, f"the model never calls {fn_name}"
                checked += 1
    assert checked >= 8
