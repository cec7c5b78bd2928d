"""`lenet-gui lab list` and `lenet-gui lab check` as a teacher runs them: one lab a line; a broken
file gives one line naming its line and field and exit 1, a good one `ok: …` and exit 0. The
command runs in this process (the window's names come from the panel registry)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lenet_gui.commands import main
from lenet_gui.labs import load_lab, shipped_labs
from tests.test_labs import GOOD


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(["lab", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_lab_list_is_one_shipped_lab_a_line_in_both_languages(capsys):
    labs = [load_lab(p) for p in shipped_labs()]
    assert len(labs) >= 10
    for language in ("en", "zh_CN"):
        code, lines, err = run(capsys, "list", "--language", language)
        assert code == 0 and not err
        assert len(lines) == len(labs)
        for line, lab in zip(lines, labs):
            m = re.fullmatch(r"(\S+) +(\d+) steps  (.+)", line)
            assert m, line
            assert (m[1], int(m[2]), m[3]) == (lab.id, len(lab.steps), lab.title.get(language))


def test_lab_check_passes_every_shipped_lab(capsys):
    paths = [str(p) for p in shipped_labs()]
    code, lines, err = run(capsys, "check", *paths)
    assert code == 0 and not err
    assert len(lines) == len(paths)
    assert all(re.fullmatch(r".+: ok: \d+ steps, \d+ checked tasks", line) for line in lines)


BROKEN = {
    "missing field": (('title = { en = "Look", zh = "看" }\n', ""), 17,
                      'step "look".title: missing field'),
    "wrong type": (("answer = 156", 'answer = "156"'), 14,
                   'step "count".task.answer: expected a number, got "156"'),
    "unknown panel": (('panel = "stepper"', 'panel = "steppr"'), 21,
                      'step "look".panel: no panel named "steppr"; expected one of settings'),
    "invalid TOML": (('kind = "number"', 'kind = "number'), 13, "invalid TOML"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_lab_check_gives_one_line_for_a_broken_file(capsys, tmp_path, case):
    (old, new), line, words = BROKEN[case]
    assert old in GOOD
    path = tmp_path / "09_tiny.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    code, lines, err = run(capsys, "check", str(path))
    assert code == 1 and not err
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line}: "), lines[0]
    assert words in lines[0], lines[0]


def test_lab_check_of_a_good_file_and_of_a_missing_one(capsys, tmp_path):
    path = tmp_path / "09_tiny.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert run(capsys, "check", str(path))[:2] == (0, ["ok: 2 steps, 2 checked tasks"])
    code, lines, _ = run(capsys, "check", str(tmp_path / "nothing.toml"))
    assert code == 1 and len(lines) == 1 and "cannot read the file" in lines[0]


def test_an_action_without_its_reference_answer_is_said_by_check(capsys, tmp_path):
    path = tmp_path / "09_tiny.toml"
    path.write_text(GOOD.replace('answer = [{ move = "stepper_to", layer = "s4" }]', ""),
                    encoding="utf-8")
    code, lines, _ = run(capsys, "check", str(path))
    assert code == 0
    assert lines == ["ok: 2 steps, 2 checked tasks, 1 without a reference answer (lab verify "
                     "cannot pass)"]


def test_the_schema_and_the_docs_name_every_field_the_loader_reads():
    """docs/LABS.md and resources/labs/lab.schema.json describe the same fields as lab.py."""
    import json

    from lenet_gui.labs.loader import _STEP_KEYS, _TASK_KEYS, _TOP_KEYS
    from lenet_gui.labs.vocabulary import CONDITIONS, MOVES
    from lenet_gui.resources import resource_path

    root = Path(__file__).resolve().parent.parent
    from lenet_gui.labs.schema import schema_text

    shipped = resource_path("labs", "lab.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "regenerate it: python -m lenet_gui.labs.schema"
    schema = json.loads(shipped)
    assert set(schema["properties"]) == set(_TOP_KEYS)
    step = schema["$defs"]["step"]
    assert set(step["properties"]) == set(_STEP_KEYS)
    task_fields = set().union(*_TASK_KEYS.values())
    assert set(schema["$defs"]["task"]["properties"]) == task_fields
    docs = (root / "docs" / "LABS.md").read_text(encoding="utf-8")
    for name in [*_TOP_KEYS, *_STEP_KEYS, *task_fields, *CONDITIONS, *MOVES]:
        assert f"`{name}" in docs, name


def test_the_complete_example_of_the_docs_passes_check(capsys, tmp_path):
    docs = (Path(__file__).resolve().parent.parent / "docs" / "LABS.md").read_text(encoding="utf-8")
    example = docs[docs.index("## A complete example"):]
    example = example[example.index("```toml") + len("```toml"):example.rindex("```")]
    path = tmp_path / "50_output_delta.toml"
    path.write_text(example, encoding="utf-8")
    assert run(capsys, "check", str(path))[:2] == (0, ["ok: 4 steps, 3 checked tasks"])
