"""What's This: a text for every panel, control, plot and colour bar of the window, in the
course's terms, shown by Shift+F1 (or Help ▸ What's This?) and a click.

The texts are tables declared beside what they explain: a panel's on its class (`whats_this`,
panels/_base.py; a base class's table, such as JobPanel's progress and Cancel, applies to
every panel built on it), a part of a panel on the part's class (the Explain panel's sections),
and the window's in window.py. Every text is a source in the "WhatsThis" context, so they are
translated together, and a test walks the real widget tree and fails on any control no table
names. A table maps an attribute path on its owner to a source text:

    "lr"            owner.lr
    "views.c1"      owner.views["c1"]           (a dict key, or a list / tuple index)
    "views.*"       every value of owner.views  (every item of a list)
    "views.*.1"     the second element of every item
    "menu.menuAction()"   a method called without arguments

The Panel base applies its panel's tables when the panel is put into its dock, when it is
shown, after every refresh (panels that build widgets as they draw) and on a language change;
a panel that builds widgets outside a refresh calls `apply_whats_this()` itself (the stepper,
at each step). Setting a text is skipped when it is unchanged, so applying again is cheap.
"""

from __future__ import annotations

from collections.abc import Mapping

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from lenet_gui.gui.whats_this.window import DOCK_TEXTS, LANGUAGE_TEXT, WINDOW_TEXTS

CONTEXT = "WhatsThis"
translate = QCoreApplication.translate

__all__ = ["CONTEXT", "WINDOW_TEXTS", "apply", "apply_declared", "apply_window", "declared",
           "resolve", "set_text", "text"]


def resolve(root: object, path: str) -> list[object]:
    """The objects `path` names on `root` (see the module's docstring); missing parts name
    nothing (an attribute a panel lacks, a list shorter than the index)."""
    objs = [root]
    for part in path.split("."):
        found = []
        for o in objs:
            if part == "*":
                found.extend(o.values() if isinstance(o, dict) else
                             o if isinstance(o, (list, tuple)) else ())
            elif isinstance(o, dict):
                if part in o:
                    found.append(o[part])
            elif isinstance(o, (list, tuple)):
                if part.isdigit() and int(part) < len(o):
                    found.append(o[int(part)])
            elif part.endswith("()"):
                method = getattr(o, part[:-2], None)
                if callable(method):
                    found.append(method())
            else:
                value = getattr(o, part, None)
                if value is not None:
                    found.append(value)
        objs = found
    return objs


def set_text(obj: object, text: str) -> None:
    """`text` as the What's This of `obj` (a widget or an action still alive)."""
    if isinstance(obj, (QWidget, QAction)) and shiboken6.isValid(obj) \
            and obj.whatsThis() != text:
        obj.setWhatsThis(text)


def apply(root: object, table: dict[str, str], **fields: str) -> int:
    """Give every object of `table` on `root` its text in the current language, filled in
    with `fields`; returns how many objects the table named."""
    n = 0
    for path, source in table.items():
        text = translate(CONTEXT, source)
        if fields:
            text = text.format(**fields)
        for obj in resolve(root, path):
            set_text(obj, text)
            n += 1
    return n


def declared(owner: object) -> dict[str, str]:
    """The What's This table of `owner`'s class: the `whats_this` tables of its classes, a
    base class's first, so a subclass adds to them (and may replace a path's text)."""
    table: dict[str, str] = {}
    for klass in reversed(type(owner).__mro__):
        table.update(vars(klass).get("whats_this", {}))
    return table


def text(owner: object, path: str) -> str:
    """`owner`'s declared text for `path`, in the current language: for a tooltip that says
    the same as the What's This, so that the sentence is written (and translated) once."""
    fields = getattr(owner, "whats_this_fields", {})
    source = translate(CONTEXT, declared(owner)[path])
    return source.format(**fields) if fields else source


def apply_declared(owner: object) -> int:
    """Apply `owner`'s declared table (see `declared`), its texts filled in with the class's
    `whats_this_fields`; returns how many objects it named."""
    return apply(owner, declared(owner), **getattr(owner, "whats_this_fields", {}))


def apply_window(window, panel_help: Mapping[str, str]) -> int:
    """The texts of the main window: its actions, menus, toolbar and status bar, and for each
    dock named in `panel_help` (dock name -> its panel's help, as HTML) the dock itself and the
    actions that name it."""
    n = apply(window, WINDOW_TEXTS)
    for name, help_text in panel_help.items():
        dock = window.docks.get(name)
        if dock is None:
            continue
        title = dock.windowTitle()
        if help_text:
            set_text(dock, help_text)
            n += 1
        per_dock = {"toggle": dock.toggleViewAction(),
                    "png": window.export_actions[name][0], "svg": window.export_actions[name][1],
                    "help": window.help_actions[name]}
        n += apply(per_dock, DOCK_TEXTS, title=title)
    for action in window.language_actions.values():
        set_text(action, translate(CONTEXT, LANGUAGE_TEXT).format(language=action.text()))
        n += 1
    return n
