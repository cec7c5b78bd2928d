"""The lab engine without Qt: the shipped labs load and are right against the model, typed
answers are read as people write them, a broken lab file gets one line naming its line and
field, progress survives a restart and a corrupt file, the report is one self-contained page."""

from __future__ import annotations

import html
import re
import textwrap

import numpy as np
import pytest

from lenet_gui.labs import (
    LabError,
    Progress,
    check_choice,
    check_number,
    load_lab,
    parse_lab,
    parse_number,
    parse_quantity,
    shipped_labs,
    validate,
)
from lenet_gui.labs.lab import Task
from lenet_gui.labs.vocabulary import CONDITIONS, MOVES, QUANTITIES
from lenet_gui.model import LeNet5, LeNetConfig
from lenet_gui.model.options import TABLE_C3

# The window's names, as the CLI passes them (tests/gui checks these lists against the window).
PANELS = ("settings", "feature_maps", "kernels", "deltas", "loss", "canvas", "architecture",
          "stepper", "explain", "confusion", "explorer", "robustness", "feature_space", "runs",
          "distributions", "labs")
PERSPECTIVES = ("train", "backprop", "draw", "evaluate", "learn")


def real_panel_names() -> list[str]:
    """The panel registry's names, read from its source so this test stays Qt-free."""
    from pathlib import Path

    import lenet_gui

    root = Path(lenet_gui.__file__).parent / "gui" / "panels"
    names = []
    for path in root.rglob("*.py"):
        names += re.findall(r'^\s+name = "([a-z_]+)"', path.read_text(encoding="utf-8"), re.M)
    return names


# The course's section headings, as the course writes them (docs/COURSE.md names them so too).
COURSE_SECTIONS = (
    "LeNet-5 基本概念", "MNIST 手写数字数据集", "LeNet-5 运行方式", "Layer INPUT",
    "神经元 Neuron 基本概念", "Layer C1", "Layer S2", "Layer C3", "Layer S4", "Layer C5", "Layer F6",
    "Layer F7", "Layer Softmax", "Architecture of this Course", "Target Supervisor Labels",
    "Cost function", "Gradient Descent 梯度下降算法", "Cross Entropy Loss Function",
    "基于信息熵的解释", "梯度计算的基本原理", "Gradient in Softmax Net δ(f7_i)",
    "Gradient in Layer F7", "Gradient in Layer F6", "Gradient in Layer C5", "Gradient in Layer S4",
    "Gradient in Layer C3", "Gradient in Layer S2", "Gradient in Layer C1",
)


def course_has(section: str) -> bool:
    return section in COURSE_SECTIONS


def test_the_assumed_panel_names_are_the_registrys():
    assert set(PANELS) - {"labs"} <= set(real_panel_names())


# ----------------------------------------------------------------------------- shipped labs


@pytest.fixture(scope="module")
def labs():
    return [load_lab(p, panels=PANELS, perspectives=PERSPECTIVES) for p in shipped_labs()]


def test_shipped_labs_load_validate_and_follow_the_house_rules(labs):
    assert len(labs) >= 2
    ids = [lab.id for lab in labs]
    assert len(set(ids)) == len(ids)
    assert [lab.order for lab in labs] == sorted(lab.order for lab in labs)
    for lab in labs:
        assert lab.path.name == f"{lab.order:02d}_{lab.id}.toml"
        assert len(lab.steps) >= 3 and lab.checked_tasks >= 2, lab.id
        for step in lab.steps:
            assert step.task.has_reference, (lab.id, step.id)
            for text in (step.title, step.text, step.hint):
                if text is not None:
                    assert re.search(r"[\u4e00-\u9fff]", text.zh), (lab.id, step.id)
            if step.hint is None:
                continue
            assert not re.search(r"\blines? \d", step.hint.en), (lab.id, step.id)
            if step.task.kind != "action":  # a wrong answer's hint points to the course's section
                sections = re.findall(r'"([^"]+)"', step.hint.en)
                assert step.hint.en.startswith("Course, ") and sections, (lab.id, step.id)
                assert all(course_has(s) for s in sections), (lab.id, step.id, sections)
                assert all(f"“{s}”" in step.hint.zh for s in sections), (lab.id, step.id)


