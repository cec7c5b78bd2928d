"""Reading a lab file (lab.py has what it reads into): `load_lab` reads and checks a file
against the format and the vocabulary; `validate` checks the names of panels and perspectives,
which only the window knows and the caller passes in. Every fault is a LabError whose str is
one line naming the file, the line and the field (found in the file's text: `_find_line`)."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

from lenet_gui.labs.lab import (
    ID,
    KINDS,
    LANGUAGES,
    SCHEMA,
    Lab,
    LabError,
    Move,
    Quantity,
    Step,
    Task,
    Text,
)
from lenet_gui.labs.vocabulary import CONDITIONS, MOVES, QUANTITIES, SETTINGS, SYMBOLIC_INDICES, WHERE, Entry
from lenet_gui.model.options import LAYERS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


# ----------------------------------------------------------------------------- locating a field

_STEP_HEADER = re.compile(r"^\s*\[\[\s*step\s*\]\]")


def _find_line(source: str, step: int | None, keys: list[str]) -> int | None:
    """The 1-based line of a field: inside the step's [[step]] block (or before the first one
    for a top-level field), the line of the last of `keys` found in order; the block's first
    line when none is found."""
    lines = source.splitlines()
    headers = [i for i, text in enumerate(lines) if _STEP_HEADER.match(text)]
    if step is None and keys[:1] == ["step"] and headers:
        return headers[0] + 1  # the steps as a whole: the first [[step]]
    if step is None:
        start, end = 0, headers[0] if headers else len(lines)
    elif step < len(headers):
        start = headers[step]
        end = headers[step + 1] if step + 1 < len(headers) else len(lines)
    else:
        return None
    found = start
    for key in keys:
        name, _, index = key.partition("[")
        pattern = re.compile(rf"(?:^|[\s{{,.\[]){re.escape(name)}\s*[=\]]")
        for i in range(found, end):
            if pattern.search(lines[i].split("#", 1)[0]):
                found = i
                break
        else:
            break
        if index.rstrip("]").isdigit():
            found = _item_line(lines, found, end, int(index.rstrip("]")))
    return found + 1


def _item_line(lines: list[str], start: int, end: int, item: int) -> int:
    """The line where item `item` of the array that opens on line `start` begins (skipping
    strings and comments); `start` if it is not found."""
    depth, count, quote = 0, -1, ""
    for i in range(start, end):
        text, j = lines[i], 0
        if i == start:
            j = text.find("=") + 1
        while j < len(text):
            ch = text[j]
            if quote:
                if ch == "\\" and quote == '"':
                    j += 1
                elif ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth == 2:
                    count += 1
                    if count == item:
                        return i
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return start
            elif ch != " " and depth == 1 and count < item and not ch.isspace() and ch != ",":
                count += 1  # a scalar item
                if count == item:
                    return i
                while j + 1 < len(text) and text[j + 1] not in ",]":
                    j += 1
            j += 1
        quote = ""  # a basic string does not run on past its line
    return start


# ----------------------------------------------------------------------------- the loader


class _Reader:
    """Reads one file's table, raising LabError at the first fault."""

    def __init__(self, path, source: str) -> None:
        self.path, self.source = path, source
        self.step: int | None = None  # the step being read
        self.step_name = ""  # `step "count"` or `step 3`

    def fail(self, keys: list[str], message: str):
        field_name = ".".join(keys)
        if self.step is not None:
            field_name = self.step_name + ("." + field_name if field_name else "")
        line = _find_line(self.source, self.step, keys)
        raise LabError(self.path, line, field_name or None, message)

    # --- typed getters

    def get(self, table: dict, keys: list[str], name: str, kind: str, required: bool = True,
            default=None):
        if name not in table:
            if required:
                self.fail(keys + [name], "missing field")
            return default
        value = table[name]
        check_type(value, kind, lambda msg: self.fail(keys + [name], msg))
        return value

    def text(self, table: dict, keys: list[str], name: str, required: bool = True) -> Text | None:
        value = self.get(table, keys, name, "table", required)
        if value is None:
            return None
        here = keys + [name]
        for lang in LANGUAGES:
            if lang not in value:
                self.fail(here, f"missing language {lang!r} (every text needs "
                          f"{' and '.join(LANGUAGES)})")
            check_type(value[lang], "str", lambda msg, lang=lang: self.fail(here + [lang], msg))
            if not value[lang].strip():
                self.fail(here + [lang], "empty text")
        self.unknown(value, here, LANGUAGES)
        return Text(value["en"], value["zh"])

    def unknown(self, table: dict, keys: list[str], allowed) -> None:
        for k in table:
            if k not in allowed:
                self.fail(keys + [k], f"unknown field; expected one of {', '.join(allowed)}")


