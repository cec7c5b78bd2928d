"""The window is composed of parts with explicit interfaces: few base classes, no part reaching
into another's privates, every fact once in the state (the toolbar shows the state's training
state), and a window whose parts can be read by name."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import lenet_gui.gui
from lenet_gui.gui.window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GUI = Path(lenet_gui.gui.__file__).parent
# The window and its parts: no file here reads another object's `_private` names.
PARTS = [*sorted((GUI / "window").glob("*.py")), GUI / "session.py", GUI / "status.py",
         GUI / "timeline" / "window.py"]


def gui_classes() -> list[type]:
    classes = []
    for info in pkgutil.walk_packages(lenet_gui.gui.__path__, "lenet_gui.gui."):
        module = importlib.import_module(info.name)
        classes += [c for _, c in inspect.getmembers(module, inspect.isclass)
                    if c.__module__ == module.__name__]
    return classes


def test_no_class_of_the_gui_has_more_than_three_bases():
    classes = gui_classes()
    assert len(classes) > 50
    many = {f"{c.__module__}.{c.__qualname__}": len(c.__bases__) for c in classes
            if len(c.__bases__) > 3}
    assert not many
    assert len(MainWindow.__bases__) <= 2, MainWindow.__bases__


def private_reaches(path: Path) -> list[str]:
    """`x._name` where x is not self (or cls): a reach into another object's privates."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                and not node.attr.startswith("__") \
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_part_of_the_window_reaches_into_anothers_privates():
    assert len(PARTS) >= 10
    reaches = [r for path in PARTS for r in private_reaches(path)]
    assert not reaches, reaches


def test_the_check_finds_a_reach_into_privates(tmp_path):
    code = tmp_path / "part.py"
    code.write_text("def f(self, other):\n    self._mine = other._theirs\n    return self._state._pool\n")
    assert [r.split(": ")[1] for r in private_reaches(code)] == ["other._theirs", "self._state._pool"]


def test_the_training_state_is_kept_once_in_the_state():
    """Nothing but the state holds a training state of its own: no `training_state` is
    assigned anywhere in the gui (the window's is a property reading the state's)."""
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
            for t in targets:
                assert not (isinstance(t, ast.Attribute) and t.attr == "training_state"), \
                    f"{path.name}:{node.lineno}"


def test_the_toolbar_shows_the_states_training_state(shared_window):
    """Change the model, check the view: the Train action and Stop follow the state (and it
    ends idle, as it began, in the module's window)."""
    w = shared_window
    assert w.training_state == w.state.training == "idle"
    assert w.train_action.text() == "Train" and not w.stop_action.isEnabled()
    w.state.set_training("paused")
    assert w.training_state == "paused"
    assert w.train_action.text() == "Resume" and w.stop_action.isEnabled()
    w.state.set_training("running")
    assert w.train_action.text() == "Pause"
    w.state.set_training("idle")
    assert w.train_action.text() == "Train" and not w.stop_action.isEnabled()


def test_the_windows_names_are_its_parts(shared_window):
    w = shared_window
    assert w.train_action is w.commands.train_action
    assert w.docks is w.dock_host.docks and w.panel("loss") is w.dock_host.panel("loss")
    assert w.session is w.training_session.thread is None
    assert w.current_perspective is w.perspectives.current
    assert w.store is w.runs.store
    assert w.status_label is w.status.label and w.probe_spin is w.probe.spin
    with pytest.raises(AttributeError):
        w.train_action = None  # read-only: the part's own
    w.start_training()
    assert w.session is w.training_session.thread is not None
    w.stop_training()
    assert w.session is None and w.training_state == "stopped"