def test_the_counts_in_the_labs_are_the_models(labs):
    counts = LeNet5(LeNetConfig()).layer_counts()
    arch = next(lab for lab in labs if lab.id == "architecture")
    assert arch.step("c1_params").task.answer == counts["c1"].params == 156
    assert arch.step("c1_connections").task.answer == counts["c1"].connections == 122304
    assert arch.step("c3_params").task.answer == counts["c3"].params == 1516
    no_params = {arch.step("no_params").task.option_label(i) for i in
                 arch.step("no_params").task.answer}
    assert no_params == {k.upper() for k, c in counts.items() if c.params == 0}


def test_table1_lab_is_the_courses_table(labs):
    lab = next(lab for lab in labs if lab.id == "table1")
    assert lab.step("s2_map0").task.answer == tuple(np.flatnonzero(TABLE_C3[:, 0]))
    assert lab.step("pairs").task.answer == TABLE_C3.sum() == 60
    assert lab.step("map9").task.answer == tuple(np.flatnonzero(TABLE_C3[9]))
    q = lab.step("zero_gradient").task.reveal  # a pair outside Table 1
    m, k = q.indices[:2]
    assert not TABLE_C3[m, k]


def test_the_backward_labs_agree_with_the_model_and_table1(labs):
    from lenet_gui.model.options import LAYER_TABLE

    by_id = {lab.id: lab for lab in labs}
    side = {layer.key: layer for layer in LAYER_TABLE}
    fwd = by_id["forward"]
    assert fwd.step("c1_side").task.answer == side["c1"].side == 32 - 5 + 1
    assert fwd.step("s2_neurons").task.answer == side["s2"].maps * side["s2"].side ** 2
    assert by_id["softmax_j"].step("uniform").task.answer == pytest.approx(np.log(10), abs=1e-6)
    f7 = by_id["delta_f7_f6"]
    assert f7.step("f6_terms").task.answer == side["f7"].maps
    assert f7.step("c5_terms").task.answer == side["f6"].maps
    s4 = by_id["delta_c5_s4"]
    assert s4.step("s4_terms").task.answer == side["c5"].maps
    assert s4.step("nonzero").task.answer == side["s4"].side ** 2
    c3 = by_id["delta_c3"]
    assert c3.step("w3_terms").task.answer == side["c3"].side ** 2
    assert c3.step("s2_maps").task.answer == TABLE_C3[:, 0].sum()
    assert c3.step("s2_terms").task.answer == TABLE_C3[:, 0].sum() * 25
    c1 = by_id["delta_s2_c1"]
    assert c1.step("c1_nonzero").task.answer == side["s2"].side ** 2
    assert c1.step("w1_terms").task.answer == side["c1"].side ** 2


def test_the_probe_the_labs_choose_is_as_their_text_says(labs, mnist):
    """Labs 4 and 5 make test image #18 the probe: a 3 read as 3 (y₃ ≈ 0.63) and as 5
    (y₅ ≈ 0.36) by the shipped weights."""
    from lenet_gui.commands._common import default_weights
    from lenet_gui.data.preprocess import normalise
    from lenet_gui.train.checkpoint import load_checkpoint

    y = load_checkpoint(default_weights()).to_net().forward(normalise(mnist.test_images[18:19]))["y"][0]
    assert mnist.test_labels[18] == 3 and np.argmax(y) == 3
    assert y[3] == pytest.approx(0.63, abs=0.01) and y[5] == pytest.approx(0.36, abs=0.01)
    for lab in labs:
        if any(s.task.condition == "probe_is" for s in lab.steps):
            step = next(s for s in lab.steps if s.task.condition == "probe_is")
            assert step.task.args == {"index": 18} and "0.63" in step.text.en


def _probe_value(q, net, trace, grads):
    """A probe or net quantity on a real network (the GUI computes them from its state)."""
    label = 3
    idx = tuple(label if i == "label" else int(np.argmax(trace["y"][0])) if i == "predicted"
                else i for i in q.indices)
    head, _, key = q.name.partition(".")
    if q.name == "probe.J":
        return float(net.loss(trace, np.array([label])))
    if q.name == "probe.J_after":
        from lenet_gui.explain.walk import BackpropWalk

        return float(BackpropWalk(net, trace["x"], label, trace=trace, grads=grads).update(0.01).J_after)
    if q.name == "probe.predicted":
        return int(np.argmax(trace["y"][0]))
    if head == "net":
        if key.startswith("params."):
            counts = net.layer_counts()
            layer = key.split(".")[1]
            return sum(c.params for c in counts.values()) if layer == "total" else counts[layer].params
        return float(net.params[key][idx])
    if key.startswith("delta_") and key[6:] in grads:
        return float(grads[key[6:]][idx])
    source = grads if key.startswith("delta_") else trace
    return float(source[key][0][idx])


