"""Translatable display strings without Qt: the walk marks its English texts for Qt's lupdate
(context "BackpropWalk") and keeps template and arguments, so the GUI translates at display
time (`lenet_gui.gui.stepper.translate_msg`)."""

from __future__ import annotations

from lenet_gui.notation import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP", "Msg"]


class Msg(str):
    """A display string that keeps its English template and arguments, so that the GUI can
    translate it at display time (context "BackpropWalk") while this package stays Qt-free:
    `Msg(QT_TRANSLATE_NOOP("BackpropWalk", "J = {J:.4g}"), J=0.5)` is the str "J = 0.5"."""

    template: str
    args: dict

    def __new__(cls, template: str, **args) -> "Msg":
        self = super().__new__(cls, template.format(**args) if args else template)
        self.template, self.args = template, args
        return self
