"""The JSON Schema of a lab file (resources/labs/lab.schema.json), made from the vocabulary and
the loader's fields so it cannot drift from them: editors that read JSON Schema (for TOML too,
e.g. Taplo / Even Better TOML) complete and check a teacher's file with it. `lenet-gui lab check`
applies the same rules with line numbers, and also what a schema cannot say (panel and
perspective names, at least two checked tasks, quantities' indices).

Regenerate after changing the vocabulary:  python -m lenet_gui.labs.schema"""

from __future__ import annotations

import json

from lenet_gui.labs.lab import CHECKED, ID, KINDS
from lenet_gui.labs.vocabulary import CONDITIONS, MOVES, POSITIONS, SETTINGS, WHERE, Entry
from lenet_gui.model.options import LAYERS

_TEXT = {"type": "object", "description": "A text in both of the labs' languages.",
         "properties": {"en": {"type": "string", "minLength": 1},
                        "zh": {"type": "string", "minLength": 1}},
         "required": ["en", "zh"], "additionalProperties": False}
_TYPES = {
    "str": {"type": "string"}, "int": {"type": "integer"}, "float": {"type": "number"},
    "bool": {"type": "boolean"}, "digit": {"type": "integer", "minimum": 0, "maximum": 9},
    "layer": {"enum": list(LAYERS)}, "position": {"enum": list(POSITIONS)},
    "where": {"enum": list(WHERE)},
    "panel": {"type": "string", "description": "a panel of the window (lab check knows them)"},
    "perspective": {"type": "string", "description": "a perspective of the window"},
    "setting": {"enum": list(SETTINGS)}, "value": {"type": ["string", "number", "boolean"]},
}
_QUANTITY = {"type": "string", "pattern": r"^[a-z_][a-z0-9_.]*[a-z0-9_](\[[^\]]*\])?$",
             "description": "a quantity of the vocabulary (docs/LABS.md), e.g. "
                            "probe.delta_f7[label]"}
_INDICES = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1,
            "uniqueItems": True}


def _params(entry: Entry) -> dict:
    return {"type": "object",
            "properties": {p.name: {**_TYPES[p.type], **({"description": p.doc} if p.doc else {})}
                           for p in entry.params},
            "required": [p.name for p in entry.params if p.required],
            "additionalProperties": False}


def json_schema() -> dict:
    moves = []
    for name, entry in MOVES.items():
        p = _params(entry)
        moves.append({"type": "object", "description": entry.doc,
                      "properties": {"move": {"const": name}, **p["properties"]},
                      "required": ["move", *p["required"]], "additionalProperties": False})
    conditions = [{"if": {"properties": {"condition": {"const": name}}, "required": ["condition"]},
                   "then": {"properties": {"args": _params(entry)}}}
                  for name, entry in CONDITIONS.items()]
    ident = {"type": "string", "pattern": "^" + ID.pattern.removesuffix(r"\Z") + "$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "lenet_gui/labs/lab.schema.json",
        "title": "A lab of LeNet-5 Studio (a TOML file; docs/LABS.md)",
        "description": "Made by lenet_gui/labs/schema.py from the vocabulary. `lenet-gui lab "
                       "check FILE` applies the same rules with line numbers, and also checks "
                       "panel and perspective names, quantities and that a lab has at least two "
                       "checked tasks.",
        "type": "object",
        "properties": {
            "schema": {"const": 1}, "id": ident, "order": {"type": "integer"},
            "title": {"$ref": "#/$defs/text"}, "summary": {"$ref": "#/$defs/text"},
            "course": {"type": "string"},
            "step": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
        },
        "required": ["schema", "id", "order", "title", "summary", "step"],
        "additionalProperties": False,
        "$defs": {
            "text": _TEXT,
            "step": {
                "type": "object",
                "properties": {"id": ident, "title": {"$ref": "#/$defs/text"},
                               "text": {"$ref": "#/$defs/text"}, "perspective": {"type": "string"},
                               "panel": {"type": "string"}, "hint": {"$ref": "#/$defs/text"},
                               "task": {"$ref": "#/$defs/task"}},
                "required": ["id", "title", "text"], "additionalProperties": False,
                "if": {"properties": {"task": {"properties": {"kind": {"enum": list(CHECKED)}},
                                               "required": ["kind"]}},
                       "required": ["task"]},
                "then": {"required": ["hint"]},
            },
            "move": {"oneOf": moves},
            "task": {
                "type": "object",
                "properties": {
                    "kind": {"enum": list(KINDS)},
                    "answer": {"description": "number: a number; choice and predict: option "
                                              "indices (from 0); action: a list of moves",
                               "oneOf": [{"type": "number"}, _INDICES,
                                         {"type": "array", "items": {"$ref": "#/$defs/move"},
                                          "minItems": 1}]},
                    "compute": _QUANTITY, "reveal": _QUANTITY,
                    "tolerance": {"type": "number", "minimum": 0},
                    "rel_tolerance": {"type": "number", "minimum": 0},
                    "unit": {"type": "string"}, "ask": {"enum": ["number", "choice"]},
                    "options": {"type": "array", "items": {"$ref": "#/$defs/text"}, "minItems": 2},
                    "options_range": {"type": "array", "items": {"type": "integer"},
                                      "minItems": 2, "maxItems": 2},
                    "multiple": {"type": "boolean"},
                    "condition": {"enum": list(CONDITIONS)},
                    "args": {"type": "object"},
                    "moves": {"type": "array", "items": {"$ref": "#/$defs/move"}},
                },
                "required": ["kind"], "additionalProperties": False,
                "allOf": conditions,
            },
        },
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    import sys

    from lenet_gui.resources import resource_path

    path = resource_path("labs", "lab.schema.json")
    path.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