def test_every_computed_quantity_of_the_labs_is_finite_on_a_real_network(labs, mnist):
    from lenet_gui.data.preprocess import normalise

    net = LeNet5(LeNetConfig())
    trace = net.forward(normalise(mnist.test_images[:1]))
    grads = net.backward(trace, np.array([3]))
    seen = 0
    for lab in labs:
        for step in lab.steps:
            for q in (step.task.compute, step.task.reveal):
                if q is not None and not q.name.startswith("train."):  # no training here
                    assert np.isfinite(_probe_value(q, net, trace, grads)), (lab.id, step.id)
                    seen += 1
    assert seen >= 4
    gap = parse_quantity("probe.delta_w3[1, 0, 2, 2]")  # outside Table 1: exactly 0
    assert _probe_value(gap, net, trace, grads) == 0.0


# ----------------------------------------------------------------------------- answers


@pytest.mark.parametrize("typed", ["1516", "1,516", "1.516e3", " 1516 ", "１５１６", "１，５１６",
                                   "1 516", "+1516", "1516.0"])
def test_a_number_is_read_as_people_write_it(typed):
    assert check_number(Task("number", answer=1516.0), typed, 1516.0)


@pytest.mark.parametrize("typed", ["", "abc", "15,16", "1516x", "nan", "inf", "1..5", "1517"])
def test_what_is_not_the_number_is_refused(typed):
    assert not check_number(Task("number", answer=1516.0), typed, 1516.0)


def test_tolerances_absolute_relative_and_units():
    assert parse_number("−0.25") == -0.25
    assert parse_number("98 %", "%") == 98.0
    t = Task("number", tolerance=0.01)
    assert check_number(t, "0.109", 0.1) and check_number(t, "0.091", 0.1)
    assert not check_number(t, "0.111", 0.1) and not check_number(t, "0.12", 0.1)
    r = Task("number", rel_tolerance=0.01)
    assert check_number(r, "100.9", 100) and not check_number(r, "101.1", 100)
    assert check_number(Task("number", unit="ms"), "3ms", 3.0)


def test_choices():
    single = Task("choice", options_range=(0, 5))
    assert check_choice(single, [2], [2]) and not check_choice(single, [2, 3], [2])
    multi = Task("choice", options_range=(0, 5), multiple=True)
    assert check_choice(multi, [3, 0], (0, 3)) and not check_choice(multi, [0], (0, 3))


def test_quantities_are_parsed_and_bounded():
    q = parse_quantity("probe.delta_f7[label]")
    assert (q.name, q.indices) == ("probe.delta_f7", ("label",))
    assert parse_quantity("probe.delta_w3[1, 0, 2, 2]").indices == (1, 0, 2, 2)
    assert str(parse_quantity("net.params.total")) == "net.params.total"
    for bad in ("probe.y", "probe.y[10]", "probe.s4[0, 0]", "nothing.here", "probe.c3[label,0,0]"):
        with pytest.raises(ValueError):
            parse_quantity(bad)


def test_the_stepper_positions_are_the_walks_steps():
    from lenet_gui.explain.walk import BackpropWalk
    from lenet_gui.labs.vocabulary import POSITIONS

    walk = BackpropWalk(LeNet5(LeNetConfig()), np.zeros((1, 1, 32, 32)), 3)
    assert tuple(s.id for s in walk.steps) == POSITIONS


def test_every_vocabulary_entry_is_documented():
    for table in (CONDITIONS, MOVES, QUANTITIES):
        for name, entry in table.items():
            assert entry.doc, name


# ----------------------------------------------------------------------------- errors

GOOD = textwrap.dedent('''\
    schema = 1
    id = "tiny"
    order = 9
    title = { en = "Tiny", zh = "小" }
    summary = { en = "A tiny lab.", zh = "一个小实验。" }

    [[step]]
    id = "count"
    title = { en = "Count", zh = "数" }
    text = { en = "How many?", zh = "多少？" }
    hint = { en = "Course, Layer C1.", zh = "课程 Layer C1。" }
    [step.task]
    kind = "number"
    answer = 156
    tolerance = 0

    [[step]]
    id = "look"
    title = { en = "Look", zh = "看" }
    text = { en = "Open the stepper.", zh = "打开单步演示。" }
    panel = "stepper"
    hint = { en = "Course, Gradient in Layer S4.", zh = "课程 Gradient in Layer S4。" }
    [step.task]
    kind = "action"
    condition = "stepper_at"
    args = { layer = "s4" }
    answer = [{ move = "stepper_to", layer = "s4" }]
    ''')


