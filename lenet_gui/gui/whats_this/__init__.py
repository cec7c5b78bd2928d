"""What's This: a text for every panel, control, plot and colour bar of the window, in the
course's terms, shown by Shift+F1 (or Help ▸ What's This?) and a click.

The texts live in tables (panels.py, window.py), not scattered through the panels, for three
reasons: one file holds every explanation, so they are written, read and translated together
(context "WhatsThis"); the panels are not touched to gain them; and a test walks the real
widget tree and fails on any control the tables miss. A table maps an attribute path on the
panel (or the window) to a source text:

    "lr"            panel.lr
    "views.c1"      panel.views["c1"]           (a dict key, or a list / tuple index)
    "views.*"       every value of panel.views  (every item of a list)
    "views.*.1"     the second element of every item
    "menu.menuAction()"   a method called without arguments

The Panel base applies its panel's table when the panel is put into its dock, when it is shown,
after every refresh (panels that build widgets as they draw) and on a language change; a panel
that builds widgets outside a refresh calls `apply_panel(self)` itself (the stepper, at each
step). Setting a text is skipped when it is unchanged, so applying again is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from .panels import COMMON_TEXTS, PANEL_TEXTS
from .window import DOCK_TEXTS, LANGUAGE_TEXT, WINDOW_TEXTS

CONTEXT = "WhatsThis"
translate = QCoreApplication.translate

__all__ = ["CONTEXT", "PANEL_TEXTS", "COMMON_TEXTS", "WINDOW_TEXTS", "apply", "apply_panel",
           "apply_window", "resolve"]


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


def _set(obj: object, text: str) -> None:
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
            _set(obj, text)
            n += 1
    return n


def _panel_help(name: str, title: str) -> str:
    from .. import help as app_help

    return app_help.panel_help_html(name, title) if name in app_help.PANEL_HELP else ""


def apply_panel(panel) -> int:
    """The texts of `panel` (a gui.panels Panel): its own (the panel's help, where a click on
    any unexplained spot of it lands) and those of its widgets."""
    name = type(panel).name
    title = translate("MainWindow", type(panel).title)
    help_text = _panel_help(name, title)
    if help_text:
        _set(panel, help_text)
    return apply(panel, COMMON_TEXTS) + apply(panel, PANEL_TEXTS.get(name, {}))


def apply_window(window, docks: Iterable[str]) -> int:
    """The texts of the main window: its actions, menus, toolbar and status bar, and for each
    dock in `docks` the dock itself (its panel's help) and the actions that name it."""
    n = apply(window, WINDOW_TEXTS)
    for name in docks:
        dock = window.docks.get(name)
        if dock is None:
            continue
        title = dock.windowTitle()
        help_text = _panel_help(name, title)
        if help_text:
            _set(dock, help_text)
            n += 1
        per_dock = {"toggle": dock.toggleViewAction(),
                    "png": window.export_actions[name][0], "svg": window.export_actions[name][1],
                    "help": window.help_actions[name]}
        n += apply(per_dock, DOCK_TEXTS, title=title)
    for action in window.language_actions.values():
        _set(action, translate(CONTEXT, LANGUAGE_TEXT).format(language=action.text()))
        n += 1
    return n