def describe(value) -> str:
    """A TOML value as a message shows it: strings quoted, tables and lists by kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


_TYPE_WORDS = {"str": "a string", "int": "an integer", "float": "a number", "bool": "true or false",
               "table": "a table", "list": "a list"}


def check_type(value, kind: str, fail) -> None:
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "table": isinstance(value, dict),
        "list": isinstance(value, list),
    }[kind]
    if not ok:
        fail(f"expected {_TYPE_WORDS[kind]}, got {describe(value)}")
    if kind == "float" and not math.isfinite(value):
        fail(f"expected a finite number, got {value}")


_QUANTITY = re.compile(r"([a-z_][a-z0-9_.]*[a-z0-9_]|[a-z_])(?:\[([^\]]*)\])?\Z", re.IGNORECASE)


def parse_quantity(text: str) -> Quantity:
    """`probe.delta_f7[3]` → Quantity("probe.delta_f7", (3,)); ValueError names what is wrong."""
    m = _QUANTITY.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a quantity (a name such as probe.J or probe.y[3])")
    name, inside = m.group(1), m.group(2)
    if name not in QUANTITIES:
        raise ValueError(f"unknown quantity {name!r}; see the vocabulary in docs/LABS.md")
    shape = QUANTITIES[name].shape
    indices: list[int | str] = []
    if inside is not None and inside.strip():
        for part in inside.split(","):
            part = part.strip()
            if part in SYMBOLIC_INDICES:
                indices.append(part)
            elif part.isdigit():
                indices.append(int(part))
            else:
                raise ValueError(f"index {part!r} of {name} is neither a number nor one of "
                                 f"{', '.join(SYMBOLIC_INDICES)}")
    if len(indices) != len(shape):
        raise ValueError(f"{name} takes {len(shape)} ind{'ex' if len(shape) == 1 else 'ices'} "
                         f"{list(shape) if shape else ''}, got {len(indices)}".replace(" ,", ","))
    for i, (index, size) in enumerate(zip(indices, shape)):
        if isinstance(index, int) and index >= size:
            raise ValueError(f"index {i} of {name} is {index}, beyond 0…{size - 1}")
        if isinstance(index, str) and size != 10:
            raise ValueError(f"index {index!r} of {name} names a class, but that axis has {size}")
    return Quantity(name, tuple(indices))


def check_args(entry: Entry, args: dict, fail) -> None:
    """The arguments of a condition or move against its entry: names, types, fixed words
    (panel and perspective names are left to validate())."""
    for p in entry.params:
        if p.required and p.name not in args:
            fail([], f"missing argument {p.name!r}")
    for name, value in args.items():
        p = entry.param(name)
        if p is None:
            allowed = ", ".join(q.name for q in entry.params) or "none"
            fail([name], f"unknown argument; expected {allowed}")
        t = p.type
        sub = lambda msg, name=name: fail([name], msg)  # noqa: E731
        if t in ("str", "int", "float", "bool"):
            check_type(value, t, sub)
        elif t == "digit":
            check_type(value, "int", sub)
            if not 0 <= value <= 9:
                sub(f"expected a digit 0…9, got {value}")
        elif t in ("layer", "position", "where", "setting", "panel", "perspective"):
            check_type(value, "str", sub)
            allowed = {"layer": LAYERS, "position": None, "where": WHERE,
                       "setting": tuple(SETTINGS)}.get(t)
            if t == "position":
                from lenet_gui.labs.vocabulary import POSITIONS

                allowed = POSITIONS
            if allowed is not None and value not in allowed:
                sub(f"expected one of {', '.join(allowed)}, got {describe(value)}")
        elif t == "value":
            if not isinstance(value, (str, int, float, bool)):
                sub(f"expected a string, number or true/false, got {describe(value)}")
        if name in ("min_batches", "batches", "within_batches", "index") and value < 0:
            sub(f"expected a count ≥ 0, got {value}")
    if "key" in args and "value" in args and args["key"] in SETTINGS:
        kind, allowed = SETTINGS[args["key"]]
        check_type(args["value"], kind, lambda msg: fail(["value"], msg))
        if allowed and args["value"] not in allowed:
            fail(["value"], f"{args['key']} is one of {', '.join(allowed)}, got "
                 f"{describe(args['value'])}")


_STEP_KEYS = ("id", "title", "text", "perspective", "panel", "hint", "task")
_TOP_KEYS = ("schema", "id", "order", "title", "summary", "course", "step")
_TASK_KEYS = {
    "read": ("kind",),
    "number": ("kind", "answer", "compute", "tolerance", "rel_tolerance", "unit"),
    "choice": ("kind", "options", "options_range", "multiple", "answer", "compute"),
    "action": ("kind", "condition", "args", "answer"),
    "predict": ("kind", "ask", "options", "options_range", "multiple", "answer", "reveal",
                "tolerance", "rel_tolerance", "unit", "condition", "args", "moves"),
}


def load_lab(path, panels=None, perspectives=None) -> Lab:
    """Read and check a lab file; with `panels` and `perspectives` (the window's names) also
    validate() it. Raises LabError (one line: file, line, field, what is wrong)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise LabError(path, None, None, f"cannot read the file ({e.strerror or e})") from e
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise LabError(path, line, None, "not UTF-8 text") from e
    lab = parse_lab(source, path)
    if panels is not None or perspectives is not None:
        validate(lab, panels=panels, perspectives=perspectives)
    return lab


def parse_lab(source: str, path="<lab>") -> Lab:
    """A lab from the text of its file (load_lab without the file)."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        m = re.search(r"\(at line (\d+), column \d+\)", message)
        line = getattr(e, "lineno", None) or (int(m.group(1)) if m else None)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise LabError(path, line, None, f"invalid TOML: {message}") from e
    r = _Reader(path, source)
    schema = r.get(data, [], "schema", "int") if "schema" in data else r.fail(["schema"],
                                                                              "missing field")
    if schema != SCHEMA:
        r.fail(["schema"], f"this app reads schema {SCHEMA}, the file is schema {schema}")
    r.unknown(data, [], _TOP_KEYS)
    lab_id = r.get(data, [], "id", "str") if "id" in data else r.fail(["id"], "missing field")
    if not ID.match(lab_id):
        r.fail(["id"], f"expected lower-case letters, digits and _, got {describe(lab_id)}")
    order = r.get(data, [], "order", "int") if "order" in data else r.fail(["order"],
                                                                           "missing field")
    title = _required_text(r, data, "title")
    summary = _required_text(r, data, "summary")
    course = r.get(data, [], "course", "str", required=False, default="")
    if "step" not in data:
        r.fail(["step"], "missing field: a lab needs at least one [[step]]")
    steps_raw = data["step"]
    if not isinstance(steps_raw, list) or not all(isinstance(s, dict) for s in steps_raw):
        r.fail(["step"], "expected [[step]] tables")
    steps, seen = [], set()
    for i, table in enumerate(steps_raw):
        r.step = i
        r.step_name = f"step {i + 1}"
        sid = table.get("id")
        if isinstance(sid, str) and ID.match(sid):
            r.step_name = f'step "{sid}"'
        steps.append(_read_step(r, table))
        if steps[-1].id in seen:
            r.fail(["id"], "a step of this id comes earlier in the lab")
        seen.add(steps[-1].id)
    r.step = None
    lab = Lab(lab_id, order, title, summary, tuple(steps), course, Path(path), source)
    if lab.checked_tasks < 2:
        r.fail(["step"], f"a lab needs at least 2 checked tasks (number, choice, action, "
               f"predict); this one has {lab.checked_tasks}")
    return lab


def _required_text(r: _Reader, table: dict, name: str) -> Text:
    if name not in table:
        r.fail([name], "missing field")
    return r.text(table, [], name)


def _read_step(r: _Reader, table: dict) -> Step:
    r.unknown(table, [], _STEP_KEYS)
    for name in ("id", "title", "text"):
        if name not in table:
            r.fail([name], "missing field")
    sid = r.get(table, [], "id", "str")
    if not ID.match(sid):
        r.fail(["id"], f"expected lower-case letters, digits and _, got {describe(sid)}")
    title = r.text(table, [], "title")
    text = r.text(table, [], "text")
    perspective = r.get(table, [], "perspective", "str", required=False)
    panel = r.get(table, [], "panel", "str", required=False)
    hint = r.text(table, [], "hint", required=False)
    task_raw = r.get(table, [], "task", "table", required=False, default={"kind": "read"})
    task = _read_task(r, task_raw)
    if task.checked and hint is None:
        r.fail(["hint"], "missing field: a checked task needs a hint (a pointer to the course "
               "for a wrong answer)")
    line = _find_line(r.source, r.step, []) or 0
    return Step(sid, title, text, task, perspective, panel, hint, line)


def _number(r: _Reader, t: dict, name: str) -> float | None:
    value = r.get(t, ["task"], name, "float", required=False)
    if value is not None and value < 0:
        r.fail(["task", name], f"expected a number ≥ 0, got {value}")
    return None if value is None else float(value)


def _quantity(r: _Reader, t: dict, name: str) -> Quantity | None:
    text = r.get(t, ["task"], name, "str", required=False)
    if text is None:
        return None
    try:
        return parse_quantity(text)
    except ValueError as e:
        r.fail(["task", name], str(e))


def _moves(r: _Reader, t: dict, name: str) -> tuple[Move, ...]:
    items = r.get(t, ["task"], name, "list", required=False, default=[])
    moves = []
    for j, item in enumerate(items):
        here = ["task", f"{name}[{j}]"]
        check_type(item, "table", lambda msg, here=here: r.fail(here, msg))
        if "move" not in item:
            r.fail(here, "missing field 'move' (the name of a move)")
        move = item["move"]
        check_type(move, "str", lambda msg, here=here: r.fail(here + ["move"], msg))
        if move not in MOVES:
            r.fail(here + ["move"], f"unknown move {describe(move)}; expected one of "
                   f"{', '.join(MOVES)}")
        args = {k: v for k, v in item.items() if k != "move"}
        check_args(MOVES[move], args, lambda keys, msg, here=here: r.fail(here + keys, msg))
        moves.append(Move(move, args))
    return tuple(moves)


def _choice_options(r: _Reader, t: dict, answer_required: bool):
    options: tuple[Text, ...] = ()
    options_range = None
    if "options" in t and "options_range" in t:
        r.fail(["task", "options_range"], "give options or options_range, not both")
    if "options" in t:
        raw = r.get(t, ["task"], "options", "list")
        if len(raw) < 2:
            r.fail(["task", "options"], f"expected at least 2 options, got {len(raw)}")
        options = tuple(r.text({f"options[{j}]": o}, ["task"], f"options[{j}]")
                        for j, o in enumerate(raw))
    elif "options_range" in t:
        raw = r.get(t, ["task"], "options_range", "list")
        if len(raw) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw) \
                or raw[1] <= raw[0]:
            r.fail(["task", "options_range"], f"expected [first, last] integers with first < "
                   f"last, got {raw}")
        options_range = (raw[0], raw[1])
    else:
        r.fail(["task", "options"], "missing field (options or options_range)")
    multiple = r.get(t, ["task"], "multiple", "bool", required=False, default=False)
    count = len(options) if options_range is None else options_range[1] - options_range[0] + 1
    answer = None
    if "answer" in t:
        raw = t["answer"]
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = [raw]
        check_type(raw, "list", lambda msg: r.fail(["task", "answer"], msg))
        for v in raw:
            if not (isinstance(v, int) and not isinstance(v, bool)):
                r.fail(["task", "answer"], f"expected option indices (0 is the first option), "
                       f"got {describe(v)}")
            if not 0 <= v < count:
                r.fail(["task", "answer"], f"option index {v} is beyond 0…{count - 1} (indices "
                       f"count from 0, also for options_range)")
        if not raw or not multiple and len(raw) != 1:
            r.fail(["task", "answer"], "expected exactly one option index (multiple = false)"
                   if not multiple else "expected at least one option index")
        answer = tuple(sorted(set(raw)))
    return options, options_range, multiple, answer


def _answer_or(r: _Reader, answer, other, other_name: str, missing: str) -> None:
    """A task's truth is given once: as `answer`, or as `other` (the quantity named
    `other_name`, computed when checked), never neither and never both."""
    if answer is None and other is None:
        r.fail(["task", "answer"], "missing field: " + missing)
    if answer is not None and other is not None:
        r.fail(["task", other_name], f"give answer or {other_name}, not both")


def _read_task(r: _Reader, t: dict) -> Task:
    if "kind" not in t:
        r.fail(["task", "kind"], "missing field")
    kind = r.get(t, ["task"], "kind", "str")
    if kind not in KINDS:
        r.fail(["task", "kind"], f"expected one of {', '.join(KINDS)}, got {describe(kind)}")
    r.unknown(t, ["task"], _TASK_KEYS[kind])
    if kind == "read":
        return Task("read")
    tolerance = _number(r, t, "tolerance")
    rel_tolerance = _number(r, t, "rel_tolerance")
    unit = r.get(t, ["task"], "unit", "str", required=False, default="")
    condition, args, moves = None, {}, ()
    if kind in ("action", "predict"):
        condition = r.get(t, ["task"], "condition", "str", required=kind == "action")
        if condition is not None:
            if condition not in CONDITIONS:
                r.fail(["task", "condition"], f"unknown condition {describe(condition)}; "
                       f"expected one of {', '.join(CONDITIONS)}")
            args = r.get(t, ["task"], "args", "table", required=False, default={})
            check_args(CONDITIONS[condition], args,
                       lambda keys, msg: r.fail(["task", "args", *keys], msg))
        elif "args" in t:
            r.fail(["task", "args"], "args without a condition")
    if kind == "action":
        if "answer" in t:
            answer = _moves(r, t, "answer")
            if not answer:
                r.fail(["task", "answer"], "expected at least one move")
        else:
            answer = ()
        return Task(kind, answer=answer, condition=condition, args=args)
    if kind == "predict":
        ask = r.get(t, ["task"], "ask", "str")
        if ask not in ("number", "choice"):
            r.fail(["task", "ask"], f"expected number or choice, got {describe(ask)}")
        moves = _moves(r, t, "moves")
        if moves and condition is None:
            r.fail(["task", "moves"], "moves without a condition (they are the reference "
                   "answer to it)")
        reveal = _quantity(r, t, "reveal")
        if ask == "number":
            for name in ("options", "options_range", "multiple"):
                if name in t:
                    r.fail(["task", name], "only for ask = \"choice\"")
            answer = _literal_number(r, t)
            _answer_or(r, answer, reveal, "reveal", "a prediction needs the truth, answer (a "
                       "number) or reveal (a quantity)")
            return Task(kind, answer=answer, reveal=reveal, tolerance=tolerance,
                        rel_tolerance=rel_tolerance, unit=unit, ask=ask, condition=condition,
                        args=args, moves=moves)
        for name in ("tolerance", "rel_tolerance", "unit"):
            if name in t:
                r.fail(["task", name], "only for ask = \"number\"")
        options, options_range, multiple, answer = _choice_options(r, t, True)
        _answer_or(r, answer, reveal, "reveal", "a prediction needs the truth, answer (option "
                   "indices) or reveal (a quantity)")
        return Task(kind, answer=answer, reveal=reveal, ask=ask, options=options,
                    options_range=options_range, multiple=multiple, condition=condition,
                    args=args, moves=moves)
    compute = _quantity(r, t, "compute")
    if kind == "number":
        answer = _literal_number(r, t)
        _answer_or(r, answer, compute, "compute", "a number task needs answer (a number) or "
                   "compute (a quantity)")
        return Task(kind, answer=answer, compute=compute, tolerance=tolerance,
                    rel_tolerance=rel_tolerance, unit=unit)
    options, options_range, multiple, answer = _choice_options(r, t, compute is None)
    _answer_or(r, answer, compute, "compute", "a choice needs answer (option indices) or "
               "compute (a quantity whose value is the right option's index)")
    return Task(kind, answer=answer, compute=compute, options=options,
                options_range=options_range, multiple=multiple)


def _literal_number(r: _Reader, t: dict) -> float | None:
    value = r.get(t, ["task"], "answer", "float", required=False)
    return None if value is None else float(value)


# ----------------------------------------------------------------------------- names the window knows


def validate(lab: Lab, panels=None, perspectives=None) -> None:
    """Check the panel and perspective names `lab` uses (steps, conditions, moves) against the
    window's; None skips that check. Raises LabError at the first unknown name."""
    r = _Reader(lab.path or "<lab>", lab.source)
    panels = None if panels is None else tuple(panels)
    perspectives = None if perspectives is None else tuple(perspectives)

    def check(value, kind: str, keys: list[str]) -> None:
        allowed = panels if kind == "panel" else perspectives
        if allowed is not None and value not in allowed:
            r.fail(keys, f"no {kind} named {describe(value)}; expected one of "
                   f"{', '.join(allowed)}")

    for i, step in enumerate(lab.steps):
        r.step, r.step_name = i, f'step "{step.id}"'
        if step.perspective is not None:
            check(step.perspective, "perspective", ["perspective"])
        if step.panel is not None:
            check(step.panel, "panel", ["panel"])
        task = step.task
        if task.condition is not None:
            for p in CONDITIONS[task.condition].params:
                if p.type in ("panel", "perspective") and p.name in task.args:
                    check(task.args[p.name], p.type, ["task", "args", p.name])
        name = "answer" if task.kind == "action" else "moves"
        for j, move in enumerate(task.reference_moves):
            for p in MOVES[move.name].params:
                if p.type in ("panel", "perspective") and p.name in move.args:
                    check(move.args[p.name], p.type, ["task", f"{name}[{j}]", p.name])