def error_of(text: str, **names) -> LabError:
    with pytest.raises(LabError) as info:
        lab = parse_lab(text, "labs/09_tiny.toml")
        validate(lab, **names)
    message = str(info.value)
    assert "\n" not in message
    return info.value


def test_a_good_file_loads():
    lab = parse_lab(GOOD)
    assert [s.id for s in lab.steps] == ["count", "look"] and lab.checked_tasks == 2
    validate(lab, panels=PANELS, perspectives=PERSPECTIVES)


@pytest.mark.parametrize("change, line, field, words", [
    (("tolerance = 0", 'tolerance = "zero"'), 15, 'step "count".task.tolerance',
     'expected a number, got "zero"'),
    (('text = { en = "How many?", zh = "多少？" }\n', ""), 7, 'step "count".text', "missing field"),
    (('zh = "多少？"', 'de = "Wie viele?"'), 10, 'step "count".text', "missing language 'zh'"),
    (('kind = "action"', 'kind = "click"'), 24, 'step "look".task.kind', "expected one of"),
    (('condition = "stepper_at"', 'condition = "stepper_on"'), 25, 'step "look".task.condition',
     'unknown condition "stepper_on"'),
    (('move = "stepper_to"', 'move = "step_to"'), 27, 'step "look".task.answer[0].move',
     'unknown move "step_to"'),
    (('args = { layer = "s4" }', 'args = { layer = "s9" }'), 26, 'step "look".task.args.layer',
     "expected one of forward-features, forward-output, softmax, f7"),
    (('id = "look"', 'id = "count"'), 18, 'step "count".id', "comes earlier"),
    (("answer = 156", "answr = 156"), 14, 'step "count".task.answr', "unknown field"),
    (('kind = "action"\ncondition = "stepper_at"\nargs = { layer = "s4" }\n'
      'answer = [{ move = "stepper_to", layer = "s4" }]', 'kind = "read"'), 7, "step",
     "at least 2 checked tasks"),
    (("schema = 1", "schema = 2"), 1, "schema", "schema 2"),
    (("answer = 156\n", ""), None, 'step "count".task.answer',
     "missing field: a number task needs answer (a number) or compute (a quantity)"),
    (("answer = 156", 'answer = 156\ncompute = "probe.J"'), 15, 'step "count".task.compute',
     "give answer or compute, not both"),
])
def test_each_fault_is_one_line_with_its_line_and_field(change, line, field, words):
    old, new = change
    assert old in GOOD
    e = error_of(GOOD.replace(old, new, 1))
    assert e.field == field, str(e)
    assert words in e.message, str(e)
    if line is not None:
        assert e.line == line, str(e)
    assert str(e).startswith(f"labs/09_tiny.toml:{e.line}: {field}: ")


def test_unknown_panel_and_perspective_name_their_line():
    e = error_of(GOOD.replace('panel = "stepper"', 'panel = "steper"'), panels=PANELS)
    assert (e.line, e.field) == (21, 'step "look".panel') and '"steper"' in e.message
    e = error_of(GOOD.replace('panel = "stepper"', 'perspective = "lean"'), perspectives=PERSPECTIVES)
    assert (e.line, e.field) == (21, 'step "look".perspective')


def test_a_move_naming_an_unknown_panel_names_its_line():
    text = GOOD.replace('answer = [{ move = "stepper_to", layer = "s4" }]',
                        'answer = [{ move = "show_panel", panel = "stepper" },\n'
                        '          { move = "click_tile", panel = "steper", layer = "s4" }]')
    e = error_of(text, panels=PANELS)
    assert (e.line, e.field) == (28, 'step "look".task.answer[1].panel'), str(e)


def test_an_option_of_a_list_names_its_own_line():
    path = next(p for p in shipped_labs() if p.name.endswith("_architecture.toml"))
    text = path.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '{ en = "S4", zh = "S4" }' in t)
    e = error_of(text.replace('{ en = "S4", zh = "S4" }', '{ en = "S4" }'))
    assert (e.line, e.field) == (line, 'step "no_params".task.options[3]'), str(e)
    assert "missing language 'zh'" in e.message


def test_invalid_toml_names_tomllibs_line():
    e = error_of(GOOD.replace("answer = 156", "answer = = 156"))
    assert e.line == 14 and e.field is None and e.message.startswith("invalid TOML")


def test_load_lab_reads_the_file(tmp_path):
    path = tmp_path / "09_tiny.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_lab(path, panels=PANELS, perspectives=PERSPECTIVES).id == "tiny"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(LabError, match="not UTF-8"):
        load_lab(path)
    with pytest.raises(LabError, match="cannot read"):
        load_lab(tmp_path / "none.toml")


# ----------------------------------------------------------------------------- progress


def test_progress_survives_a_restart(tmp_path):
    p = Progress(tmp_path)
    p.set_step("table1", 2)
    p.record_answer("table1", "pairs", "59", ok=False)
    p.mark_hint("table1", "pairs")
    p.record_answer("table1", "pairs", "60", ok=True)
    p.mark_passed("table1", "pairs")
    p.record_answer("table1", "s2_map0", [0, 4], ok=False, truth=[0, 4, 5])
    again = Progress(tmp_path)
    assert again.message is None and again.current_step("table1") == 2
    assert [(a.value, a.ok) for a in again.answers("table1", "pairs")] == [("59", False), ("60", True)]
    assert again.answers("table1", "s2_map0")[0].truth == [0, 4, 5]
    assert again.passed("table1", "pairs") and again.lab("table1").hints == ["pairs"]
    assert not again.is_finished("table1")
    again.mark_passed("table1", "zero_gradient", last=True)
    assert Progress(tmp_path).is_finished("table1")
    assert not list(tmp_path.glob(".*tmp"))  # no temp file left behind


@pytest.mark.parametrize("content", [b"{not json", b'{"schema": 1, "labs": {"a": {"step": -1}}}',
                                     b"[]", b"\xff"])
def test_a_corrupt_progress_file_is_set_aside_with_one_message(tmp_path, content):
    (tmp_path / "progress.json").write_bytes(content)
    p = Progress(tmp_path)
    assert p.message is not None and "\n" not in p.message and "starting afresh" in p.message
    assert (tmp_path / "progress.json.bad").read_bytes() == content
    assert p.current_step("table1") == 0
    p.set_step("table1", 1)
    assert Progress(tmp_path).current_step("table1") == 1


# ----------------------------------------------------------------------------- the report

EVIL_SVG = ('<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="10" onload="alert(1)">'
            '<script>alert(2)</script><image xlink:href="http://example.com/x.png"/>'
            '<rect width="20" height="10" fill="url(#g)" style="background:url(http://x/y)"/></svg>')


def tiny_png() -> bytes:
    from lenet_gui.explain.typeset import render_png

    return render_png(r"$\delta(f7_i) = y_i - z_i$")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_report_is_one_self_contained_page_with_answers_and_figures(tmp_path, language):
    from lenet_gui.labs.report import write_report

    lab = load_lab(next(p for p in shipped_labs() if p.name.endswith("_table1.toml")))
    p = Progress(tmp_path)
    p.record_answer("table1", "pairs", "<b>59</b>", ok=False)
    p.mark_hint("table1", "pairs")
    p.record_answer("table1", "pairs", "60", ok=True)
    p.mark_passed("table1", "pairs")
    p.record_answer("table1", "s2_map0", [0, 4], ok=False, truth=[0, 4, 5, 6])
    png = tiny_png()
    out = write_report(tmp_path / "report.html", lab, p,
                       {"Stepper at S4": EVIL_SVG, "Probabilities": png},
                       {"activation": "lecun", "learning_rate": 0.03}, seed=7, language=language)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{"zh-CN" if language == "zh_CN" else "en"}">' in page
    assert "&lt;b&gt;59&lt;/b&gt;" in page and "<b>59" not in page  # escaped
    assert ">60<" in page and "0, 4, 5, 6" in page  # an answer, a prediction's truth
    assert html.escape(lab.title.get(language)) in page
    assert html.escape(lab.step("pairs").hint.get(language)) in page  # the hint seen
    assert "data:image/png;base64," in page and "<svg" in page  # both figures
    assert "learning_rate" in page and ">7<" in page  # the run's configuration and seed
    for outside in ("http://example.com", "url(http", "<script", "onload", "<link", "@import"):
        assert outside not in page, outside
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#|data:)""", page)
    assert page.count("<svg") >= 2  # the figure and a typeset formula of a step


def test_a_figure_of_another_kind_is_refused(tmp_path):
    from lenet_gui.labs.report import write_report

    lab = load_lab(shipped_labs()[0])
    with pytest.raises(ValueError, match="neither SVG, PNG nor JPEG"):
        write_report(tmp_path / "r.html", lab, Progress(tmp_path), {"x": b"GIF89a"}, {}, 0, "en")
    assert not (tmp_path / "r.html").exists()
